package io.fgd.compiler.diag;

import io.fgd.compiler.source.Span;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** Collects diagnostics as a pass finds them; passes never throw for a user's mistake. */
public final class Diagnostics {
  private final List<Diagnostic> list = new ArrayList<>();

  public void error(String key, Span subject, Object... args) {
    add(Severity.ERROR, key, subject, Optional.empty(), args);
  }

  public void errorWithContext(String key, Span subject, Span context, Object... args) {
    add(Severity.ERROR, key, subject, Optional.of(context), args);
  }

  public void warning(String key, Span subject, Object... args) {
    add(Severity.WARNING, key, subject, Optional.empty(), args);
  }

  public void add(
      Severity severity, String key, Span subject, Optional<Span> context, Object... args) {
    list.add(
        new Diagnostic(
            severity, key, Messages.summary(key), Messages.detail(key, args), subject, context));
  }

  public void add(Diagnostic diagnostic) {
    list.add(diagnostic);
  }

  public void addAll(List<Diagnostic> diagnostics) {
    list.addAll(diagnostics);
  }

  public boolean hasErrors() {
    return list.stream().anyMatch(Diagnostic::isError);
  }

  /** In source order (then errors before warnings), so output reads top to bottom. */
  public List<Diagnostic> sorted() {
    return list.stream().sorted(ORDER).distinct().toList();
  }

  public static final Comparator<Diagnostic> ORDER =
      Comparator.comparing((Diagnostic d) -> d.subject().file())
          .thenComparingInt(d -> d.subject().startLine())
          .thenComparingInt(d -> d.subject().startColumn())
          .thenComparing(Diagnostic::severity)
          .thenComparing(Diagnostic::code);
}
