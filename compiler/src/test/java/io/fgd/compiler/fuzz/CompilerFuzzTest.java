package io.fgd.compiler.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fgd.compiler.CompileOptions;
import io.fgd.compiler.Compiler;
import io.fgd.compiler.Limits;
import io.fgd.compiler.diag.Diagnostic;
import io.fgd.compiler.diag.DiagnosticRenderer;
import io.fgd.compiler.source.SourceFile;
import io.fgd.compiler.source.Span;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzing the offline pipeline (Hardening): whatever the input, compilation ends in either a
 * compiled result or diagnostics whose spans lie inside the file, never an exception, a hang or
 * running out of memory. Inputs: token soup from the language's own vocabulary, random mutations of
 * every spec in specs/ (the seed corpus, with specs/fuzz/ holding inputs that once broke fgd), and
 * raw bytes. The number of tries is jqwik's (jqwik.tries.default); {@code bin/fuzz} runs a long
 * campaign.
 */
class CompilerFuzzTest {
  static final Path SPECS = Path.of(System.getProperty("fgd.specs.dir", "../specs"));
  static final CompileOptions OPTIONS = new CompileOptions(Optional.of("fuzz"));
  static final List<String> CORPUS = corpus();

  /** Words and punctuation that make the parser go deep rather than fail at the first token. */
  static final List<String> VOCABULARY =
      List.of(
          "app",
          "service",
          "sidecar",
          "region",
          "account",
          "cluster",
          "network",
          "subnets",
          "security_groups",
          "public_ip",
          "tags",
          "image",
          "build",
          "port",
          "target_group",
          "env",
          "secret",
          "from",
          "key",
          "ssm",
          "version_stage",
          "version_id",
          "cpu",
          "memory",
          "health",
          "every",
          "timeout",
          "retries",
          "grace",
          "none",
          "replicas",
          "scale",
          "on",
          "off",
          "deploy",
          "min_healthy",
          "logs",
          "command",
          "entrypoint",
          "depends_on",
          "workdir",
          "copy",
          "run",
          "cmd",
          "rust",
          "node",
          "{",
          "}",
          "[",
          "]",
          ",",
          "=",
          "..",
          "\"",
          "\"x\"",
          "\"\\u00e9\"",
          "\"\\",
          "\n",
          "\r\n",
          "\t",
          " ",
          "#",
          "//",
          "0",
          "1",
          "256",
          "0.25",
          "512MiB",
          "30s",
          "60%",
          "8000/udp",
          "1.2.3",
          "us-west-1",
          "subnet-0a1b2c3d",
          "./",
          ".",
          "\uFEFF",
          "\u0000",
          "\u00A0",
          ";",
          "${x}",
          "arn:aws:iam::123456789012:role/r");

  @Property
  void tokenSoupEndsInAResultOrLocatedDiagnostics(@ForAll("tokenSoup") String text) {
    assertWellBehaved(text);
  }

  @Property
  void mutatedSpecsEndInAResultOrLocatedDiagnostics(@ForAll("mutatedSpecs") String text) {
    assertWellBehaved(text);
  }

  /**
   * Specs generated whole, near AWS's limits: one that validates also compiles, with no error and
   * no schema failure (issue 12, item 5; see {@link ValidatesThenCompilesTest}).
   */
  @Property
  void aSpecThatValidatesCompiles(@ForAll long seed) {
    ValidatesThenCompilesTest.aSpecThatValidatesCompiles(seed);
  }

  @Property
  void rawBytesAreReadOrRefusedWithASentence(@ForAll @Size(max = 512) byte[] bytes)
      throws IOException {
    Path file = Files.createTempFile("fuzz-", ".fgd");
    try {
      Files.write(file, bytes);
      SourceFile source;
      try {
        source = SourceFile.read(file);
      } catch (IOException e) {
        assertTrue(e.getMessage().endsWith("is not valid UTF-8 text"), e.getMessage());
        return;
      }
      assertWellBehaved(source.text());
    } finally {
      Files.delete(file);
    }
  }

  @Test
  void everyInputThatOnceBrokeFgdStaysFixed() throws IOException {
    try (Stream<Path> files = Files.list(SPECS.resolve("fuzz"))) {
      for (Path file : files.filter(p -> p.toString().endsWith(".fgd")).sorted().toList()) {
        assertWellBehaved(Files.readString(file));
      }
    }
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS) // a hang detector, not a speed target
  void pathologicalShapes() {
    assertWellBehaved("{".repeat(100_000));
    assertWellBehaved("app a {\n" + "network {\n".repeat(20_000));
    assertWellBehaved("app a {\n  region \"" + "x".repeat(60_000) + "\"\n}\n");
    assertWellBehaved("[".repeat(50_000) + "\"");
    assertWellBehaved("service s {\n" + "  env A = \"1\"\n".repeat(50_000) + "}\n");
    assertWellBehaved("\n".repeat(200_000));
    assertWellBehaved("#".repeat(60_000));
  }

