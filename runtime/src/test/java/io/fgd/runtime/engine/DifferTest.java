package io.fgd.runtime.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.fgd.compiler.Artifact;
import io.fgd.runtime.kinds.scalabletarget.ScalableTargetReads;
import io.fgd.runtime.state.ObservedState;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** The differ against real-ECS-shaped observed state, without a network. */
class DifferTest {
  private static final String IMAGE = "123456789012.dkr.ecr.us-west-1.amazonaws.com/repo:latest";

  private static List<Artifact> api() {
    return Fixtures.without(Fixtures.sheets(), "server/");
  }

  private static List<Artifact> apiWith(String file, Consumer<ObjectNode> edit) {
    return Fixtures.without(Fixtures.sheetsWith(file, edit), "server/");
  }

  private static Plan diff(List<Artifact> desired, ObservedState observed) {
    return Differ.diff(Fixtures.desired(desired), observed);
  }

  private static List<String> summary(Plan plan) {
    return plan.changes().stream().map(c -> c.action().symbol() + " " + c.address()).toList();
  }

  @Test
  void ecsDefaultsOrderingAndExtraFieldsAreNotDrift() {
    // Observed differs from the spec only in ways that mean nothing: container cpu 0, subnets,
    // tags and options in another order, aws: tags, ARN instead of family, extra status fields,
    // ECS-chosen scaling cooldowns, 60.0 vs 60.
    Plan plan = diff(api(), new Observed().state());
    assertEquals(List.of(), plan.changes());
    assertEquals(List.of(), plan.warnings());
  }

  @Test
  void objectsWithoutTheOwnershipTagAreAdoptedNotChanged() {
    // Created outside fgd (or imported): no fgd:app tag on the task definition or the service.
    Observed observed =
        new Observed()
            .edit(
                o -> {
                  dropTag(o.taskDef, "fgd:app");
                  dropTag(o.service, "fgd:app");
                });
    assertEquals(List.of(), diff(api(), observed.state()).changes());
  }

  @Test
  void aServiceTaggedForAnotherAppIsNotAdopted() {
    Observed observed = new Observed().edit(o -> retag(o.service, "fgd:app", "billing"));
    List<ResourceChange> changes = diff(api(), observed.state()).changes();
    assertEquals(1, changes.size(), changes::toString);
    assertEquals(Action.UPDATE, changes.get(0).action());
    assertEquals(".tags[\"fgd:app\"]", changes.get(0).fields().get(0).path());
  }

  private static void dropTag(ObjectNode resource, String key) {
    var tags = (com.fasterxml.jackson.databind.node.ArrayNode) resource.get("tags");
    for (int i = tags.size() - 1; i >= 0; i--) {
      if (tags.get(i).path("key").asText().equals(key)) {
        tags.remove(i);
      }
    }
  }

  private static void retag(ObjectNode resource, String key, String value) {
    resource
        .get("tags")
        .forEach(
            t -> {
              if (t.path("key").asText().equals(key)) {
                ((ObjectNode) t).put("value", value);
              }
            });
  }

  @Test
  void absentDefaultsInTheSpecMatchWhatEcsFillsIn() {
    List<Artifact> desired =
        apiWith(
            "api/taskdef.json",
            td -> {
              ObjectNode c = Observed.container(td);
              c.remove("essential");
              ObjectNode port = (ObjectNode) c.path("portMappings").get(0);
              port.remove("hostPort");
              port.remove("protocol");
              ObjectNode hc = (ObjectNode) c.path("healthCheck");
              hc.remove("interval");
              hc.remove("retries");
              td.put("cpu", "0.25 vCPU").put("memory", 512);
            });
    assertEquals(List.of(), diff(desired, new Observed().state()).changes());
  }

  @Test
  void liveImageIsKeptForBuildServicesWithoutImageTag() {
    List<Artifact> desired =
        apiWith(
            "api/taskdef.json",
            td ->
                Observed.container(td)
                    .put("image", "repo/sheets/api:" + DesiredState.KEEP_LIVE_IMAGE_TAG));
    Observed live =
        new Observed()
            .edit(o -> Observed.container(o.taskDef).put("image", "repo/sheets/api:newer"));
    Plan plan = diff(desired, live.state());
    assertEquals(List.of(), plan.changes());
  }

  @Test
  void neverDeployedBuildServiceWithoutImageTagWarns() {
    List<Artifact> desired =
        apiWith(
            "api/taskdef.json",
            td ->
                Observed.container(td)
                    .put("image", "repo/sheets/api:" + DesiredState.KEEP_LIVE_IMAGE_TAG));
    Plan plan = diff(desired, ObservedState.empty());
    assertEquals(1, plan.warnings().size());
    assertTrue(plan.warnings().get(0).contains("--image-tag"), plan.warnings().get(0));
  }

