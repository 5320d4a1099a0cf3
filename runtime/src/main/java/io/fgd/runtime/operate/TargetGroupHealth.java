package io.fgd.runtime.operate;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthDescription;

/**
 * The targets of one target group a service registers its tasks with, as Elastic Load Balancing's
 * DescribeTargetHealth reports them.
 *
 * @param targetGroupArn the target group, from the service's {@code loadBalancers}
 * @param container the container and port the service registers ({@code api:80})
 * @param targets every target the group has, in ELB's order
 * @param error why the group could not be read (it no longer exists); empty when it was read
 */
public record TargetGroupHealth(
    String targetGroupArn, String container, List<Target> targets, Optional<String> error) {
  /** States a target can be in that leave the service able to serve: ELB routes to healthy ones. */
  static final List<String> SETTLED = List.of("healthy", "draining");

  public TargetGroupHealth {
    requireNonNull(targetGroupArn, "targetGroupArn is null");
    requireNonNull(container, "container is null");
    targets = List.copyOf(targets);
    requireNonNull(error, "error is null");
  }

  /**
   * One target: a task's IP address (awsvpc) and port.
   *
   * @param state initial, healthy, unhealthy, unhealthy.draining, unused, draining or unavailable
   * @param reason ELB's reason code when not healthy ({@code Target.ResponseCodeMismatch})
   * @param description ELB's words for it ({@code Health checks failed with these codes: [502]})
   */
  public record Target(
      String id,
      Optional<Integer> port,
      String state,
      Optional<String> reason,
      Optional<String> description) {
    public Target {
      requireNonNull(id, "id is null");
      requireNonNull(port, "port is null");
      requireNonNull(state, "state is null");
      requireNonNull(reason, "reason is null");
      requireNonNull(description, "description is null");
    }

    /** {@code 10.0.1.12:80}. */
    public String address() {
      return id + port.map(p -> ":" + p).orElse("");
    }
  }

  /** From DescribeTargetHealth's answer. */
  public static TargetGroupHealth of(
      String targetGroupArn, String container, List<TargetHealthDescription> descriptions) {
    return new TargetGroupHealth(
        targetGroupArn,
        container,
        descriptions.stream()
            .map(
                d ->
                    new Target(
                        d.target() == null ? "?" : d.target().id(),
                        Optional.ofNullable(d.target() == null ? null : d.target().port()),
                        d.targetHealth() == null || d.targetHealth().stateAsString() == null
                            ? "unknown"
                            : d.targetHealth().stateAsString(),
                        Optional.ofNullable(
                            d.targetHealth() == null ? null : d.targetHealth().reasonAsString()),
                        Optional.ofNullable(
                            d.targetHealth() == null ? null : d.targetHealth().description())))
            .toList(),
        Optional.empty());
  }

  /** A group that could not be read, and why. */
  public static TargetGroupHealth unreadable(String targetGroupArn, String container, String why) {
    return new TargetGroupHealth(targetGroupArn, container, List.of(), Optional.of(why));
  }

  /** How many targets are in {@code state}. */
  public long count(String state) {
    return targets.stream().filter(t -> t.state().equals(state)).count();
  }

  /** The targets neither healthy nor draining. */
  public List<Target> troubled() {
    return targets.stream().filter(t -> !SETTLED.contains(t.state())).toList();
  }

  /**
   * Whether this group lets the service serve as it should: it could be read, it has a healthy
   * target when the service wants tasks, and every target is healthy or draining (an old task
   * leaving after a deployment).
   */
  public boolean isHealthy(int desiredTasks) {
    return error.isEmpty() && troubled().isEmpty() && (desiredTasks == 0 || count("healthy") > 0);
  }

  /** The group's name, from its ARN ({@code targetgroup/NAME/ID}). */
  public String name() {
    String[] parts = targetGroupArn.split("/");
    return parts.length >= 3 ? parts[parts.length - 2] : targetGroupArn;
  }
}
