package io.fgd.runtime.kinds.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
import io.fgd.runtime.engine.SavedPlan;
import io.fgd.runtime.engine.SavedPlans;
import io.fgd.runtime.engine.StalePlanException;
import io.fgd.runtime.moto.MotoExtension;
import io.fgd.runtime.moto.MotoGaps;
import io.fgd.runtime.moto.MotoNetwork;
import io.fgd.runtime.moto.MotoServer;
import io.fgd.runtime.state.AwsStateReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Tag;

/**
 * A saved plan is refused when a service changed out of band in any field the plan compares, also
 * one UpdateService changes without a new deployment (issue 12, item 3).
 */
@ExtendWith(MotoExtension.class)
class ServiceFingerprintIT {
  static final byte[] SPEC = "app sheets { }".getBytes(StandardCharsets.UTF_8);
  static final String CLUSTER = "sheets-prod";

  @TempDir Path dir;
  AwsSettings settings;
  AwsClients clients;
  MotoNetwork network;

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

  /** The out-of-band changes, each to the server (which does not scale) by hand. */
  static Stream<Arguments> changes() {
    return Stream.<Arguments>of(
        change(
            "desired count",
            (ecs, n) ->
                ecs.updateService(r -> r.cluster(CLUSTER).service("server").desiredCount(7))),
        change(
            "network",
            (ecs, n) ->
                ecs.updateService(
                    r ->
                        r.cluster(CLUSTER)
                            .service("server")
                            .networkConfiguration(
                                c ->
                                    c.awsvpcConfiguration(
                                        v ->
                                            v.subnets(n.subnets().get(0))
                                                .securityGroups(n.securityGroups())
                                                .assignPublicIp("ENABLED"))))),
        change(
            "deployment settings",
            (ecs, n) ->
                ecs.updateService(
                    r ->
                        r.cluster(CLUSTER)
                            .service("server")
                            .deploymentConfiguration(
                                d -> d.minimumHealthyPercent(50).maximumPercent(150)))),
        change(
            "tags",
            (ecs, n) ->
                ecs.tagResource(
                    r ->
                        r.resourceArn(arn(ecs, "server"))
                            .tags(Tag.builder().key("team").value("other").build()))),
        change(
            "a removed tag",
            (ecs, n) ->
                ecs.untagResource(r -> r.resourceArn(arn(ecs, "server")).tagKeys("fgd:app"))));
  }

  static Arguments change(String what, BiConsumer<EcsClient, MotoNetwork> edit) {
    return Arguments.of(what, edit);
  }

  static String arn(EcsClient ecs, String service) {
    return ecs.describeServices(r -> r.cluster(CLUSTER).services(service))
        .services()
        .get(0)
        .serviceArn();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("changes")
  void aSavedPlanIsStaleAfterAnOutOfBandChange(String what, BiConsumer<EcsClient, MotoNetwork> edit)
      throws Exception {
    List<Artifact> v1 =
        MotoGaps.withoutUnmodelled(
            Fixtures.inNetwork(Fixtures.sheets(), network.subnets(), network.securityGroups()));
    ApplyResult applied =
        new Applier(
                clients,
                settings,
                ApplyOptions.DEFAULTS.withWait(false),
                ApplyListener.none(),
                ProgressListener.none())
            .apply(Planner.plan(Fixtures.desired(v1), new AwsStateReader(clients, settings)));
    assertEquals(ApplyResult.Status.APPLIED, applied.status(), () -> "" + applied.errors());

    // The plan of a new image of the api, saved for review.
    List<Artifact> v2 =
        MotoGaps.withoutUnmodelled(
            Fixtures.inNetwork(
                Fixtures.sheetsWith(
                    "api/taskdef.json",
                    td ->
                        ((com.fasterxml.jackson.databind.node.ObjectNode)
                                td.path("containerDefinitions").get(0))
                            .put("image", "123456789012.dkr.ecr.us-west-1.amazonaws.com/repo:v2")),
                network.subnets(),
                network.securityGroups()));
    Path file = dir.resolve("plan.json");
    SavedPlan.of(
            Planner.plan(Fixtures.desired(v2), new AwsStateReader(clients, settings)), SPEC, v2)
        .write(file);
    SavedPlan saved = SavedPlan.read(file, "sheets");
    // Unchanged, it is still the plan that was reviewed.
    SavedPlans.replan(saved, file, clients, settings);

    edit.accept(clients.ecs(), network);
    StalePlanException e =
        assertThrows(
            StalePlanException.class, () -> SavedPlans.replan(saved, file, clients, settings));
    assertEquals(List.of("service/server changed"), e.changed());
  }
}
