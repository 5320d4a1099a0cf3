package io.fgd.runtime.kinds.scalingpolicy;

import static io.fgd.runtime.engine.Canonical.number;
import static io.fgd.runtime.engine.Canonical.present;
import static io.fgd.runtime.engine.Canonical.putText;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The normal form of a target-tracking scaling policy (PascalCase, as the API has it). */
public final class ScalingPolicyForm {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private ScalingPolicyForm() {}

  public static ObjectNode policy(JsonNode p) {
    ObjectNode out = NODES.objectNode();
    putText(out, "PolicyType", p.get("PolicyType"));
    JsonNode tt = p.get("TargetTrackingScalingPolicyConfiguration");
    if (present(tt)) {
      ObjectNode c = NODES.objectNode();
      if (present(tt.get("TargetValue"))) {
        c.set("TargetValue", number(tt.get("TargetValue")));
      }
      JsonNode pm = tt.get("PredefinedMetricSpecification");
      if (present(pm)) {
        ObjectNode m = NODES.objectNode();
        putText(m, "PredefinedMetricType", pm.get("PredefinedMetricType"));
        putText(m, "ResourceLabel", pm.get("ResourceLabel"));
        c.set("PredefinedMetricSpecification", m);
      }
      if (present(tt.get("ScaleInCooldown"))) {
        c.put("ScaleInCooldown", tt.get("ScaleInCooldown").asInt());
      }
      if (present(tt.get("ScaleOutCooldown"))) {
        c.put("ScaleOutCooldown", tt.get("ScaleOutCooldown").asInt());
      }
      c.put("DisableScaleIn", tt.path("DisableScaleIn").asBoolean(false));
      out.set("TargetTrackingScalingPolicyConfiguration", c);
    }
    return out;
  }
}
