package io.fgd.runtime.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fgd.runtime.FgdRuntimeException;
import io.fgd.runtime.aws.AwsClients;
import io.fgd.runtime.aws.AwsSettings;
import io.fgd.runtime.engine.Fixtures;
import io.fgd.runtime.engine.Planner;
import io.fgd.runtime.kinds.loggroup.LogGroupReads;
import io.fgd.runtime.kinds.scalabletarget.ScalableTargetReads;
import io.fgd.runtime.kinds.service.ServiceReads;
import io.fgd.runtime.moto.MotoExtension;
import io.fgd.runtime.moto.MotoServer;
import java.net.ServerSocket;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

@ExtendWith(MotoExtension.class)
class AwsStateReaderIT {
  private static final StaticCredentialsProvider KEYS =
      StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing"));

  private static AwsSettings settings(URI endpoint) {
    return new AwsSettings(Optional.empty(), Optional.of("us-west-1"), Optional.of(endpoint));
  }

  @Test
  void servicesAreReadTenPerCallAndOwnershipByTag(MotoServer moto) throws Exception {
    AwsSettings settings = settings(moto.endpoint());
    try (AwsClients clients = AwsClients.create(settings, KEYS)) {
      clients.ecs().createCluster(r -> r.clusterName("c"));
      String td =
          clients
              .ecs()
              .registerTaskDefinition(
                  r ->
                      r.family("f")
                          .containerDefinitions(c -> c.name("x").image("busybox").memory(128)))
              .taskDefinition()
              .taskDefinitionArn();
      List<String> names = new ArrayList<>();
      for (int i = 0; i < 12; i++) {
        String name = "s" + i;
        names.add(name);
        String app = i < 11 ? "mine" : "theirs";
        clients
            .ecs()
            .createService(
                r ->
                    r.cluster("c")
                        .serviceName(name)
                        .taskDefinition(td)
                        .desiredCount(1)
                        .tags(t -> t.key("fgd:app").value(app)));
      }
      AwsStateReader reader = new AwsStateReader(clients, settings);
      assertEquals(12, ServiceReads.api(reader).readServices("c", names).size());
      assertEquals(2, reader.apiCalls());

      // Owned: tagged fgd:app=mine, minus the ones the spec still has.
      var owned = ServiceReads.api(reader).listOwnedServices("c", "mine", Set.of("s0", "s1"));
      assertEquals(Set.of("s2", "s3", "s4", "s5", "s6", "s7", "s8", "s9", "s10"), owned.keySet());
    }
  }

  @Test
  void scalingPoliciesAreReadByNamespaceUntilThatCostsMoreThanHalfTheTargets(MotoServer moto)
      throws Exception {
    AwsSettings settings = settings(moto.endpoint());
    try (AwsClients clients = AwsClients.create(settings, KEYS)) {
      for (int i = 0; i < 4; i++) {
        scaled(clients, "c", "s" + i);
      }
      List<String> asked = List.of("s0", "s1", "s2", "s3", "unscaled");
      // 8 policies in the namespace: one DescribeScalableTargets and one page of policies.
      AwsStateReader reader = new AwsStateReader(clients, settings);
      var scaling = ScalableTargetReads.api(reader).readScaling("c", asked);
      assertEquals(2, reader.apiCalls());
      assertEquals(Set.of("s0", "s1", "s2", "s3"), scaling.keySet());
      for (int i = 0; i < 4; i++) {
        assertEquals(
            Set.of("s" + i + "-cpu", "s" + i + "-memory"),
            scaling.get("s" + i).policies().keySet());
      }
      // One target: one read of its policies, whatever else the namespace holds.
      AwsStateReader one = new AwsStateReader(clients, settings);
      assertEquals(
          Set.of("s2-cpu", "s2-memory"),
          ScalableTargetReads.api(one)
              .readScaling("c", List.of("s2"))
              .get("s2")
              .policies()
              .keySet());
      assertEquals(2, one.apiCalls());

      // Another cluster's 30 policies: the namespace takes 4 pages; after the 2 the 4 targets
      // allow, the targets are read one by one, with the same result.
      for (int i = 0; i < 15; i++) {
        scaled(clients, "other", "o" + i);
      }
      AwsStateReader crowded = new AwsStateReader(clients, settings);
      var again = ScalableTargetReads.api(crowded).readScaling("c", asked);
      assertEquals(1 + 2 + 4, crowded.apiCalls());
      assertEquals(scaling, again);
    }
  }

