package io.fgd.runtime.render;

import com.fasterxml.jackson.databind.JsonNode;
import io.fgd.runtime.deploy.Rollout;
import io.fgd.runtime.engine.Action;
import io.fgd.runtime.engine.FieldChange;
import io.fgd.runtime.engine.Plan;
import io.fgd.runtime.engine.ResourceChange;
import io.fgd.runtime.engine.RolloutWait;
import java.time.Instant;

/** The human rendering, in the style of {@code terraform plan}. ANSI colour only when asked. */
public final class TextRenderer {
  private static final String RESET = "\u001b[0m";
  private static final String BOLD = "\u001b[1m";
  private static final String GREEN = "\u001b[32m";
  private static final String YELLOW = "\u001b[33m";
  private static final String RED = "\u001b[31m";
  private static final String MAGENTA = "\u001b[35m";

  private final boolean colour;
  private final Instant now;

  private TextRenderer(boolean colour, Instant now) {
    this.colour = colour;
    this.now = now;
  }

  public static String render(Plan plan, boolean colour) {
    return render(plan, colour, Instant.now());
  }

  /** The plan with what it changes in the app's monthly Fargate bill, above its summary line. */
  public static String render(Plan plan, boolean colour, io.fgd.runtime.cost.PlanCost cost) {
    String text = render(plan, colour);
    if (!plan.hasChanges() || cost.isEmpty()) {
      return text;
    }
    int summary = text.lastIndexOf("\n\n") + 1;
    return text.substring(0, summary) + CostRendering.text(cost) + text.substring(summary);
  }

  /**
   * @param now the time the age of an unfinished rollout is measured to
   */
  public static String render(Plan plan, boolean colour, Instant now) {
    return new TextRenderer(colour, now).render(plan);
  }

  /**
   * The unfinished and failed rollouts of the plan's services, one line each, under a heading that
   * says they are not changes; empty when every service is steady.
   */
  public static String rollouts(Plan plan, Instant now) {
    if (plan.rollouts().isEmpty()) {
      return "";
    }
    StringBuilder out = new StringBuilder(ROLLOUTS_HEADING).append("\n");
    for (Rollout r : plan.rollouts()) {
      r.describe(now).ifPresent(line -> out.append("  ").append(line).append("\n"));
    }
    return out.toString();
  }

  /** The heading of the rollouts that are not steady: the state of a service, not a change. */
  public static final String ROLLOUTS_HEADING =
      "Services not steady (their state now, not changes fgd makes):";

  private String render(Plan plan) {
    StringBuilder out = new StringBuilder();
    for (String w : plan.warnings()) {
      out.append(paint(YELLOW, "Warning: ")).append(w).append("\n");
    }
    if (!plan.warnings().isEmpty()) {
      out.append("\n");
    }
    if (!plan.rollouts().isEmpty()) {
      out.append(rollouts(plan, now).replace(ROLLOUTS_HEADING, paint(YELLOW, ROLLOUTS_HEADING)));
      out.append("\n");
    }
    if (!plan.hasChanges()) {
      out.append(paint(BOLD, "No changes."))
          .append(" The account matches the spec of app \"")
          .append(plan.app())
          .append("\" in cluster \"")
          .append(plan.cluster())
          .append("\".\n");
      return out.toString();
    }
    out.append("fgd will make these changes to app \"")
        .append(plan.app())
        .append("\" in cluster \"")
        .append(plan.cluster())
        .append("\":\n");
    for (ResourceChange c : plan.changes()) {
      out.append("\n");
      out.append("  # ").append(c.address()).append(" will be ").append(pastTense(c.action()));
      c.reason().ifPresent(r -> out.append(": ").append(r));
      out.append("\n");
      out.append("  ")
          .append(paint(colourOf(c.action()), c.action().symbol()))
          .append(" ")
          .append(c.address())
          .append("\n");
      for (FieldChange f : c.fields()) {
        out.append("      ")
            .append(paint(colourOf(f.symbol()), f.symbol()))
            .append(" ")
            .append(Paths.display(f.path()))
            .append(" = ");
        if (f.before().isPresent() && f.after().isPresent()) {
          out.append(value(f.before().get())).append(" -> ").append(value(f.after().get()));
        } else if (f.after().isPresent()) {
          out.append(value(f.after().get()));
        } else {
          out.append(value(f.before().get())).append(" -> null");
        }
        out.append("\n");
      }
    }
    out.append("\n")
        .append(paint(BOLD, "Plan:"))
        .append(" ")
        .append(plan.toAdd())
        .append(" to add, ")
        .append(plan.toChange())
        .append(" to change, ")
        .append(plan.toDestroy())
        .append(" to destroy")
        .append(runs(plan))
        .append(".\n");
    for (RolloutWait w : plan.waits()) {
      out.append("Rollout of ").append(w.describe()).append(".\n");
    }
    return out.toString();
  }

  static String pastTense(Action a) {
    return switch (a) {
      case CREATE -> "created";
      case UPDATE -> "updated in place";
      case REPLACE -> "replaced";
      case DESTROY -> "destroyed";
      case RUN -> "run";
    };
  }

  /** {@code ", 1 task to run first"} when the plan runs tasks before deploying; else nothing. */
  static String runs(Plan plan) {
    long n = plan.count(Action.RUN);
    return n == 0 ? "" : ", " + n + (n == 1 ? " task" : " tasks") + " to run first";
  }

  static String value(JsonNode v) {
    return v.toString();
  }

  private String colourOf(Action a) {
    return colourOf(a.symbol());
  }

  private String colourOf(String symbol) {
    return switch (symbol) {
      case "+" -> GREEN;
      case "-" -> RED;
      case "-/+" -> MAGENTA;
      default -> YELLOW;
    };
  }

  private String paint(String code, String s) {
    return colour ? code + s + RESET : s;
  }
}
