package io.fgd.runtime.kinds.scalabletarget;

import static io.fgd.runtime.engine.Canonical.present;
import static io.fgd.runtime.engine.Canonical.putNumber;
import static io.fgd.runtime.engine.Canonical.putText;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The normal form of an Application Auto Scaling target (PascalCase, as the API has it). */
public final class ScalableTargetForm {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private ScalableTargetForm() {}

  public static ObjectNode scalableTarget(JsonNode t) {
    ObjectNode out = NODES.objectNode();
    putText(out, "ResourceId", t.get("ResourceId"));
    putText(out, "ScalableDimension", t.get("ScalableDimension"));
    putNumber(
        out, "MinCapacity", present(t.get("MinCapacity")) ? t.get("MinCapacity").asInt() : null);
    putNumber(
        out, "MaxCapacity", present(t.get("MaxCapacity")) ? t.get("MaxCapacity").asInt() : null);
    return out;
  }
}