  /** A service in the cluster (made when missing) with a target and a cpu and a memory policy. */
  private static void scaled(AwsClients clients, String cluster, String service) {
    clients.ecs().createCluster(r -> r.clusterName(cluster));
    String td =
        clients
            .ecs()
            .registerTaskDefinition(
                r ->
                    r.family("f")
                        .containerDefinitions(c -> c.name("x").image("busybox").memory(128)))
            .taskDefinition()
            .taskDefinitionArn();
    clients
        .ecs()
        .createService(
            r -> r.cluster(cluster).serviceName(service).taskDefinition(td).desiredCount(1));
    String id = AwsStateReader.resourceId(cluster, service);
    clients
        .autoScaling()
        .registerScalableTarget(
            r ->
                r.serviceNamespace("ecs")
                    .resourceId(id)
                    .scalableDimension("ecs:service:DesiredCount")
                    .minCapacity(1)
                    .maxCapacity(4));
    for (String metric : List.of("cpu", "memory")) {
      clients
          .autoScaling()
          .putScalingPolicy(
              r ->
                  r.serviceNamespace("ecs")
                      .resourceId(id)
                      .scalableDimension("ecs:service:DesiredCount")
                      .policyName(service + "-" + metric)
                      .policyType("TargetTrackingScaling")
                      .targetTrackingScalingPolicyConfiguration(
                          c ->
                              c.targetValue(50.0)
                                  .predefinedMetricSpecification(
                                      m ->
                                          m.predefinedMetricType(
                                              metric.equals("cpu")
                                                  ? "ECSServiceAverageCPUUtilization"
                                                  : "ECSServiceAverageMemoryUtilization"))));
    }
  }

  @Test
  void logGroupsAreListedByTheirFolderUntilThatCostsMoreThanHalfTheNames(MotoServer moto)
      throws Exception {
    AwsSettings settings = settings(moto.endpoint());
    try (AwsClients clients = AwsClients.create(settings, KEYS)) {
      for (String g : List.of("/ecs/app/a", "/ecs/app/b", "/ecs/app/zz", "/lone/x", "/lone/xy")) {
        clients.logs().createLogGroup(r -> r.logGroupName(g));
      }
      List<String> asked =
          List.of("/ecs/app/a", "/ecs/app/b", "/ecs/app/missing", "/lone/x", "/lone/x");
      // One page for the folder /ecs/app/, one read for the lone name.
      AwsStateReader reader = new AwsStateReader(clients, settings);
      assertEquals(
          Set.of("/ecs/app/a", "/ecs/app/b", "/lone/x"),
          LogGroupReads.api(reader).readLogGroups(asked).keySet());
      assertEquals(2, reader.apiCalls());

      // 120 groups sort before the ones asked: after 2 pages (half of 3 names, rounded up) the
      // listing has not reached them, and the 3 are read one by one.
      for (int i = 0; i < 120; i++) {
        String g = String.format("/ecs/app/%04d", i);
        clients.logs().createLogGroup(r -> r.logGroupName(g));
      }
      AwsStateReader crowded = new AwsStateReader(clients, settings);
      assertEquals(
          Set.of("/ecs/app/a", "/ecs/app/b", "/lone/x"),
          LogGroupReads.api(crowded).readLogGroups(asked).keySet());
      assertEquals(2 + 3 + 1, crowded.apiCalls());
    }
  }

  @Test
  void unreachableEndpointIsOneClearSentence() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    AwsSettings settings = settings(URI.create("http://127.0.0.1:" + port));
    var e =
        assertThrows(
            FgdRuntimeException.class,
            () -> {
              try (AwsClients clients = AwsClients.create(settings, KEYS)) {
                Planner.plan(
                    Fixtures.desired(Fixtures.sheets()), new AwsStateReader(clients, settings));
              }
            });
    assertTrue(
        e.getMessage()
            .startsWith("Could not reach AWS at http://127.0.0.1:" + port + " in us-west-1 while "),
        e.getMessage());
  }

  @Test
  void unknownProfileIsMissingCredentials(MotoServer moto) {
    AwsSettings settings =
        new AwsSettings(
            Optional.of("fgd-test-no-such-profile"),
            Optional.of("us-west-1"),
            Optional.of(moto.endpoint()));
    var e =
        assertThrows(
            FgdRuntimeException.class, () -> Planner.plan("sheets", Fixtures.sheets(), settings));
    assertTrue(e.getMessage().startsWith("No AWS credentials were found while "), e.getMessage());
  }
}
