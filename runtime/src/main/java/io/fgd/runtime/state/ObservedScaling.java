package io.fgd.runtime.state;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * A service's Application Auto Scaling registration, in the service's PascalCase wire shape.
 *
 * @param policies by PolicyName
 */
public record ObservedScaling(ObjectNode target, Map<String, ObjectNode> policies) {
  public ObservedScaling {
    policies = Map.copyOf(policies);
  }
}
