package io.fgd.runtime.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two processes and the sandbox: installing moto in turn, and stopping only moto. */
class SandboxLocksIT {
  @TempDir Path tmp;

  private static Process childJvm(String mainClass, String... args) throws IOException {
    List<String> command =
        new java.util.ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                mainClass));
    command.addAll(Arrays.asList(args));
    return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
  }

  @Test
  void anInstallWaitsForAnotherProcessInstallingAndUsesWhatItInstalled() throws Exception {
    Path venv = tmp.resolve("moto-venv");
    Process holder = childJvm(LockHolder.class.getName(), venv.toString());
    BufferedReader said =
        new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
    assertEquals("locked", said.readLine());
    assertTrue(
        InterProcessLock.tryAcquire(Moto.lockFile(venv)).isEmpty(),
        "the lock is the OS's, held by the other process, not this JVM's");

    Thread installing = Thread.currentThread();
    CompletableFuture<Path> install =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return Moto.install(venv, "moto==0\n".getBytes(StandardCharsets.UTF_8));
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            });
    // Wait until the install is waiting for the lock (or, were there none, already at work).
    while (!install.isDone() && !waitingForTheLock()) {
      Thread.onSpinWait();
    }
    assertFalse(Files.exists(venv.resolve("bin")), "it did not start a second installation");
    holder.getOutputStream().write("done\n".getBytes(StandardCharsets.UTF_8));
    holder.getOutputStream().close();
    assertEquals(0, holder.waitFor());
    assertEquals(venv, install.get());
    assertFalse(Files.exists(venv.resolve("bin")), "it used the other process's installation");
    try (var free = InterProcessLock.tryAcquire(Moto.lockFile(venv)).orElseThrow()) {
      assertTrue(installing.isAlive());
    }
  }

  private static boolean waitingForTheLock() {
    return Thread.getAllStackTraces().values().stream()
        .flatMap(Arrays::stream)
        .anyMatch(
            f ->
                f.getClassName().equals(InterProcessLock.class.getName())
                        && f.getMethodName().equals("acquire")
                    || f.getClassName().equals(Moto.class.getName())
                        && !f.getMethodName().equals("install"));
  }

  /** A server that answers like moto's control API, standing in for "something on the port". */
  private static HttpServer answeringLikeMoto() throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/",
        exchange -> {
          exchange.sendResponseHeaders(200, 2);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write("{}".getBytes(StandardCharsets.UTF_8));
          }
        });
    server.start();
    return server;
  }

  @Test
  void stopLeavesAProcessThatIsNotMotoAlone() throws Exception {
    Process sleeper = new ProcessBuilder("sleep", "600").start();
    HttpServer server = answeringLikeMoto();
    try {
      URI endpoint = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
      Path pidFile = tmp.resolve("moto.pid");
      Sandbox.record(pidFile, sleeper.toHandle());
      assertEquals(Sandbox.Stopped.NOT_OURS, Sandbox.stop(pidFile, endpoint));
      assertTrue(sleeper.isAlive(), "a process that is not moto is never stopped");
      Files.writeString(pidFile, sleeper.pid() + "\n"); // the format without a start time
      assertEquals(Sandbox.Stopped.NOT_OURS, Sandbox.stop(pidFile, endpoint));
      assertTrue(sleeper.isAlive(), "a process that is not moto is never stopped");
    } finally {
      server.stop(0);
      sleeper.destroyForcibly();
    }
  }

  @Test
  void stopStopsTheMotoItStartedAndOnlyThatOne() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    Process moto = Moto.startForSandbox(Moto.install(), port, tmp.resolve("moto.log"));
    try {
      URI endpoint = Moto.endpoint(port);
      Path pidFile = tmp.resolve("moto.pid");
      // The same pid, started at another time: a process that reused the pid of fgd's moto.
      Files.writeString(pidFile, moto.pid() + "\n2001-01-01T00:00:00Z\n");
      assertEquals(Sandbox.Stopped.NOT_OURS, Sandbox.stop(pidFile, endpoint));
      assertTrue(moto.isAlive());
      Sandbox.record(pidFile, moto.toHandle());
      assertEquals(Optional.of(moto.pid()), Sandbox.recorded(pidFile).map(ProcessHandle::pid));
      assertEquals(Sandbox.Stopped.STOPPED, Sandbox.stop(pidFile, endpoint));
      assertTrue(moto.waitFor(10, TimeUnit.SECONDS));
      assertFalse(Files.exists(pidFile));
      assertEquals(Sandbox.Stopped.NOT_RUNNING, Sandbox.stop(pidFile, endpoint));
    } finally {
      moto.destroyForcibly();
    }
  }
}
