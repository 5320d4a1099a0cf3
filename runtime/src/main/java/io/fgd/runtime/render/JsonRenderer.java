package io.fgd.runtime.render;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fgd.runtime.deploy.Rollout;
import io.fgd.runtime.engine.FieldChange;
import io.fgd.runtime.engine.Plan;
import io.fgd.runtime.engine.ResourceChange;
import io.fgd.runtime.engine.RolloutWait;

/**
 * {@code fgd plan --json}: the plan as a document described by {@code
 * specs/schemas/plan.schema.json}. Field order is fixed, so output for the same plan never varies.
 */
public final class JsonRenderer {
  /** Bumped when a field changes meaning or goes away; additions keep the version. */
  public static final int FORMAT_VERSION = 1;

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private JsonRenderer() {}

  public static ObjectNode toJson(Plan plan) {
    ObjectNode root = JSON.createObjectNode();
    root.put("formatVersion", FORMAT_VERSION);
    root.put("app", plan.app());
    root.put("cluster", plan.cluster());
    root.put("hasChanges", plan.hasChanges());
    ObjectNode summary =
        root.putObject("summary")
            .put("add", plan.toAdd())
            .put("change", plan.toChange())
            .put("destroy", plan.toDestroy());
    long runs = plan.count(io.fgd.runtime.engine.Action.RUN);
    if (runs > 0) {
      summary.put("run", runs);
    }
    if (!plan.waits().isEmpty()) {
      ArrayNode waits = summary.putArray("rolloutWaits");
      for (RolloutWait w : plan.waits()) {
        waits
            .addObject()
            .put("service", w.service())
            .put("minutes", w.least().toMinutes())
            .put("strategy", w.how());
      }
    }
    ArrayNode changes = root.putArray("changes");
    for (ResourceChange c : plan.changes()) {
      ObjectNode o = changes.addObject();
      o.put("address", c.address());
      o.put("type", c.type().id());
      o.put("name", c.name());
      c.service().ifPresentOrElse(s -> o.put("service", s), () -> o.putNull("service"));
      o.put("action", c.action().word());
      c.reason().ifPresentOrElse(r -> o.put("reason", r), () -> o.putNull("reason"));
      ArrayNode fields = o.putArray("fields");
      for (FieldChange f : c.fields()) {
        ObjectNode fo = fields.addObject();
        fo.put("path", f.path());
        fo.put("action", f.before().isEmpty() ? "add" : f.after().isEmpty() ? "remove" : "change");
        f.before().ifPresent(b -> fo.set("before", b));
        f.after().ifPresent(a -> fo.set("after", a));
      }
    }
    ArrayNode warnings = root.putArray("warnings");
    plan.warnings().forEach(warnings::add);
    if (!plan.rollouts().isEmpty()) {
      // Only when a service is not steady, so a plan of steady services renders as before.
      ArrayNode rollouts = root.putArray("rollouts");
      plan.rollouts().forEach(r -> rollouts.add(rollout(r)));
    }
    return root;
  }

  /** The state of one service's rollout: facts only, no age, so the same plan renders the same. */
  private static ObjectNode rollout(Rollout r) {
    ObjectNode o = JSON.createObjectNode();
    o.put("service", r.service());
    if (r instanceof Rollout.InProgress p) {
      o.put("state", "in_progress");
      o.put("deploymentId", p.deploymentId());
      o.put("taskDefinition", p.taskDefinitionArn());
      o.put("running", p.running());
      o.put("desired", p.desired());
      o.put("pending", p.pending());
      o.put("failedTasks", p.failedTasks());
      p.startedAt()
          .ifPresentOrElse(t -> o.put("startedAt", t.toString()), () -> o.putNull("startedAt"));
    } else if (r instanceof Rollout.Failed f) {
      o.put("state", "failed");
      o.put("deploymentId", f.deploymentId());
      o.put("taskDefinition", f.taskDefinitionArn());
      o.put("running", f.running());
      o.put("desired", f.desired());
      f.rolledBackTo()
          .ifPresentOrElse(t -> o.put("rolledBackTo", t), () -> o.putNull("rolledBackTo"));
      f.reason().ifPresentOrElse(t -> o.put("reason", t), () -> o.putNull("reason"));
    } else {
      o.put("state", "steady");
    }
    return o;
  }

  public static String render(Plan plan) {
    return render(plan, io.fgd.runtime.cost.PlanCost.NONE);
  }

  /** The plan with a {@code cost} member when the plan touches services (schema: plan.schema). */
  public static String render(Plan plan, io.fgd.runtime.cost.PlanCost cost) {
    ObjectNode root = toJson(plan);
    if (!cost.isEmpty()) {
      root.set("cost", CostRendering.json(cost));
    }
    try {
      return JSON.writeValueAsString(root) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
