package io.fgd.compiler;

import io.fgd.compiler.diag.Diagnostic;
import io.fgd.compiler.diag.Diagnostics;
import io.fgd.compiler.ir.Spec;
import io.fgd.compiler.source.SourceFile;
import io.fgd.compiler.source.Span;
import java.util.List;

/**
 * Sizes beyond which a spec is refused with a clear error rather than parsed: far above any real
 * deployment, low enough that a runaway generator or a wrong file cannot make fgd slow or short of
 * memory.
 */
public final class Limits {
  /** A spec of a thousand realistic services is about 1 MiB. */
  public static final int MAX_SPEC_CHARS = 4 * 1024 * 1024;

  /** Longer than any ARN, command or value ECS takes in one field. */
  public static final int MAX_LINE_CHARS = 64 * 1024;

  /** ECS's default quota of services per cluster. */
  public static final int MAX_SERVICES = 5000;

  private Limits() {}

  /** Checks the text before parsing: its size and the length of its lines. */
  public static List<Diagnostic> checkText(SourceFile source) {
    Diagnostics diagnostics = new Diagnostics();
    if (source.text().length() > MAX_SPEC_CHARS) {
      diagnostics.error(
          "limit.specTooLarge",
          Span.point(source.name(), 1, 1),
          source.text().length(),
          MAX_SPEC_CHARS);
      return diagnostics.sorted();
    }
    for (int line = 1; line <= source.lineCount(); line++) {
      int length = source.line(line).length();
      if (length > MAX_LINE_CHARS) {
        diagnostics.error(
            "limit.lineTooLong", Span.point(source.name(), line, 1), length, MAX_LINE_CHARS);
      }
    }
    return diagnostics.sorted();
  }

  /** Checks the parsed spec: the number of services. */
  public static List<Diagnostic> checkSpec(Spec spec) {
    Diagnostics diagnostics = new Diagnostics();
    if (spec.services().size() > MAX_SERVICES) {
      diagnostics.error(
          "limit.tooManyServices",
          spec.services().get(MAX_SERVICES).name().span(),
          spec.services().size(),
          MAX_SERVICES);
    }
    return diagnostics.sorted();
  }
}
