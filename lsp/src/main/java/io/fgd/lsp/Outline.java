package io.fgd.lsp;

import io.fgd.compiler.parse.Cursor;
import io.fgd.compiler.parse.Cursor.Kind;
import io.fgd.compiler.parse.Cursor.Word;
import io.fgd.compiler.source.SourceFile;
import io.fgd.compiler.source.Span;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The names a spec declares and where it uses them, from the compiler's tokens, so it answers for a
 * file that does not parse: services (declared by {@code service NAME}, used in {@code depends_on}
 * and by a stage's {@code service NAME}), variables (declared by {@code var NAME}, used as {@code
 * ${NAME}} in strings), and the blocks for the document's outline.
 */
final class Outline {
  /** A named block or declaration, for document symbols. */
  record Symbol(String kind, String name, Span selection, Span whole, List<Symbol> children) {}

  /** A use or declaration of a name. */
  record Name(String name, Span span, boolean declaration) {}

  private static final Pattern REFERENCE = Pattern.compile("\\\\?\\$\\{([A-Za-z0-9_]*)\\}?");

  final List<Symbol> symbols = new ArrayList<>();
  final Map<String, List<Name>> services = new LinkedHashMap<>();
  final Map<String, List<Name>> variables = new LinkedHashMap<>();
  final Map<String, String> variableDefaults = new LinkedHashMap<>();

  private Outline() {}

  private static final class Open {
    final List<Word> header;
    final Optional<Symbol> symbol;
    final List<Symbol> children = new ArrayList<>();

    Open(List<Word> header, Optional<Symbol> symbol) {
      this.header = header;
      this.symbol = symbol;
    }

    String first() {
      return header.isEmpty() ? "" : header.get(0).text();
    }
  }

  static Outline of(SourceFile source) {
    return of(Cursor.words(source));
  }

  static Outline of(List<Word> words) {
    Outline outline = new Outline();
    List<Open> stack = new ArrayList<>();
    stack.add(new Open(List.of(), Optional.empty()));
    List<Word> current = new ArrayList<>();
    for (Word w : words) {
      if (w.kind() == Kind.STRING || w.kind() == Kind.ERROR) {
        outline.references(w);
      }
      switch (w.kind()) {
        case COMMENT -> {}
        case NEWLINE -> {
          if (!current.isEmpty() && !endsWithComma(current)) {
            outline.statement(stack, current);
            current = new ArrayList<>();
          }
        }
        case PUNCTUATION -> {
          if (w.text().equals("{")) {
            stack.add(outline.open(stack, current, w));
            current = new ArrayList<>();
          } else if (w.text().equals("}")) {
            if (!current.isEmpty()) {
              outline.statement(stack, current);
              current = new ArrayList<>();
            }
            if (stack.size() > 1) {
              Open closed = stack.remove(stack.size() - 1);
              closed.symbol.ifPresent(
                  s ->
                      stack
                          .get(stack.size() - 1)
                          .children
                          .add(
                              new Symbol(
                                  s.kind(),
                                  s.name(),
                                  s.selection(),
                                  s.whole().to(w.span()),
                                  List.copyOf(closed.children))));
            }
          } else {
            current.add(w);
          }
        }
        default -> current.add(w);
      }
    }
    if (!current.isEmpty()) {
      outline.statement(stack, current);
    }
    // Blocks left open at the end of the file still show, up to where they were cut off.
    while (stack.size() > 1) {
      Open closed = stack.remove(stack.size() - 1);
      closed.symbol.ifPresent(
          s ->
              stack
                  .get(stack.size() - 1)
                  .children
                  .add(
                      new Symbol(
                          s.kind(),
                          s.name(),
                          s.selection(),
                          s.whole(),
                          List.copyOf(closed.children))));
    }
    outline.symbols.addAll(stack.get(0).children);
    return outline;
  }