  @Test
  void imageChangeIsAReplaceOfTheTaskDefinitionAndMovesTheService() {
    Observed live =
        new Observed().edit(o -> Observed.container(o.taskDef).put("image", "repo:old"));
    Plan plan = diff(api(), live.state());
    assertEquals(List.of("-/+ task definition \"sheets-api\"", "~ service \"api\""), summary(plan));
    assertEquals(
        List.of(
            FieldChange.changed(
                ".containers[\"api\"].image",
                TextNode.valueOf("repo:old"),
                TextNode.valueOf(IMAGE))),
        plan.changes().get(0).fields());
    assertEquals(
        List.of(
            FieldChange.changed(
                ".taskDefinition",
                TextNode.valueOf("sheets-api:4"),
                TextNode.valueOf("sheets-api:(new revision)"))),
        plan.changes().get(1).fields());
    assertEquals(1, plan.toAdd());
    assertEquals(1, plan.toChange());
    assertEquals(0, plan.toDestroy());
  }

  @Test
  void environmentIsComparedByNameNotPosition() {
    List<Artifact> desired =
        apiWith(
            "api/taskdef.json",
            td -> {
              ArrayNode env = (ArrayNode) Observed.container(td).path("environment");
              env.insertObject(0).put("name", "A_FIRST").put("value", "1");
            });
    Plan plan = diff(desired, new Observed().state());
    assertEquals(
        List.of(
            FieldChange.added(
                ".containers[\"api\"].environment[\"A_FIRST\"]", TextNode.valueOf("1"))),
        plan.changes().get(0).fields());
  }

  @Test
  void removedSecretShowsItsReference() {
    List<Artifact> desired =
        apiWith("api/taskdef.json", td -> Observed.container(td).remove("secrets"));
    Plan plan = diff(desired, new Observed().state());
    FieldChange f = plan.changes().get(0).fields().get(0);
    assertEquals(".containers[\"api\"].secrets[\"ASM_GOOGLE_SECRET\"]", f.path());
    assertEquals("-", f.symbol());
    assertTrue(f.before().orElseThrow().asText().startsWith("arn:aws:secretsmanager:"));
  }

  @Test
  void circuitBreakerAndManagedTagsDriftIsAnUpdate() {
    Observed live =
        new Observed()
            .edit(
                o -> {
                  ((ObjectNode)
                          o.service
                              .path("deploymentConfiguration")
                              .path("deploymentCircuitBreaker"))
                      .put("rollback", false);
                  o.service.put("enableECSManagedTags", false);
                });
    Plan plan = diff(api(), live.state());
    assertEquals(List.of("~ service \"api\""), summary(plan));
    assertEquals(
        List.of(
            ".deploymentConfiguration.deploymentCircuitBreaker.rollback", ".enableECSManagedTags"),
        plan.changes().get(0).fields().stream().map(FieldChange::path).toList());
  }

  @Test
  void desiredCountIsDriftOnlyWithoutAutoscaling() {
    Observed live = new Observed().edit(o -> o.service.put("desiredCount", 9));
    assertEquals(List.of(), diff(api(), live.state()).changes());

    List<Artifact> unscaled = Fixtures.without(api(), "api/scaling.json");
    Observed liveUnscaled =
        new Observed()
            .edit(
                o -> {
                  o.service.put("desiredCount", 9);
                  o.scaled = false;
                });
    Plan plan = diff(unscaled, liveUnscaled.state());
    assertEquals(
        List.of(FieldChange.changed(".desiredCount", IntNode.valueOf(9), IntNode.valueOf(2))),
        plan.changes().get(0).fields());
  }

  @Test
  void scalingRemovedFromSpecDestroysTheTarget() {
    Plan plan = diff(Fixtures.without(api(), "api/scaling.json"), new Observed().state());
    // Without autoscaling the spec's count applies again: the live 4 goes back to 2.
    assertEquals(
        List.of("~ service \"api\"", "- autoscaling target \"service/sheets-prod/api\""),
        summary(plan));
    assertEquals(
        List.of(FieldChange.changed(".desiredCount", IntNode.valueOf(4), IntNode.valueOf(2))),
        plan.changes().get(0).fields());
  }

  @Test
  void changedTargetValueAndExplicitCooldownAreUpdates() {
    List<Artifact> desired =
        apiWith(
            "api/scaling.json",
            s ->
                ((ObjectNode)
                        s.path("policies").get(0).path("TargetTrackingScalingPolicyConfiguration"))
                    .put("TargetValue", 70)
                    .put("ScaleInCooldown", 60));
    Plan plan = diff(desired, new Observed().state());
    assertEquals(List.of("~ scaling policy \"sheets-api-cpu\""), summary(plan));
    assertEquals(
        List.of(
            ".TargetTrackingScalingPolicyConfiguration.ScaleInCooldown",
            ".TargetTrackingScalingPolicyConfiguration.TargetValue"),
        plan.changes().get(0).fields().stream().map(FieldChange::path).toList());
  }

  @Test
  void launchTypeChangeReplacesTheService() {
    Observed live = new Observed().edit(o -> o.service.put("launchType", "EC2"));
    Plan plan = diff(api(), live.state());
    assertEquals(List.of("-/+ service \"api\""), summary(plan));
    assertEquals(1, plan.toAdd());
    assertEquals(1, plan.toDestroy());
  }

