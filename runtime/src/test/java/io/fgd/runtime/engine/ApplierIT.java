package io.fgd.runtime.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fgd.compiler.Artifact;
import io.fgd.runtime.FgdRuntimeException;
import io.fgd.runtime.aws.AwsClients;
import io.fgd.runtime.aws.AwsSettings;
import io.fgd.runtime.aws.SdkJson;
import io.fgd.runtime.deploy.ProgressListener;
import io.fgd.runtime.engine.ApplyResult.Status;
import io.fgd.runtime.moto.MotoExtension;
import io.fgd.runtime.moto.MotoGaps;
import io.fgd.runtime.moto.MotoNetwork;
import io.fgd.runtime.moto.MotoServer;
import io.fgd.runtime.render.TextRenderer;
import io.fgd.runtime.state.AwsStateReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.ecs.model.Service;

/**
 * {@link Applier} against moto over HTTP with the real SDK clients, then planned again: what apply
 * leaves behind must plan as "no changes". Moto completes no rollout over time (and keeps the first
 * deployment PRIMARY after UpdateService), so these tests apply with waiting off; waiting and its
 * exit codes are covered by {@code ApplierReplayTest}.
 */
@ExtendWith(MotoExtension.class)
class ApplierIT {
  static final String REPO = "123456789012.dkr.ecr.us-west-1.amazonaws.com/repo:";

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

  @AfterEach
  void close() {
    clients.close();
  }

  private List<Artifact> sheets() {
    return inMoto(Fixtures.sheets());
  }

  private List<Artifact> inMoto(List<Artifact> artifacts) {
    return MotoGaps.withoutUnmodelled(
        Fixtures.inNetwork(artifacts, network.subnets(), network.securityGroups()));
  }

  private List<Artifact> sheetsWith(String path, Consumer<ObjectNode> edit) {
    return inMoto(Fixtures.sheetsWith(path, edit));
  }

  private static Consumer<ObjectNode> image(String tag) {
    return td -> ((ObjectNode) td.path("containerDefinitions").get(0)).put("image", REPO + tag);
  }

  private PlanResult plan(List<Artifact> artifacts) throws FgdRuntimeException {
    PlanResult result =
        Planner.plan(Fixtures.desired(artifacts), new AwsStateReader(clients, settings));
    System.out.print(TextRenderer.render(result.plan(), false));
    return result;
  }

  private ApplyResult apply(List<Artifact> artifacts, ApplyOptions options) throws Exception {
    ApplyResult result =
        new Applier(clients, settings, options, ApplyListener.none(), ProgressListener.none())
            .apply(plan(artifacts));
    result.changes().forEach(c -> System.out.println(c.describe()));
    result.notes().forEach(System.out::println);
    result.errors().forEach(System.out::println);
    return result;
  }

  private ApplyResult apply(List<Artifact> artifacts) throws Exception {
    return apply(artifacts, ApplyOptions.DEFAULTS.withWait(false));
  }

  private List<String> described(ApplyResult result) {
    return result.changes().stream().map(AppliedChange::describe).toList();
  }

  private Service service(String name) {
    return clients
        .ecs()
        .describeServices(r -> r.cluster("sheets-prod").services(name))
        .services()
        .get(0);
  }

  @Test
  void aServiceWithoutTheOwnershipTagIsAdoptedAndTaggedWithItsNextChange() throws Exception {
    assertEquals(Status.APPLIED, apply(sheets()).status());
    String arn = service("api").serviceArn();
    clients.ecs().untagResource(r -> r.resourceArn(arn).tagKeys("fgd:app"));
    // As if created outside fgd: nothing to change, so nothing is called.
    ApplyResult nothing = apply(sheets());
    assertEquals(Status.NOTHING_TO_DO, nothing.status());
    assertEquals(List.of(), nothing.mutatingCalls());
    // The next change brings the tag.
    assertEquals(Status.APPLIED, apply(sheetsWith("api/taskdef.json", image("v2"))).status());
    assertTrue(
        clients.ecs().listTagsForResource(r -> r.resourceArn(arn)).tags().stream()
            .anyMatch(t -> t.key().equals("fgd:app") && t.value().equals("sheets")));
  }

