package io.fgd.runtime.cost;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import io.fgd.compiler.CompileOptions;
import io.fgd.compiler.Compiler;
import io.fgd.compiler.source.SourceFile;
import io.fgd.runtime.engine.DesiredState;
import io.fgd.runtime.engine.Differ;
import io.fgd.runtime.engine.PlanResult;
import io.fgd.runtime.kinds.ObservedStates;
import io.fgd.runtime.render.JsonRenderer;
import io.fgd.runtime.render.MarkdownRenderer;
import io.fgd.runtime.render.TextRenderer;
import io.fgd.runtime.state.ObservedState;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Golden plans of {@code specs/examples/capacity.fgd} against an empty account, in text, Markdown
 * and JSON: the cluster created with the Fargate providers, the services with their capacity
 * strategies, and the cost with Spot's "up to" discount beside the on-demand price. {@code
 * FGD_UPDATE_GOLDEN=1} rewrites the files under src/test/resources/golden.
 */
class CapacityPlanTest {
  private static final Path GOLDEN = Path.of("src/test/resources/golden");

  private static void assertGolden(String name, String actual) throws IOException {
    Path file = GOLDEN.resolve(name);
    if ("1".equals(System.getenv("FGD_UPDATE_GOLDEN"))) {
      Files.writeString(file, actual, StandardCharsets.UTF_8);
    }
    assertEquals(Files.readString(file, StandardCharsets.UTF_8), actual, name);
  }

  private static PlanResult plan() throws Exception {
    return plan("capacity", "reports");
  }

  private static PlanResult plan(String example, String app) throws Exception {
    String text = Files.readString(Path.of("../specs/examples/" + example + ".fgd"));
    Compiler.Compilation compiled =
        Compiler.compile(new SourceFile(example + ".fgd", text), CompileOptions.defaults());
    DesiredState desired = DesiredState.fromArtifacts(app, compiled.artifacts());
    ObservedState empty =
        ObservedStates.of(false, Map.of(), Map.of(), Map.of(), Map.of(), Map.of());
    return new PlanResult(Differ.diff(desired, empty), desired, empty, 0);
  }

  @Test
  void goldenPlans() throws Exception {
    PlanResult result = plan();
    PlanCost cost = PlanCost.of(result, "us-east-1");
    assertGolden("capacity.txt", TextRenderer.render(result.plan(), false, cost));
    assertGolden(
        "capacity.md",
        MarkdownRenderer.render(result.plan(), cost, Instant.parse("2026-11-29T06:00:00Z")));
    String json = JsonRenderer.render(result.plan(), cost);
    assertGolden("capacity.json", json);
    Path schemaFile = Path.of(System.getProperty("fgd.specs.dir"), "schemas", "plan.schema.json");
    JsonSchema schema;
    try (InputStream in = Files.newInputStream(schemaFile)) {
      schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
    }
    assertEquals(Set.of(), schema.validate(new ObjectMapper().readTree(json)));
  }

  /** The volumes example: its task definition's volumes and each container's mount points. */
  @Test
  void goldenVolumesPlan() throws Exception {
    PlanResult result = plan("volumes", "cms");
    assertGolden(
        "volumes.txt", TextRenderer.render(result.plan(), false, PlanCost.of(result, "us-east-1")));
  }
}
