package io.fgd.runtime.build;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Runs the programs fgd drives (git, the image builder) as processes with an argument list, never
 * through a shell: no word of a spec or an option is ever parsed by a shell. A secret (a registry
 * password) only ever reaches a process on its standard input, never in its arguments or its
 * environment.
 */
public final class Processes {
  /** How many of a process's last output lines a failure quotes. */
  public static final int TAIL_LINES = 15;

  /** What a process was started with, for whoever watches (tests check no secret is in it). */
  public record Launch(List<String> argv, Map<String, String> environment) {
    public Launch {
      argv = List.copyOf(argv);
      environment = Map.copyOf(environment);
    }
  }

  /**
   * How a process ended.
   *
   * @param tail its last {@value #TAIL_LINES} lines of output (standard output and error merged)
   */
  public record Result(int exitCode, List<String> tail) {
    public Result {
      tail = List.copyOf(tail);
    }

    public boolean ok() {
      return exitCode == 0;
    }

    /** The tail as an indented block, for an error message. */
    public String indentedTail() {
      return tail.isEmpty() ? "  (no output)" : "  " + String.join("\n  ", tail);
    }
  }

  private final Map<String, String> extraEnvironment;
  private final Consumer<Launch> launches;

  /**
   * @param extraEnvironment added to (or replacing) the JVM's environment for every process
   * @param launches told of every process before it starts
   */
  public Processes(Map<String, String> extraEnvironment, Consumer<Launch> launches) {
    this.extraEnvironment = Map.copyOf(extraEnvironment);
    this.launches = launches;
  }

  public static Processes plain() {
    return new Processes(Map.of(), l -> {});
  }

  /** The same, with more variables for the processes it starts. */
  public Processes withEnvironment(Map<String, String> more) {
    Map<String, String> all = new java.util.HashMap<>(extraEnvironment);
    all.putAll(more);
    return new Processes(all, launches);
  }

  /** The executable of {@code name} on the PATH, if there is one. */
  public static Optional<Path> onPath(String name, Map<String, String> env) {
    String path = env.getOrDefault("PATH", "");
    for (String dir : path.split(java.io.File.pathSeparator)) {
      if (dir.isEmpty()) {
        continue;
      }
      Path candidate = Path.of(dir, name);
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  /**
   * Runs {@code argv} in {@code directory}, feeding it {@code stdin} (then closing it), handing
   * each line it prints to {@code lines}, and waiting at most {@code timeoutSeconds} (0: no limit).
   * A program that cannot be started is an exit code of 127 with the reason as its output, as a
   * shell would report it.
   */
  public Result run(
      List<String> argv, Path directory, byte[] stdin, Consumer<String> lines, long timeoutSeconds)
      throws InterruptedException {
    ProcessBuilder builder = new ProcessBuilder(argv).redirectErrorStream(true);
    if (directory != null) {
      builder.directory(directory.toFile());
    }
    builder.environment().putAll(extraEnvironment);
    launches.accept(new Launch(argv, builder.environment()));
    Deque<String> tail = new ArrayDeque<>();
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      return new Result(127, List.of("cannot run " + argv.get(0) + ": " + e.getMessage()));
    }
    try {
      Thread feeder = null;
      if (stdin != null) {
        feeder =
            daemon(
                () -> {
                  try (OutputStream in = process.getOutputStream()) {
                    in.write(stdin);
                  } catch (IOException e) {
                    // the process ended without reading: its exit code says why
                  }
                });
      } else {
        process.getOutputStream().close();
      }
      Thread reader =
          daemon(
              () -> {
                try (BufferedReader out =
                    new BufferedReader(
                        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                  String line;
                  while ((line = out.readLine()) != null) {
                    String clean = printable(line);
                    synchronized (tail) {
                      tail.addLast(clean);
                      if (tail.size() > TAIL_LINES) {
                        tail.removeFirst();
                      }
                    }
                    lines.accept(clean);
                  }
                } catch (IOException e) {
                  // the stream closed with the process
                }
              });
      boolean ended =
          timeoutSeconds > 0
              ? process.waitFor(timeoutSeconds, TimeUnit.SECONDS)
              : process.waitFor() >= Integer.MIN_VALUE;
      if (!ended) {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        process.waitFor(5, TimeUnit.SECONDS);
        process.destroyForcibly();
        reader.join(1000);
        synchronized (tail) {
          tail.addLast("(stopped by fgd after " + timeoutSeconds + "s)");
          return new Result(124, new ArrayList<>(tail));
        }
      }
      reader.join();
      if (feeder != null) {
        feeder.join(1000);
      }
      synchronized (tail) {
        return new Result(process.exitValue(), new ArrayList<>(tail));
      }
    } catch (IOException e) {
      return new Result(127, List.of("cannot talk to " + argv.get(0) + ": " + e.getMessage()));
    } finally {
      if (process.isAlive()) {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroyForcibly();
      }
    }
  }

  private static Thread daemon(Runnable body) {
    Thread t = new Thread(body, "fgd-process-io");
    t.setDaemon(true);
    t.start();
    return t;
  }

  /** A line without terminal control sequences or other control characters (a tab stays). */
  static String printable(String line) {
    String noEscapes = line.replaceAll("\u001B\\[[0-9;?]*[ -/]*[@-~]", "");
    StringBuilder out = new StringBuilder(noEscapes.length());
    for (char c : noEscapes.toCharArray()) {
      if (c == '\t' || c >= 0x20 && c != 0x7f && !(c >= 0x80 && c < 0xa0)) {
        out.append(c);
      } else if (c == '\r') {
        out.setLength(0); // a progress line redrawn in place: keep its last state
      }
    }
    return out.toString();
  }
}
