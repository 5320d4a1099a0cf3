package io.fgd.runtime.deploy;

import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * Progress for an interactive terminal: one compact block per service, redrawn in place with ANSI
 * escape sequences each time something changes.
 *
 * <pre>
 * api     running 1/2, 1 pending, rollout IN_PROGRESS
 *           (service api) has started 1 tasks: (task 1234).
 *           task 5678 stopped: CannotPullContainerError: ...
 * worker  deployed: worker:7 is deployed: 1/1 tasks running and the rollout is COMPLETED.
 * </pre>
 *
 * Each block shows the state line (with the rollout's stage, the time waited and the time left
 * before {@code --timeout}, redrawn at every poll so it never looks frozen) and the latest {@value
 * #RECENT} events or stopped tasks. Lines are cut to the terminal width at a word boundary with an
 * ellipsis, since a wrapped line would break moving the cursor back up. Use it only when the output
 * is a terminal that understands ANSI escapes; {@link PlainProgress} otherwise (see {@link
 * #forConsole}).
 */
public final class LiveProgress implements ProgressListener {

  static final int RECENT = 3;
  private static final String ESC = "\u001b[";

  private final PrintWriter out;
  private final int width;
  private final boolean colour;
  private final Map<String, Block> blocks = new LinkedHashMap<>();
  private int drawnLines;

  /**
   * @param out the terminal
   * @param width terminal columns; longer lines are cut
   * @param colour whether to colour the outcome (green for success, red otherwise)
   */
  public LiveProgress(PrintWriter out, int width, boolean colour) {
    this.out = Objects.requireNonNull(out, "out");
    if (width < 20) {
      throw new IllegalArgumentException("width must be at least 20 columns, got " + width);
    }
    this.width = width;
    this.colour = colour;
  }

  /**
   * {@link LiveProgress} when this JVM's output is an interactive terminal (a console, {@code TERM}
   * not {@code dumb}, no {@code CI} variable), otherwise {@link PlainProgress}.
   *
   * <p>The width is the terminal's own, as {@code stty size} reads it from {@code /dev/tty}: shells
   * do not export {@code COLUMNS} to the programs they start, so that variable is only the next
   * best, and 80 columns the last. A line wider than the terminal would wrap and break moving the
   * cursor back up.
   *
   * @param colour whether to colour outcomes: the command's choice, which knows {@code --no-color}
   *     and {@code NO_COLOR}
   */
  public static ProgressListener forConsole(PrintWriter out, boolean colour) {
    Map<String, String> env = System.getenv();
    String term = env.get("TERM");
    boolean terminal =
        System.console() != null && term != null && !term.equals("dumb") && env.get("CI") == null;
    if (!terminal) {
      return new PlainProgress(out);
    }
    return new LiveProgress(out, columns(terminalColumns(), env), colour);
  }

  /** The terminal's width, else {@code COLUMNS}, else 80; never under 20. */
  public static int columns(OptionalInt terminal, Map<String, String> env) {
    int width = 80;
    if (terminal.isPresent()) {
      width = terminal.getAsInt();
    } else {
      try {
        String columns = env.get("COLUMNS");
        if (columns != null) {
          width = Integer.parseInt(columns.trim());
        }
      } catch (NumberFormatException ignored) {
        // keep the default
      }
    }
    return Math.max(20, width);
  }

  /**
   * The columns of the controlling terminal, from {@code stty size} (POSIX: "rows columns") run on
   * {@code /dev/tty}; empty when there is none or it cannot say (a width of 0, as some pseudo
   * terminals report).
   */
  public static OptionalInt terminalColumns() {
    File tty = new File("/dev/tty");
    if (!tty.canRead()) {
      return OptionalInt.empty();
    }
    try {
      Process stty =
          new ProcessBuilder("stty", "size")
              .redirectInput(tty)
              .redirectError(ProcessBuilder.Redirect.DISCARD)
              .start();
      String answer = new String(stty.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
      if (stty.waitFor() != 0) {
        return OptionalInt.empty();
      }
      String[] words = answer.strip().split("\\s+");
      int columns = words.length == 2 ? Integer.parseInt(words[1]) : 0;
      return columns > 0 ? OptionalInt.of(columns) : OptionalInt.empty();
    } catch (IOException | NumberFormatException e) {
      return OptionalInt.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return OptionalInt.empty();
    }
  }

  int width() {
    return width;
  }

  boolean colour() {
    return colour;
  }

  @Override
  public synchronized void started(String service, String taskDefinitionArn) {
    block(service).status = "waiting for " + Arns.shortName(taskDefinitionArn);
    redraw();
  }

  @Override
  public synchronized void stateChanged(DeploymentState state) {
    block(state.service()).status = state.summary();
    redraw();
  }

  @Override
  public synchronized void stageChanged(StageView view) {
    block(view.service()).stage = view;
    redraw();
  }

  @Override
  public synchronized void polled(String service, Instant now, Instant deadline) {
    Block block = block(service);
    if (block.since == null) {
      block.since = now;
    }
    block.now = now;
    block.deadline = deadline;
    redraw();
  }

  @Override
  public synchronized void serviceEvent(String service, Instant createdAt, String message) {
    block(service).remember(message);
    redraw();
  }

  @Override
  public synchronized void taskStopped(String service, StoppedTask task) {
    block(service).remember("task " + task.taskId() + " stopped: " + task.cause());
    redraw();
  }

  @Override
  public synchronized void pollFailed(String service, String message) {
    block(service).remember("could not poll ECS, trying again: " + message);
    redraw();
  }

  @Override
  public synchronized void finished(DeploymentOutcome outcome) {
    Block block = block(outcome.service());
    String text = PlainProgress.label(outcome.kind()) + ": " + outcome.explanation();
    block.status = text;
    block.statusColour = !colour ? null : outcome.succeeded() ? "32" : "31";
    block.deadline = null;
    block.stage = null;
    redraw();
  }

  private Block block(String service) {
    return blocks.computeIfAbsent(service, Block::new);
  }

  /** Moves the cursor back to the first line of the previous drawing and draws every block. */
  private void redraw() {
    int nameWidth = blocks.keySet().stream().mapToInt(String::length).max().orElse(0);
    String indent = " ".repeat(nameWidth + 4);
    List<String> lines = new ArrayList<>();
    for (Block block : blocks.values()) {
      String name = block.service + " ".repeat(nameWidth - block.service.length() + 2);
      String status = cut(name + PlainProgress.oneLine(block.line()));
      if (block.statusColour != null) {
        status =
            name + ESC + block.statusColour + "m" + status.substring(name.length()) + ESC + "0m";
      }
      lines.add(status);
      for (String recent : block.recent) {
        lines.add(cut(indent + PlainProgress.oneLine(recent)));
      }
    }
    StringBuilder s = new StringBuilder();
    if (drawnLines > 0) {
      s.append(ESC).append(drawnLines).append('F'); // to the start of the first drawn line
    }
    for (String line : lines) {
      s.append(ESC).append("2K").append(line).append('\n');
    }
    s.append(ESC).append('J'); // a block that shrank leaves nothing behind
    out.print(s);
    out.flush();
    drawnLines = lines.size();
  }

  /**
   * The line as it fits the terminal: whole, or cut after the last whole word that fits and an
   * ellipsis (a word longer than half the width is cut where the width ends).
   */
  String cut(String line) {
    if (line.codePointCount(0, line.length()) <= width) {
      return line;
    }
    int end = line.offsetByCodePoints(0, width - 1);
    int space = line.lastIndexOf(' ', end);
    if (space > 0 && line.codePointCount(0, space) > width / 2) {
      end = space;
      while (end > 0 && " ,;:".indexOf(line.charAt(end - 1)) >= 0) {
        end--;
      }
    }
    return line.substring(0, end) + "…";
  }

  private static final class Block {
    final String service;
    final Deque<String> recent = new ArrayDeque<>();
    String status = "";
    String statusColour;
    StageView stage;
    Instant since;
    Instant now;
    Instant deadline;

    /** The status, then the stage and the times while the rollout is waited for. */
    String line() {
      if (deadline == null || now == null) {
        return status;
      }
      return status
          + (stage == null ? "" : " | " + stage.at(now))
          + " | "
          + PlainProgress.times(since, now, deadline);
    }

    Block(String service) {
      this.service = service;
    }

    void remember(String line) {
      recent.addLast(line);
      while (recent.size() > RECENT) {
        recent.removeFirst();
      }
    }
  }
}
