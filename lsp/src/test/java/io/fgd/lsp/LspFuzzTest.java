package io.fgd.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fgd.compiler.source.SourceFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.eclipse.lsp4j.CompletionParams;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.DidChangeTextDocumentParams;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.DocumentSymbol;
import org.eclipse.lsp4j.Location;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.TextDocumentItem;
import org.eclipse.lsp4j.VersionedTextDocumentIdentifier;
import org.junit.jupiter.api.Test;

/**
 * Malformed input never crashes the server or stops it answering: every spec of specs/ (examples,
 * invalid specs, and the fuzz corpus of inputs that once broke fgd) and random mutations of them,
 * as CompilerFuzzTest makes them, go through every feature at many positions. Each answer must be
 * well formed, with ranges inside the document. The number of mutations is {@code
 * -Dfgd.lsp.fuzz.tries} (100).
 */
class LspFuzzTest {
  static final Path SPECS = Path.of(System.getProperty("fgd.specs.dir", "../specs"));
  static final String URI = "file:///fuzz.fgd";
  static final List<String> WORDS =
      List.of(
          "app",
          "service",
          "stage",
          "var",
          "sidecar",
          "cpu",
          "memory",
          "depends_on",
          "build",
          "rust",
          "{",
          "}",
          "[",
          "]",
          ",",
          "=",
          "..",
          "\"",
          "${",
          "}",
          "\\${x}",
          "\n",
          "#",
          "\r",
          "\uD83D\uDE00",
          "\t",
          "on",
          "health",
          "none",
          "region",
          "network",
          "tags");

  @Test
  void theCorpusAndItsMutationsGetAnswersInsideTheDocument() {
    List<String> corpus = corpus();
    assertTrue(corpus.size() > 20, "the corpus is missing: " + corpus.size());
    for (String text : corpus) {
      assertAnswers(text);
    }
    int tries = Integer.getInteger("fgd.lsp.fuzz.tries", 100);
    for (long seed = 0; seed < tries; seed++) {
      assertAnswers(mutate(corpus, seed));
    }
  }

  @Test
  void theServerKeepsAnsweringAfterMalformedEdits() throws Exception {
    FgdLanguageServer server = new FgdLanguageServer(Map.of(), 0);
    TestClient client = new TestClient();
    server.connect(client);
    List<String> corpus = corpus();
    server.didOpen(new DidOpenTextDocumentParams(new TextDocumentItem(URI, "fgd", 0, "")));
    client.nextDiagnostics();
    for (int version = 1; version <= 40; version++) {
      String text = mutate(corpus, 1000 + version);
      server.didChange(
          new DidChangeTextDocumentParams(
              new VersionedTextDocumentIdentifier(URI, version),
              List.of(new TextDocumentContentChangeEvent(text))));
      assertEquals(version, client.nextDiagnostics().getVersion());
    }
    var items =
        server
            .completion(new CompletionParams(new TextDocumentIdentifier(URI), new Position(0, 0)))
            .get();
    assertNotNull(items);
    assertTrue(client.logs.isEmpty(), "the server logged a bug: " + client.logs);
  }

  @Test
  void incrementalChangesGiveTheServerTheEditorsText() throws Exception {
    FgdLanguageServer server = new FgdLanguageServer(Map.of(), 0);
    TestClient client = new TestClient();
    server.connect(client);
    Random random = new Random(7);
    List<String> corpus = corpus();
    String text = corpus.get(random.nextInt(corpus.size()));
    server.didOpen(new DidOpenTextDocumentParams(new TextDocumentItem(URI, "fgd", 0, text)));
    client.nextDiagnostics();
    for (int version = 1; version <= 60; version++) {
      List<TextDocumentContentChangeEvent> changes = new ArrayList<>();
      for (int n = 1 + random.nextInt(2); n > 0; n--) {
        int a = random.nextInt(text.length() + 1);
        int b = Math.min(text.length(), a + random.nextInt(30));
        String replacement = WORDS.get(random.nextInt(WORDS.size()));
        changes.add(
            new TextDocumentContentChangeEvent(
                new Range(position(text, a), position(text, b)), replacement));
        text = text.substring(0, a) + replacement + text.substring(b);
      }
      server.didChange(
          new DidChangeTextDocumentParams(
              new VersionedTextDocumentIdentifier(URI, version), changes));
      assertEquals(version, client.nextDiagnostics().getVersion());
      assertEquals(text, server.text(URI).orElseThrow(), "after change " + version);
    }
  }

