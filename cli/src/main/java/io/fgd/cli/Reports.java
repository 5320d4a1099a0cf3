package io.fgd.cli;

import io.fgd.compiler.diag.Diagnostic;
import io.fgd.compiler.diag.DiagnosticRenderer;
import io.fgd.compiler.source.SourceFile;
import java.util.List;

/** Shared wording of command output. */
final class Reports {
  private Reports() {}

  /** Diagnostics go to stderr, followed by a count when there are errors. */
  static void diagnostics(
      Terminal terminal, boolean color, List<Diagnostic> diagnostics, SourceFile source) {
    if (diagnostics.isEmpty()) {
      return;
    }
    terminal.err().print(new DiagnosticRenderer(color).render(diagnostics, source));
    long errors = diagnostics.stream().filter(Diagnostic::isError).count();
    if (errors > 0) {
      terminal
          .err()
          .println(
              count(errors, "error") + warningSuffix(diagnostics) + " in " + source.name() + ".");
    }
    terminal.err().flush();
  }

  static String warningSuffix(List<Diagnostic> diagnostics) {
    long warnings = diagnostics.stream().filter(d -> !d.isError()).count();
    return warnings == 0 ? "" : " (" + count(warnings, "warning") + ")";
  }

  static String count(long n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }
}
