package io.fgd.runtime.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fgd.compiler.Artifact;
import io.fgd.runtime.FgdRuntimeException;
import io.fgd.runtime.aws.AwsClients;
import io.fgd.runtime.aws.AwsSettings;
import io.fgd.runtime.aws.SdkJson;
import io.fgd.runtime.moto.MotoExtension;
import io.fgd.runtime.moto.MotoGaps;
import io.fgd.runtime.moto.MotoNetwork;
import io.fgd.runtime.moto.MotoServer;
import io.fgd.runtime.moto.SdkSeeder;
import io.fgd.runtime.render.TextRenderer;
import io.fgd.runtime.state.AwsStateReader;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.ecs.model.RegisterTaskDefinitionRequest;

/** Plans against moto over HTTP with the real SDK clients. */
@ExtendWith(MotoExtension.class)
class PlannerIT {
  private AwsSettings settings;
  private AwsClients clients;
  private MotoNetwork network;

  @BeforeEach
  void connect(MotoServer moto) {
    settings =
        new AwsSettings(Optional.empty(), Optional.of("us-west-1"), Optional.of(moto.endpoint()));
    var credentials =
        StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing"));
    clients = AwsClients.create(settings, credentials);
    network = MotoNetwork.create(moto.endpoint(), "us-west-1", credentials);
  }

  /** The sheets fixtures, in moto's network. */
  private List<Artifact> sheets() {
    return MotoGaps.withoutUnmodelled(
        Fixtures.inNetwork(Fixtures.sheets(), network.subnets(), network.securityGroups()));
  }

  @AfterEach
  void close() {
    clients.close();
  }

  private PlanResult plan(DesiredState desired) throws FgdRuntimeException {
    PlanResult result = Planner.plan(desired, new AwsStateReader(clients, settings));
    System.out.println(TextRenderer.render(result.plan(), false));
    return result;
  }

  @Test
  void emptyAccountPlansEveryCreate() throws Exception {
    Plan plan = plan(Fixtures.desired(sheets())).plan();
    assertTrue(plan.changes().stream().allMatch(c -> c.action() == Action.CREATE));
    // cluster, 2 log groups, 2 task definitions, 2 services, 1 target, 1 policy
    assertEquals(9, plan.toAdd());
  }

  @Test
  void matchingAccountPlansNoChanges() throws Exception {
    DesiredState desired = Fixtures.desired(sheets());
    new SdkSeeder(clients).seed(desired);
    PlanResult result = plan(desired);
    assertEquals(List.of(), result.plan().changes());
    assertFalse(result.plan().hasChanges());
  }

  // ---- out-of-band changes: each must show exactly once, with the right symbol ----

  private DesiredState seeded() {
    DesiredState desired = Fixtures.desired(sheets());
    new SdkSeeder(clients).seed(desired);
    return desired;
  }

  /** Registers an edited revision of a service's task definition and rolls the service onto it. */
  private void deployEdited(
      DesiredState desired, String service, java.util.function.Consumer<ObjectNode> edit) {
    ObjectNode td = desired.services().get(service).taskDefinition().deepCopy();
    edit.accept(td);
    String arn =
        clients
            .ecs()
            .registerTaskDefinition(SdkJson.fromJson(td, RegisterTaskDefinitionRequest.builder()))
            .taskDefinition()
            .taskDefinitionArn();
    clients
        .ecs()
        .updateService(r -> r.cluster(desired.cluster()).service(service).taskDefinition(arn));
  }

  private static ObjectNode container(ObjectNode td) {
    return (ObjectNode) td.path("containerDefinitions").get(0);
  }

