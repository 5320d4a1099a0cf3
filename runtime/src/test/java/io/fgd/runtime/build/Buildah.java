package io.fgd.runtime.build;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;

/**
 * A daemonless buildah for tests, as root: chroot isolation, the vfs storage driver, its image
 * store and its own login file in a test folder, so a test shares nothing with the machine's
 * containers or another test.
 */
public final class Buildah {
  private Buildah() {}

  public static void assumeInstalled() {
    Assumptions.assumeTrue(
        Processes.onPath("buildah", System.getenv()).isPresent(),
        "buildah is not installed (apt-get install buildah)");
  }

  /** The environment that makes buildah work inside {@code folder}. */
  public static Map<String, String> environment(Path folder) throws Exception {
    Path storage = Files.createDirectories(folder.resolve("storage"));
    Path run = Files.createDirectories(folder.resolve("run"));
    Path conf = folder.resolve("storage.conf");
    Files.writeString(
        conf,
        "[storage]\ndriver = \"vfs\"\ngraphroot = \""
            + storage
            + "\"\nrunroot = \""
            + run
            + "\"\n");
    Path ownAuth = folder.resolve("own-auth.json");
    Files.writeString(ownAuth, "{}\n");
    return Map.of(
        "CONTAINERS_STORAGE_CONF",
        conf.toString(),
        "STORAGE_DRIVER",
        "vfs",
        "BUILDAH_ISOLATION",
        "chroot",
        "REGISTRY_AUTH_FILE",
        ownAuth.toString());
  }

  /**
   * Builds a base image with a shell (Debian's busybox-static) from scratch and pushes it to {@code
   * registry} as {@code base/busybox:1}, so test Dockerfiles can {@code run} commands.
   */
  public static String pushBusyboxBase(Path folder, Map<String, String> env, String registry)
      throws Exception {
    Path busybox = Path.of("/bin/busybox");
    Assumptions.assumeTrue(Files.isExecutable(busybox), "busybox-static is not installed");
    Path context = Files.createDirectories(folder.resolve("busybox-base"));
    Path bin = Files.createDirectories(context.resolve("bin"));
    Files.copy(busybox, bin.resolve("busybox"));
    Files.createSymbolicLink(bin.resolve("sh"), Path.of("busybox"));
    Files.writeString(context.resolve("Dockerfile"), "FROM scratch\nCOPY bin /bin\n");
    String image = registry + "/base/busybox:1";
    Processes p = Processes.plain().withEnvironment(env);
    run(p, List.of("buildah", "build", "--tag", image, context.toString()));
    run(p, List.of("buildah", "push", "--tls-verify=false", image));
    return image;
  }

  static void run(Processes p, List<String> argv) throws Exception {
    StringBuilder out = new StringBuilder();
    Processes.Result r = p.run(argv, null, null, l -> out.append(l).append('\n'), 300);
    if (!r.ok()) {
      throw new IllegalStateException(argv + " failed:\n" + out);
    }
  }
}
