package io.fgd.runtime.state;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;

/**
 * A live ECS service as DescribeServices returned it.
 *
 * @param json the whole service in ECS wire shape (camelCase), tags included
 * @param primaryDeploymentId the id of the PRIMARY deployment, which changes on every rollout; part
 *     of the service's fingerprint
 */
public record ObservedService(
    String name,
    String arn,
    String status,
    String taskDefinitionArn,
    Optional<String> primaryDeploymentId,
    ObjectNode json) {

  /** DescribeServices keeps returning deleted services as INACTIVE (and DRAINING) for a while. */
  public boolean isGone() {
    return status.equals("INACTIVE");
  }
}
