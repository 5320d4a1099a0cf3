package io.fgd.runtime.importer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fgd.compiler.CompileOptions;
import io.fgd.compiler.Compiler;
import io.fgd.compiler.source.SourceFile;
import io.fgd.runtime.aws.SdkJson;
import io.fgd.runtime.engine.DesiredState;
import io.fgd.runtime.engine.Plan;
import io.fgd.runtime.engine.Planner;
import io.fgd.runtime.kinds.Account;
import io.fgd.runtime.moto.MotoExtension;
import io.fgd.runtime.moto.MotoGaps;
import io.fgd.runtime.moto.MotoServer;
import io.fgd.runtime.state.AwsStateReader;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.ecs.model.CreateServiceRequest;
import software.amazon.awssdk.services.ecs.model.RegisterTaskDefinitionRequest;

/**
 * Issue 12 item 19 against moto over HTTP: every kind of drift the language cannot express is
 * announced as the change the first plan makes, from what to what, and the announcements are
 * exactly what {@code fgd plan} of the written spec reports (run both, compare).
 */
@ExtendWith(MotoExtension.class)
class FirstPlanIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private Account account;

  @BeforeEach
  void connect(MotoServer moto) {
    account = new Account(moto);
  }

  @AfterEach
  void close() {
    account.close();
  }

  private void seed(String family, String container, String logGroup, String serviceExtra)
      throws Exception {
    account.clients.ecs().createCluster(r -> r.clusterName("ops"));
    String log =
        logGroup.isEmpty()
            ? ""
            : ", \"logConfiguration\": {\"logDriver\": \"awslogs\", \"options\": {"
                + "\"awslogs-group\": \""
                + logGroup
                + "\", \"awslogs-region\": \"us-west-1\", \"awslogs-stream-prefix\": \"web\"}}";
    account
        .clients
        .ecs()
        .registerTaskDefinition(
            SdkJson.fromJson(
                JSON.readTree(
                    ("{\"family\": \"FAMILY\", \"networkMode\": \"awsvpc\","
                            + " \"requiresCompatibilities\": [\"FARGATE\"], \"cpu\": \"256\","
                            + " \"memory\": \"512\", \"executionRoleArn\":"
                            + " \"arn:aws:iam::123456789012:role/ops-execution\","
                            + " \"containerDefinitions\": [{\"name\":"
                            + " \"CONTAINER\", \"image\": \"public.ecr.aws/nginx/nginx:1.27.3\""
                            + log
                            + "}]}")
                        .replace("FAMILY", family)
                        .replace("CONTAINER", container)),
                RegisterTaskDefinitionRequest.builder()));
    String network =
        "\"networkConfiguration\": {\"awsvpcConfiguration\": {\"subnets\": [\""
            + account.network.subnets().get(0)
            + "\"], \"securityGroups\": [\""
            + account.network.securityGroups().get(0)
            + "\"], \"assignPublicIp\": \"DISABLED\"}}";
    account
        .clients
        .ecs()
        .createService(
            SdkJson.fromJson(
                JSON.readTree(
                    "{\"cluster\": \"ops\", \"serviceName\": \"web\", \"taskDefinition\": \""
                        + family
                        + "\", \"desiredCount\": 1, \"launchType\": \"FARGATE\", "
                        + network
                        + serviceExtra
                        + "}"),
                CreateServiceRequest.builder()));
  }

  private ImportResult importOps() throws Exception {
    ImportResult imported =
        Importer.run(
            new Importer.Request("ops", List.of(), Optional.of("ops"), "us-west-1"),
            new AwsStateReader(account.clients, account.settings));
    // The property: what fgd plan of the written spec reports, in a second process's way.
    Compiler.Compilation compiled =
        Compiler.compile(new SourceFile("ops.fgd", imported.spec()), CompileOptions.defaults());
    assertEquals(
        List.of(),
        compiled.diagnostics().stream().filter(d -> d.isError()).toList(),
        imported.spec());
    Plan plan =
        Planner.plan(
                DesiredState.fromArtifacts(imported.app(), compiled.artifacts()),
                new AwsStateReader(account.clients, account.settings))
            .plan();
    Announced.assertSame(imported, plan);
    // The first plan asks what the import already read: no second round of requests.
    assertEquals(0, imported.firstPlanCalls(), "requests of the first plan");
    return imported;
  }

  private static List<String> messages(ImportResult imported) {
    return MotoGaps.firstPlan(imported).stream()
        .map(a -> a.subject() + ": " + a.message())
        .toList();
  }

  @Test
  void propagateTagsOtherThanServiceIsAnnounced() throws Exception {
    seed("ops-web", "web", "", ", \"propagateTags\": \"TASK_DEFINITION\"");
    ImportResult imported = importOps();
    assertEquals(
        List.of(
            "service \"web\": the first plan will change propagateTags from \"TASK_DEFINITION\""
                + " to \"SERVICE\", because the language cannot say \"TASK_DEFINITION\"."),
        messages(imported));
  }

  @Test
  void aFamilyNotNamedAfterTheServiceIsAnnounced() throws Exception {
    seed("web-task", "web", "", ", \"propagateTags\": \"SERVICE\"");
    List<String> messages = messages(importOps());
    assertTrue(
        messages.contains(
            "task definition \"ops-web\": the first plan will change family from \"web-task\" to"
                + " \"ops-web\" (by replacing it), because the language cannot say"
                + " \"web-task\"."),
        messages::toString);
    assertTrue(
        messages.stream()
            .anyMatch(
                m ->
                    m.startsWith(
                        "service \"web\": the first plan will change taskDefinition from")),
        messages::toString);
  }

  @Test
  void aLogGroupThatDoesNotExistIsAnnouncedAsCreated() throws Exception {
    seed("ops-web", "web", "/ecs/ops/web", ", \"propagateTags\": \"SERVICE\"");
    assertEquals(
        List.of(
            "log group \"/ecs/ops/web\": the first plan will create it: the spec describes it and"
                + " the account has none."),
        messages(importOps()));
  }

  @Test
  void managedTagsMotoForgetsAreAnnouncedAgainstMotoToo() throws Exception {
    seed("ops-web", "web", "", ", \"propagateTags\": \"SERVICE\"");
    ImportResult imported = importOps();
    // Moto never reports enableECSManagedTags, so the plan of the spec as written turns them on;
    // the import says so as it would for a real service made outside fgd.
    assertEquals(List.of(), MotoGaps.firstPlan(imported));
    assertEquals(
        List.of(".enableECSManagedTags"),
        imported.firstPlan().stream().map(ImportResult.Announcement::path).toList());
  }
}
