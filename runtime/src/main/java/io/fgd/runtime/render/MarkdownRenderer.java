package io.fgd.runtime.render;

import io.fgd.runtime.cost.PlanCost;
import io.fgd.runtime.deploy.Rollout;
import io.fgd.runtime.engine.FieldChange;
import io.fgd.runtime.engine.Plan;
import io.fgd.runtime.engine.ResourceChange;
import io.fgd.runtime.engine.RolloutWait;
import java.time.Instant;

/**
 * {@code fgd plan --markdown}: a pull-request comment. A summary table, then the attribute changes
 * in a collapsed {@code diff} block, which GitHub and GitLab colour.
 */
public final class MarkdownRenderer {
  private MarkdownRenderer() {}

  public static String render(Plan plan) {
    return render(plan, PlanCost.NONE, Instant.now());
  }

  /** The plan, with what it changes in the app's monthly Fargate bill under its summary. */
  public static String render(Plan plan, PlanCost cost) {
    return render(plan, cost, Instant.now());
  }

  /**
   * @param now the time the age of an unfinished rollout is measured to
   */
  public static String render(Plan plan, Instant now) {
    return render(plan, PlanCost.NONE, now);
  }

  /**
   * @param cost what the plan changes in the monthly bill ({@link PlanCost#NONE}: not shown)
   * @param now the time the age of an unfinished rollout is measured to
   */
  public static String render(Plan plan, PlanCost cost, Instant now) {
    StringBuilder out = new StringBuilder();
    out.append("### fgd plan for `")
        .append(plan.app())
        .append("` in cluster `")
        .append(plan.cluster())
        .append("`\n\n");
    for (String w : plan.warnings()) {
      out.append("> **Warning:** ").append(w.replace("\n", " ")).append("\n\n");
    }
    if (!plan.rollouts().isEmpty()) {
      // The state of the services, not a change: a quote, outside the table of changes.
      out.append("> **").append(TextRenderer.ROLLOUTS_HEADING).append("**\n");
      for (Rollout r : plan.rollouts()) {
        r.describe(now).ifPresent(line -> out.append("> - ").append(line).append("\n"));
      }
      out.append("\n");
    }
    if (!plan.hasChanges()) {
      return out.append("**No changes.** The account matches the spec.\n").toString();
    }
    out.append("**Plan: ")
        .append(plan.toAdd())
        .append(" to add, ")
        .append(plan.toChange())
        .append(" to change, ")
        .append(plan.toDestroy())
        .append(" to destroy")
        .append(TextRenderer.runs(plan))
        .append(".**\n\n");
    for (RolloutWait w : plan.waits()) {
      out.append("Rollout of ").append(w.describe()).append(".\n\n");
    }
    out.append(CostRendering.markdown(cost));
    out.append("| Action | Resource | Service |\n|:---:|---|---|\n");
    for (ResourceChange c : plan.changes()) {
      out.append("| `")
          .append(c.action().symbol())
          .append("` ")
          .append(c.action().word())
          .append(" | ")
          .append(c.type().label())
          .append(" `")
          .append(cell(c.name()))
          .append("`")
          .append(" | ")
          .append(c.service().map(s -> "`" + cell(s) + "`").orElse(""))
          .append(" |\n");
    }
    out.append("\n<details><summary>Details</summary>\n\n```diff\n");
    for (ResourceChange c : plan.changes()) {
      out.append(prefix(c.action().symbol()))
          .append(c.action().symbol())
          .append(" ")
          .append(c.address());
      c.reason().ifPresent(r -> out.append("  # ").append(r));
      out.append("\n");
      for (FieldChange f : c.fields()) {
        String path = Paths.display(f.path());
        f.before()
            .ifPresent(
                b ->
                    out.append("-     ")
                        .append(path)
                        .append(" = ")
                        .append(TextRenderer.value(b))
                        .append("\n"));
        f.after()
            .ifPresent(
                a ->
                    out.append("+     ")
                        .append(path)
                        .append(" = ")
                        .append(TextRenderer.value(a))
                        .append("\n"));
      }
    }
    out.append("```\n\n</details>\n");
    return out.toString();
  }

  /** diff blocks colour by the first character; "~" lines stay neutral with a leading "!". */
  private static String prefix(String symbol) {
    return switch (symbol) {
      case "+", "-" -> "";
      default -> "! ";
    };
  }

  private static String cell(String s) {
    return s.replace("|", "\\|").replace("`", "'");
  }
}
