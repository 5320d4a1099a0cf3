package io.fgd.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bin/fgd as a user runs it: which Java it starts, and the class archive it makes for that Java (a
 * dynamic CDS archive on 17 to 24, an AOT cache on 25 and later). Each test runs the real bin/fgd
 * from a copy of the tree's layout in a temporary folder (bin/fgd, a link to target/fgd.jar, the
 * example specs), so the archives it writes stay there. It needs the packaged jar: Maven runs it
 * after the package phase (cli/pom.xml, execution "bin-fgd").
 *
 * <p>The AOT test needs a JDK 25 or later: the java named by {@code FGD_JAVA} in the test's
 * environment (.ci/run exports it when the machine has one). Without one it is skipped, saying so.
 */
class BinFgdIT {
  static final Path REPO = Path.of("").toAbsolutePath().getParent();
  static final Path JAR = REPO.resolve("cli/target/fgd.jar");

  @TempDir Path tmp;
  Path root;
  Path target;

  @BeforeEach
  void layOut() throws IOException {
    assumeTrue(Files.isRegularFile(JAR), "no " + JAR + ": run after mvn package (mvn verify)");
    root = tmp.resolve("fgd");
    target = Files.createDirectories(root.resolve("cli/target"));
    Files.createDirectories(root.resolve("bin"));
    Files.copy(REPO.resolve("bin/fgd"), root.resolve("bin/fgd"));
    Files.createSymbolicLink(target.resolve("fgd.jar"), JAR);
    Files.createDirectories(root.resolve("specs"));
    Files.createSymbolicLink(
        root.resolve("specs/examples"), MainTest.SPECS.resolve("examples").toAbsolutePath());
  }

  record Run(int exit, String out, String err) {}

  Run fgd(Map<String, String> env, String... args) throws IOException, InterruptedException {
    List<String> command = new java.util.ArrayList<>(List.of(root.resolve("bin/fgd").toString()));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).directory(tmp.toFile());
    pb.environment().remove("FGD_JAVA");
    pb.environment().remove("FGD_JAVA_OPTS");
    pb.environment().remove("FGD_NO_CDS");
    pb.environment().putAll(env);
    Path out = tmp.resolve("out-" + System.nanoTime());
    Path err = tmp.resolve("err-" + System.nanoTime());
    Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    assertTrue(p.waitFor(180, TimeUnit.SECONDS), "bin/fgd " + List.of(args) + " did not finish");
    return new Run(
        p.exitValue(),
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }

  static String thisJava() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  @Test
  void aMissingFgdJavaIsNamedWithoutAStackTrace() throws Exception {
    String missing = tmp.resolve("no-such-jdk/bin/java").toString();
    Run r = fgd(Map.of("FGD_JAVA", missing), "--version");
    assertEquals(1, r.exit(), r.err());
    assertEquals(
        "fgd: "
            + missing
            + " (from FGD_JAVA) is not an executable file: fgd needs Java 17 or later\n",
        r.err());
    assertEquals("", r.out());
  }

