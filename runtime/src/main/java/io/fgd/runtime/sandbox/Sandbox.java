package io.fgd.runtime.sandbox;

import io.fgd.runtime.FgdRuntimeException;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code --sandbox}: try fgd without an AWS account. A local ECS-compatible server (moto) on
 * loopback stands in for AWS; the first use installs it, later uses reuse the running one, so what
 * one command applies the next one sees. It listens on {@code 127.0.0.1:5807} (or {@code
 * $FGD_SANDBOX_PORT}) and keeps running until {@code fgd sandbox stop} or a reboot. Its state lives
 * in memory only.
 *
 * <p>The sandbox's moto accepts whatever network ids a spec names and remembers every service
 * setting fgd sends (see {@link Moto#startForSandbox}), so {@code apply --sandbox} works on any
 * spec unchanged and a plan after it shows no changes. It runs no containers: apply does not wait
 * for deployments there. (The integration tests run moto as released.)
 */
public final class Sandbox {
  public static final int DEFAULT_PORT = 5807;

  /** The dummy access key and secret the sandbox is called with; it checks neither. */
  public static final String ACCESS_KEY = "fgd-sandbox";

  private Sandbox() {}

  public static int port() {
    String configured = System.getenv("FGD_SANDBOX_PORT");
    if (configured == null || configured.isBlank()) {
      return DEFAULT_PORT;
    }
    try {
      return Integer.parseInt(configured.trim());
    } catch (NumberFormatException e) {
      return DEFAULT_PORT;
    }
  }

  /**
   * The sandbox's endpoint, starting it (and installing it on first use) when it is not running.
   */
  public static URI ensureRunning(PrintWriter status) throws FgdRuntimeException {
    URI endpoint = Moto.endpoint(port());
    if (Moto.answers(endpoint)) {
      return endpoint;
    }
    status.println(
        "fgd: starting the local sandbox (moto) on "
            + endpoint
            + "; the first start installs it, which takes a minute...");
    status.flush();
    Path venv = Moto.install();
    Process process = Moto.startForSandbox(venv, port(), logFile());
    try {
      Files.writeString(pidFile(), Long.toString(process.pid()));
    } catch (IOException e) {
      throw new FgdRuntimeException("Could not write " + pidFile() + ": " + e.getMessage(), e);
    }
    status.println("fgd: sandbox running; stop it with 'fgd sandbox stop'.");
    status.flush();
    return endpoint;
  }

  /**
   * Stops the sandbox this user started (by the pid it recorded); its state is lost. Returns
   * whether it was running and has stopped. A server on the port that fgd did not start is left
   * alone.
   */
  public static boolean stop() {
    URI endpoint = Moto.endpoint(port());
    if (!Moto.answers(endpoint)) {
      return false;
    }
    Optional<ProcessHandle> process;
    try {
      process = ProcessHandle.of(Long.parseLong(Files.readString(pidFile()).trim()));
    } catch (IOException | NumberFormatException e) {
      return false;
    }
    if (process.isEmpty()) {
      return false;
    }
    process.get().destroy();
    try {
      process.get().onExit().get(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      process.get().destroyForcibly();
    }
    try {
      Files.deleteIfExists(pidFile());
    } catch (IOException ignored) {
      // A stale pid file is harmless: it is checked against a live process next time.
    }
    return !Moto.answers(endpoint);
  }

  private static Path pidFile() {
    return logFile().resolveSibling("moto.pid");
  }

  static Path logFile() {
    return Path.of(System.getProperty("user.home"), ".cache", "fgd", "sandbox", "moto.log");
  }
}