  @Test
  void emptyAccountCreatesEverythingInApplyOrder() {
    Plan plan = diff(api(), ObservedState.empty());
    assertEquals(
        List.of(
            "+ cluster \"sheets-prod\"",
            "+ log group \"/ecs/sheets/api\"",
            "+ task definition \"sheets-api\"",
            "+ service \"api\"",
            "+ autoscaling target \"service/sheets-prod/api\"",
            "+ scaling policy \"sheets-api-cpu\""),
        summary(plan));
  }

  /** The api with a logs.json that keeps its log group's events {@code days} days. */
  private static List<Artifact> apiWithRetention(int days) {
    List<Artifact> out = new java.util.ArrayList<>(api());
    out.add(
        Artifact.text(
            "api/logs.json",
            "{\"logGroup\": {\"logGroupName\": \"/ecs/sheets/api\", \"tags\": {\"fgd:app\": \"sheets\"}},"
                + " \"retention\": {\"logGroupName\": \"/ecs/sheets/api\", \"retentionInDays\": "
                + days
                + "}}"));
    return out;
  }

  private static List<String> fields(Plan plan) {
    return plan.changes().stream()
        .flatMap(
            c ->
                c.fields().stream()
                    .map(
                        f ->
                            c.address()
                                + " "
                                + f.symbol()
                                + " "
                                + f.path()
                                + " = "
                                + f.before().map(Object::toString).orElse("")
                                + " -> "
                                + f.after().map(Object::toString).orElse("")))
        .toList();
  }

  @Test
  void changedLogRetentionIsAnUpdateOfTheLogGroup() {
    Observed live =
        new Observed()
            .edit(
                o ->
                    o.logGroups.put(
                        "/ecs/sheets/api",
                        io.fgd.runtime.state.ObservedLogGroup.withRetention(
                            "/ecs/sheets/api", 14)));
    Plan plan = diff(apiWithRetention(30), live.state());
    assertEquals(List.of("~ log group \"/ecs/sheets/api\""), summary(plan));
    assertEquals(
        List.of("log group \"/ecs/sheets/api\" ~ .retentionInDays = 14 -> 30"), fields(plan));
  }

  @Test
  void retentionOnAGroupThatKeepsEverythingIsAnAddition() {
    Plan plan = diff(apiWithRetention(30), new Observed().state());
    assertEquals(
        List.of("log group \"/ecs/sheets/api\" + .retentionInDays =  -> 30"), fields(plan));
    assertEquals(io.fgd.runtime.engine.Action.UPDATE, plan.changes().get(0).action());
  }

  @Test
  void sameRetentionIsNoChange() {
    Observed live =
        new Observed()
            .edit(
                o ->
                    o.logGroups.put(
                        "/ecs/sheets/api",
                        io.fgd.runtime.state.ObservedLogGroup.withRetention(
                            "/ecs/sheets/api", 30)));
    assertEquals(List.of(), diff(apiWithRetention(30), live.state()).changes());
  }

  @Test
  void aSpecWithoutRetentionLeavesTheLiveRetentionAlone() {
    Observed live =
        new Observed()
            .edit(
                o ->
                    o.logGroups.put(
                        "/ecs/sheets/api",
                        io.fgd.runtime.state.ObservedLogGroup.withRetention(
                            "/ecs/sheets/api", 14)));
    assertEquals(List.of(), diff(api(), live.state()).changes());
  }

  @Test
  void aNewLogGroupShowsItsRetention() {
    Observed live = new Observed().edit(o -> o.logGroups.clear());
    Plan plan = diff(apiWithRetention(30), live.state());
    assertEquals(
        List.of(
            "log group \"/ecs/sheets/api\" + .logGroupName =  -> \"/ecs/sheets/api\"",
            "log group \"/ecs/sheets/api\" + .retentionInDays =  -> 30"),
        fields(plan));
  }

  @Test
  void orphanedServiceIsDestroyedWithItsTarget() {
    Observed live = new Observed();
    ObjectNode worker = live.service.deepCopy().put("serviceName", "worker");
    live.orphans.put("worker", Observed.service(worker));
    ObservedState state = live.state();
    ObservedState withTarget =
        state.with(
            ScalableTargetReads.KEY,
            java.util.Map.of(
                "api",
                ScalableTargetReads.scaling(state).get("api"),
                "worker",
                ScalableTargetReads.scaling(state).get("api")));
    Plan plan = diff(api(), withTarget);
    assertEquals(
        List.of("- autoscaling target \"service/sheets-prod/worker\"", "- service \"worker\""),
        summary(plan));
  }

  @Test
  void unmanagedDesiredAttributesAreReported() {
    List<Artifact> desired =
        apiWith("api/taskdef.json", td -> Observed.container(td).put("stopTimeout", 30));
    Plan plan = diff(desired, new Observed().state());
    assertEquals(1, plan.warnings().size());
    assertTrue(
        plan.warnings().get(0).contains("containerDefinitions[\"api\"].stopTimeout"),
        plan.warnings().get(0));
  }
}