  @Test
  void createsEverythingFromNothingThenPlansNoChanges() throws Exception {
    ApplyResult result = apply(sheets());
    assertEquals(Status.APPLIED, result.status(), () -> "errors: " + result.errors());
    assertEquals(
        List.of(
            "created cluster \"sheets-prod\"",
            "created log group \"/ecs/sheets/api\"",
            "registered task definition \"sheets-api\" (sheets-api:1)",
            "created service \"api\" (sheets-api:1)",
            "created autoscaling target \"service/sheets-prod/api\" (min 2, max 10)",
            "created scaling policy \"sheets-api-cpu\"",
            "created log group \"/ecs/sheets/server\"",
            "registered task definition \"sheets-server\" (sheets-server:1)",
            "created service \"server\" (sheets-server:1)"),
        // services run concurrently: order the summary by service for the comparison
        described(result).stream()
            .sorted(
                java.util.Comparator.comparing(
                    (String s) -> s.contains("server") ? 1 : s.contains("cluster") ? -1 : 0))
            .toList());
    assertEquals(9, result.mutatingCalls().size(), () -> "calls: " + result.mutatingCalls());
    assertFalse(plan(sheets()).plan().hasChanges());
    // The ownership tag is on what apply created.
    var clusterTags =
        clients
            .ecs()
            .describeClusters(
                r ->
                    r.clusters("sheets-prod")
                        .include(software.amazon.awssdk.services.ecs.model.ClusterField.TAGS))
            .clusters()
            .get(0)
            .tags();
    assertTrue(
        clusterTags.stream().anyMatch(t -> t.key().equals("fgd:app") && t.value().equals("sheets")),
        () -> "cluster tags: " + clusterTags);
    var groupTags = clients.logs().listTagsLogGroup(r -> r.logGroupName("/ecs/sheets/api")).tags();
    assertEquals("sheets", groupTags.get("fgd:app"));
  }

  @Test
  void aNewLogGroupGetsTheRetentionOfLogsJson() throws Exception {
    List<Artifact> withRetention = new java.util.ArrayList<>(sheets());
    withRetention.add(
        Artifact.text(
            "api/logs.json",
            "{\"logGroup\": {\"logGroupName\": \"/ecs/sheets/api\"},"
                + " \"retention\": {\"logGroupName\": \"/ecs/sheets/api\", \"retentionInDays\": 30}}"));
    ApplyResult result = apply(withRetention);
    assertTrue(
        described(result).contains("set retention of log group \"/ecs/sheets/api\" (30 days)"),
        () -> "changes: " + described(result));
    var group =
        clients
            .logs()
            .describeLogGroups(r -> r.logGroupNamePrefix("/ecs/sheets/api"))
            .logGroups()
            .get(0);
    assertEquals(30, group.retentionInDays());
  }

  /** sheets, with a logs.json for api that tags its group and keeps events {@code days} days. */
  private List<Artifact> sheetsWithLogs(int days) {
    List<Artifact> out = new java.util.ArrayList<>(sheets());
    out.add(
        Artifact.text(
            "api/logs.json",
            "{\"logGroup\": {\"logGroupName\": \"/ecs/sheets/api\","
                + " \"tags\": {\"fgd:app\": \"sheets\", \"team\": \"sheets\", \"environment\": \"prod\"}},"
                + " \"retention\": {\"logGroupName\": \"/ecs/sheets/api\", \"retentionInDays\": "
                + days
                + "}}"));
    return out;
  }

  @Test
  void retentionChangedOutOfBandIsPlannedAndPutBack() throws Exception {
    assertEquals(Status.APPLIED, apply(sheetsWithLogs(30)).status());
    assertFalse(
        plan(sheetsWithLogs(30)).plan().hasChanges(), "the retention apply set plans clean");
    clients.logs().putRetentionPolicy(r -> r.logGroupName("/ecs/sheets/api").retentionInDays(14));

    PlanResult drifted = plan(sheetsWithLogs(30));
    assertEquals(1, drifted.plan().changes().size(), () -> "changes: " + drifted.plan().changes());
    var change = drifted.plan().changes().get(0);
    assertEquals(io.fgd.runtime.kinds.loggroup.LogGroupKind.INSTANCE, change.type());
    assertEquals(io.fgd.runtime.engine.Action.UPDATE, change.action());
    assertTrue(
        TextRenderer.render(drifted.plan(), false).contains("~ retentionInDays = 14 -> 30"),
        () -> TextRenderer.render(drifted.plan(), false));

    ApplyResult fixed = apply(sheetsWithLogs(30));
    assertEquals(Status.APPLIED, fixed.status(), () -> "errors: " + fixed.errors());
    assertEquals(
        List.of("set retention of log group \"/ecs/sheets/api\" (30 days)"), described(fixed));
    assertEquals(1, fixed.mutatingCalls().size(), () -> "calls: " + fixed.mutatingCalls());
    var group =
        clients
            .logs()
            .describeLogGroups(r -> r.logGroupNamePrefix("/ecs/sheets/api"))
            .logGroups()
            .get(0);
    assertEquals(30, group.retentionInDays());
    assertFalse(plan(sheetsWithLogs(30)).plan().hasChanges());
  }

