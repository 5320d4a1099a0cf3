package io.fgd.compiler.parse;

import io.fgd.compiler.diag.Diagnostic;
import io.fgd.compiler.source.SourceFile;
import io.fgd.grammar.FgdLexer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.Token;

/**
 * {@code fgd fmt}: the one canonical layout of a spec, computed from its tokens so that no token is
 * added, dropped or changed, and comments stay where they were written.
 *
 * <ul>
 *   <li>two spaces of indentation per open brace; one statement per line ({@code { cpu 256 }}
 *       becomes three lines);
 *   <li>in a run of one-line statements of the same block, the values start in one column, one
 *       space after the longest keyword; a blank line, a comment line or a block ends the run;
 *   <li>single spaces elsewhere, none inside brackets, before commas or around {@code ..};
 *   <li>at most one blank line between statements, none after {@code {} or before {@code }}, and
 *       always one around top-level blocks (a comment right above a block stays attached to it);
 *   <li>a statement continued on the next line (after a comma, or inside {@code [...]}) keeps its
 *       line breaks, indented one more level (two inside brackets);
 *   <li>comments keep their line and their text (trailing spaces removed), trailing comments stay
 *       trailing, one space after the code; LF line endings and a final newline.
 * </ul>
 */
public final class Formatter {
  private Formatter() {}

  /** The formatted text, or the syntax errors that stop a file from being formatted. */
  public record Result(Optional<String> text, List<Diagnostic> diagnostics) {
    public Result {
      diagnostics = List.copyOf(diagnostics);
    }
  }

  public static Result format(SourceFile source) {
    List<Diagnostic> errors = Parsing.syntaxErrors(source);
    if (!errors.isEmpty()) {
      return new Result(Optional.empty(), errors);
    }
    return new Result(Optional.of(layout(source.text())), List.of());
  }

  private enum Kind {
    STATEMENT,
    OPEN,
    CLOSE,
    COMMENT,
    BLANK
  }

  /** One output line: its tokens' texts, its nesting and any comment at its end. */
  private static final class Line {
    final Kind kind;
    final int depth;
    final int extraIndent;
    final List<Token> tokens = new ArrayList<>();
    String comment;

    Line(Kind kind, int depth, int extraIndent) {
      this.kind = kind;
      this.depth = depth;
      this.extraIndent = extraIndent;
    }

    /** The second or later line of a statement that spans lines. */
    boolean continuation() {
      return kind == Kind.STATEMENT && (extraIndent > 0 || startsWith(FgdLexer.RBRACKET));
    }

    boolean startsWith(int type) {
      return !tokens.isEmpty() && tokens.get(0).getType() == type;
    }
  }

  static String layout(String text) {
    FgdLexer lexer = new FgdLexer(CharStreams.fromString(text));
    lexer.removeErrorListeners();
    return render(topLevelSpacing(lines(lexer.getAllTokens())));
  }

  // ------------------------------------------------------------------ tokens to lines

  private static List<Line> lines(List<? extends Token> tokens) {
    List<Line> lines = new ArrayList<>();
    Line current = null;
    int depth = 0;
    int brackets = 0;
    int newlines = 0;
    int lastType = FgdLexer.NEWLINE;
    for (Token token : tokens) {
      int type = token.getType();
      if (type == FgdLexer.WS) {
        continue;
      }
      if (type == FgdLexer.NEWLINE) {
        current = null;
        newlines += breaks(token.getText());
        continue;
      }
      if (type == FgdLexer.COMMENT) {
        String comment = token.getText().stripTrailing();
        if (current != null) {
          current.comment = comment;
          current = null;
        } else {
          boolean continued = brackets > 0 || lastType == FgdLexer.COMMA;
          blankLine(lines, newlines, continued);
          Line line = new Line(Kind.COMMENT, depth, continued ? (brackets > 0 ? 2 : 4) : 0);
          line.comment = comment;
          lines.add(line);
        }
        newlines = 0;
        continue;
      }
      if (type == FgdLexer.RBRACE) {
        depth--;
        current = new Line(Kind.CLOSE, depth, 0);
        current.tokens.add(token);
        lines.add(current);
      } else {
        if (current != null && (current.kind == Kind.OPEN || current.kind == Kind.CLOSE)) {
          current = null;
        }
        if (current == null) {
          boolean continued = brackets > 0 || lastType == FgdLexer.COMMA;
          blankLine(lines, newlines, continued);
          int extra = !continued || type == FgdLexer.RBRACKET ? 0 : brackets > 0 ? 2 : 4;
          current = new Line(Kind.STATEMENT, depth, extra);
          lines.add(current);
        }
        current.tokens.add(token);
        if (type == FgdLexer.LBRACE) {
          lines.set(lines.size() - 1, reopen(current));
          current = lines.get(lines.size() - 1);
          depth++;
        } else if (type == FgdLexer.LBRACKET) {
          brackets++;
        } else if (type == FgdLexer.RBRACKET) {
          brackets--;
        }
      }
      lastType = type;
      newlines = 0;
    }
    return lines;
  }

