package io.fgd.runtime.sandbox;

import io.fgd.runtime.FgdRuntimeException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;

/**
 * {@code --sandbox}: try fgd without an AWS account. A local ECS-compatible server (moto) on
 * loopback stands in for AWS; the first use installs it, later uses reuse the running one, so
 * what one command applies the next one sees. It listens on {@code 127.0.0.1:5807} (or {@code
 * $FGD_SANDBOX_PORT}) and keeps running until {@code fgd sandbox stop} or a reboot. Its state
 * lives in memory only.
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

  /** The sandbox's endpoint, starting it (and installing it on first use) when it is not running. */
  public static URI ensureRunning(PrintWriter status) throws FgdRuntimeException {
    URI endpoint = Moto.endpoint(port());
    if (Moto.answers(endpoint)) {
      return endpoint;
    }
    status.println("fgd: starting the local sandbox (moto) on " + endpoint + "; the first start installs it, which takes a minute...");
    status.flush();
    Path venv = Moto.install();
    Moto.start(venv, port(), logFile());
    status.println("fgd: sandbox running; stop it with 'fgd sandbox stop'.");
    status.flush();
    return endpoint;
  }

  /** Stops a running sandbox; its state is lost. Returns whether one was running. */
  public static boolean stop() {
    URI endpoint = Moto.endpoint(port());
    if (!Moto.answers(endpoint)) {
      return false;
    }
    try {
      // moto_server has no shutdown API; the process that owns the port is ours to end.
      Process p = new ProcessBuilder("pkill", "-f", "moto_server -H 127.0.0.1 -p " + port()).start();
      p.waitFor();
    } catch (java.io.IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
    return !Moto.answers(endpoint);
  }

  static Path logFile() {
    return Path.of(System.getProperty("user.home"), ".cache", "fgd", "sandbox", "moto.log");
  }
}