  /** The only field change of the plan, outside the service's follow-up taskDefinition change. */
  private static void assertSingleTaskDefChange(
      Plan plan, String family, String path, String before, String after) {
    List<ResourceChange> tds =
        plan.changes().stream()
            .filter(
                c -> c.type() == io.fgd.runtime.kinds.taskdefinition.TaskDefinitionKind.INSTANCE)
            .toList();
    assertEquals(1, tds.size(), "task definition changes");
    ResourceChange td = tds.get(0);
    assertEquals(family, td.name());
    assertEquals(Action.REPLACE, td.action());
    assertEquals(1, td.fields().size(), () -> "fields: " + td.fields());
    FieldChange f = td.fields().get(0);
    assertEquals(path, f.path());
    assertEquals(
        before, f.before().map(n -> n.isTextual() ? n.asText() : n.toString()).orElse(null));
    assertEquals(after, f.after().map(n -> n.isTextual() ? n.asText() : n.toString()).orElse(null));
    // The service is not otherwise touched: it only moves to the new revision.
    List<ResourceChange> others = plan.changes().stream().filter(c -> c != td).toList();
    assertEquals(1, others.size(), () -> "other changes: " + others);
    assertEquals(io.fgd.runtime.kinds.service.ServiceKind.INSTANCE, others.get(0).type());
    assertEquals(Action.UPDATE, others.get(0).action());
    assertEquals(
        List.of(".taskDefinition"),
        others.get(0).fields().stream().map(FieldChange::path).toList());
  }

  @Test
  void imageChangedOutOfBand() throws Exception {
    DesiredState desired = seeded();
    deployEdited(
        desired,
        "api",
        td ->
            container(td).put("image", "123456789012.dkr.ecr.us-west-1.amazonaws.com/repo:hotfix"));
    assertSingleTaskDefChange(
        plan(desired).plan(),
        "sheets-api",
        ".containers[\"api\"].image",
        "123456789012.dkr.ecr.us-west-1.amazonaws.com/repo:hotfix",
        "123456789012.dkr.ecr.us-west-1.amazonaws.com/repo:latest");
  }

  @Test
  void environmentVariableChangedOutOfBand() throws Exception {
    DesiredState desired = seeded();
    deployEdited(
        desired,
        "api",
        td -> ((ObjectNode) container(td).path("environment").get(0)).put("value", "8080"));
    assertSingleTaskDefChange(
        plan(desired).plan(),
        "sheets-api",
        ".containers[\"api\"].environment[\"NEST_PORT\"]",
        "8080",
        "80");
  }

  @Test
  void secretReferenceChangedOutOfBand() throws Exception {
    DesiredState desired = seeded();
    String other = "arn:aws:secretsmanager:us-west-1:123456789012:secret:google-Other1";
    deployEdited(
        desired,
        "api",
        td -> ((ObjectNode) container(td).path("secrets").get(0)).put("valueFrom", other));
    assertSingleTaskDefChange(
        plan(desired).plan(),
        "sheets-api",
        ".containers[\"api\"].secrets[\"ASM_GOOGLE_SECRET\"]",
        other,
        "arn:aws:secretsmanager:us-west-1:123456789012:secret:google-AbCdEf");
  }

  @Test
  void cpuChangedOutOfBand() throws Exception {
    DesiredState desired = seeded();
    deployEdited(desired, "server", td -> td.put("cpu", "512").put("memory", "512"));
    assertSingleTaskDefChange(plan(desired).plan(), "sheets-server", ".cpu", "512", "256");
  }

  @Test
  void memoryChangedOutOfBand() throws Exception {
    DesiredState desired = seeded();
    deployEdited(desired, "server", td -> td.put("memory", "1024"));
    assertSingleTaskDefChange(plan(desired).plan(), "sheets-server", ".memory", "1024", "512");
  }

  @Test
  void desiredCountChangedOutOfBand() throws Exception {
    DesiredState desired = seeded();
    clients.ecs().updateService(r -> r.cluster("sheets-prod").service("server").desiredCount(5));
    Plan plan = plan(desired).plan();
    assertEquals(1, plan.changes().size(), () -> "changes: " + plan.changes());
    ResourceChange c = plan.changes().get(0);
    assertEquals(io.fgd.runtime.kinds.service.ServiceKind.INSTANCE, c.type());
    assertEquals(Action.UPDATE, c.action());
    assertEquals(
        List.of(FieldChange.changed(".desiredCount", IntNode.valueOf(5), IntNode.valueOf(2))),
        c.fields());
  }