  /** The statement line that ends in {@code {}, as a block opener. */
  private static Line reopen(Line line) {
    Line open = new Line(Kind.OPEN, line.depth, line.extraIndent);
    open.tokens.addAll(line.tokens);
    open.comment = line.comment;
    return open;
  }

  /** Keeps one blank line where the author left one or more, except right after a brace. */
  private static void blankLine(List<Line> lines, int newlines, boolean continued) {
    if (newlines >= 2 && !continued && !lines.isEmpty()) {
      Line previous = lines.get(lines.size() - 1);
      if (previous.kind != Kind.OPEN && previous.kind != Kind.BLANK) {
        lines.add(new Line(Kind.BLANK, previous.depth, 0));
      }
    }
  }

  private static int breaks(String newline) {
    int n = 0;
    for (int i = 0; i < newline.length(); i++) {
      char c = newline.charAt(i);
      if (c == '\n'
          || (c == '\r' && (i + 1 == newline.length() || newline.charAt(i + 1) != '\n'))) {
        n++;
      }
    }
    return n;
  }

  // ------------------------------------------------------------------ blank lines and alignment

  /** Blank lines before '}' go; top-level blocks get one blank line before and after. */
  private static List<Line> topLevelSpacing(List<Line> lines) {
    List<Line> out = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      Line line = lines.get(i);
      if (line.kind == Kind.BLANK && i + 1 < lines.size() && lines.get(i + 1).kind == Kind.CLOSE) {
        continue;
      }
      Line previous = out.isEmpty() ? null : out.get(out.size() - 1);
      boolean afterBlock = previous != null && previous.kind == Kind.CLOSE && previous.depth == 0;
      boolean beforeBlock =
          line.kind == Kind.OPEN
              && line.depth == 0
              && previous != null
              && !(previous.kind == Kind.COMMENT && previous.depth == 0);
      if ((afterBlock || beforeBlock) && line.kind != Kind.BLANK && previous.kind != Kind.BLANK) {
        out.add(new Line(Kind.BLANK, 0, 0));
      }
      out.add(line);
    }
    // A block's leading comment follows the same rule as the block: a blank line above it.
    List<Line> result = new ArrayList<>();
    for (int i = 0; i < out.size(); i++) {
      Line line = out.get(i);
      if (line.kind == Kind.COMMENT
          && line.depth == 0
          && !result.isEmpty()
          && result.get(result.size() - 1).kind == Kind.STATEMENT
          && leadsBlock(out, i)) {
        result.add(new Line(Kind.BLANK, 0, 0));
      }
      result.add(line);
    }
    return result;
  }

  /** Whether the comment at {@code i} is the first of the comment lines right above a block. */
  private static boolean leadsBlock(List<Line> lines, int i) {
    int j = i;
    while (j < lines.size() && lines.get(j).kind == Kind.COMMENT && lines.get(j).depth == 0) {
      j++;
    }
    return j < lines.size() && lines.get(j).kind == Kind.OPEN;
  }

  private static String render(List<Line> lines) {
    int[] columns = new int[lines.size()];
    int i = 0;
    while (i < lines.size()) {
      if (!isAligned(lines.get(i))) {
        i++;
        continue;
      }
      int depth = lines.get(i).depth;
      int width = 0;
      int end = i;
      while (end < lines.size()) {
        Line line = lines.get(end);
        if (isAligned(line) && line.depth == depth) {
          width = Math.max(width, line.tokens.get(0).getText().length());
        } else if (!line.continuation()) {
          break;
        }
        end++;
      }
      for (int k = i; k < end; k++) {
        if (isAligned(lines.get(k))) {
          columns[k] = width + 1;
        }
      }
      i = end;
    }
    StringBuilder out = new StringBuilder();
    for (int k = 0; k < lines.size(); k++) {
      Line line = lines.get(k);
      if (line.kind == Kind.BLANK) {
        out.append('\n');
        continue;
      }
      out.append("  ".repeat(Math.max(0, line.depth))).append(" ".repeat(line.extraIndent));
      StringBuilder code = new StringBuilder();
      for (int t = 0; t < line.tokens.size(); t++) {
        Token token = line.tokens.get(t);
        if (t == 1 && columns[k] > 0) {
          code.append(" ".repeat(columns[k] - line.tokens.get(0).getText().length()));
        } else if (t > 0 && spaced(line.tokens.get(t - 1), token)) {
          code.append(' ');
        }
        code.append(token.getText());
      }
      out.append(code);
      if (line.comment != null) {
        out.append(code.length() > 0 ? " " : "").append(line.comment);
      }
      out.append('\n');
    }
    return out.toString();
  }

  /** A one-line statement with a value: part of an aligned run. */
  private static boolean isAligned(Line line) {
    return line.kind == Kind.STATEMENT
        && line.extraIndent == 0
        && line.tokens.size() >= 2
        && !line.startsWith(FgdLexer.RBRACKET);
  }

  private static boolean spaced(Token previous, Token next) {
    int a = previous.getType();
    int b = next.getType();
    return a != FgdLexer.LBRACKET
        && b != FgdLexer.RBRACKET
        && b != FgdLexer.COMMA
        && a != FgdLexer.DOTDOT
        && b != FgdLexer.DOTDOT;
  }
}
