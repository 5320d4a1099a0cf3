package io.fgd.compiler.diag;

import static java.util.Objects.requireNonNull;

import io.fgd.compiler.source.Span;
import java.util.Optional;

/**
 * One problem found in a spec (HCL's Diagnostic). {@code code} is the stable message key in {@code
 * messages.properties}, so tests and tools can match on it while wording evolves.
 *
 * @param subject the text the problem is about; underlined when rendered
 * @param context an optional wider or related range, such as the first of two duplicate entries
 */
public record Diagnostic(
    Severity severity,
    String code,
    String summary,
    String detail,
    Span subject,
    Optional<Span> context) {
  public Diagnostic {
    requireNonNull(severity, "severity is null");
    requireNonNull(code, "code is null");
    requireNonNull(summary, "summary is null");
    requireNonNull(detail, "detail is null");
    requireNonNull(subject, "subject is null");
    requireNonNull(context, "context is null");
  }

  public boolean isError() {
    return severity == Severity.ERROR;
  }
}
