package io.fgd.runtime.sandbox;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Run in a JVM of its own by {@link SandboxLocksIT}: takes the install lock of the virtualenv
 * {@code args[0]}, says "locked", and holds it until it reads a line; then, as an install that
 * finished, writes the virtualenv's marker before it lets go.
 */
public final class LockHolder {
  private LockHolder() {}

  public static void main(String[] args) throws Exception {
    Path venv = Path.of(args[0]);
    try (InterProcessLock lock = InterProcessLock.acquire(Moto.lockFile(venv))) {
      System.out.println("locked");
      System.out.flush();
      new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
      java.nio.file.Files.createDirectories(venv);
      java.nio.file.Files.writeString(venv.resolve(".fgd-installed"), "ok\n");
    }
  }
}
