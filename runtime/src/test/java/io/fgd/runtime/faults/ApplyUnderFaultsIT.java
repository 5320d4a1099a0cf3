package io.fgd.runtime.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fgd.compiler.Artifact;
import io.fgd.runtime.aws.AwsClients;
import io.fgd.runtime.aws.AwsSettings;
import io.fgd.runtime.deploy.ProgressListener;
import io.fgd.runtime.engine.Applier;
import io.fgd.runtime.engine.ApplyListener;
import io.fgd.runtime.engine.ApplyOptions;
import io.fgd.runtime.engine.ApplyResult;
import io.fgd.runtime.engine.Fixtures;
import io.fgd.runtime.engine.Planner;
import io.fgd.runtime.moto.MotoExtension;
import io.fgd.runtime.moto.MotoGaps;
import io.fgd.runtime.moto.MotoNetwork;
import io.fgd.runtime.moto.MotoServer;
import io.fgd.runtime.state.AwsStateReader;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * fgd apply through {@link FaultProxy} in front of moto: throttling, server errors and dropped
 * connections on the calls that change things are retried with backoff, each change is made exactly
 * once, and the account ends up matching the spec (a plan afterwards shows no changes).
 */
@ExtendWith(MotoExtension.class)
class ApplyUnderFaultsIT {
  static final StaticCredentialsProvider CREDENTIALS =
      StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing"));

  @Test
  void changingCallsAreRetriedAndMadeOnce(MotoServer moto) throws Exception {
    MotoNetwork network = MotoNetwork.create(moto.endpoint(), "us-west-1", CREDENTIALS);
    List<Artifact> artifacts =
        MotoGaps.withoutUnmodelled(
            Fixtures.inNetwork(Fixtures.sheets(), network.subnets(), network.securityGroups()));
    try (FaultProxy proxy = new FaultProxy(moto.endpoint())) {
      proxy
          .fail("CreateService", FaultProxy.Fault.THROTTLE, 2)
          .fail("RegisterTaskDefinition", FaultProxy.Fault.SERVER_ERROR, 1)
          .fail("CreateLogGroup", FaultProxy.Fault.UNAVAILABLE, 1)
          .fail("RegisterScalableTarget", FaultProxy.Fault.DROP, 1)
          .fail("PutScalingPolicy", FaultProxy.Fault.THROTTLE, 1);
      AwsSettings viaProxy =
          new AwsSettings(
              Optional.empty(), Optional.of("us-west-1"), Optional.of(proxy.endpoint()));
      ApplyResult result;
      try (AwsClients clients = AwsClients.create(viaProxy, CREDENTIALS)) {
        result =
            new Applier(
                    clients,
                    viaProxy,
                    ApplyOptions.DEFAULTS.withWait(false),
                    ApplyListener.none(),
                    ProgressListener.none())
                .apply(
                    Planner.plan(
                        Fixtures.desired(artifacts), new AwsStateReader(clients, viaProxy)));
      }
      assertEquals(ApplyResult.Status.APPLIED, result.status(), () -> "errors: " + result.errors());
      assertEquals(6, proxy.injected(), proxy.log().toString());
      // Every fault was followed by a successful retry of the same call, and no change was made
      // twice.
      List<String> log = proxy.log();
      assertEquals(2, log.stream().filter(s -> s.equals("CreateService")).count(), log.toString());
      assertEquals(
          2, log.stream().filter(s -> s.equals("RegisterTaskDefinition")).count(), log.toString());
    }
    AwsSettings direct =
        new AwsSettings(Optional.empty(), Optional.of("us-west-1"), Optional.of(moto.endpoint()));
    try (AwsClients clients = AwsClients.create(direct, CREDENTIALS)) {
      assertFalse(
          Planner.plan(Fixtures.desired(artifacts), new AwsStateReader(clients, direct))
              .plan()
              .hasChanges());
      assertEquals(
          2,
          clients.ecs().listServices(r -> r.cluster("sheets-prod")).serviceArns().size(),
          "each service exists once");
      assertTrue(
          clients
                  .ecs()
                  .listTaskDefinitions(r -> r.familyPrefix("sheets-api"))
                  .taskDefinitionArns()
                  .size()
              == 1,
          "one revision: the failed registration was not counted twice");
    }
  }
}
