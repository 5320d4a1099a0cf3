package io.fgd.runtime.moto;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
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
import java.util.concurrent.TimeUnit;

/**
 * A real moto server (an AWS emulator speaking the AWS wire protocols over HTTP) for integration
 * tests: installed on first use into a virtualenv keyed by the hash of the pinned
 * {@code moto-requirements.txt}, started on a free port, shared by every test in the JVM and
 * stopped when the JVM exits. Tests call {@link #reset()} to start from an empty account.
 *
 * <p>The venv lives in {@code $FGD_MOTO_VENV}, or {@code ~/.cache/fgd/moto-<hash>}, so a clean
 * build does not reinstall it.
 */
public final class MotoServer {
  private static final String REQUIREMENTS = "/moto-requirements.txt";
  private static MotoServer shared;

  private final Process process;
  private final URI endpoint;
  private final Path log;

  private MotoServer(Process process, URI endpoint, Path log) {
    this.process = process;
    this.endpoint = endpoint;
    this.log = log;
  }

  /** The one server of this JVM, started on first call. */
  public static synchronized MotoServer shared() {
    if (shared == null) {
      shared = start();
      MotoServer s = shared;
      Runtime.getRuntime().addShutdownHook(new Thread(s::stop, "moto-stop"));
    }
    return shared;
  }

  public URI endpoint() {
    return endpoint;
  }

  /** Forgets every resource of every service. */
  public void reset() {
    try {
      HttpURLConnection c = (HttpURLConnection) endpoint.resolve("/moto-api/reset").toURL().openConnection();
      c.setRequestMethod("POST");
      c.setDoOutput(true);
      c.getOutputStream().close();
      if (c.getResponseCode() != 200) {
        throw new IllegalStateException("moto reset answered HTTP " + c.getResponseCode());
      }
    } catch (IOException e) {
      throw new IllegalStateException("could not reset moto at " + endpoint + "; its log: " + log, e);
    }
  }

  void stop() {
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static MotoServer start() {
    try {
      Path venv = ensureVenv();
      int port;
      try (ServerSocket socket = new ServerSocket(0)) {
        port = socket.getLocalPort();
      }
      Path log = Files.createTempFile("moto-server-", ".log");
      Process process =
          new ProcessBuilder(
                  venv.resolve("bin/moto_server").toString(), "-H", "127.0.0.1", "-p", Integer.toString(port))
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      URI endpoint = URI.create("http://127.0.0.1:" + port);
      MotoServer server = new MotoServer(process, endpoint, log);
      Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
      while (true) {
        if (!process.isAlive()) {
          throw new IllegalStateException(
              "moto_server exited with " + process.exitValue() + ":\n" + Files.readString(log));
        }
        if (answers(endpoint)) {
          return server;
        }
        if (Instant.now().isAfter(deadline)) {
          server.stop();
          throw new IllegalStateException("moto_server did not answer within 60s; its log: " + log);
        }
        Thread.sleep(100);
      }
    } catch (IOException e) {
      throw new IllegalStateException("could not start moto_server: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while starting moto_server", e);
    }
  }

  private static boolean answers(URI endpoint) {
    try {
      HttpURLConnection c = (HttpURLConnection) endpoint.resolve("/moto-api/").toURL().openConnection();
      c.setConnectTimeout(500);
      c.setReadTimeout(2000);
      return c.getResponseCode() == 200;
    } catch (IOException e) {
      return false;
    }
  }

  private static synchronized Path ensureVenv() throws IOException, InterruptedException {
    byte[] requirements;
    try (InputStream in = MotoServer.class.getResourceAsStream(REQUIREMENTS)) {
      if (in == null) {
        throw new IllegalStateException(REQUIREMENTS + " is missing from the test resources");
      }
      requirements = in.readAllBytes();
    }
    String override = System.getenv("FGD_MOTO_VENV");
    Path venv =
        override != null && !override.isBlank()
            ? Path.of(override)
            : Path.of(System.getProperty("user.home"), ".cache", "fgd", "moto-" + sha256(requirements).substring(0, 12));
    Path marker = venv.resolve(".fgd-installed");
    if (Files.exists(marker)) {
      return venv;
    }
    String python = findPython();
    Files.createDirectories(venv.getParent());
    run(List.of(python, "-m", "venv", "--clear", venv.toString()), "create a virtualenv for moto");
    Path reqFile = venv.resolve("moto-requirements.txt");
    Files.write(reqFile, requirements);
    run(
        List.of(venv.resolve("bin/python").toString(), "-m", "pip", "install", "--quiet", "-r", reqFile.toString()),
        "install moto (pip install -r " + reqFile + ")");
    Files.writeString(marker, "ok\n", StandardCharsets.UTF_8);
    return venv;
  }

  private static String findPython() throws InterruptedException {
    for (String candidate : List.of("python3", "python")) {
      try {
        Process p = new ProcessBuilder(candidate, "--version").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() == 0 && out.startsWith("Python 3")) {
          return candidate;
        }
      } catch (IOException e) {
        // not on PATH; try the next name
      }
    }
    throw new IllegalStateException(
        "The integration tests run moto, an AWS emulator written in Python, and need python3 (3.9 or"
            + " newer, with the venv module) on the PATH. Install it, or skip them with"
            + " -Dtest='!*IT'.");
  }

  private static void run(List<String> command, String what) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.waitFor() != 0) {
      throw new IllegalStateException("could not " + what + ":\n" + out);
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
