package io.fgd.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.eclipse.lsp4j.CodeAction;
import org.eclipse.lsp4j.CodeActionContext;
import org.eclipse.lsp4j.CodeActionParams;
import org.eclipse.lsp4j.CompletionItem;
import org.eclipse.lsp4j.CompletionParams;
import org.eclipse.lsp4j.DefinitionParams;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.DocumentFormattingParams;
import org.eclipse.lsp4j.DocumentSymbol;
import org.eclipse.lsp4j.DocumentSymbolParams;
import org.eclipse.lsp4j.FormattingOptions;
import org.eclipse.lsp4j.Hover;
import org.eclipse.lsp4j.HoverParams;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.Location;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.ReferenceContext;
import org.eclipse.lsp4j.ReferenceParams;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.TextDocumentItem;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * pkl-lsp's snippet tests: each {@code snippets/NAME.fgd} is a document with an optional {@code
 * <caret>} marker; {@code NAME.expected} is what the server answers for it, in process, through its
 * protocol methods: the diagnostics it publishes on open, the code actions for them, the formatting
 * edit, the document symbols, and at the caret completion, hover, definition and references. {@code
 * FGD_UPDATE_GOLDEN=1} rewrites the expected files.
 */
class SnippetsTest {
  static final Path SNIPPETS = Path.of("src/test/resources/snippets");
  static final String CARET = "<caret>";

  @TestFactory
  Stream<DynamicTest> snippets() throws IOException {
    List<Path> inputs;
    try (Stream<Path> files = Files.list(SNIPPETS)) {
      inputs = files.filter(p -> p.toString().endsWith(".fgd")).sorted().toList();
    }
    assertTrue(inputs.size() >= 10, "snippets are missing: " + inputs);
    return inputs.stream()
        .map(input -> DynamicTest.dynamicTest(input.getFileName().toString(), () -> check(input)));
  }

  @Test
  void everyExpectedFileHasItsSnippet() throws IOException {
    try (Stream<Path> files = Files.list(SNIPPETS)) {
      List<Path> orphans =
          files
              .filter(p -> p.toString().endsWith(".expected"))
              .filter(p -> !Files.exists(Path.of(p.toString().replace(".expected", ".fgd"))))
              .toList();
      assertEquals(List.of(), orphans);
    }
  }

  private static void check(Path input) throws Exception {
    String raw = Files.readString(input, StandardCharsets.UTF_8);
    Optional<Position> caret = caret(raw);
    String text = raw.replace(CARET, "");
    String actual = answers(input.getFileName().toString(), text, caret);
    Path expected = Path.of(input.toString().replace(".fgd", ".expected"));
    if (System.getenv("FGD_UPDATE_GOLDEN") != null) {
      Files.writeString(expected, actual, StandardCharsets.UTF_8);
      return;
    }
    assertTrue(Files.exists(expected), expected + " is missing; run with FGD_UPDATE_GOLDEN=1");
    assertEquals(Files.readString(expected, StandardCharsets.UTF_8), actual, input.toString());
  }

  static Optional<Position> caret(String raw) {
    int at = raw.indexOf(CARET);
    if (at < 0) {
      return Optional.empty();
    }
    String before = raw.substring(0, at);
    int line = (int) before.chars().filter(c -> c == '\n').count();
    return Optional.of(new Position(line, at - (before.lastIndexOf('\n') + 1)));
  }

