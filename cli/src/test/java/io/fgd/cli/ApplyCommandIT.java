package io.fgd.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fgd.runtime.aws.AwsClients;
import io.fgd.runtime.aws.AwsSettings;
import io.fgd.runtime.moto.MotoNetwork;
import io.fgd.runtime.moto.MotoServer;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * {@code fgd apply} end to end against a real moto server: the confirmation question on a terminal,
 * and a saved plan that went stale. Apply runs with --no-wait here: moto models no rollout (see
 * ApplyReplayIT for the waiting and its exit codes).
 */
class ApplyCommandIT {
  static URI endpoint;

  @TempDir Path tmp;
  private AwsClients clients;
  private MotoNetwork network;

  @BeforeAll
  static void startMoto() throws Exception {
    // The runtime tests' moto server, shared by every test class of this JVM.
    endpoint = MotoServer.shared().endpoint();
    System.setProperty("aws.accessKeyId", "test");
    System.setProperty("aws.secretAccessKey", "test");
  }

  @BeforeEach
  void emptyAccount() throws IOException {
    MotoServer.shared().reset();
    var credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));
    clients =
        AwsClients.create(
            new AwsSettings(Optional.empty(), Optional.of("us-west-1"), Optional.of(endpoint)),
            credentials);
    // Moto's CreateService accepts only subnets its EC2 knows.
    network = MotoNetwork.create(endpoint, "us-west-1", credentials);
  }

  @AfterEach
  void close() {
    clients.close();
  }

  private Path spec(String tag) throws IOException {
    return Files.writeString(
        tmp.resolve("demo.fgd"),
        """
        app demo {
          region us-west-1
          account 123456789012
          cluster demo
          execution_role "arn:aws:iam::123456789012:role/ecsTaskExecutionRole"
          network {
            subnets %s
            security_groups %s
          }
        }
        service api {
          image "123456789012.dkr.ecr.us-west-1.amazonaws.com/repo:%s"
          port 80
          replicas 2
        }
        """
            .formatted(network.subnets().get(0), network.securityGroups().get(0), tag));
  }

  private static MainTest.Run fgd(boolean terminal, String input, String... args) {
    String[] all = new String[args.length + 2];
    System.arraycopy(args, 0, all, 0, args.length);
    all[args.length] = "--endpoint-url";
    all[args.length + 1] = endpoint.toString();
    return ApplyCommandTest.run(terminal, input, all);
  }

  private boolean clusterExists() {
    return clients.ecs().describeClusters(r -> r.clusters("demo")).clusters().stream()
        .anyMatch(c -> "ACTIVE".equals(c.status()));
  }

  @Test
  void answeringYesApplies() throws Exception {
    MainTest.Run r = fgd(true, "yes\n", "apply", spec("v1").toString(), "--no-wait");
    assertEquals(ExitCodes.OK, r.code(), r.out() + r.err());
    assertTrue(r.out().contains("Apply these changes? Only 'yes' is accepted: "), r.out());
    assertTrue(r.out().contains("Apply complete"), r.out());
    assertTrue(clusterExists());
    assertEquals(1, clients.ecs().listServices(q -> q.cluster("demo")).serviceArns().size());
  }

  @ParameterizedTest
  @ValueSource(strings = {"y\n", "no\n", "\n", "", "Yes please\n"})
  void anyOtherAnswerAbortsWithoutChangingAnything(String answer) throws Exception {
    MainTest.Run r = fgd(true, answer, "apply", spec("v1").toString(), "--no-wait");
    assertEquals(ExitCodes.ERROR, r.code(), r.out() + r.err());
    assertTrue(r.err().contains("Apply cancelled: nothing was changed."), r.err());
    // Apply creates the cluster first; nothing of the plan exists.
    assertTrue(!clusterExists(), "the cluster was not created");
    assertEquals(
        List.of(),
        clients.logs().describeLogGroups(q -> q.logGroupNamePrefix("/ecs/demo")).logGroups());
    assertEquals(
        List.of(),
        clients.ecs().listTaskDefinitions(q -> q.familyPrefix("demo")).taskDefinitionArns());
  }

  @Test
  void aSavedPlanIsRefusedWhenTheServiceChangedSince() throws Exception {
    assertEquals(
        ExitCodes.OK,
        fgd(false, "", "apply", spec("v1").toString(), "--auto-approve", "--no-wait").code());
    Path saved = tmp.resolve("demo.plan");
    MainTest.Run planned = fgd(false, "", "plan", spec("v2").toString(), "--out", saved.toString());
    assertEquals(0, planned.code(), planned.err());

    // Someone deploys another revision by hand after the plan was reviewed.
    String service =
        clients
            .ecs()
            .describeServices(q -> q.cluster("demo").services("api"))
            .services()
            .get(0)
            .taskDefinition();
    var td = clients.ecs().describeTaskDefinition(q -> q.taskDefinition(service)).taskDefinition();
    String hand =
        clients
            .ecs()
            .registerTaskDefinition(
                q ->
                    q.family(td.family())
                        .containerDefinitions(td.containerDefinitions())
                        .requiresCompatibilities(td.requiresCompatibilities())
                        .networkMode(td.networkMode())
                        .cpu(td.cpu())
                        .memory(td.memory())
                        .executionRoleArn(td.executionRoleArn()))
            .taskDefinition()
            .taskDefinitionArn();
    clients.ecs().updateService(q -> q.cluster("demo").service("api").taskDefinition(hand));

    MainTest.Run r = fgd(false, "", "apply", saved.toString());
    assertEquals(ExitCodes.STALE_PLAN, r.code(), r.out() + r.err());
    assertTrue(r.err().contains("service/api changed"), r.err());
    assertTrue(r.err().contains("Run `fgd plan --out " + saved), r.err());
    // Nothing of the stale plan was applied: the service still runs the hand-made revision.
    assertEquals(
        hand,
        clients
            .ecs()
            .describeServices(q -> q.cluster("demo").services("api"))
            .services()
            .get(0)
            .taskDefinition());
  }
}
