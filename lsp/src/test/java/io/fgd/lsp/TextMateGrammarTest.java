package io.fgd.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.fgd.compiler.parse.Cursor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The VS Code extension's TextMate grammar highlights exactly the lexer's keywords: its keyword and
 * constant patterns together name every keyword token of FgdLexer.g4, and nothing else. (Its scopes
 * are checked by the snapshot tests in editors/vscode/test, which .ci/run runs.)
 */
class TextMateGrammarTest {
  static final Path GRAMMAR =
      Path.of(System.getProperty("fgd.specs.dir", "../specs"))
          .getParent()
          .resolve("editors/vscode/syntaxes/fgd.tmLanguage.json");

  @Test
  void theGrammarsKeywordsAreTheLexers() throws IOException {
    JsonObject repository =
        JsonParser.parseString(Files.readString(GRAMMAR, StandardCharsets.UTF_8))
            .getAsJsonObject()
            .getAsJsonObject("repository");
    List<String> highlighted = new ArrayList<>();
    for (String rule : List.of("keyword", "constant")) {
      String match =
          repository
              .getAsJsonObject(rule)
              .getAsJsonArray("patterns")
              .get(0)
              .getAsJsonObject()
              .get("match")
              .getAsString();
      Matcher m = ALTERNATION.matcher(match);
      if (!m.find()) {
        throw new AssertionError("no alternation in the " + rule + " pattern: " + match);
      }
      highlighted.addAll(List.of(m.group(1).split("\\|")));
    }
    assertEquals(
        Cursor.keywords().stream().sorted().toList(), highlighted.stream().sorted().toList());
  }

  private static final Pattern ALTERNATION = Pattern.compile("\\)\\(([a-z_|]+)\\)\\(");
}