  @Test
  void beyondTheLimitsIsOneClearError() {
    String huge = "# padding\n".repeat(Limits.MAX_SPEC_CHARS / 10 + 1);
    assertEquals(List.of("limit.specTooLarge"), codes(huge));
    assertEquals(
        List.of("limit.lineTooLong"),
        codes("app a {\n  region \"" + "x".repeat(Limits.MAX_LINE_CHARS) + "\"\n}\n"));
    StringBuilder many =
        new StringBuilder(
            CORPUS.stream().filter(s -> s.contains("app sheets")).findFirst().orElseThrow());
    for (int i = 0; i <= Limits.MAX_SERVICES; i++) {
      many.append("service s").append(i).append(" {\n  image \"nginx:1.27.3\"\n  health none\n}\n");
    }
    assertTrue(codes(many.toString()).contains("limit.tooManyServices"));
  }

  @Test
  void byteOrderMarksLineEndingsAndTabsDoNotChangeTheOutput() {
    for (String spec : CORPUS.stream().filter(s -> s.contains("app ")).limit(8).toList()) {
      Compiler.Compilation plain = compile(spec);
      Compiler.Compilation variant =
          compile("\uFEFF" + spec.replace("\n", "\r\n").replace("  ", "\t"));
      assertEquals(texts(plain), texts(variant));
      assertEquals(
          plain.diagnostics().stream().map(Diagnostic::code).toList(),
          variant.diagnostics().stream().map(Diagnostic::code).toList());
    }
  }

  @Provide
  Arbitrary<String> tokenSoup() {
    return Arbitraries.of(VOCABULARY).list().ofMaxSize(120).map(words -> String.join(" ", words));
  }

  @Provide
  Arbitrary<String> mutatedSpecs() {
    return Arbitraries.longs().map(CompilerFuzzTest::mutate);
  }

  /** A spec from the corpus with up to eight random edits, reproducible from the seed. */
  static String mutate(long seed) {
    Random random = new Random(seed);
    StringBuilder text = new StringBuilder(CORPUS.get(random.nextInt(CORPUS.size())));
    int edits = 1 + random.nextInt(8);
    for (int i = 0; i < edits && text.length() > 0; i++) {
      int at = random.nextInt(text.length());
      int end = Math.min(text.length(), at + random.nextInt(40));
      switch (random.nextInt(5)) {
        case 0 -> text.delete(at, end);
        case 1 -> text.insert(at, VOCABULARY.get(random.nextInt(VOCABULARY.size())));
        case 2 -> text.insert(at, text.substring(at, end));
        case 3 -> text.setCharAt(at, (char) random.nextInt(0x3000));
        default -> {
          int from = random.nextInt(text.length());
          text.insert(at, text.substring(from, Math.min(text.length(), from + random.nextInt(80))));
        }
      }
    }
    return text.toString();
  }

  static void assertWellBehaved(String text) {
    SourceFile source = new SourceFile("fuzz.fgd", text);
    Compiler.Compilation result = Compiler.compile(source, OPTIONS);
    for (Diagnostic d : result.diagnostics()) {
      assertInside(d.subject(), source, d);
      d.context().ifPresent(c -> assertInside(c, source, d));
    }
    String rendered = new DiagnosticRenderer(false).render(result.diagnostics(), source);
    assertFalse(
        rendered.chars().anyMatch(c -> c < 0x20 && c != '\n'),
        "control characters reach the terminal");
    new DiagnosticRenderer(true).render(result.diagnostics(), source);
    if (result.hasErrors()) {
      assertTrue(result.artifacts().isEmpty(), "errors and artifacts");
    } else {
      assertFalse(result.spec().isEmpty(), "no errors but no spec");
    }
  }

  static void assertInside(Span span, SourceFile source, Diagnostic d) {
    String where = d.code() + " at " + span;
    assertTrue(span.startLine() >= 1 && span.startLine() <= source.lineCount(), where);
    assertTrue(span.endLine() <= source.lineCount() + 1, where);
    String line = source.line(span.startLine());
    assertTrue(span.startColumn() <= line.codePointCount(0, line.length()) + 1, where);
  }

  private static Compiler.Compilation compile(String text) {
    return Compiler.compile(new SourceFile("fuzz.fgd", text), OPTIONS);
  }

  private static List<String> codes(String text) {
    return compile(text).diagnostics().stream()
        .filter(Diagnostic::isError)
        .map(Diagnostic::code)
        .toList();
  }

  private static List<String> texts(Compiler.Compilation c) {
    return c.artifacts().stream().map(a -> a.path() + "\n" + a.text()).toList();
  }

  private static List<String> corpus() {
    List<String> specs = new ArrayList<>();
    for (String folder : List.of("examples", "invalid", "fuzz")) {
      try (Stream<Path> files = Files.list(SPECS.resolve(folder))) {
        for (Path file : files.filter(p -> p.toString().endsWith(".fgd")).sorted().toList()) {
          specs.add(Files.readString(file));
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return List.copyOf(specs);
  }
}
