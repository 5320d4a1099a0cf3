package io.fgd.runtime.sandbox;

import io.fgd.compiler.output.AtomicFiles;
import io.fgd.runtime.FgdRuntimeException;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
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
   * Two processes that find it stopped take turns (a lock file beside its pid file): the second
   * finds the first one's sandbox running instead of starting another on the same port.
   */
  public static synchronized URI ensureRunning(PrintWriter status) throws FgdRuntimeException {
    URI endpoint = Moto.endpoint(port());
    if (Moto.answers(endpoint)) {
      return endpoint;
    }
    try (InterProcessLock lock = lockStart(status)) {
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
      record(pidFile(), process.toHandle());
    } catch (IOException e) {
      throw new FgdRuntimeException(
          "Could not start the sandbox: " + pidFile().getParent() + ": " + e.getMessage(), e);
    }
    status.println("fgd: sandbox running; stop it with 'fgd sandbox stop'.");
    status.flush();
    return endpoint;
  }

  /** The lock on starting the sandbox, saying so when another process has it. */
  private static InterProcessLock lockStart(PrintWriter status) throws IOException {
    Path file = pidFile().resolveSibling("moto.lock");
    Optional<InterProcessLock> free = InterProcessLock.tryAcquire(file);
    if (free.isPresent()) {
      return free.get();
    }
    status.println("fgd: another fgd is starting the sandbox; waiting for it...");
    status.flush();
    return InterProcessLock.acquire(file);
  }

  /** What {@link #stop} did. */
  public enum Stopped {
    /** It was running and has stopped. */
    STOPPED,
    /** Nothing answered on the sandbox's port. */
    NOT_RUNNING,
    /**
     * Something answers on the port, but the pid file names no process, or one that is not the moto
     * fgd started (the pid was reused, or the file is stale): nothing was stopped.
     */
    NOT_OURS
  }

  /**
   * Stops the sandbox this user started (by the pid it recorded); its state is lost. Before it
   * stops a process it checks that it is the one it started: the recorded start time matches and
   * its command line runs moto, so a stale pid file never kills an unrelated process that got the
   * same pid.
   */
  public static Stopped stop() {
    return stop(pidFile(), Moto.endpoint(port()));
  }

  static Stopped stop(Path pidFile, URI endpoint) {
    if (!Moto.answers(endpoint)) {
      return Stopped.NOT_RUNNING;
    }
    Optional<ProcessHandle> process = recorded(pidFile);
    if (process.isEmpty()) {
      return Stopped.NOT_OURS;
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
      Files.deleteIfExists(pidFile);
    } catch (IOException ignored) {
      // A stale pid file is harmless: it is checked against the live process next time.
    }
    return Moto.answers(endpoint) ? Stopped.NOT_OURS : Stopped.STOPPED;
  }

  /** Writes the pid file: the pid, and the process's start time to tell it from a later one. */
  static void record(Path pidFile, ProcessHandle process) throws IOException {
    String started = process.info().startInstant().map(Instant::toString).orElse("");
    AtomicFiles.write(
        pidFile, (process.pid() + "\n" + started + "\n").getBytes(StandardCharsets.UTF_8));
  }

  /**
   * The process the pid file names, if it is still the one that was recorded: alive, started when
   * the file says (when it says), and running moto.
   */
  static Optional<ProcessHandle> recorded(Path pidFile) {
    List<String> lines;
    try {
      lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return Optional.empty();
    }
    if (lines.isEmpty()) {
      return Optional.empty();
    }
    Optional<ProcessHandle> process;
    try {
      process = ProcessHandle.of(Long.parseLong(lines.get(0).trim()));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
    if (process.isEmpty() || !process.get().isAlive()) {
      return Optional.empty();
    }
    ProcessHandle.Info info = process.get().info();
    String started = lines.size() > 1 ? lines.get(1).trim() : "";
    if (!started.isEmpty()
        && !info.startInstant().map(Instant::toString).map(started::equals).orElse(false)) {
      return Optional.empty();
    }
    boolean moto =
        info.commandLine().map(Sandbox::runsMoto).orElse(false)
            || info.arguments().map(a -> runsMoto(String.join(" ", a))).orElse(false);
    return moto ? process : Optional.empty();
  }

  /** Whether a command line is moto's: moto_server, or the sandbox's launcher that imports it. */
  private static boolean runsMoto(String commandLine) {
    return commandLine.contains("moto_server") || commandLine.contains("from moto");
  }

  private static Path pidFile() {
    return logFile().resolveSibling("moto.pid");
  }

  static Path logFile() {
    return Path.of(System.getProperty("user.home"), ".cache", "fgd", "sandbox", "moto.log");
  }
}
