package io.fgd.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.fgd.compiler.emit.docker.Presets;
import io.fgd.compiler.parse.Cursor;
import io.fgd.compiler.parse.Cursor.Block;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The hover text and the README's language reference are one source: each table of the README's
 * reference equals its section of statements.md, row for row; and every statement the grammar
 * allows has a row, so hover never comes up empty for a keyword.
 */
class StatementDocsTest {
  static final Path README =
      Path.of(System.getProperty("fgd.specs.dir", "../specs")).getParent().resolve("README.md");

  /** statements.md section -> the line of README.md after which its table follows. */
  static final Map<String, String> README_TABLES =
      Map.of(
          "app", "### `app NAME { ... }`",
          "network", "`network { ... }`:",
          "service", "### `service NAME { ... }`",
          "job", "### `job NAME { ... }`",
          "deploy", "`deploy { ... }`:",
          "preset", "| preset | setting | meaning | default |");

  @Test
  void theReadmeTablesAreTheStatementDocs() throws IOException {
    List<String> readme = Files.readAllLines(README, StandardCharsets.UTF_8);
    README_TABLES.forEach(
        (section, heading) -> {
          List<String> expected =
              StatementDocs.SECTIONS.get(section).stream()
                  .map(StatementDocs.Row::markdown)
                  .toList();
          assertEquals(expected, tableAfter(readme, heading), "README table of " + section);
        });
  }

  @Test
  void everyStatementTheGrammarAllowsIsDocumented() {
    List<String> missing = new ArrayList<>();
    for (Block block : Block.values()) {
      for (String keyword : Cursor.statements(block)) {
        if (StatementDocs.lookup(block, "", keyword).isEmpty()) {
          missing.add(block + " " + keyword);
        }
      }
    }
    for (String preset : Presets.names()) {
      for (String setting : Presets.named(preset).orElseThrow().settingNames()) {
        if (StatementDocs.lookup(Block.PRESET, preset, setting).isEmpty()) {
          missing.add("preset " + preset + " " + setting);
        }
      }
    }
    assertEquals(List.of(), missing);
  }

  @Test
  void theGrammarGivesEachBlockItsStatements() {
    assertFalse(Cursor.statements(Block.SERVICE).isEmpty());
    assertEquals(
        List.of("subnets", "security_groups", "public_ip"), Cursor.statements(Block.NETWORK));
    assertEquals(List.of("app", "service", "stage", "var", "job"), Cursor.statements(Block.TOP));
  }

  private static List<String> tableAfter(List<String> lines, String heading) {
    int i = lines.indexOf(heading);
    if (i < 0) {
      throw new AssertionError("README.md has no line " + heading);
    }
    i++;
    while (i < lines.size() && !lines.get(i).startsWith("|")) {
      i++;
    }
    if (!heading.startsWith("|")) {
      i += 2; // the table's header and its separator
    } else {
      i += 1; // the heading is the header row; skip the separator
    }
    List<String> rows = new ArrayList<>();
    while (i < lines.size() && lines.get(i).startsWith("|")) {
      rows.add(lines.get(i));
      i++;
    }
    return rows;
  }
}
