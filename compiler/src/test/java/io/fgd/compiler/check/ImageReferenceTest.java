package io.fgd.compiler.check;

import static io.fgd.compiler.check.Snippets.withServices;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fgd.compiler.Compiler;
import io.fgd.compiler.SpecOptions;
import io.fgd.compiler.diag.Diagnostic;
import io.fgd.compiler.source.SourceFile;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Issue 12, item 7: an image reference is held to ECS's rule (its characters, 255 before any
 * digest, a sha256 digest) on its final text, after variables are substituted, and the error
 * underlines the reference.
 */
class ImageReferenceTest {
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      nullValues = "none",
      value = {
        "1.27.3                       | none",
        "1.27 beta                    | image.invalid",
        "1.27!                        | image.invalid",
        "é                            | image.invalid",
        "1.27@sha256:0123             | image.digest",
        "LONG                         | image.tooLong",
        "ALMOST                       | none",
      })
  void theReferenceIsCheckedAfterSubstitution(String tag, String code) {
    String value =
        switch (tag) {
          case "LONG" -> "1".repeat(256 - "nginx:".length());
          case "ALMOST" -> "1".repeat(255 - "nginx:".length());
          default -> tag;
        };
    String text =
        "var tag\n" + withServices("service web {\n  image \"nginx:${tag}\"\n  health none\n}\n");
    Compiler.Validation v =
        Compiler.validate(
            new SourceFile("test.fgd", text),
            new SpecOptions(Optional.empty(), Map.of("tag", value), Map.of()));
    List<Diagnostic> errors = v.diagnostics().stream().filter(Diagnostic::isError).toList();
    assertEquals(
        code == null ? List.of() : List.of(code), errors.stream().map(Diagnostic::code).toList());
    if (code != null) {
      assertEquals("\"nginx:${tag}\"", Snippets.underlined(text, errors.get(0).subject()));
    }
  }
}
