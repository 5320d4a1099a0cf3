package io.fgd.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fgd.runtime.build.Buildah;
import io.fgd.runtime.build.LocalRegistry;
import io.fgd.runtime.build.Processes;
import io.fgd.runtime.moto.MotoServer;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The image tag default, the same for build, plan and apply: a spec in a real git repository (made
 * in a temporary folder) is planned, applied and built with the commit's short SHA as the tag, and
 * with {@code -dirty} and a warning once a tracked file changes.
 */
class ImageTagDefaultIT {
  @TempDir Path tmp;

  URI endpoint;
  Path repo;
  Path spec;
  String sha;

  @BeforeEach
  void repository() throws Exception {
    endpoint = MotoServer.shared().endpoint();
    System.setProperty("aws.accessKeyId", "test");
    System.setProperty("aws.secretAccessKey", "test");
    MotoServer.shared().reset();
    repo = Files.createDirectories(tmp.resolve("repo"));
    Path deploy = Files.createDirectories(repo.resolve("deploy"));
    Files.writeString(deploy.resolve("hello.txt"), "hello\n");
    spec =
        Files.writeString(
            deploy.resolve("shop.fgd"), BuildCommandIT.spec("registry \"127.0.0.1:9\""));
    git("init", "-q");
    git("add", ".");
    git("commit", "-q", "-m", "first");
    sha = git("rev-parse", "HEAD").substring(0, 12);
  }

  String git(String... args) throws Exception {
    List<String> argv = new ArrayList<>(List.of("git", "-C", repo.toString()));
    argv.addAll(
        List.of(
            "-c",
            "user.name=t",
            "-c",
            "user.email=t@example.invalid",
            "-c",
            "commit.gpgsign=false"));
    argv.addAll(List.of(args));
    List<String> out = new ArrayList<>();
    assertEquals(
        0, Processes.plain().run(argv, null, null, out::add, 60).exitCode(), out.toString());
    return String.join("\n", out).strip();
  }

  MainTest.Run plan() {
    return MainTest.run("plan", spec.toString(), "--endpoint-url", endpoint.toString());
  }

  @Test
  void planUsesTheCommitsShortSha() {
    MainTest.Run r = plan();
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("127.0.0.1:9/shop/web:" + sha + "\""), r.out());
    assertEquals("", r.err());
  }

  @Test
  void aChangedTrackedFileMakesTheTagDirtyWithAWarning() throws Exception {
    Files.writeString(repo.resolve("deploy/hello.txt"), "changed\n");
    MainTest.Run r = plan();
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("/shop/web:" + sha + "-dirty\""), r.out());
    assertEquals(
        "Warning: the git work tree has uncommitted changes to tracked files, so images are tagged "
            + sha
            + "-dirty: commit them for a tag that names what was built.\n",
        r.err());
  }

  @Test
  void applyDeploysTheSameTag() {
    MainTest.Run r =
        MainTest.run(
            "apply",
            spec.toString(),
            "--endpoint-url",
            endpoint.toString(),
            "--auto-approve",
            "--no-wait");
    // moto's CreateService wants subnets its EC2 knows: the task definition is registered first
    assertTrue(r.out().contains("/shop/web:" + sha), r.out() + r.err());
  }

  @Test
  void buildTagsTheImageWithIt() throws Exception {
    Buildah.assumeInstalled();
    try (LocalRegistry registry = LocalRegistry.start(tmp.resolve("registry"))) {
      Files.writeString(spec, BuildCommandIT.spec("registry \"" + registry.address() + "\""));
      git("commit", "-q", "-am", "the registry");
      String head = git("rev-parse", "HEAD").substring(0, 12);
      Map<String, String> env = new HashMap<>(Buildah.environment(tmp.resolve("buildah")));
      env.put("PATH", System.getenv("PATH"));
      MainTest.Run r = MainTest.run(env, false, "build", spec.toString(), "--push");
      assertEquals(0, r.code(), r.err() + r.out());
      assertTrue(
          r.out().contains("web: built and pushed " + registry.address() + "/shop/web:" + head),
          r.out());
      assertFalse(r.err().contains("Warning"), r.err());
    }
  }
}