  @Test
  void aFgdJavaWithoutSlashIsLookedUpOnThePath() throws Exception {
    Path bin = Path.of(thisJava()).getParent();
    Run r =
        fgd(
            Map.of("FGD_JAVA", "java", "PATH", bin + ":/usr/bin:/bin", "FGD_NO_CDS", "1"),
            "--version");
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().startsWith("fgd "), r.out());
    Run missing = fgd(Map.of("FGD_JAVA", "no-such-java"), "--version");
    assertEquals(1, missing.exit(), missing.err());
    assertEquals(
        "fgd: no-such-java (from FGD_JAVA) is not an executable file: fgd needs Java 17 or later\n",
        missing.err());
  }

  @Test
  void aJavaHomeWithoutJavaIsNamed() throws Exception {
    String home = Files.createDirectories(tmp.resolve("empty-jdk")).toString();
    Run r = fgd(Map.of("JAVA_HOME", home), "--version");
    assertEquals(1, r.exit(), r.err());
    assertEquals(
        "fgd: "
            + home
            + "/bin/java (from JAVA_HOME) is not an executable file: fgd needs Java 17 or later\n",
        r.err());
  }

  /** Below 25, today's dynamic CDS archive; the JVM refuses to start with -Xshare:on without it. */
  @Test
  void beforeJdk25ItMakesAndMapsACdsArchive() throws Exception {
    assumeTrue(
        Runtime.version().feature() < 25, "the tests' JVM is 25 or later: no JDK before 25 here");
    Map<String, String> env = Map.of("FGD_JAVA", thisJava());
    Run first = fgd(env, "--version");
    assertEquals(0, first.exit(), first.err());
    assertTrue(first.out().startsWith("fgd "), first.out());
    assertTrue(Files.size(target.resolve("fgd-offline.jsa")) > 0, "no archive made");
    assertFalse(Files.exists(target.resolve("fgd-offline.aot")), "an AOT cache on JDK 17-24");
    Run mapped = fgd(Map.of("FGD_JAVA", thisJava(), "FGD_JAVA_OPTS", "-Xshare:on"), "--version");
    assertEquals(0, mapped.exit(), mapped.err());
  }

  /**
   * A java without a JDK's "release" file beside it (a wrapper script here): its version comes from
   * one {@code java -version}, kept in cli/target/java-versions, and not asked again.
   */
  @Test
  void aJavaWithoutReleaseFileIsAskedItsVersionOnce() throws Exception {
    Path calls = tmp.resolve("calls.txt");
    Path wrapper = Files.createDirectories(tmp.resolve("wrapped/bin")).resolve("java");
    Files.writeString(
        wrapper, "#!/bin/sh\necho \"$*\" >>'" + calls + "'\nexec '" + thisJava() + "' \"$@\"\n");
    Files.setPosixFilePermissions(wrapper, PosixFilePermissions.fromString("rwxr-xr-x"));
    Map<String, String> env = Map.of("FGD_JAVA", wrapper.toString(), "FGD_NO_CDS", "1");
    assertEquals(0, fgd(env, "--version").exit());
    assertEquals(0, fgd(env, "--version").exit());
    long versionCalls =
        Files.readAllLines(calls).stream().filter(line -> line.equals("-version")).count();
    assertEquals(1, versionCalls, Files.readString(calls));
    String versions = Files.readString(target.resolve("java-versions"));
    assertTrue(
        versions.startsWith(wrapper.toRealPath() + " ")
            && versions.strip().endsWith("\t" + Runtime.version().feature()),
        versions);
  }

  /**
   * On 25 and later: an AOT cache per kind of command, trained by CdsTraining, and used: with
   * -XX:AOTMode=on the JVM refuses to start unless it maps the cache (made from this jar, by this
   * JDK, with these flags).
   */
  @Test
  void fromJdk25ItMakesAndUsesAnAotCache() throws Exception {
    String java = System.getenv("FGD_JAVA");
    assumeTrue(
        java != null && feature(Path.of(java)) >= 25,
        "FGD_JAVA names no JDK 25 or later (it is " + java + "): the AOT cache is not tested");
    Run plan = fgd(Map.of("FGD_JAVA", java), "plan", "--help");
    assertEquals(0, plan.exit(), plan.err());
    assertTrue(plan.out().startsWith("Usage: fgd plan"), plan.out());
    assertEquals("", plan.err());
    assertTrue(Files.size(target.resolve("fgd-aws.aot")) > 0, "no AOT cache made");
    assertFalse(Files.exists(target.resolve("fgd-aws.aot.failed")), "the training failed");
    assertFalse(Files.exists(target.resolve("fgd-aws.jsa")), "a CDS archive on JDK 25");
    Run on = fgd(Map.of("FGD_JAVA", java, "FGD_JAVA_OPTS", "-XX:AOTMode=on"), "plan", "--help");
    assertEquals(0, on.exit(), on.err());
    assertEquals(plan.out(), on.out());
    // The offline kind has its own.
    Run version = fgd(Map.of("FGD_JAVA", java, "FGD_JAVA_OPTS", "-XX:AOTMode=on"), "--version");
    assertEquals(0, version.exit(), version.err());
    assertTrue(Files.size(target.resolve("fgd-offline.aot")) > 0, "no offline AOT cache made");
  }

  /** The JDK's feature version from its "release" file (JAVA_VERSION="25.0.3"), or 0. */
  static int feature(Path java) throws IOException {
    Path release = java.toRealPath().getParent().getParent().resolve("release");
    if (!Files.isRegularFile(release)) {
      return 0;
    }
    for (String line : Files.readAllLines(release)) {
      if (line.startsWith("JAVA_VERSION=")) {
        String v = line.substring("JAVA_VERSION=".length()).replace("\"", "");
        return Integer.parseInt(v.split("[^0-9]")[0]);
      }
    }
    return 0;
  }
}
