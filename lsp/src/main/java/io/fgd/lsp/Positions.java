package io.fgd.lsp;

import io.fgd.compiler.source.SourceFile;
import io.fgd.compiler.source.Span;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;

/**
 * Spans (1-based lines, 1-based columns in code points) to LSP ranges (0-based lines, 0-based
 * UTF-16 offsets) and back: the one place the two counts meet.
 */
final class Positions {
  private Positions() {}

  static Range range(SourceFile source, Span span) {
    return new Range(
        position(source, span.startLine(), span.startColumn()),
        position(source, span.endLine(), span.endColumn()));
  }

  static Position position(SourceFile source, int line, int column) {
    String text = source.line(line);
    int codePoints = text.codePointCount(0, text.length());
    int wanted = Math.max(0, column - 1);
    int utf16 =
        wanted <= codePoints
            ? text.offsetByCodePoints(0, wanted)
            : text.length() + (wanted - codePoints);
    return new Position(Math.max(0, line - 1), utf16);
  }

  /** The 1-based column in code points of an LSP position on its line. */
  static int column(SourceFile source, Position position) {
    String text = source.line(position.getLine() + 1);
    int utf16 = Math.max(0, position.getCharacter());
    int within = Math.min(utf16, text.length());
    if (within > 0 && within < text.length() && Character.isLowSurrogate(text.charAt(within))) {
      within--; // inside a surrogate pair: the start of its character
    }
    return text.codePointCount(0, within) + (utf16 - Math.min(utf16, text.length())) + 1;
  }

  static int line(Position position) {
    return Math.max(0, position.getLine()) + 1;
  }

  /** Whether a span contains a position given as 1-based line and code-point column. */
  static boolean contains(Span span, int line, int column) {
    boolean afterStart =
        line > span.startLine() || (line == span.startLine() && column >= span.startColumn());
    boolean beforeEnd =
        line < span.endLine() || (line == span.endLine() && column <= span.endColumn());
    return afterStart && beforeEnd;
  }

  /** The range of a whole document, for an edit that replaces all of it. */
  static Range whole(SourceFile source) {
    int last = source.lineCount();
    return new Range(new Position(0, 0), new Position(last - 1, source.line(last).length()));
  }

  /**
   * An incremental change applied to a document's text: the range (UTF-16 positions, lines ended by
   * '\n' as the compiler counts them) replaced by {@code replacement}. Positions past the end of a
   * line or of the text are clamped to it, as the protocol asks.
   */
  static String apply(String text, Range range, String replacement) {
    int start = offset(text, range.getStart());
    int end = Math.max(start, offset(text, range.getEnd()));
    return text.substring(0, start) + replacement + text.substring(end);
  }

  /** The index in {@code text} of an LSP position. */
  static int offset(String text, Position position) {
    int lineStart = 0;
    for (int line = 0; line < position.getLine(); line++) {
      int newline = text.indexOf('\n', lineStart);
      if (newline < 0) {
        return text.length();
      }
      lineStart = newline + 1;
    }
    int lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd < 0) {
      lineEnd = text.length();
    }
    return lineStart + Math.min(Math.max(0, position.getCharacter()), lineEnd - lineStart);
  }
}
