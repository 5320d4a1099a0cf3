package io.fgd.compiler.check;

import io.fgd.compiler.Compiler;
import io.fgd.compiler.diag.Diagnostic;
import io.fgd.compiler.source.SourceFile;
import io.fgd.compiler.source.Span;
import java.util.List;
import java.util.stream.Collectors;

/** Builds a minimal valid spec around a snippet, and reads back what a diagnostic underlines. */
final class Snippets {
  private Snippets() {}

  static final String APP_SETTINGS =
      """
        region  us-west-1
        account 123456789012
        cluster shop
        execution_role "arn:aws:iam::123456789012:role/exec"
        network {
          subnets         subnet-0a1b2c3d
          security_groups sg-0123456789abcdef0
        }
      """;

  /** A valid app and a valid service {@code web}, with {@code service} added to the service. */
  static String inService(String service) {
    return "app shop {\n"
        + APP_SETTINGS
        + "}\n\nservice web {\n  image \"nginx:1.27\"\n"
        + "  health \"curl -f http://localhost/ || exit 1\"\n"
        + indent(service)
        + "}\n";
  }

  /** {@code app} as the whole app block body, and a valid service. */
  static String withApp(String app) {
    return "app shop {\n"
        + indent(app)
        + "}\n\nservice web {\n  image \"nginx:1.27\"\n"
        + "  health none\n  logs off\n}\n";
  }

  /** The valid app with {@code more} added to it, and {@code services} after it. */
  static String withServices(String services) {
    return "app shop {\n" + APP_SETTINGS + "}\n\n" + services;
  }

  static String indent(String text) {
    return text.lines().map(l -> "  " + l + "\n").collect(Collectors.joining());
  }

  static Compiler.Validation validate(String text) {
    return Compiler.validate(new SourceFile("test.fgd", text));
  }

  static List<Diagnostic> diagnostics(String text) {
    return validate(text).diagnostics();
  }

  /** The source text a diagnostic underlines (its first line, for a span over several). */
  static String underlined(String text, Span span) {
    SourceFile source = new SourceFile("test.fgd", text);
    String line = source.line(span.startLine());
    int end = span.endLine() == span.startLine() ? span.endColumn() - 1 : line.length();
    return line.substring(span.startColumn() - 1, Math.min(end, line.length()));
  }

  static String describe(String text, List<Diagnostic> diagnostics) {
    return diagnostics.stream()
        .map(
            d ->
                d.severity()
                    + " "
                    + d.code()
                    + " ["
                    + underlined(text, d.subject())
                    + "] "
                    + d.detail())
        .collect(Collectors.joining("\n"));
  }
}
