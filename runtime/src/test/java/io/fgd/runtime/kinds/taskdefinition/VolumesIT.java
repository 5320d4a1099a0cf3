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
 * The volumes and mounts of {@code specs/examples/volumes.fgd} against moto: apply, plan again (no
 * changes), import (the statements come back, without warnings about them) and plan the imported
 * spec (no changes). Moto keeps a task definition's volumes and the containers' mountPoints as
 * registered, and fills an EFS volume's rootDirectory with "/" as ECS does; it does not fill
 * transitEncryption, iam or readOnly, which real ECS answers with their defaults, so {@code
 * VolumeFormTest} compares the normal form against ECS-shaped answers too. Moto does not check that
 * the file system exists (nor does fgd).
 */
@ExtendWith(MotoExtension.class)
class VolumesIT {
  Account account;
  MotoApp app;

  @BeforeEach
  void connect(MotoServer moto) {
    account = new Account(moto);
    app = new MotoApp("cms", account);
  }

  @AfterEach
  void close() {
    account.close();
  }

  private static String spec() throws Exception {
    return MotoApp.example("volumes.fgd");
  }

  @Test
  void appliedVolumesPlanNoChangesAndImportAsStatements() throws Exception {
    List<Artifact> artifacts = app.compile(spec());
    assertEquals(ApplyResult.Status.APPLIED, app.tryApply(artifacts).status());

    JsonNode td =
        SdkJson.toJson(
            account
                .clients
                .ecs()
                .describeTaskDefinition(r -> r.taskDefinition("cms-web"))
                .taskDefinition());
    assertEquals(3, td.path("volumes").size(), td.toString());
    assertEquals(
        "fsap-0123456789abcdef0",
        td.path("volumes")
            .get(0)
            .path("efsVolumeConfiguration")
            .path("authorizationConfig")
            .path("accessPointId")
            .asText());
    MotoApp.assertNoChanges(app.plan(artifacts).plan());

    ImportResult imported =
        Importer.run(
            new Importer.Request("cms-prod", List.of(), Optional.empty(), "us-west-1"),
            new AwsStateReader(account.clients, account.settings));
    String text = imported.spec();
    for (String statement :
        List.of(
            "uploads efs fs-0123456789abcdef0 access_point fsap-0123456789abcdef0 encrypted iam",
            "themes efs fs-0fedcba9876543210 root \"/themes\" encrypted port 2999",
            "volume cache\n",
            "uploads at \"/srv/uploads\"",
            "themes at \"/srv/themes\" read_only",
            "cache at \"/cache\"",
            "uploads at \"/uploads\" read_only")) {
      assertTrue(text.contains(statement), () -> statement + " not in\n" + text);
    }
    assertEquals(List.of(), imported.warnings(), text);
    MotoApp.assertNoChanges(app.plan(app.compile(text)).plan());
  }

  @Test
  void aMountMadeReadOnlyRegistersARevisionThatShowsIt() throws Exception {
    app.tryApply(app.compile(spec()));
    Plan plan =
        app.plan(
                app.compile(
                    spec().replace("at \"/var/cache/cms\"", "at \"/var/cache/cms\" read_only")))
            .plan();
    String rendered = TextRenderer.render(plan, false);
    assertTrue(
        rendered.contains(
            "~ containers[\"web\"].mountPoints[\"/var/cache/cms\"].readOnly = false -> true"),
        rendered);
  }
}
