package io.fgd.runtime.sandbox;

import io.fgd.compiler.output.AtomicFiles;
import io.fgd.runtime.FgdRuntimeException;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;

/**
 * moto, the AWS emulator written in Python that fgd's sandbox and integration tests run: a real
 * server speaking the AWS wire protocols over HTTP on loopback. It is installed on first use into a
 * virtualenv keyed by the hash of the pinned {@code moto-requirements.txt}, under {@code
 * $FGD_MOTO_VENV} or {@code ~/.cache/fgd/moto-<hash>}, so later runs start at once.
 */
public final class Moto {
  private static final String REQUIREMENTS = "moto-requirements.txt";

  private Moto() {}

  /** The virtualenv with moto installed, installing it first if needed. */
  public static synchronized Path install() throws FgdRuntimeException {
    byte[] requirements;
    try (InputStream in = Moto.class.getResourceAsStream(REQUIREMENTS)) {
      if (in == null) {
        throw new IllegalStateException(REQUIREMENTS + " is missing from the build");
      }
      requirements = in.readAllBytes();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    String override = System.getenv("FGD_MOTO_VENV");
    Path venv =
        override != null && !override.isBlank()
            ? Path.of(override)
            : Path.of(
                System.getProperty("user.home"),
                ".cache",
                "fgd",
                "moto-" + sha256(requirements).substring(0, 12));
    return install(venv, requirements);
  }

  /**
   * Installs moto into {@code venv} unless it is there. Other processes installing into the same
   * place at the same time (two first {@code --sandbox} runs, parallel test JVMs) wait for the
   * first: the installation is guarded by a lock file beside the virtualenv, and whoever gets the
   * lock looks again whether the one before it finished.
   */
  static synchronized Path install(Path venv, byte[] requirements) throws FgdRuntimeException {
    Path marker = venv.resolve(".fgd-installed");
    if (Files.exists(marker)) {
      return venv;
    }
    try (InterProcessLock lock = InterProcessLock.acquire(lockFile(venv))) {
      if (Files.exists(marker)) {
        return venv;
      }
      installUnlocked(venv, requirements, marker);
    } catch (IOException e) {
      throw new FgdRuntimeException(
          "Could not lock " + lockFile(venv) + " to install moto: " + e.getMessage(), e);
    }
    return venv;
  }

  /** The file whose lock guards installing into {@code venv}. */
  static Path lockFile(Path venv) {
    Path absolute = venv.toAbsolutePath().normalize();
    return absolute.resolveSibling(absolute.getFileName() + ".lock");
  }

  private static void installUnlocked(Path venv, byte[] requirements, Path marker)
      throws FgdRuntimeException {
    String python = findPython();
    try {
      Files.createDirectories(venv.getParent());
      run(
          List.of(python, "-m", "venv", "--clear", venv.toString()),
          "create a virtualenv for moto in " + venv);
      Path reqFile = venv.resolve(REQUIREMENTS);
      AtomicFiles.write(reqFile, requirements);
      run(
          List.of(
              venv.resolve("bin/python").toString(),
              "-m",
              "pip",
              "install",
              "--quiet",
              "--disable-pip-version-check",
              "-r",
              reqFile.toString()),
          "install moto from PyPI (pip install -r " + reqFile + ")");
      AtomicFiles.write(marker, "ok\n".getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new FgdRuntimeException("Could not install moto in " + venv + ": " + e.getMessage(), e);
    }
  }

  /**
   * Starts {@code moto_server} on {@code 127.0.0.1:port}, its output going to {@code log}, and
   * waits until it answers. The process is not tied to this JVM: callers that want it gone stop it.
   */
  public static Process start(Path venv, int port, Path log) throws FgdRuntimeException {
    return start(venv, port, log, java.util.Map.of());
  }

  /** The same, with extra environment variables for moto (such as its request recorder's). */
  public static Process start(Path venv, int port, Path log, java.util.Map<String, String> env)
      throws FgdRuntimeException {
    return start(
        List.of(
            venv.resolve("bin/moto_server").toString(),
            "-H",
            "127.0.0.1",
            "-p",
            Integer.toString(port)),
        port,
        log,
        env);
  }

  /**
   * moto as the sandbox runs it, with two adjustments made in moto's own process, and nothing else
   * changed:
   *
   * <ul>
   *   <li>ECS accepts any subnet and security group ids: a spec's network ids cannot exist in a
   *       fresh emulator (moto makes up EC2 ids and cannot be given chosen ones);
   *   <li>CreateService keeps {@code deploymentConfiguration}, {@code enableECSManagedTags} and
   *       {@code healthCheckGracePeriodSeconds}, which moto 5.2.5 accepts and then forgets (its
   *       UpdateService keeps them already), so apply followed by plan shows no changes.
   * </ul>
   *
   * The integration tests run moto as released.
   */
  public static Process startForSandbox(Path venv, int port, Path log) throws FgdRuntimeException {
    String launcher =
        String.join(
            "\n",
            "import sys",
            "from moto.ecs import models, responses",
            "from moto.core.utils import camelcase_to_underscores",
            "models.Service._validate_network = lambda self, network: network",
            "_create = responses.EC2ContainerServiceResponse.create_service",
            "def create_service(self):",
            "    result = _create(self)",
            "    service = result._result['service']",
            "    for key in ('deploymentConfiguration', 'enableECSManagedTags', 'healthCheckGracePeriodSeconds'):",
            "        value = self._get_param(key)",
            "        if value is not None:",
            "            setattr(service, camelcase_to_underscores(key), value)",
            "    return result",
            "responses.EC2ContainerServiceResponse.create_service = create_service",
            "from moto.server import main",
            "sys.exit(main(['-H', '127.0.0.1', '-p', '" + port + "']))");
    return start(
        List.of(venv.resolve("bin/python").toString(), "-c", launcher),
        port,
        log,
        java.util.Map.of());
  }

  private static Process start(
      List<String> command, int port, Path log, java.util.Map<String, String> env)
      throws FgdRuntimeException {
    URI endpoint = endpoint(port);
    try {
      Files.createDirectories(log.toAbsolutePath().getParent());
      ProcessBuilder builder = new ProcessBuilder(command);
      builder.environment().putAll(env);
      Process process = builder.redirectErrorStream(true).redirectOutput(log.toFile()).start();
      Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
      while (!answers(endpoint)) {
        if (!process.isAlive()) {
          throw new FgdRuntimeException(
              "The local ECS emulator (moto) stopped at start with exit code "
                  + process.exitValue()
                  + ". Its output is in "
                  + log
                  + ".");
        }
        if (Instant.now().isAfter(deadline)) {
          process.destroy();
          throw new FgdRuntimeException(
              "The local ECS emulator (moto) did not answer within 60s. Its output is in "
                  + log
                  + ".");
        }
        Thread.sleep(100);
      }
      return process;
    } catch (IOException e) {
      throw new FgdRuntimeException(
          "Could not start the local ECS emulator (moto): " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new FgdRuntimeException("Interrupted while starting the local ECS emulator (moto).", e);
    }
  }

  public static URI endpoint(int port) {
    return URI.create("http://127.0.0.1:" + port);
  }

  /** Whether a moto server answers at the endpoint. */
  public static boolean answers(URI endpoint) {
    try {
      HttpURLConnection c =
          (HttpURLConnection) endpoint.resolve("/moto-api/").toURL().openConnection();
      c.setConnectTimeout(500);
      c.setReadTimeout(2000);
      return c.getResponseCode() == 200;
    } catch (IOException e) {
      return false;
    }
  }

  /** POSTs to moto's own control API, such as {@code /moto-api/reset}. */
  public static void control(URI endpoint, String path) throws IOException {
    HttpURLConnection c = (HttpURLConnection) endpoint.resolve(path).toURL().openConnection();
    c.setRequestMethod("POST");
    c.setDoOutput(true);
    c.getOutputStream().close();
    if (c.getResponseCode() != 200) {
      throw new IOException("moto answered HTTP " + c.getResponseCode() + " to " + path);
    }
  }

  private static String findPython() throws FgdRuntimeException {
    for (String candidate : List.of("python3", "python")) {
      try {
        Process p = new ProcessBuilder(candidate, "--version").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() == 0 && out.startsWith("Python 3")) {
          return candidate;
        }
      } catch (IOException e) {
        // not on PATH; try the next name
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    throw new FgdRuntimeException(
        "The local ECS emulator (moto) is written in Python and needs python3 (3.9 or newer, with"
            + " the venv module) on the PATH. Install it and try again.");
  }

  private static void run(List<String> command, String what)
      throws IOException, FgdRuntimeException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    try {
      if (p.waitFor() != 0) {
        throw new FgdRuntimeException("Could not " + what + ":\n" + out.strip());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new FgdRuntimeException("Interrupted while trying to " + what + ".", e);
    }
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
