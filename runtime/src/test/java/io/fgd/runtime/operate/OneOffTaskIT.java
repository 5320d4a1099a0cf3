package io.fgd.runtime.operate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fgd.runtime.aws.AwsClients;
import io.fgd.runtime.aws.AwsSettings;
import io.fgd.runtime.engine.DesiredService;
import io.fgd.runtime.moto.MotoExtension;
import io.fgd.runtime.moto.MotoNetwork;
import io.fgd.runtime.moto.MotoServer;
import io.fgd.runtime.moto.SdkSeeder;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * Choosing what a one-off task runs, against moto (DescribeServices, DescribeTaskDefinition with
 * tags, RegisterTaskDefinition). RunTask itself is not run against moto: moto 5.2.5's RunTask
 * answers HTTP 500 for every awsvpc task (its network interface lacks {@code private_dns_name}),
 * and for a container without its own memory, as fgd compiles Fargate ones; it would run no
 * container either. TaskRunTest and the CLI's RunCommandIT replay RunTask, DescribeTasks and
 * StopTask.
 */
@ExtendWith(MotoExtension.class)
class OneOffTaskIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static DesiredService service(MotoNetwork network, String image) throws Exception {
    ObjectNode td =
        (ObjectNode)
            JSON.readTree(
                """
                {"family": "demo-api", "networkMode": "awsvpc",
                 "requiresCompatibilities": ["FARGATE"], "cpu": "256", "memory": "512",
                 "containerDefinitions": [{"name": "api", "image": "%s", "essential": true,
                   "memory": 512,
                   "logConfiguration": {"logDriver": "awslogs", "options": {
                     "awslogs-group": "/ecs/demo/api", "awslogs-region": "us-west-1",
                     "awslogs-stream-prefix": "api"}}}]}
                """
                    .formatted(image));
    ObjectNode svc =
        (ObjectNode)
            JSON.readTree(
                """
                {"cluster": "demo", "serviceName": "api", "taskDefinition": "demo-api",
                 "desiredCount": 1, "launchType": "FARGATE",
                 "networkConfiguration": {"awsvpcConfiguration": {
                   "subnets": ["%s"], "securityGroups": ["%s"], "assignPublicIp": "ENABLED"}}}
                """
                    .formatted(network.subnets().get(0), network.securityGroups().get(0)));
    return new DesiredService("api", td, svc, Optional.empty(), List.of("/ecs/demo/api"));
  }

  @Test
  void runsTheServicesRevisionWhenItEqualsTheSpecOtherwiseRegistersIt(MotoServer moto)
      throws Exception {
    var credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create("t", "t"));
    try (AwsClients clients =
        AwsClients.create(
            new AwsSettings(
                Optional.empty(), Optional.of("us-west-1"), Optional.of(moto.endpoint())),
            credentials)) {
      MotoNetwork network = MotoNetwork.create(moto.endpoint(), "us-west-1", credentials);
      clients.ecs().createCluster(r -> r.clusterName("demo"));
      DesiredService applied = service(network, "repo:1");
      new SdkSeeder(clients).seed(applied);
      List<String> notes = new ArrayList<>();

      TaskRun.Request same =
          OneOffTask.prepare(clients.ecs(), "demo", applied, List.of("migrate"), false, notes::add);
      assertTrue(same.taskDefinition().endsWith("demo-api:1"), same.taskDefinition());
      assertEquals(List.of("Running demo-api:1, which equals the spec."), notes);
      assertEquals(List.of(network.subnets().get(0)), same.subnets());
      assertTrue(same.assignPublicIp());
      assertEquals(Optional.of(new TaskRun.LogStream("/ecs/demo/api", "api")), same.logs());

      notes.clear();
      TaskRun.Request changed =
          OneOffTask.prepare(
              clients.ecs(), "demo", service(network, "repo:2"), List.of(), false, notes::add);
      assertTrue(changed.taskDefinition().endsWith("demo-api:2"), changed.taskDefinition());
      assertEquals(List.of("Registered demo-api:2, the spec's task definition."), notes);

      notes.clear();
      TaskRun.Request live =
          OneOffTask.prepare(
              clients.ecs(), "demo", service(network, "repo:2"), List.of(), true, notes::add);
      assertTrue(live.taskDefinition().endsWith("demo-api:1"), "--live: " + live.taskDefinition());
    }
  }
}
