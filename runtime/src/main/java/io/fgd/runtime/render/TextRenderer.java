package io.fgd.runtime.render;

import com.fasterxml.jackson.databind.JsonNode;
import io.fgd.runtime.engine.Action;
import io.fgd.runtime.engine.FieldChange;
import io.fgd.runtime.engine.Plan;
import io.fgd.runtime.engine.ResourceChange;

/** The human rendering, in the style of {@code terraform plan}. ANSI colour only when asked. */
public final class TextRenderer {
  private static final String RESET = "\u001b[0m";
  private static final String BOLD = "\u001b[1m";
  private static final String GREEN = "\u001b[32m";
  private static final String YELLOW = "\u001b[33m";
  private static final String RED = "\u001b[31m";
  private static final String MAGENTA = "\u001b[35m";

  private final boolean colour;

  private TextRenderer(boolean colour) {
    this.colour = colour;
  }

  public static String render(Plan plan, boolean colour) {
    return new TextRenderer(colour).render(plan);
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

  private String render(Plan plan) {
    StringBuilder out = new StringBuilder();
    for (String w : plan.warnings()) {
      out.append(paint(YELLOW, "Warning: ")).append(w).append("\n");
    }
    if (!plan.warnings().isEmpty()) {
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
        .append(" to destroy.\n");
    return out.toString();
  }

  static String pastTense(Action a) {
    return switch (a) {
      case CREATE -> "created";
      case UPDATE -> "updated in place";
      case REPLACE -> "replaced";
      case DESTROY -> "destroyed";
    };
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
