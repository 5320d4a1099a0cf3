package io.fgd.compiler.diag;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fgd.compiler.Compiler;
import io.fgd.compiler.source.SourceFile;
import org.junit.jupiter.api.Test;

/**
 * A value fgd treats as a credential is masked in every snippet of every diagnostic, the related
 * one included, and in the message (issue 12, item 14).
 */
class MaskingTest {
  static final String TOKEN = "ghp_" + "a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8";

  static final String APP =
      """
      app shop {
        region  us-west-1
        account 123456789012
        cluster shop
        execution_role "arn:aws:iam::123456789012:role/exec"
        network {
          subnets         subnet-0a1b2c3d
          security_groups sg-0123456789abcdef0
        }
      }
      """;

  static String render(String text) {
    SourceFile source = new SourceFile("test.fgd", text);
    return new DiagnosticRenderer(false).render(Compiler.validate(source).diagnostics(), source);
  }

  @Test
  void aDuplicateCredentialIsMaskedInTheSubjectAndTheRelatedSnippet() {
    String out =
        render(
            APP
                + "service web {\n  image \"nginx:1.27\"\n  health none\n"
                + "  env GH = \""
                + TOKEN
                + "\"\n  env GH = \""
                + TOKEN
                + "\"\n}\n");
    assertTrue(out.contains("Duplicate variable"), out);
    assertTrue(out.contains("related"), out);
    assertFalse(out.contains(TOKEN), out);
    assertFalse(out.contains("a1B2c3D4"), out);
  }

  @Test
  void aSecretNamedVariableIsMaskedInTheRelatedSnippetOfAnotherDiagnostic() {
    String out =
        render(
            APP
                + "service web {\n  image \"nginx:1.27\"\n  health none\n"
                + "  env DB_PASSWORD = \"hunter2\"\n"
                + "  secret DB_PASSWORD from ssm \"/shop/db\"\n}\n");
    assertTrue(out.contains("both env and secret"), out);
    assertFalse(out.contains("hunter2"), out);
  }

  @Test
  void aCredentialInAValueTheMessageQuotesIsMasked() {
    String out =
        render(
            APP
                + "service web {\n  image \"nginx:1.27\"\n  health none\n"
                + "  secret GH from \""
                + TOKEN
                + "\"\n}\n");
    assertTrue(out.contains("Invalid secret reference"), out);
    assertFalse(out.contains("a1B2c3D4"), out);
  }
}
