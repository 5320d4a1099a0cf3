package io.fgd.compiler.emit.ecs;

import static io.fgd.compiler.emit.ecs.EcsTesting.APP;
import static io.fgd.compiler.emit.ecs.EcsTesting.compile;
import static io.fgd.compiler.emit.ecs.EcsTesting.json;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fgd.compiler.Compiler;
import io.fgd.compiler.diag.Diagnostic;
import io.fgd.compiler.source.SourceFile;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A health check list is the program and its arguments; written as ECS writes it (with a leading
 * CMD or CMD-SHELL) it means the same, and ECS's first word is never doubled (issue 12, item 6).
 */
class HealthCommandTest {
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "'\"curl -f http://localhost/\"'            | [\"CMD-SHELL\",\"curl -f http://localhost/\"]",
        "'[\"/bin/check\", \"--quick\"]'           | [\"CMD\",\"/bin/check\",\"--quick\"]",
        "'[\"CMD\", \"true\"]'                     | [\"CMD\",\"true\"]",
        "'[\"CMD-SHELL\", \"curl -f localhost\"]'  | [\"CMD-SHELL\",\"curl -f localhost\"]",
      })
  void eachSpellingCompilesToOneEcsCommand(String health, String expected) {
    String taskdef =
        compile(APP + "service web {\n  image \"nginx:1.27\"\n  health " + health + "\n}\n")
            .get("web/taskdef.json");
    assertEquals(
        expected,
        json(taskdef)
            .path("containerDefinitions")
            .get(0)
            .path("healthCheck")
            .path("command")
            .toString());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "'[\"CMD\"]'                              | health.commandEmpty",
        "'[]'                                     | health.commandEmpty",
        "'\"  \"'                                 | health.commandEmpty",
        "'[\"CMD-SHELL\", \"a\", \"b\"]'          | health.cmdShell",
        "'[\"CMD-SHELL\"]'                        | health.cmdShell",
      })
  void aListThatRunsNothingIsAnError(String health, String code) {
    String text = APP + "service web {\n  image \"nginx:1.27\"\n  health " + health + "\n}\n";
    List<String> codes =
        Compiler.validate(new SourceFile("test.fgd", text)).diagnostics().stream()
            .filter(Diagnostic::isError)
            .map(Diagnostic::code)
            .toList();
    assertEquals(List.of(code), codes);
  }
}
