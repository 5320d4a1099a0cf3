package io.fgd.compiler.diag;

import io.fgd.compiler.source.SourceFile;
import io.fgd.compiler.source.Span;
import java.util.List;

/**
 * Renders diagnostics for people, like HCL with Pkl's underline:
 *
 * <pre>
 * Error: Unknown attribute
 *
 *   on specs/web.fgd:7:3:
 *      7 |   memroy 512
 *        |   ^^^^^^
 *   "memroy" is not an attribute of a service. Did you mean "memory"?
 * </pre>
 */
public final class DiagnosticRenderer {
  private static final String RED = "\u001b[1;31m";
  private static final String YELLOW = "\u001b[1;33m";
  private static final String BOLD = "\u001b[1m";
  private static final String RESET = "\u001b[0m";

  private final boolean color;

  public DiagnosticRenderer(boolean color) {
    this.color = color;
  }

  public String render(List<Diagnostic> diagnostics, SourceFile source) {
    StringBuilder out = new StringBuilder();
    for (Diagnostic d : diagnostics) {
      out.append(render(d, source)).append('\n');
    }
    return out.toString();
  }

  public String render(Diagnostic d, SourceFile source) {
    StringBuilder out = new StringBuilder();
    String label = d.severity().label() + ":";
    if (color) {
      out.append(d.isError() ? RED : YELLOW)
          .append(label)
          .append(RESET)
          .append(' ')
          .append(BOLD)
          .append(visible(d.summary()))
          .append(RESET);
    } else {
      out.append(label).append(' ').append(visible(d.summary()));
    }
    out.append("\n\n");
    Span span = d.subject();
    out.append("  on ").append(span.location()).append(":\n");
    if (span.startLine() <= source.lineCount()) {
      excerpt(out, source, span);
    }
    d.context()
        .filter(c -> c.startLine() != span.startLine() && c.startLine() <= source.lineCount())
        .ifPresent(
            c -> {
              out.append("  related, at ").append(c.location()).append(":\n");
              excerpt(out, source, c);
            });
    out.append("  ").append(visible(d.detail())).append('\n');
    return out.toString();
  }

  private void excerpt(StringBuilder out, SourceFile source, Span span) {
    String raw = Credentials.mask(source.line(span.startLine()));
    String number = String.valueOf(span.startLine());
    String gutter = " ".repeat(Math.max(0, 4 - number.length()));
    String shown = expandTabs(raw);
    out.append(gutter).append(number).append(" | ").append(shown).append('\n');
    int startCol = displayColumn(raw, span.startColumn());
    int endCol =
        span.endLine() == span.startLine()
            ? displayColumn(raw, span.endColumn())
            : Math.max(shown.codePointCount(0, shown.length()) + 1, startCol + 1);
    int width = Math.max(1, endCol - startCol);
    out.append(" ".repeat(4)).append(" | ").append(" ".repeat(startCol - 1));
    if (color) {
      out.append(RED);
    }
    out.append("^".repeat(width));
    if (color) {
      out.append(RESET);
    }
    out.append('\n');
  }

  /**
   * The line as shown: tabs as four spaces, and control characters (a stray carriage return, an
   * escape sequence hidden in a spec) as U+FFFD, so a spec can never move the cursor or recolour
   * the user's terminal.
   */
  private static String expandTabs(String line) {
    StringBuilder shown = new StringBuilder(line.length());
    line.codePoints()
        .forEach(
            c -> {
              if (c == '\t') {
                shown.append("    ");
              } else if (Character.isISOControl(c)) {
                shown.append('\uFFFD');
              } else {
                shown.appendCodePoint(c);
              }
            });
    return shown.toString();
  }

  /**
   * Text quoted from a spec, with control characters shown as U+FFFD and anything that looks like a
   * credential masked (see {@link Credentials}): in the source lines of every snippet, the
   * subject's and the related one's, and in the message itself.
   */
  private static String visible(String text) {
    return expandTabs(Credentials.mask(text));
  }

  /** The 1-based screen column of a code-point column once tabs are four spaces wide. */
  private static int displayColumn(String raw, int column) {
    int shown = 1;
    int index = 0;
    int codePoints = 0;
    while (codePoints < column - 1 && index < raw.length()) {
      int c = raw.codePointAt(index);
      shown += c == '\t' ? 4 : 1;
      index += Character.charCount(c);
      codePoints++;
    }
    return shown + Math.max(0, column - 1 - codePoints);
  }
}
