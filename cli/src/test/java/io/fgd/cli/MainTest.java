package io.fgd.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Drives the command line through {@link Main#run} and checks both streams and exit codes. */
class MainTest {
  static final Path SPECS = Path.of(System.getProperty("fgd.specs.dir", "../specs"));
  static final String EXAMPLE = SPECS.resolve("examples/sheets.fgd").toString();
  static final String VALID_MINIMAL =
      """
      app shop {
        region us-east-1
        account 123456789012
        cluster shop
        execution_role "arn:aws:iam::123456789012:role/ecsTaskExecutionRole"
        network {
          subnets subnet-0a1b2c3d
          security_groups sg-0123456789abcdef0
        }
      }
      service web {
        image "nginx:1.27.3"
        port 80
        health "curl -f http://localhost/ || exit 1"
      }
      """;

  @TempDir Path tmp;

  record Run(int code, String out, String err) {}

  static Run run(Map<String, String> env, boolean terminal, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        Main.run(
            new Terminal(new PrintWriter(out, true), new PrintWriter(err, true), env, terminal),
            args);
    return new Run(code, out.toString(), err.toString());
  }

  static Run run(String... args) {
    return run(Map.of(), false, args);
  }

  Path write(String name, String text) throws IOException {
    Path file = tmp.resolve(name);
    Files.writeString(file, text);
    return file;
  }

  @Test
  void helpListsCommandsAndExitCodes() {
    Run r = run("--help");
    assertEquals(0, r.code());
    assertTrue(r.out().contains("compile"), r.out());
    assertTrue(r.out().contains("validate"), r.out());
    assertTrue(r.out().contains("64   usage error"), r.out());
  }

  static Run runPicocli(Map<String, String> env, boolean terminal, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        Main.runPicocli(
            new Terminal(new PrintWriter(out, true), new PrintWriter(err, true), env, terminal),
            args);
    return new Run(code, out.toString(), err.toString());
  }

  @Test
  void rootHelpPrintedWithoutPicocliIsExactlyWhatPicocliPrints() {
    // The build renders both colour schemes (cli/pom.xml); without them the fast path declines
    // and this test would compare picocli with itself, so first make sure they are there.
    assertTrue(RootHelp.text(false).isPresent(), "plain root help not rendered by the build");
    assertTrue(RootHelp.text(true).isPresent(), "colour root help not rendered by the build");
    String[][] argLists = {
      {},
      {"--help"},
      {"-h"},
      {"--no-color", "--help"},
      {"--help", "--no-color"},
      {"--debug", "-h"},
      {"--no-color"},
      {"--debug"},
      {"--help", "--help"},
      {"-h", "--help"},
      {"-hV"},
    };
    for (Map<String, String> env : List.of(Map.<String, String>of(), Map.of("NO_COLOR", "1"))) {
      for (boolean terminal : new boolean[] {false, true}) {
        for (String[] args : argLists) {
          String what = List.of(args) + " env=" + env + " terminal=" + terminal;
          Run fast = run(env, terminal, args);
          Run picocli = runPicocli(env, terminal, args);
          assertEquals(picocli.code(), fast.code(), what);
          assertEquals(picocli.out(), fast.out(), what);
          assertEquals(picocli.err(), fast.err(), what);
        }
      }
    }
    assertTrue(run(Map.of(), true, "--help").out().contains("\u001b["), "colour on a terminal");
    assertFalse(run(Map.of(), false, "--help").out().contains("\u001b["), "plain otherwise");
    assertEquals(ExitCodes.USAGE, run().code());
    assertTrue(run().err().startsWith("Usage: fgd"), run().err());
  }

  @Test
  void noColorAlsoAppliesToHelpPrintedWhileParsing() {
    Run coloured = run(Map.of(), true, "compile", "--help");
    assertTrue(coloured.out().contains("\u001b["), coloured.out());
    for (String[] args :
        new String[][] {
          {"compile", "--no-color", "--help"}, {"--no-color", "validate", "--help"},
        }) {
      Run plain = run(Map.of(), true, args);
      assertEquals(0, plain.code(), List.of(args).toString());
      assertFalse(plain.out().contains("\u001b["), List.of(args) + ": " + plain.out());
    }
  }

  @Test
  void everyCommandHasHelpWithAnExample() {
    for (String command : new String[] {"compile", "validate"}) {
      Run r = run(command, "--help");
      assertEquals(0, r.code(), command);
      assertTrue(r.out().contains("Example:"), command + ": " + r.out());
      assertTrue(r.out().contains("Exit codes:"), command + ": " + r.out());
    }
  }

  @Test
  void noCommandIsAUsageError() {
    Run r = run();
    assertEquals(ExitCodes.USAGE, r.code());
    assertTrue(r.err().contains("Usage: fgd"), r.err());
  }

  @Test
  void unknownOptionIsAUsageErrorWithAHint() {
    Run r = run("validate", "--strcit", EXAMPLE);
    assertEquals(ExitCodes.USAGE, r.code());
    assertTrue(r.err().contains("Unknown option: '--strcit'"), r.err());
    assertTrue(r.err().contains("Try 'fgd validate --help'"), r.err());
  }

  @Test
  void unknownCommandSuggestsTheClosestAndIsAUsageError() {
    Run r = run("aply", EXAMPLE);
    assertEquals(ExitCodes.USAGE, r.code());
    assertEquals("", r.out());
    assertTrue(r.err().startsWith("Error: 'aply' is not a command of fgd."), r.err());
    assertTrue(r.err().contains("Did you mean \"apply\"?"), r.err());
    assertFalse(r.err().contains("Unmatched argument"), r.err());
    Run far = run("--no-color", "deploy");
    assertEquals(ExitCodes.USAGE, far.code());
    assertFalse(far.err().contains("Did you mean"), far.err());
    assertTrue(far.err().contains("The commands are: compile, validate, build, plan"), far.err());
    Run nested = run("sandbox", "strat");
    assertEquals(ExitCodes.USAGE, nested.code());
    assertTrue(
        nested.err().startsWith("Error: 'strat' is not a command of fgd sandbox."), nested.err());
    assertTrue(nested.err().contains("Did you mean \"start\"?"), nested.err());
  }

  @Test
  void importTakesItsRegionFromAwsDefaultRegionToo() {
    // Credentials as system properties (the SDK's chain reads them), so that the command gets as
    // far as calling the endpoint, whose error names the region.
    System.setProperty("aws.accessKeyId", "AKIAIOSFODNN7EXAMPLE");
    System.setProperty("aws.secretAccessKey", "test-secret");
    try {
      Run r =
          run(
              Map.of("AWS_DEFAULT_REGION", "eu-west-3"),
              false,
              "import",
              "--cluster",
              "c",
              "--endpoint-url",
              "http://127.0.0.1:9");
      assertEquals(ExitCodes.ERROR, r.code(), r.err());
      assertTrue(r.err().contains("at http://127.0.0.1:9 in eu-west-3"), r.err());
    } finally {
      System.clearProperty("aws.accessKeyId");
      System.clearProperty("aws.secretAccessKey");
    }
  }

  @Test
  void validateAcceptsAValidSpec() throws IOException {
    Run r = run("validate", write("shop.fgd", VALID_MINIMAL).toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("is valid"), r.out());
    assertEquals("", r.err());
  }

  @Test
  void validateWithCostPrintsTheMonthlyCostOfTheSettingsExample() {
    Run r = run("validate", "--cost", "../specs/examples/settings.fgd");
    assertEquals(0, r.code(), r.err());
    assertEquals(
        "../specs/examples/settings.fgd is valid.\n"
            + "Monthly cost, Fargate on-demand in us-east-1 (730 hours, AWS prices of 2026-10-09):\n"
            + "  consumer  1 task x 1 vCPU, 2 GB, 50 GiB disk, arm64  $31.27\n"
            + "Total: $31.27 a month (compute and storage only: load balancers, logs, data transfer"
            + " and public IPs are billed apart).\n",
        r.out());
  }

  @Test
  void validateReportsEveryErrorLocatedAndExitsOne() throws IOException {
    Path spec = write("bad.fgd", VALID_MINIMAL.replace("port 80", "prot 80\n  memroy 512"));
    Run r = run("validate", spec.toString());
    assertEquals(ExitCodes.ERROR, r.code());
    assertEquals("", r.out());
    assertTrue(r.err().contains(spec + ":13:3"), r.err());
    assertTrue(r.err().contains("Did you mean \"port\"?"), r.err());
    assertTrue(r.err().contains(spec + ":14:3"), r.err());
    assertTrue(r.err().contains("Did you mean \"memory\"?"), r.err());
    assertTrue(r.err().contains("2 errors in"), r.err());
    assertFalse(r.err().contains("Exception"), r.err());
  }

  @Test
  void missingSpecFileIsOneSentence() {
    Run r = run("validate", tmp.resolve("nope.fgd").toString());
    assertEquals(ExitCodes.ERROR, r.code());
    assertEquals("Error: " + tmp.resolve("nope.fgd") + " does not exist.\n", r.err());
  }

  @Test
  void invalidUtf8IsRefusedWithASentence() throws IOException {
    Path spec = tmp.resolve("latin1.fgd");
    Files.write(spec, new byte[] {'a', 'p', 'p', ' ', (byte) 0xE9, '\n'});
    Run r = run("validate", spec.toString());
    assertEquals(ExitCodes.ERROR, r.code());
    assertTrue(r.err().contains("is not valid UTF-8"), r.err());
  }

  @Test
  void compileWritesEveryFileAndListsThem() throws IOException {
    Path out = tmp.resolve("out");
    Run r = run("compile", write("shop.fgd", VALID_MINIMAL).toString(), "--out", out.toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(Files.exists(out.resolve(".fgd-output")));
    try (var files = Files.walk(out)) {
      long written = files.filter(Files::isRegularFile).count() - 1;
      long listed = r.out().lines().filter(l -> l.startsWith("  ")).count();
      assertEquals(written, listed, r.out());
    }
  }

  @Test
  void compileWithErrorsWritesNothingAndKeepsThePreviousOutput() throws IOException {
    Path out = tmp.resolve("out");
    Path spec = write("shop.fgd", VALID_MINIMAL);
    assertEquals(0, run("compile", spec.toString(), "--out", out.toString()).code());
    Path marker = out.resolve(".fgd-output");
    String before = Files.readString(marker);
    Files.writeString(spec, VALID_MINIMAL.replace("port 80", "port 80/sctp"));
    Run r = run("compile", spec.toString(), "--out", out.toString());
    assertEquals(ExitCodes.ERROR, r.code());
    assertEquals("", r.out());
    assertEquals(before, Files.readString(marker));
    try (var entries = Files.list(tmp)) {
      assertEquals(2, entries.count(), "no temporary folders left behind");
    }
  }

  @Test
  void compileRefusesToReplaceAFolderItDidNotWrite() throws IOException {
    Path mine = Files.createDirectories(tmp.resolve("mine"));
    Files.writeString(mine.resolve("notes.txt"), "precious");
    Run r = run("compile", write("shop.fgd", VALID_MINIMAL).toString(), "--out", mine.toString());
    assertEquals(ExitCodes.ERROR, r.code());
    assertTrue(r.err().contains("was not written by fgd"), r.err());
    assertEquals("precious", Files.readString(mine.resolve("notes.txt")));
  }

  @Test
  void compileWithoutImageTagForABuiltServiceSaysWhatToPass() {
    Run r = run("compile", EXAMPLE, "--out", tmp.resolve("out").toString());
    assertEquals(ExitCodes.ERROR, r.code());
    assertTrue(r.err().contains("Pass --image-tag"), r.err());
    assertFalse(Files.exists(tmp.resolve("out")));
  }

  @Test
  void strictMakesCredentialLookingValuesErrors() throws IOException {
    String spec =
        write(
                "leaky.fgd",
                VALID_MINIMAL.replace("port 80", "port 80\n  env DB_PASSWORD = \"hunter2hunter2\""))
            .toString();
    Run lenient = run("validate", spec);
    assertEquals(0, lenient.code(), lenient.err());
    assertTrue(lenient.err().startsWith("Warning:"), lenient.err());
    Run strict = run("validate", "--strict", spec);
    assertEquals(ExitCodes.ERROR, strict.code());
    assertTrue(
        strict.err().contains("Error:") && strict.err().contains(spec + ":14:"), strict.err());
    assertTrue(strict.err().contains("because of --strict"), strict.err());
    assertFalse(
        strict.err().contains("hunter2hunter2\""), "the value is never repeated: " + strict.err());
    Path out = tmp.resolve("strict-out");
    assertEquals(ExitCodes.ERROR, run("compile", "--strict", spec, "--out", out.toString()).code());
    assertFalse(Files.exists(out), "nothing written");
  }

  @Test
  void colourOnlyOnATerminalAndNeverWithNoColor() throws IOException {
    String bad = write("bad.fgd", VALID_MINIMAL.replace("port 80", "prot 80")).toString();
    assertTrue(run(Map.of(), true, "validate", bad).err().contains("\u001b["), "terminal: colour");
    assertFalse(run(Map.of(), false, "validate", bad).err().contains("\u001b["), "pipe: none");
    assertFalse(
        run(Map.of("NO_COLOR", ""), true, "validate", bad).err().contains("\u001b["), "NO_COLOR");
    assertFalse(
        run(Map.of(), true, "--no-color", "validate", bad).err().contains("\u001b["), "--no-color");
    assertFalse(
        run(Map.of(), true, "validate", "--no-color", bad).err().contains("\u001b["), "inherited");
  }

  @Test
  void fmtRewritesAndCheckReportsFilesThatWouldChange() throws IOException {
    Path messy = write("messy.fgd", "app a {\r\nregion   us-east-1\r\n}");
    Path tidy = write("tidy.fgd", "app a {\n  region us-east-1\n}\n");
    Run check = run("fmt", "--check", messy.toString(), tidy.toString());
    assertEquals(1, check.code(), check.err());
    assertEquals(messy + System.lineSeparator(), check.out());
    assertEquals(
        "app a {\r\nregion   us-east-1\r\n}", Files.readString(messy), "--check changes nothing");
    Run fmt = run("fmt", tmp.toString());
    assertEquals(0, fmt.code(), fmt.err());
    assertEquals(messy + System.lineSeparator(), fmt.out());
    assertEquals("app a {\n  region us-east-1\n}\n", Files.readString(messy));
    assertEquals(0, run("fmt", "--check", messy.toString(), tidy.toString()).code());
  }

  @Test
  void fmtKeepsTheModeOfTheFileItRewrites() throws IOException {
    Path messy = write("messy.fgd", "app a {\nregion   us-east-1\n}\n");
    var mode = java.nio.file.attribute.PosixFilePermissions.fromString("rw-r-----");
    Files.setPosixFilePermissions(messy, mode);
    Run fmt = run("fmt", messy.toString());
    assertEquals(0, fmt.code(), fmt.err());
    assertEquals("app a {\n  region us-east-1\n}\n", Files.readString(messy));
    assertEquals(mode, Files.getPosixFilePermissions(messy));
  }

  @Test
  void fmtLeavesFilesWithSyntaxErrorsUntouched() throws IOException {
    Path broken = write("broken.fgd", "app a {\n  region\n}\n");
    Run fmt = run("fmt", broken.toString());
    assertEquals(1, fmt.code());
    assertTrue(fmt.err().contains("Missing value"), fmt.err());
    assertEquals("app a {\n  region\n}\n", Files.readString(broken));
  }

  @Test
  void stageAndVarSelectWhatIsCompiled() throws IOException {
    String staged = SPECS.resolve("examples/staged.fgd").toString();
    Run none = run("validate", staged);
    assertEquals(1, none.code());
    assertTrue(none.err().contains("Choose one with --stage"), none.err());
    Run typo = run("validate", staged, "--stage", "prdo");
    assertTrue(typo.err().contains("Did you mean \"prod\"?"), typo.err());
    Path out = tmp.resolve("out");
    Run compile =
        run(
            Map.of("FGD_VAR_image_tag", "from-env"),
            false,
            "compile",
            staged,
            "--stage",
            "prod",
            "--out",
            out.toString());
    assertEquals(0, compile.code(), compile.err());
    assertTrue(Files.readString(out.resolve("api/taskdef.json")).contains("orders/api:from-env"));
    Run cli =
        run(
            "compile",
            staged,
            "--stage",
            "staging",
            "--var",
            "image_tag=v9",
            "--out",
            out.toString());
    assertEquals(0, cli.code(), cli.err());
    assertTrue(Files.readString(out.resolve("api/taskdef.json")).contains("orders/api:v9"));
    Run unknown = run("validate", staged, "--stage", "prod", "--var", "image_tga=1");
    assertEquals(1, unknown.code());
    assertTrue(unknown.err().contains("Did you mean \"image_tag\"?"), unknown.err());
  }
}