  @Test
  void aSpecWithoutRetentionDoesNotTouchALiveRetention() throws Exception {
    apply(sheets());
    clients.logs().putRetentionPolicy(r -> r.logGroupName("/ecs/sheets/api").retentionInDays(14));
    assertFalse(plan(sheets()).plan().hasChanges());
  }

  @Test
  void aNewLogGroupGetsEveryTagOfLogsJson() throws Exception {
    assertEquals(Status.APPLIED, apply(sheetsWithLogs(30)).status());
    var tags = clients.logs().listTagsLogGroup(r -> r.logGroupName("/ecs/sheets/api")).tags();
    assertEquals(Map.of("fgd:app", "sheets", "team", "sheets", "environment", "prod"), tags);
    String arn =
        clients
            .logs()
            .describeLogGroups(r -> r.logGroupNamePrefix("/ecs/sheets/api"))
            .logGroups()
            .get(0)
            .arn();
    // ListTagsForResource takes the ARN without the trailing ":*" DescribeLogGroups gives.
    var byArn =
        clients
            .logs()
            .listTagsForResource(
                r -> r.resourceArn(arn.endsWith(":*") ? arn.substring(0, arn.length() - 2) : arn))
            .tags();
    assertEquals(tags, byArn);
  }

  @Test
  void reapplyMakesNoMutatingCall() throws Exception {
    apply(sheets());
    int before = clients.calls().size();
    ApplyResult again = apply(sheets());
    assertEquals(Status.NOTHING_TO_DO, again.status());
    assertEquals(List.of(), again.mutatingCalls());
    assertEquals(List.of(), again.changes());
    // Counted independently of the result: every call since, as the SDK interceptor saw it.
    assertEquals(List.of(), clients.calls().mutatingSince(before));
  }

  @Test
  void imageChangeRegistersARevisionAndRevertingReusesTheOldOne() throws Exception {
    apply(sheets());
    ApplyResult hotfix = apply(sheetsWith("api/taskdef.json", image("hotfix")));
    assertEquals(Status.APPLIED, hotfix.status(), () -> "errors: " + hotfix.errors());
    assertEquals(
        List.of(
            "registered task definition \"sheets-api\" (sheets-api:2)",
            "updated service \"api\" (sheets-api:1 -> sheets-api:2)"),
        described(hotfix));
    assertTrue(service("api").taskDefinition().endsWith("/sheets-api:2"));

    ApplyResult revert = apply(sheets());
    assertEquals(Status.APPLIED, revert.status());
    assertEquals(List.of("Ecs.UpdateService"), revert.mutatingCalls(), "no RegisterTaskDefinition");
    assertEquals(
        List.of("updated service \"api\" (sheets-api:2 -> sheets-api:1)"), described(revert));
    assertTrue(
        revert.notes().stream().anyMatch(n -> n.contains("reusing sheets-api:1")),
        () -> "notes: " + revert.notes());
    assertTrue(service("api").taskDefinition().endsWith("/sheets-api:1"));
    assertFalse(plan(sheets()).plan().hasChanges());
  }

  /** The api alone, without autoscaling: the smallest spec a deploy is about. */
  private List<Artifact> apiOnly(Consumer<ObjectNode> taskDefinitionEdit) {
    return inMoto(
        Fixtures.without(
            Fixtures.without(
                Fixtures.sheetsWith("api/taskdef.json", taskDefinitionEdit), "server/"),
            "api/scaling.json"));
  }

  private List<String> callsSince(int mark) {
    List<String> all = clients.calls().all();
    return List.copyOf(all.subList(mark, all.size()));
  }

