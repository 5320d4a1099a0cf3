package io.fgd.runtime.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fgd.runtime.FgdRuntimeException;
import io.fgd.runtime.render.JsonRenderer;
import io.fgd.runtime.state.ObservedState;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SavedPlanTest {
  private static final byte[] SPEC = "app sheets { }".getBytes(StandardCharsets.UTF_8);

  @TempDir Path dir;

  private static PlanResult result(ObservedState observed) {
    DesiredState desired = Fixtures.desired(Fixtures.without(Fixtures.sheets(), "server/"));
    return new PlanResult(Differ.diff(desired, observed), desired, observed, 0);
  }

  @Test
  void roundTrips() throws Exception {
    ObservedState observed = new Observed().edit(o -> o.target.put("MaxCapacity", 3)).state();
    PlanResult result = result(observed);
    Path file = dir.resolve("plan.json");
    SavedPlan.of(result, SPEC, Fixtures.sheets()).write(file);

    SavedPlan loaded = SavedPlan.read(file, "sheets");
    assertEquals("sheets-prod", loaded.cluster());
    assertEquals(
        Fixtures.sheets().stream().map(a -> a.path() + a.text()).toList(),
        loaded.artifacts().stream().map(a -> a.path() + a.text()).toList());
    assertEquals(JsonRenderer.toJson(result.plan()).toString(), loaded.plan().toString());
    assertEquals(
        List.of(), Fingerprints.differences(loaded.fingerprints(), Fingerprints.of(observed)));
    loaded.requireSpec(SPEC, file);
  }

  @Test
  void fingerprintsNoticeARolloutAndScalingChanges() {
    var before = Fingerprints.of(new Observed().state());
    var after =
        Fingerprints.of(
            new Observed()
                .edit(
                    o -> {
                      ((com.fasterxml.jackson.databind.node.ObjectNode)
                              o.service.path("deployments").get(0))
                          .put("id", "ecs-svc/999");
                      o.target.put("MinCapacity", 1);
                    })
                .state());
    assertEquals(
        List.of("scaling/api changed", "service/api changed"),
        Fingerprints.differences(before, after));
  }

  /**
   * A lifecycle hook's timeout or early success criteria changed on the live service since the
   * plan: UpdateService makes them without a new deployment, so only the fingerprint sees them.
   */
  @Test
  void fingerprintsNoticeHooksAndEarlySuccess() {
    var before = Fingerprints.of(new Observed().state());
    var hook =
        withDeploymentConfiguration(
            dc ->
                dc.putArray("lifecycleHooks")
                    .addObject()
                    .put("hookTargetArn", "arn:aws:lambda:us-west-1:123456789012:function:check")
                    .put("roleArn", "arn:aws:iam::123456789012:role/hook")
                    .putArray("lifecycleStages")
                    .add("PRE_SCALE_UP"));
    var early =
        withDeploymentConfiguration(
            dc ->
                dc.putObject("earlySuccessCriteria").put("enable", true).put("healthyPercent", 90));
    assertEquals(List.of("service/api changed"), Fingerprints.differences(before, hook));
    assertEquals(List.of("service/api changed"), Fingerprints.differences(before, early));
  }

  /** The fingerprint of the observed state with its service's deploymentConfiguration edited. */
  private static Map<String, String> withDeploymentConfiguration(Consumer<ObjectNode> edit) {
    return Fingerprints.of(
        new Observed()
            .edit(o -> edit.accept((ObjectNode) o.service.path("deploymentConfiguration")))
            .state());
  }

  private String failure(String content, String app) throws Exception {
    Path file = dir.resolve("p.json");
    Files.writeString(file, content);
    return assertThrows(FgdRuntimeException.class, () -> SavedPlan.read(file, app)).getMessage();
  }

  @Test
  void refusesBadFilesWithClearMessages() throws Exception {
    assertTrue(
        failure("{not json", "sheets").contains("is not a saved fgd plan (it is not valid JSON)"));
    assertTrue(failure("{\"hello\": 1}", "sheets").contains("is not a saved fgd plan"));
    assertTrue(
        failure("{\"kind\":\"fgd-saved-plan\",\"formatVersion\":99,\"app\":\"sheets\"}", "sheets")
            .contains("was saved in plan format 99, but this fgd reads format 1"));
    assertTrue(
        failure("{\"kind\":\"fgd-saved-plan\",\"formatVersion\":1,\"app\":\"other\"}", "sheets")
            .contains("is a plan for app \"other\", not \"sheets\""));
    assertTrue(
        failure("{\"kind\":\"fgd-saved-plan\",\"formatVersion\":1,\"app\":\"sheets\"}", "sheets")
            .contains("is damaged (\"artifacts\" is missing)"));
    Path missing = dir.resolve("nope.json");
    assertTrue(
        assertThrows(FgdRuntimeException.class, () -> SavedPlan.read(missing, "sheets"))
            .getMessage()
            .contains("There is no plan file"));
  }

  @Test
  void refusesAChangedSpec() throws Exception {
    Path file = dir.resolve("plan.json");
    SavedPlan.of(result(new Observed().state()), SPEC, Fixtures.sheets()).write(file);
    SavedPlan loaded = SavedPlan.read(file, "sheets");
    var e =
        assertThrows(
            FgdRuntimeException.class,
            () -> loaded.requireSpec("app sheets {x}".getBytes(StandardCharsets.UTF_8), file));
    assertTrue(e.getMessage().startsWith("The spec changed since"));
  }
}
