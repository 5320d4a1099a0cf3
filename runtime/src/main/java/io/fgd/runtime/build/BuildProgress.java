package io.fgd.runtime.build;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The compact view of {@code fgd build} on a terminal: one line per service, its builder's step and
 * what it is doing, repainted in place, instead of every line of every builder. It reads the same
 * lines {@link ImageBuilder} writes ({@code api | STEP 2/5: RUN ...} from the builder, {@code api:
 * built and pushed ...} from fgd); fgd's own lines about a service end its row. Lines that belong
 * to no service are printed above the rows as they come.
 */
public final class BuildProgress implements Consumer<String> {
  /** buildah's and podman's {@code STEP 2/5: RUN ...}; buildx's plain {@code #7 [2/5] RUN ...}. */
  private static final Pattern STEP =
      Pattern.compile("^(?:STEP (\\d+)/(\\d+): |#\\d+ \\[(?:[^\\]\\s]+ )?(\\d+)/(\\d+)\\] )(.*)");

  /** Where one service's build stands. */
  public record Row(String service, int step, int steps, String doing) {}

  private final PrintWriter out;
  private final int width;
  private final Map<String, Row> rows = new LinkedHashMap<>();
  private int painted;

  /**
   * @param services the services being built, in the order of their rows
   * @param width terminal columns: a row is cut to it, since a wrapped row breaks the repaint
   */
  public BuildProgress(PrintWriter out, int width, List<String> services) {
    this.out = out;
    this.width = Math.max(20, width);
    for (String s : services) {
      rows.put(s, new Row(s, 0, 0, "waiting"));
    }
  }

  /** The step a builder's line starts, as {@code {step, steps, what}}. */
  public static Optional<Row> step(String service, String builderLine) {
    Matcher m = STEP.matcher(builderLine);
    if (!m.matches()) {
      return Optional.empty();
    }
    int step = Integer.parseInt(m.group(1) != null ? m.group(1) : m.group(3));
    int steps = Integer.parseInt(m.group(2) != null ? m.group(2) : m.group(4));
    return Optional.of(new Row(service, step, steps, m.group(5).strip()));
  }

  /** The rows as printed: name column, step column, then what it is doing; cut to {@code width}. */
  public static List<String> render(List<Row> rows, int width) {
    int name = rows.stream().mapToInt(r -> r.service().length()).max().orElse(0);
    List<String> out = new ArrayList<>();
    for (Row r : rows) {
      String step = r.steps() > 0 ? "step " + r.step() + "/" + r.steps() : "";
      String line =
          String.format("%-" + name + "s  %-11s %s", r.service(), step, r.doing()).stripTrailing();
      out.add(line.length() > width ? line.substring(0, width - 1) + "…" : line);
    }
    return out;
  }

  /** The row a line of {@link ImageBuilder}'s output gives its service, if it is about one. */
  static Optional<Row> update(Map<String, Row> rows, String line) {
    int bar = line.indexOf(" | ");
    int colon = line.indexOf(": ");
    if (bar > 0 && rows.containsKey(line.substring(0, bar)) && (colon < 0 || bar < colon)) {
      String service = line.substring(0, bar);
      Row was = rows.get(service);
      return Optional.of(
          step(service, line.substring(bar + 3))
              .orElse(new Row(service, was.step(), was.steps(), was.doing())));
    }
    if (colon > 0 && rows.containsKey(line.substring(0, colon))) {
      String service = line.substring(0, colon);
      Row was = rows.get(service);
      String what = line.substring(colon + 2);
      if (what.startsWith("building ")) {
        what = "building";
      }
      return Optional.of(new Row(service, was.step(), was.steps(), what));
    }
    return Optional.empty();
  }

  @Override
  public synchronized void accept(String line) {
    Optional<Row> row = update(rows, line);
    if (row.isPresent()) {
      rows.put(row.get().service(), row.get());
    }
    // Move up over the rows, print any line of no service above them, repaint the rows.
    if (painted > 0) {
      out.print("\u001b[" + painted + "A");
    }
    if (row.isEmpty()) {
      out.print("\r\u001b[2K");
      out.println(line.length() > width ? line.substring(0, width - 1) + "…" : line);
    }
    List<String> lines = render(List.copyOf(rows.values()), width);
    for (String l : lines) {
      out.print("\r\u001b[2K");
      out.println(l);
    }
    painted = lines.size();
    out.flush();
  }
}
