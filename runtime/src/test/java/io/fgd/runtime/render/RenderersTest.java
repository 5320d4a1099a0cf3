package io.fgd.runtime.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.fgd.runtime.engine.Plan;
import io.fgd.runtime.engine.Scenarios;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Golden renderings in src/test/resources/golden; {@code FGD_UPDATE_GOLDEN=1} rewrites them (then
 * read every one before committing).
 */
class RenderersTest {
  private static final Path GOLDEN = Path.of("src/test/resources/golden");

  private static void assertGolden(String name, String actual) throws IOException {
    Path file = GOLDEN.resolve(name);
    if ("1".equals(System.getenv("FGD_UPDATE_GOLDEN"))) {
      Files.createDirectories(GOLDEN);
      Files.writeString(file, actual, StandardCharsets.UTF_8);
    }
    assertEquals(Files.readString(file, StandardCharsets.UTF_8), actual, name);
  }

  @Test
  void text() throws IOException {
    assertGolden("mixed.txt", TextRenderer.render(Scenarios.mixed(), false));
    assertGolden("none.txt", TextRenderer.render(Scenarios.none(), false));
    // Unfinished and failed rollouts: the state of the services, not changes.
    assertGolden(
        "rollouts.txt", TextRenderer.render(Scenarios.rollouts(), false, Scenarios.ROLLOUTS_NOW));
  }

  @Test
  void markdown() throws IOException {
    assertGolden("mixed.md", MarkdownRenderer.render(Scenarios.mixed()));
    assertGolden("none.md", MarkdownRenderer.render(Scenarios.none()));
    assertGolden(
        "rollouts.md", MarkdownRenderer.render(Scenarios.rollouts(), Scenarios.ROLLOUTS_NOW));
  }

  @Test
  void json() throws IOException {
    assertGolden("mixed.json", JsonRenderer.render(Scenarios.mixed()));
    assertGolden("none.json", JsonRenderer.render(Scenarios.none()));
    assertGolden("rollouts.json", JsonRenderer.render(Scenarios.rollouts()));
  }

  @Test
  void colourOnlyWhenAsked() {
    Plan plan = Scenarios.mixed();
    assertFalse(TextRenderer.render(plan, false).contains("\u001b["));
    String coloured = TextRenderer.render(plan, true);
    assertTrue(coloured.contains("\u001b[32m+\u001b[0m service \"server\""), coloured);
    assertEquals(TextRenderer.render(plan, false), coloured.replaceAll("\u001b\\[[0-9;]*m", ""));
  }

  @Test
  void jsonMatchesTheSchema() throws IOException {
    Path schemaFile = Path.of(System.getProperty("fgd.specs.dir"), "schemas", "plan.schema.json");
    JsonSchema schema;
    try (InputStream in = Files.newInputStream(schemaFile)) {
      schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
    }
    ObjectMapper mapper = new ObjectMapper();
    for (Plan plan : new Plan[] {Scenarios.mixed(), Scenarios.none(), Scenarios.rollouts()}) {
      JsonNode doc = mapper.readTree(JsonRenderer.render(plan));
      Set<ValidationMessage> errors = schema.validate(doc);
      assertEquals(Set.of(), errors);
    }
    // The schema is not vacuous: a wrong action and a missing field are caught.
    JsonNode bad = mapper.readTree(JsonRenderer.render(Scenarios.mixed()));
    ((com.fasterxml.jackson.databind.node.ObjectNode) bad.path("changes").get(0))
        .put("action", "explode");
    ((com.fasterxml.jackson.databind.node.ObjectNode) bad).remove("summary");
    assertEquals(2, schema.validate(bad).size(), () -> schema.validate(bad).toString());
  }
}