  private Open open(List<Open> stack, List<Word> header, Word brace) {
    Open parent = stack.get(stack.size() - 1);
    String first = header.isEmpty() ? "" : header.get(0).text();
    Optional<Word> name =
        header.size() >= 2 && header.get(1).isName()
            ? Optional.of(header.get(1))
            : Optional.empty();
    Span whole = header.isEmpty() ? brace.span() : header.get(0).span().to(brace.span());
    String kind = null;
    if (stack.size() == 1) {
      kind =
          switch (first) {
            case "app" -> "app";
            case "service" -> "service";
            case "stage" -> "stage";
            default -> null;
          };
      if (kind != null && kind.equals("service") && name.isPresent()) {
        use(services, name.get(), true);
      }
    } else if (parent.first().equals("stage") && first.equals("service")) {
      kind = "service";
      name.ifPresent(n -> use(services, n, false));
    } else if (parent.first().equals("service") && first.equals("sidecar")) {
      kind = "sidecar";
    }
    if (kind == null || name.isEmpty()) {
      return new Open(List.copyOf(header), Optional.empty());
    }
    return new Open(
        List.copyOf(header),
        Optional.of(new Symbol(kind, name.get().text(), name.get().span(), whole, List.of())));
  }

  private void statement(List<Open> stack, List<Word> statement) {
    String first = statement.get(0).text();
    if (stack.size() == 1 && first.equals("var") && statement.size() >= 2) {
      Word name = statement.get(1);
      use(variables, name, true);
      if (statement.size() >= 4 && statement.get(3).kind() == Kind.STRING) {
        variableDefaults.put(name.text(), statement.get(3).text());
      }
      Span whole = statement.get(0).span().to(statement.get(statement.size() - 1).span());
      stack.get(0).children.add(new Symbol("var", name.text(), name.span(), whole, List.of()));
    } else if (first.equals("depends_on")
        && stack.get(stack.size() - 1).first().equals("service")) {
      for (Word w : statement.subList(1, statement.size())) {
        if (w.isName()) {
          use(services, w, false);
        }
      }
    }
  }

  private void references(Word string) {
    Matcher m = REFERENCE.matcher(string.text());
    while (m.find()) {
      if (m.group().startsWith("\\")) {
        continue;
      }
      String text = string.text();
      int startColumn = string.span().startColumn() + text.codePointCount(0, m.start());
      int endColumn = startColumn + text.codePointCount(m.start(), m.end());
      Span span =
          new Span(
              string.span().file(),
              string.span().startLine(),
              startColumn,
              string.span().startLine(),
              endColumn);
      variables
          .computeIfAbsent(m.group(1), k -> new ArrayList<>())
          .add(new Name(m.group(1), span, false));
    }
  }

  private static void use(Map<String, List<Name>> names, Word word, boolean declaration) {
    names
        .computeIfAbsent(word.text(), k -> new ArrayList<>())
        .add(new Name(word.text(), word.span(), declaration));
  }

  private static boolean endsWithComma(List<Word> statement) {
    Word last = statement.get(statement.size() - 1);
    return last.kind() == Kind.PUNCTUATION && last.text().equals(",");
  }

  /** The declared or used name at a position, service or variable. */
  Optional<Found> at(int line, int column) {
    for (var entry : services.entrySet()) {
      for (Name n : entry.getValue()) {
        if (Positions.contains(n.span(), line, column)) {
          return Optional.of(new Found(false, n));
        }
      }
    }
    for (var entry : variables.entrySet()) {
      for (Name n : entry.getValue()) {
        if (Positions.contains(n.span(), line, column)) {
          return Optional.of(new Found(true, n));
        }
      }
    }
    return Optional.empty();
  }

  record Found(boolean variable, Name name) {}

  List<Name> all(Found found) {
    return (found.variable() ? variables : services).getOrDefault(found.name().name(), List.of());
  }

  /** Service names declared outside stages, in order. */
  List<String> declaredServices() {
    return declared(services);
  }

  /** Variable names declared with {@code var}, in order. */
  List<String> declaredVariables() {
    return declared(variables);
  }

  private static List<String> declared(Map<String, List<Name>> names) {
    return names.entrySet().stream()
        .filter(e -> e.getValue().stream().anyMatch(Name::declaration))
        .map(Map.Entry::getKey)
        .toList();
  }
}