  @Test
  void anImageChangeCostsEightRequestsHoweverManyRevisionsTheFamilyHas() throws Exception {
    // The first apply creates the cluster (an ACTIVE service later says it exists).
    assertEquals(Status.APPLIED, apply(apiOnly(image("v1"))).status());
    for (String tag : List.of("v2", "v3", "v4", "v5", "v6")) {
      assertEquals(Status.APPLIED, apply(apiOnly(image(tag))).status());
    }
    int mark = clients.calls().size();
    ApplyResult result = apply(apiOnly(image("v7")));
    assertEquals(Status.APPLIED, result.status(), () -> "errors: " + result.errors());
    // The plan's reads (the service, the app's other services, autoscaling, the log group, the
    // revision the service runs), the revision before it (a revert would reuse it), then the
    // two changes. No listing of the family, no request per revision.
    assertEquals(
        List.of(
            "ApplicationAutoScaling.DescribeScalableTargets",
            "CloudWatchLogs.DescribeLogGroups",
            "Ecs.DescribeServices",
            "Ecs.DescribeTaskDefinition",
            "Ecs.DescribeTaskDefinition",
            "Ecs.ListServices",
            "Ecs.RegisterTaskDefinition",
            "Ecs.UpdateService"),
        callsSince(mark).stream().sorted().toList());
  }

  @Test
  void scalingBoundsChangeUpdatesOnlyTheTarget() throws Exception {
    apply(sheets());
    List<Artifact> wider =
        sheetsWith(
            "api/scaling.json",
            s -> ((ObjectNode) s.path("scalableTarget")).put("MaxCapacity", 20));
    ApplyResult result = apply(wider);
    assertEquals(List.of("ApplicationAutoScaling.RegisterScalableTarget"), result.mutatingCalls());
    assertEquals(
        List.of("updated autoscaling target \"service/sheets-prod/api\" (min 2, max 20)"),
        described(result));
    assertFalse(plan(wider).plan().hasChanges());
  }

  @Test
  void pruneDeletesOnlyOwnedServicesThatLeftTheSpec() throws Exception {
    apply(sheets());
    // A service of someone else's in the same cluster, without the fgd:app tag.
    DesiredState all = Fixtures.desired(sheets());
    ObjectNode foreign = all.services().get("server").service().deepCopy();
    foreign.put("serviceName", "foreign").remove("tags");
    clients
        .ecs()
        .createService(
            SdkJson.fromJson(
                foreign, software.amazon.awssdk.services.ecs.model.CreateServiceRequest.builder()));

    List<Artifact> withoutServer = Fixtures.without(sheets(), "server/");
    ApplyResult kept = apply(withoutServer);
    assertEquals(Status.NOTHING_TO_DO, kept.status());
    assertEquals(List.of(), kept.mutatingCalls());
    assertTrue(
        kept.notes().stream().anyMatch(n -> n.contains("\"server\"") && n.contains("--prune")));

    ApplyResult pruned =
        apply(withoutServer, ApplyOptions.DEFAULTS.withWait(false).withPrune(true));
    assertEquals(Status.APPLIED, pruned.status());
    assertEquals(
        List.of(
            "scaled to 0 service \"server\"",
            "deleted service \"server\" (not in the spec any more)"),
        described(pruned));
    assertEquals(List.of("Ecs.UpdateService", "Ecs.DeleteService"), pruned.mutatingCalls());
    assertEquals("INACTIVE", service("server").status());
    assertEquals("ACTIVE", service("foreign").status());
    assertEquals("ACTIVE", service("api").status());
    assertFalse(plan(withoutServer).plan().hasChanges());
  }

  @Test
  void savedPlanIsRefusedWhenTheAccountChangedSince(@TempDir Path dir) throws Exception {
    apply(sheets());
    List<Artifact> hotfix = sheetsWith("api/taskdef.json", image("hotfix"));
    PlanResult reviewed = plan(hotfix);
    Path file = dir.resolve("sheets.plan");
    SavedPlan.of(reviewed, "spec".getBytes(StandardCharsets.UTF_8), hotfix).write(file);

    // Someone else applies in between.
    apply(sheetsWith("api/taskdef.json", image("other")));

    SavedPlan saved = SavedPlan.read(file);
    int before = clients.calls().size();
    StalePlanException e =
        assertThrows(
            StalePlanException.class, () -> SavedPlans.replan(saved, file, clients, settings));
    assertEquals(List.of("service/api changed"), e.changed());
    assertTrue(e.getMessage().contains("service/api changed"), e.getMessage());
    assertEquals(List.of(), clients.calls().mutatingSince(before));
  }

