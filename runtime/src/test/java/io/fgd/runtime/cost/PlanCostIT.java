package io.fgd.runtime.cost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import io.fgd.compiler.Artifact;
import io.fgd.compiler.CompileOptions;
import io.fgd.compiler.Compiler;
import io.fgd.compiler.diag.Diagnostic;
import io.fgd.compiler.source.SourceFile;
import io.fgd.runtime.deploy.ProgressListener;
import io.fgd.runtime.engine.Applier;
import io.fgd.runtime.engine.ApplyListener;
import io.fgd.runtime.engine.ApplyOptions;
import io.fgd.runtime.engine.DesiredState;
import io.fgd.runtime.engine.PlanResult;
import io.fgd.runtime.engine.Planner;
import io.fgd.runtime.kinds.Account;
import io.fgd.runtime.moto.MotoExtension;
import io.fgd.runtime.moto.MotoServer;
import io.fgd.runtime.render.JsonRenderer;
import io.fgd.runtime.render.MarkdownRenderer;
import io.fgd.runtime.render.TextRenderer;
import io.fgd.runtime.state.AwsStateReader;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The plan's cost section, before and after, from what moto runs and what the spec says. Moto runs
 * in us-west-1; the costs are asked in us-east-1's prices, as a service there would pay them, and
 * in cn-north-1's, which fgd has none of.
 */
@ExtendWith(MotoExtension.class)
class PlanCostIT {
  private static final String SPEC =
      """
      app shop {
        region         us-west-1
        account        123456789012
        cluster        shop-prod
        execution_role "arn:aws:iam::123456789012:role/ecsTaskExecutionRole"
        network {
          subnets         subnet-0a1b2c3d
          security_groups sg-0123456789abcdef0
        }
      }

      service api {
        image    "nginx:1.27.3"
        health   none
        cpu      1 vcpu
        memory   MEMORY
        replicas 3
      }
      """;

  private static final String WORKER =
      """

      service worker {
        image  "nginx:1.27.3"
        health none
        scale  2..10 on cpu 60%
      }
      """;

  Account account;

  @BeforeEach
  void connect(MotoServer moto) {
    account = new Account(moto);
  }

  @AfterEach
  void close() {
    account.close();
  }

  private List<Artifact> compile(String text) {
    Compiler.Compilation compiled =
        Compiler.compile(new SourceFile("shop.fgd", text), CompileOptions.defaults());
    assertEquals(List.of(), compiled.diagnostics().stream().filter(Diagnostic::isError).toList());
    return account.inMoto(compiled.artifacts());
  }

  private PlanResult plan(List<Artifact> artifacts) throws Exception {
    return Planner.plan(
        DesiredState.fromArtifacts("shop", artifacts),
        new AwsStateReader(account.clients, account.settings));
  }

  @Test
  void aMemoryBumpAndANewScaledServiceShowTheirMonthlyCost() throws Exception {
    new Applier(
            account.clients,
            account.settings,
            ApplyOptions.DEFAULTS.withWait(false),
            ApplyListener.none(),
            ProgressListener.none())
        .apply(plan(compile(SPEC.replace("MEMORY", "2 GiB"))));

    PlanResult result = plan(compile(SPEC.replace("MEMORY", "4 GiB") + WORKER));
    PlanCost cost = PlanCost.of(result, "us-east-1");
    String text = TextRenderer.render(result.plan(), false, cost);
    // api: 3 x (1 x 0.04048 + 2 x 0.004445) x 730 = $108.12; with 4 GB $127.59.
    // worker: (0.25 x 0.04048 + 0.5 x 0.004445) x 730 = $9.01 a task, 2..10 tasks.
    assertTrue(
        text.contains(
            """

            Monthly cost, Fargate on-demand in us-east-1 (AWS prices of 2026-10-09):
              api     $108.12 -> $127.59  +$19.47/month
              worker  (new) -> $18.02 .. $90.10  +$18.02 .. +$90.10/month
              total change: +$37.49 .. +$109.57/month

            Plan:             """),
        text);

    String markdown = MarkdownRenderer.render(result.plan(), cost);
    assertTrue(
        markdown.contains(
            """
            **Monthly cost** (Fargate on-demand in us-east-1, AWS prices of 2026-10-09): \
            **+$37.49 .. +$109.57/month**

            | Service | Now | After | Change |
            |---|---:|---:|---:|
            | `api` | $108.12 | $127.59 | +$19.47/month |
            | `worker` | (new) | $18.02 .. $90.10 | +$18.02 .. +$90.10/month |
            """),
        markdown);

    JsonNode json = new ObjectMapper().readTree(JsonRenderer.render(result.plan(), cost));
    assertEquals(
        "19.47", json.path("cost").path("services").get(0).path("change").path("low").asText());
    JsonSchema schema;
    try (InputStream in =
        Files.newInputStream(
            Path.of(System.getProperty("fgd.specs.dir"), "schemas", "plan.schema.json"))) {
      schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
    }
    assertEquals(Set.of(), schema.validate(json));

    // In a region without prices the section says so and counts nothing.
    PlanCost unpriced = PlanCost.of(result, "cn-north-1");
    assertTrue(
        TextRenderer.render(result.plan(), false, unpriced)
            .contains(
                "\nNo Fargate prices for cn-north-1 in fgd's price file (taken 2026-11-29): its"
                    + " cost is not counted.\n\nPlan: "));
    assertEquals(
        Set.of(),
        schema.validate(new ObjectMapper().readTree(JsonRenderer.render(result.plan(), unpriced))));
  }
}
