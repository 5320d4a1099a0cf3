package io.fgd.runtime.engine;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fgd.runtime.state.ObservedState;

/** Plans used by renderer tests. */
public final class Scenarios {
  private Scenarios() {}

  /**
   * Every kind of change: api's image and scaling bounds drifted and its env lost a variable,
   * server was never deployed, worker is no longer in the spec.
   */
  public static Plan mixed() {
    Observed live =
        new Observed()
            .edit(
                o -> {
                  ObjectNode c = Observed.container(o.taskDef);
                  c.put("image", "123456789012.dkr.ecr.us-west-1.amazonaws.com/repo:abc");
                  c.putArray("environment");
                  o.target.put("MaxCapacity", 20);
                });
    live.orphans.put(
        "worker", Observed.service(live.service.deepCopy().put("serviceName", "worker")));
    ObservedState state = live.state();
    return Differ.diff(Fixtures.desired(Fixtures.sheets()), state);
  }

  public static Plan none() {
    return Differ.diff(
        Fixtures.desired(Fixtures.without(Fixtures.sheets(), "server/")), new Observed().state());
  }

  /**
   * No changes, but two services not steady: "api" still rolling out (1 of 2 tasks, started at
   * 07:00), "server" failed with nothing to roll back to; as of 07:04.
   */
  public static Plan rollouts() {
    Plan none = none();
    java.time.Instant started = java.time.Instant.parse("2026-11-26T07:00:00Z");
    return new Plan(
        none.app(),
        none.cluster(),
        none.changes(),
        none.warnings(),
        java.util.List.of(
            new io.fgd.runtime.deploy.Rollout.InProgress(
                "api",
                "ecs-svc/2222",
                "arn:aws:ecs:us-west-1:123456789012:task-definition/sheets-api:42",
                1,
                2,
                1,
                0,
                java.util.Optional.of(started)),
            new io.fgd.runtime.deploy.Rollout.Failed(
                "server",
                "ecs-svc/3333",
                "arn:aws:ecs:us-west-1:123456789012:task-definition/sheets-server:7",
                java.util.Optional.empty(),
                0,
                1,
                java.util.Optional.of("ECS deployment circuit breaker: tasks failed to start."),
                java.util.List.of())));
  }

  /** When {@link #rollouts()} is rendered. */
  public static final java.time.Instant ROLLOUTS_NOW =
      java.time.Instant.parse("2026-11-26T07:04:00Z");
}