  @Test
  void savedPlanAppliesWhenNothingChanged(@TempDir Path dir) throws Exception {
    apply(sheets());
    List<Artifact> hotfix = sheetsWith("api/taskdef.json", image("hotfix"));
    Path file = dir.resolve("sheets.plan");
    SavedPlan.of(plan(hotfix), "spec".getBytes(StandardCharsets.UTF_8), hotfix).write(file);

    PlanResult fresh = SavedPlans.replan(SavedPlan.read(file), file, clients, settings);
    ApplyResult result =
        new Applier(
                clients,
                settings,
                ApplyOptions.DEFAULTS.withWait(false),
                ApplyListener.none(),
                ProgressListener.none())
            .apply(fresh);
    assertEquals(
        List.of("Ecs.RegisterTaskDefinition", "Ecs.UpdateService"), result.mutatingCalls());
    assertTrue(service("api").taskDefinition().endsWith("/sheets-api:2"));
  }

  @Test
  void neverDeployedBuildServiceWithoutImageTagIsRefusedBeforeAnyChange() throws Exception {
    List<Artifact> placeholder =
        sheetsWith(
            "server/taskdef.json",
            td ->
                ((ObjectNode) td.path("containerDefinitions").get(0))
                    .put(
                        "image",
                        "123456789012.dkr.ecr.us-west-1.amazonaws.com/sheets/server:"
                            + DesiredState.KEEP_LIVE_IMAGE_TAG));
    ApplyResult result = apply(placeholder);
    assertEquals(Status.REFUSED, result.status());
    assertEquals(List.of(), result.mutatingCalls());
    assertEquals(
        List.of(
            "Service \"server\" is built from source and has never been deployed, so container"
                + " \"server\" has no image to keep. Pass --image-tag with the tag of the image to deploy."),
        result.errors());
    assertTrue(clients.ecs().listClusters().clusterArns().isEmpty());
  }

  @Test
  void buildServiceWithoutImageTagKeepsTheLiveImage() throws Exception {
    apply(sheets());
    List<Artifact> placeholder =
        sheetsWith(
            "server/taskdef.json",
            td ->
                ((ObjectNode) td.path("containerDefinitions").get(0))
                    .put(
                        "image",
                        "123456789012.dkr.ecr.us-west-1.amazonaws.com/sheets/server:"
                            + DesiredState.KEEP_LIVE_IMAGE_TAG));
    ApplyResult result = apply(placeholder);
    assertEquals(Status.NOTHING_TO_DO, result.status(), () -> "errors: " + result.errors());
    assertEquals(List.of(), result.mutatingCalls());
  }

  @Test
  void withoutWaitingNoRevisionIsDeregistered() throws Exception {
    apply(sheets()); // sheets-api:1
    ApplyOptions keepTwo = ApplyOptions.DEFAULTS.withWait(false).withKeepRevisions(2);
    apply(sheetsWith("api/taskdef.json", image("v2")), keepTwo); // :2
    apply(sheetsWith("api/taskdef.json", image("v3")), keepTwo); // :3
    ApplyResult last = apply(sheetsWith("api/taskdef.json", image("v4")), keepTwo); // :4
    assertEquals(Status.APPLIED, last.status(), () -> "errors: " + last.errors());
    // Whether :4 deploys is not known with --no-wait; until it has, :3 is what ECS rolls back to.
    assertEquals(List.of("Ecs.RegisterTaskDefinition", "Ecs.UpdateService"), last.mutatingCalls());
    assertEquals(
        List.of(
            "Task definition \"sheets-api\": old revisions were not deregistered: with --no-wait,"
                + " fgd does not see sheets-api:4 deploy, and an old revision is what ECS rolls"
                + " back to until it has."),
        last.notes());
    Map<Integer, String> status = new java.util.TreeMap<>();
    for (int revision = 1; revision <= 4; revision++) {
      int r = revision;
      status.put(
          revision,
          clients
              .ecs()
              .describeTaskDefinition(q -> q.taskDefinition("sheets-api:" + r))
              .taskDefinition()
              .status()
              .toString());
    }
    assertEquals(Map.of(1, "ACTIVE", 2, "ACTIVE", 3, "ACTIVE", 4, "ACTIVE"), status);
  }
}
