package io.fgd.compiler.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fgd.compiler.SpecOptions;
import io.fgd.compiler.ir.SpecFile;
import io.fgd.compiler.ir.Variable;
import io.fgd.compiler.source.SourceFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code fgd fmt}: golden layouts, and two properties over every spec in the repository and over
 * generated ones: formatting is idempotent, and the formatted spec parses to the same IR (spans
 * aside).
 */
class FormatterTest {
  static final Path SPECS =
      Path.of(System.getProperty("fgd.specs.dir", "../specs")).toAbsolutePath().normalize();

  static final java.util.Set<String> SERVICE_STATEMENTS =
      java.util.Set.of(
          "image",
          "port",
          "cpu",
          "memory",
          "env",
          "secret",
          "health",
          "scale",
          "replicas",
          "command",
          "entrypoint",
          "depends_on");

  static String format(String text) {
    Formatter.Result result = Formatter.format(new SourceFile("t.fgd", text));
    assertTrue(result.text().isPresent(), () -> result.diagnostics().toString());
    return result.text().get();
  }

  @Test
  void messyInputHasOneCanonicalLayout() throws IOException {
    String in = resource("messy.in.fgd");
    assertTrue(in.contains("\r\n"), "the input should exercise CRLF");
    assertEquals(resource("messy.out.fgd"), format(in));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        // one statement per line, alignment after the longest keyword
        "app a { region us-east-1 }|app a {\\n  region us-east-1\\n}\\n",
        "service s {\\ncpu 256\\nmemory    512\\n}|service s {\\n  cpu    256\\n  memory 512\\n}\\n",
        // a blank line ends an aligned run
        "service s {\\ncpu 256\\n\\nmemory 512\\n}|service s {\\n  cpu 256\\n\\n  memory 512\\n}\\n",
        // at most one blank line, none after { or before }
        "service s {\\n\\n\\ncpu 256\\n\\n\\n\\nport 80\\n\\n}|service s {\\n  cpu 256\\n\\n  port 80\\n}\\n",
        // spacing inside lists and ranges
        "service s {\\ncommand [ \"a\" , \"b\" ]\\nscale 1 .. 3 on cpu 50%\\n}|service s {\\n  command [\"a\", \"b\"]\\n  scale   1..3 on cpu 50%\\n}\\n",
        // trailing comments stay trailing, comment lines keep their line
        "# top\\napp a { # the app\\n  # inside\\n  region x   # trailing   \\n}|# top\\napp a { # the app\\n  # inside\\n  region x # trailing\\n}\\n",
        // a blank line between top-level blocks; variables may stay together
        "var a = \"1\"\\nvar b = \"2\"\\napp a {\\n}\\nservice s {\\n}|var a = \"1\"\\nvar b = \"2\"\\n\\napp a {\\n}\\n\\nservice s {\\n}\\n",
        // a comment above a block stays attached to it
        "var a = \"1\"\\n# the app\\napp a {\\n}|var a = \"1\"\\n\\n# the app\\napp a {\\n}\\n",
        // statements continued after a comma keep their line breaks
        "app a {\\nnetwork {\\nsubnets x,\\ny\\n}\\n}|app a {\\n  network {\\n    subnets x,\\n        y\\n  }\\n}\\n",
        // a secret's version words are kept in their order, single-spaced
        "service s {\\nsecret A from \"x\"  key \"k\" version_stage  \"S\" version_id \"I\"\\n}|service s {\\n  secret A from \"x\" key \"k\" version_stage \"S\" version_id \"I\"\\n}\\n",
        // CR line endings and no final newline
        "app a {\\r  region x\\r}|app a {\\n  region x\\n}\\n",
      })
  void layouts(String in, String out) {
    assertEquals(unescape(out), format(unescape(in)));
  }

  @Test
  void refusesFilesWithSyntaxErrors() {
    Formatter.Result result = Formatter.format(new SourceFile("t.fgd", "app a {\n  region\n"));
    assertTrue(result.text().isEmpty());
    assertFalse(result.diagnostics().isEmpty());
    assertTrue(result.diagnostics().stream().allMatch(d -> d.isError()));
  }

  @Test
  void theExamplesAreFormatted() throws IOException {
    for (Path spec : specs().stream().filter(p -> p.getParent().endsWith("examples")).toList()) {
      String text = Files.readString(spec);
      assertEquals(text, format(text), "fgd fmt would change " + SPECS.relativize(spec));
    }
  }

  @TestFactory
  Stream<DynamicTest> everySpecInTheRepository() throws IOException {
    return specs().stream()
        .map(
            spec ->
                DynamicTest.dynamicTest(
                    SPECS.relativize(spec).toString(),
                    () -> {
                      String text = Files.readString(spec);
                      if (!Parsing.syntaxErrors(new SourceFile("t.fgd", text)).isEmpty()) {
                        assertTrue(
                            Formatter.format(new SourceFile("t.fgd", text)).text().isEmpty());
                        return;
                      }
                      assertFormattingKeepsMeaning(text);
                    }));
  }

  /**
   * Specs assembled at random from the examples' statements, laid out at random: extra spaces and
   * tabs, blank lines, CRLF, statements squeezed onto one line.
   */
  @TestFactory
  Stream<DynamicTest> generatedSpecs() throws IOException {
    List<String> statements = new ArrayList<>();
    for (Path spec : specs()) {
      if (spec.getParent().endsWith("examples")) {
        // Lines inside a tags block are tags ("env = ..."), not statements, whatever their key.
        boolean inTags = false;
        for (String line : Files.readAllLines(spec)) {
          String s = line.strip();
          if (s.startsWith("tags")) {
            inTags = !s.contains("}");
            continue;
          }
          if (inTags) {
            inTags = !s.equals("}");
            continue;
          }
          String keyword = s.split("\\s+")[0];
          if (SERVICE_STATEMENTS.contains(keyword) && !s.contains("{")) {
            statements.add(s);
          }
        }
      }
    }
    assertTrue(statements.size() > 30, "too few statements to generate from");
    return IntStream.range(0, 200)
        .mapToObj(
            seed ->
                DynamicTest.dynamicTest(
                    "seed " + seed,
                    () -> {
                      Random random = new Random(seed);
                      String text = generate(random, statements);
                      String messy = mess(random, text);
                      assertFormattingKeepsMeaning(messy);
                      // Layout is all the formatter looks at: the tidy and the messy text come out
                      // the same.
                      assertEquals(
                          format(text), format(messy), () -> "different layouts of\n" + text);
                    }));
  }

  static String generate(Random random, List<String> statements) {
    StringBuilder out = new StringBuilder();
    out.append("var tag = \"1\"\n");
    out.append(
        "# the app\napp a {\n  region us-east-1\n  network {\n    subnets subnet-0a1b2c3d\n  }\n}\n");
    int services = 1 + random.nextInt(3);
    for (int s = 0; s < services; s++) {
      if (random.nextBoolean()) {
        out.append("# service ").append(s).append('\n');
      }
      out.append("service s").append(s).append(" {\n");
      int n = 1 + random.nextInt(8);
      for (int i = 0; i < n; i++) {
        out.append("  ").append(statements.get(random.nextInt(statements.size())));
        if (random.nextInt(5) == 0) {
          out.append(" # note ").append(i);
        }
        out.append('\n');
        if (random.nextInt(6) == 0) {
          out.append('\n');
        }
      }
      if (random.nextBoolean()) {
        out.append("  logs {\n    retention 30d\n  }\n");
      }
      out.append("}\n");
    }
    out.append(
        "stage prod {\n  cluster prod\n  service s0 {\n    replicas 2\n    env X = \"${tag}\"\n  }\n}\n");
    return out.toString();
  }

  /** The same tokens with other horizontal whitespace and line endings. */
  static String mess(Random random, String text) {
    String eol = random.nextBoolean() ? "\r\n" : "\n";
    StringBuilder out = new StringBuilder();
    for (String line : text.split("\n", -1)) {
      StringBuilder l = new StringBuilder();
      boolean inString = false;
      boolean inComment = false;
      for (int i = 0; i < line.length(); i++) {
        char c = line.charAt(i);
        if (c == '"' && !inComment && (i == 0 || line.charAt(i - 1) != '\\')) {
          inString = !inString;
        }
        if (c == '#' && !inString) {
          inComment = true;
        }
        if (c == ' ' && !inString && !inComment) {
          l.append(random.nextBoolean() ? " " : random.nextBoolean() ? "\t" : "   ");
        } else {
          l.append(c);
        }
      }
      out.append(random.nextInt(4) == 0 ? " " : "").append(l).append(eol);
    }
    return out.toString();
  }

  /** format(format(x)) == format(x), and x and format(x) parse to the same IR. */
  static void assertFormattingKeepsMeaning(String text) {
    String once = format(text);
    assertEquals(once, format(once), () -> "not idempotent on\n" + text);
    SpecOptions options = options(text);
    assertEquals(
        withoutSpans(parse(text, options)),
        withoutSpans(parse(once, options)),
        () -> "meaning changed:\n" + once);
  }

  /** A value for every declared variable, so specs without defaults still parse. */
  static SpecOptions options(String text) {
    Parsing.Result first = Parsing.parse(new SourceFile("t.fgd", text));
    Map<String, String> values = new TreeMap<>();
    for (Variable v : first.file().map(SpecFile::variables).orElse(List.of())) {
      values.put(v.name().value(), "value-of-" + v.name().value());
    }
    return new SpecOptions(Optional.empty(), values, Map.of());
  }

  static String parse(String text, SpecOptions options) {
    Parsing.Result result = Parsing.parse(new SourceFile("t.fgd", text), options);
    return result.file().map(Object::toString).orElse("")
        + "\n"
        + result.diagnostics().stream().map(d -> d.code() + " " + d.detail()).toList();
  }

  /**
   * Spans print as t.fgd:LINE:COLUMN, and some diagnostics name a line; without them, the IR and
   * the diagnostics are what the spec means.
   */
  static String withoutSpans(String ir) {
    return ir.replaceAll("t\\.fgd:\\d+:\\d+", "@").replaceAll("line \\d+", "line @");
  }

  static List<Path> specs() throws IOException {
    try (Stream<Path> walk = Files.walk(SPECS)) {
      return walk.filter(p -> p.toString().endsWith(".fgd")).sorted().toList();
    }
  }

  static String resource(String name) throws IOException {
    try (InputStream in = FormatterTest.class.getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  static String unescape(String s) {
    return s.replace("\\n", "\n").replace("\\r", "\r");
  }
}
