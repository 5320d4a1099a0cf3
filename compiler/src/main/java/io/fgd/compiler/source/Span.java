package io.fgd.compiler.source;

import static java.util.Objects.requireNonNull;

/**
 * A range of text in a spec file: where a construct starts and where it ends. Lines and columns are
 * 1-based; {@code endColumn} is the column just after the last character, so a one-character token
 * at column 3 is {@code 3..4}. Columns count Unicode code points, as editors do. A range, not a
 * point, so diagnostics can underline all of it.
 */
public record Span(String file, int startLine, int startColumn, int endLine, int endColumn) {
  public Span {
    requireNonNull(file, "file is null");
    if (startLine < 1
        || startColumn < 1
        || endLine < startLine
        || (endLine == startLine && endColumn < startColumn)) {
      throw new IllegalArgumentException(
          "bad span " + startLine + ":" + startColumn + "-" + endLine + ":" + endColumn);
    }
  }

  /** A zero-width span at a point, for things that are missing (such as an expected token). */
  public static Span point(String file, int line, int column) {
    return new Span(file, line, column, line, column);
  }

  /** The smallest span covering both. */
  public Span to(Span other) {
    boolean thisStartsFirst =
        startLine < other.startLine
            || (startLine == other.startLine && startColumn <= other.startColumn);
    boolean thisEndsLast =
        endLine > other.endLine || (endLine == other.endLine && endColumn >= other.endColumn);
    return new Span(
        file,
        thisStartsFirst ? startLine : other.startLine,
        thisStartsFirst ? startColumn : other.startColumn,
        thisEndsLast ? endLine : other.endLine,
        thisEndsLast ? endColumn : other.endColumn);
  }

  /** {@code file:line:column}, the form editors and CI annotations understand. */
  public String location() {
    return file + ":" + startLine + ":" + startColumn;
  }

  @Override
  public String toString() {
    return location();
  }
}