  /** The LSP position of an index: lines end at '\n', characters are UTF-16 units. */
  private static Position position(String text, int offset) {
    String before = text.substring(0, offset);
    int line = (int) before.chars().filter(c -> c == '\n').count();
    return new Position(line, offset - (before.lastIndexOf('\n') + 1));
  }

  static void assertAnswers(String text) {
    SourceFile source = new SourceFile("/fuzz.fgd", text);
    try {
      for (Diagnostic d : FgdLanguageServer.diagnostics(URI, source, Map.of(), false)) {
        assertInside(source, d.getRange(), "diagnostic " + d.getCode());
      }
      FgdLanguageServer.formatting(source)
          .forEach(e -> assertInside(source, e.getRange(), "formatting"));
      symbols(source, FgdLanguageServer.symbols(source));
      for (Position p : positions(source)) {
        assertNotNull(FgdLanguageServer.completion(source, p));
        FgdLanguageServer.hover(source, p)
            .ifPresent(h -> assertInside(source, h.getRange(), "hover"));
        for (Location l : FgdLanguageServer.definition(URI, source, p)) {
          assertInside(source, l.getRange(), "definition");
        }
        for (Location l : FgdLanguageServer.references(URI, source, p, true)) {
          assertInside(source, l.getRange(), "references");
        }
      }
    } catch (RuntimeException | StackOverflowError e) {
      throw new AssertionError("the server failed on:\n" + text, e);
    }
  }

  private static void symbols(SourceFile source, List<DocumentSymbol> symbols) {
    for (DocumentSymbol s : symbols) {
      assertInside(source, s.getRange(), "symbol");
      assertInside(source, s.getSelectionRange(), "symbol name");
      symbols(source, s.getChildren() == null ? List.of() : s.getChildren());
    }
  }

  /** Line starts and ends, and a spread of positions in between. */
  private static List<Position> positions(SourceFile source) {
    List<Position> positions = new ArrayList<>();
    int step = Math.max(1, source.lineCount() / 8);
    for (int line = 0; line < source.lineCount(); line += step) {
      int length = source.line(line + 1).length();
      for (int c = 0; c <= length; c += Math.max(1, length / 2)) {
        positions.add(new Position(line, c));
      }
      positions.add(new Position(line, length + 3));
    }
    positions.add(new Position(source.lineCount() + 2, 0));
    return positions;
  }

  static void assertInside(SourceFile source, Range range, String what) {
    Position start = range.getStart();
    Position end = range.getEnd();
    String where = what + " at " + SnippetsTest.range(range);
    assertTrue(start.getLine() >= 0 && start.getLine() < source.lineCount(), where);
    assertTrue(end.getLine() <= source.lineCount(), where);
    assertFalse(
        end.getLine() < start.getLine()
            || (end.getLine() == start.getLine() && end.getCharacter() < start.getCharacter()),
        where);
    assertTrue(start.getCharacter() <= source.line(start.getLine() + 1).length() + 1, where);
  }

  static String mutate(List<String> corpus, long seed) {
    Random random = new Random(seed);
    StringBuilder text = new StringBuilder(corpus.get(random.nextInt(corpus.size())));
    int edits = 1 + random.nextInt(8);
    for (int i = 0; i < edits && text.length() > 0; i++) {
      int at = random.nextInt(text.length());
      int end = Math.min(text.length(), at + random.nextInt(40));
      switch (random.nextInt(5)) {
        case 0 -> text.delete(at, end);
        case 1 -> text.insert(at, WORDS.get(random.nextInt(WORDS.size())));
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

  static List<String> corpus() {
    List<String> specs = new ArrayList<>();
    for (String folder : List.of("examples", "invalid", "fuzz")) {
      try (Stream<Path> files = Files.list(SPECS.resolve(folder))) {
        for (Path file : files.filter(p -> p.toString().endsWith(".fgd")).sorted().toList()) {
          specs.add(Files.readString(file, StandardCharsets.UTF_8));
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return List.copyOf(specs);
  }
}
