package io.fgd.runtime.kinds.taskdefinition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.fgd.compiler.Artifact;
import io.fgd.runtime.aws.SdkJson;
import io.fgd.runtime.engine.ApplyResult;
import io.fgd.runtime.engine.Plan;
import io.fgd.runtime.importer.ImportResult;
import io.fgd.runtime.importer.Importer;
import io.fgd.runtime.kinds.Account;
import io.fgd.runtime.kinds.MotoApp;
import io.fgd.runtime.moto.MotoExtension;
import io.fgd.runtime.moto.MotoServer;
import io.fgd.runtime.render.TextRenderer;
import io.fgd.runtime.state.AwsStateReader;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The task and container settings of {@code specs/examples/settings.fgd} against moto: apply, plan
 * again (no changes), import (the statements come back, without warnings about them) and plan the
 * imported spec (no changes). Moto keeps runtimePlatform, ephemeralStorage and the container
 * definitions as registered; it has no field for a service's enableExecuteCommand, so ECS Exec's
 * round trip is {@code ServiceExecTest}'s, with DescribeServices-shaped JSON.
 */
@ExtendWith(MotoExtension.class)
class TaskSettingsIT {
  Account account;
  MotoApp app;

  @BeforeEach
  void connect(MotoServer moto) {
    account = new Account(moto);
    app = new MotoApp("billing", account);
  }

  @AfterEach
  void close() {
    account.close();
  }

  /** The example, moved to the account's region. */
  private static String spec() throws Exception {
    return MotoApp.example("settings.fgd");
  }

  @Test
  void appliedSettingsPlanNoChangesAndImportAsStatements() throws Exception {
    List<Artifact> artifacts = app.compile(spec());
    assertEquals(ApplyResult.Status.APPLIED, app.tryApply(artifacts).status());

    JsonNode td =
        SdkJson.toJson(
            account
                .clients
                .ecs()
                .describeTaskDefinition(r -> r.taskDefinition("billing-consumer"))
                .taskDefinition());
    assertEquals("ARM64", td.path("runtimePlatform").path("cpuArchitecture").asText());
    assertEquals(50, td.path("ephemeralStorage").path("sizeInGiB").asInt());
    MotoApp.assertNoChanges(app.plan(artifacts).plan());

    ImportResult imported =
        Importer.run(
            new Importer.Request("billing-prod", List.of(), Optional.empty(), "us-west-1"),
            new AwsStateReader(account.clients, account.settings));
    String text = imported.spec();
    for (String statement :
        List.of(
            "architecture      arm64",
            "ephemeral_storage 50 GiB",
            "stop_timeout      90s",
            "read_only         on",
            "init              on",
            "ulimit            nofile 65536",
            "ulimit            nproc 1024 2048",
            "starts_after      envoy healthy",
            "starts_after      migrate success")) {
      assertTrue(text.contains(statement), () -> statement + " not in\n" + text);
    }
    assertEquals(List.of(), imported.warnings(), text);
    MotoApp.assertNoChanges(app.plan(app.compile(text)).plan());
  }

  @Test
  void changingASettingRegistersARevisionThatShowsIt() throws Exception {
    app.tryApply(app.compile(spec()));
    Plan plan =
        app.plan(app.compile(spec().replace("stop_timeout      90s", "stop_timeout      2m")))
            .plan();
    String rendered = TextRenderer.render(plan, false);
    assertTrue(rendered.contains("~ containers[\"consumer\"].stopTimeout = 90 -> 120"), rendered);
    plan = app.plan(app.compile(spec().replace("architecture      arm64\n", ""))).plan();
    rendered = TextRenderer.render(plan, false);
    assertTrue(rendered.contains("- runtimePlatform"), rendered);
  }
}
