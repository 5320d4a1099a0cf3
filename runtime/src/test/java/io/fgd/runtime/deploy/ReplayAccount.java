package io.fgd.runtime.deploy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fgd.runtime.aws.AwsClients;
import io.fgd.runtime.aws.AwsSettings;
import io.fgd.runtime.engine.Applier;
import io.fgd.runtime.engine.ApplyListener;
import io.fgd.runtime.engine.ApplyOptions;
import io.fgd.runtime.engine.ApplyResult;
import io.fgd.runtime.engine.DesiredService;
import io.fgd.runtime.engine.DesiredState;
import io.fgd.runtime.engine.Differ;
import io.fgd.runtime.engine.PlanResult;
import io.fgd.runtime.kinds.ObservedStates;
import io.fgd.runtime.state.ObservedService;
import io.fgd.runtime.state.ObservedState;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * A {@link ReplayServer} with the real clients apply builds pointed at it (us-west-1): the set-up
 * the replayed apply tests share. Close it after each test ({@code @AutoClose} on the field).
 */
public final class ReplayAccount implements AutoCloseable {
  public final ReplayServer server;
  public final AwsSettings settings;
  public final AwsClients clients;

  private ReplayAccount(ReplayServer server) {
    this.server = server;
    settings =
        new AwsSettings(Optional.empty(), Optional.of("us-west-1"), Optional.of(server.endpoint()));
    clients =
        AwsClients.create(
            settings, StaticCredentialsProvider.create(AwsBasicCredentials.create("k", "s")));
  }

  public static ReplayAccount start() {
    return new ReplayAccount(ReplayServer.start());
  }

  /** UpdateService answers, as ECS does, with the service (here just its name, api). */
  public ReplayAccount answeringUpdateService() {
    server.script("UpdateService", null, "{\"service\": {\"serviceName\": \"api\"}}");
    return this;
  }

  /** Applies the plan with these options, nothing listening. */
  public ApplyResult apply(PlanResult plan, ApplyOptions options) throws InterruptedException {
    return new Applier(clients, settings, options, ApplyListener.none(), ProgressListener.none())
        .apply(plan);
  }

  /** Applies the plan without waiting for rollouts (nothing is replayed for them). */
  public ApplyResult apply(PlanResult plan) throws InterruptedException {
    return apply(plan, ApplyOptions.DEFAULTS.withWait(false));
  }

  /**
   * The plan from a live service {@code api} of cluster {@code demo} (deployment {@code ecs-svc/1},
   * running {@code liveTaskDefinition}, registered as {@code taskDefinition}) to {@code want} with
   * the same task definition.
   */
  public static PlanResult updateOfApi(
      ObjectNode taskDefinition, ObjectNode want, String liveTaskDefinition, ObjectNode live) {
    DesiredState desired = desiredApi(taskDefinition, want);
    ObservedState observed =
        ObservedStates.of(
            true,
            Map.of(
                "api",
                new ObservedService(
                    "api",
                    "arn:aws:ecs:us-west-1:123456789012:service/demo/api",
                    "ACTIVE",
                    liveTaskDefinition,
                    Optional.of("ecs-svc/1"),
                    live)),
            Map.of(
                liveTaskDefinition,
                taskDefinition.deepCopy().put("taskDefinitionArn", liveTaskDefinition)),
            Map.of(),
            Map.of(),
            Map.of());
    return new PlanResult(Differ.diff(desired, observed), desired, observed, 0);
  }

  /** The plan that creates service {@code api} of cluster {@code demo} in an empty account. */
  public static PlanResult creationOfApi(ObjectNode taskDefinition, ObjectNode want) {
    DesiredState desired = desiredApi(taskDefinition, want);
    ObservedState observed =
        ObservedStates.of(true, Map.of(), Map.of(), Map.of(), Map.of(), Map.of());
    return new PlanResult(Differ.diff(desired, observed), desired, observed, 0);
  }

  /** App and cluster {@code demo} with one service, {@code api}. */
  private static DesiredState desiredApi(ObjectNode taskDefinition, ObjectNode want) {
    return new DesiredState(
        "demo",
        "demo",
        Map.of(
            "api", new DesiredService("api", taskDefinition, want, Optional.empty(), List.of())));
  }

  @Override
  public void close() {
    clients.close();
    server.close();
  }
}