  /** Everything the server answers about one document, as text. */
  static String answers(String name, String text, Optional<Position> caret) throws Exception {
    String uri = "file:///snippets/" + name;
    FgdLanguageServer server = new FgdLanguageServer(Map.of(), 0);
    TestClient client = new TestClient();
    server.connect(client);
    server.initialize(new InitializeParams()).get();
    server.didOpen(new DidOpenTextDocumentParams(new TextDocumentItem(uri, "fgd", 1, text)));
    TextDocumentIdentifier doc = new TextDocumentIdentifier(uri);
    StringBuilder out = new StringBuilder();

    PublishDiagnosticsParams published = client.nextDiagnostics();
    out.append("== diagnostics\n");
    for (Diagnostic d : published.getDiagnostics()) {
      out.append(range(d.getRange()))
          .append(' ')
          .append(d.getSeverity().name().toLowerCase())
          .append(' ')
          .append(d.getCode().getLeft())
          .append(": ")
          .append(d.getMessage().getLeft())
          .append('\n');
      if (d.getRelatedInformation() != null) {
        d.getRelatedInformation()
            .forEach(
                r ->
                    out.append("  ")
                        .append(r.getMessage())
                        .append(" at ")
                        .append(range(r.getLocation().getRange()))
                        .append('\n'));
      }
    }

    List<Either<org.eclipse.lsp4j.Command, CodeAction>> actions =
        server
            .codeAction(
                new CodeActionParams(
                    doc,
                    new Range(new Position(0, 0), new Position(0, 0)),
                    new CodeActionContext(published.getDiagnostics())))
            .get();
    if (!actions.isEmpty()) {
      out.append("== code actions\n");
      for (var a : actions) {
        CodeAction action = a.getRight();
        for (TextEdit e : action.getEdit().getChanges().get(uri)) {
          out.append(action.getTitle())
              .append(": ")
              .append(range(e.getRange()))
              .append(" -> ")
              .append(e.getNewText())
              .append('\n');
        }
      }
    }

    List<? extends TextEdit> edits =
        server.formatting(new DocumentFormattingParams(doc, new FormattingOptions(2, true))).get();
    if (!edits.isEmpty()) {
      out.append("== formatting\n");
      for (TextEdit e : edits) {
        out.append(range(e.getRange())).append(" ->\n").append(e.getNewText());
      }
    }

    List<Either<org.eclipse.lsp4j.SymbolInformation, DocumentSymbol>> symbols =
        server.documentSymbol(new DocumentSymbolParams(doc)).get();
    if (!symbols.isEmpty()) {
      out.append("== symbols\n");
      symbols.forEach(s -> symbol(out, s.getRight(), ""));
    }

    if (caret.isPresent()) {
      Position at = caret.get();
      String where = (at.getLine() + 1) + ":" + (at.getCharacter() + 1);
      List<CompletionItem> items = server.completion(new CompletionParams(doc, at)).get().getLeft();
      out.append("== completion at ").append(where).append('\n');
      for (CompletionItem item : items) {
        out.append(item.getLabel())
            .append(" (")
            .append(item.getKind().name().toLowerCase())
            .append(")")
            .append(item.getDetail() == null ? "" : " " + item.getDetail())
            .append('\n');
      }
      Hover hover = server.hover(new HoverParams(doc, at)).get();
      if (hover != null) {
        out.append("== hover at ")
            .append(where)
            .append(": ")
            .append(range(hover.getRange()))
            .append('\n')
            .append(hover.getContents().getRight().getValue())
            .append('\n');
      }
      List<? extends Location> definition =
          server.definition(new DefinitionParams(doc, at)).get().getLeft();
      if (!definition.isEmpty()) {
        out.append("== definition at ").append(where).append('\n');
        definition.forEach(l -> out.append(range(l.getRange())).append('\n'));
      }
      List<? extends Location> references =
          server.references(new ReferenceParams(doc, at, new ReferenceContext(true))).get();
      if (!references.isEmpty()) {
        out.append("== references at ").append(where).append('\n');
        references.forEach(l -> out.append(range(l.getRange())).append('\n'));
      }
    }
    assertTrue(client.logs.isEmpty(), "the server logged a bug: " + client.logs);
    server.shutdown().get();
    return out.toString();
  }

  private static void symbol(StringBuilder out, DocumentSymbol s, String indent) {
    out.append(indent)
        .append(s.getDetail())
        .append(' ')
        .append(s.getName())
        .append(' ')
        .append(range(s.getRange()))
        .append(" name ")
        .append(range(s.getSelectionRange()))
        .append('\n');
    List<DocumentSymbol> children = s.getChildren() == null ? List.of() : s.getChildren();
    new ArrayList<>(children).forEach(c -> symbol(out, c, indent + "  "));
  }

  /** 1-based, as editors show positions: {@code 3:5-3:11}. */
  static String range(Range r) {
    return (r.getStart().getLine() + 1)
        + ":"
        + (r.getStart().getCharacter() + 1)
        + "-"
        + (r.getEnd().getLine() + 1)
        + ":"
        + (r.getEnd().getCharacter() + 1);
  }
}