  @Test
  void desiredCountOfAutoscaledServiceIsNotDrift() throws Exception {
    DesiredState desired = seeded();
    clients.ecs().updateService(r -> r.cluster("sheets-prod").service("api").desiredCount(7));
    assertEquals(List.of(), plan(desired).plan().changes());
  }

  @Test
  void scalingBoundsChangedOutOfBand() throws Exception {
    DesiredState desired = seeded();
    clients
        .autoScaling()
        .registerScalableTarget(
            r ->
                r.serviceNamespace("ecs")
                    .resourceId("service/sheets-prod/api")
                    .scalableDimension("ecs:service:DesiredCount")
                    .minCapacity(2)
                    .maxCapacity(20));
    Plan plan = plan(desired).plan();
    assertEquals(1, plan.changes().size(), () -> "changes: " + plan.changes());
    ResourceChange c = plan.changes().get(0);
    assertEquals(io.fgd.runtime.kinds.scalabletarget.ScalableTargetKind.INSTANCE, c.type());
    assertEquals(Action.UPDATE, c.action());
    assertEquals(
        List.of(FieldChange.changed(".MaxCapacity", IntNode.valueOf(20), IntNode.valueOf(10))),
        c.fields());
  }

  @Test
  void deletedServiceIsCreatedAgain() throws Exception {
    DesiredState desired = seeded();
    clients.ecs().deleteService(r -> r.cluster("sheets-prod").service("server").force(true));
    Plan plan = plan(desired).plan();
    List<String> summary =
        plan.changes().stream().map(c -> c.action().symbol() + " " + c.address()).toList();
    assertEquals(List.of("+ task definition \"sheets-server\"", "+ service \"server\""), summary);
  }

  @Test
  void serviceRemovedFromSpecIsDestroyed() throws Exception {
    DesiredState all = seeded();
    DesiredState withoutServer = Fixtures.desired(Fixtures.without(sheets(), "server/"));
    Plan plan = plan(withoutServer).plan();
    List<String> summary =
        plan.changes().stream().map(c -> c.action().symbol() + " " + c.address()).toList();
    assertEquals(List.of("- service \"server\""), summary);
    assertEquals(1, plan.toDestroy());
    assertTrue(all.services().containsKey("server"));
  }

  @Test
  void anotherAppsServicesAreLeftAlone() throws Exception {
    seeded();
    DesiredState other = Fixtures.desired(sheets());
    Plan plan = plan(new DesiredState("other-app", other.cluster(), Map.of())).plan();
    assertEquals(List.of(), plan.changes());
  }

  @Test
  void placeholderImageKeepsTheLiveTag() throws Exception {
    DesiredState desired = seeded();
    deployEdited(
        desired,
        "server",
        td ->
            container(td)
                .put("image", "123456789012.dkr.ecr.us-west-1.amazonaws.com/sheets/server:newer"));
    List<Artifact> placeholder =
        Fixtures.inNetwork(
            Fixtures.sheetsWith(
                "server/taskdef.json",
                td ->
                    container(td)
                        .put(
                            "image",
                            "123456789012.dkr.ecr.us-west-1.amazonaws.com/sheets/server:"
                                + DesiredState.KEEP_LIVE_IMAGE_TAG)),
            network.subnets(),
            network.securityGroups());
    assertEquals(
        List.of(),
        plan(Fixtures.desired(MotoGaps.withoutUnmodelled(placeholder))).plan().changes());
  }

  @Test
  void fingerprintsSeeARolloutAfterThePlan() throws Exception {
    DesiredState desired = seeded();
    PlanResult before = plan(desired);
    clients
        .ecs()
        .updateService(r -> r.cluster("sheets-prod").service("server").forceNewDeployment(true));
    PlanResult after = plan(desired);
    assertEquals(
        List.of("service/server changed"),
        Fingerprints.differences(
            Fingerprints.of(before.observed()), Fingerprints.of(after.observed())));
  }
}
