package io.fgd.compiler.emit.docker;

import static org.junit.jupiter.api.Assertions.assertFalse;

import io.fgd.compiler.Artifact;
import io.fgd.compiler.CompileOptions;
import io.fgd.compiler.Compiler;
import io.fgd.compiler.diag.DiagnosticRenderer;
import io.fgd.compiler.source.SourceFile;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Compiles small specs for the Docker tests: one app block plus the services given. */
final class DockerSpecs {
  private DockerSpecs() {}

  static final String APP =
      """
      app shop {
        region         eu-west-1
        account        123456789012
        cluster        shop
        execution_role "arn:aws:iam::123456789012:role/ecsTaskExecutionRole"
        network {
          subnets         subnet-0a1b2c3d
          security_groups sg-0123456789abcdef0
        }
      }
      """;

  static final String FILE = "specs/shop.fgd";

  static SourceFile source(String services) {
    return new SourceFile(FILE, APP + services);
  }

  static Compiler.Compilation compile(String services) {
    return Compiler.compile(source(services), new CompileOptions(Optional.of("test")));
  }

  /** Every file compiled from a valid spec, by path; fails the test on any error. */
  static Map<String, String> files(String services) {
    Compiler.Compilation result = compile(services);
    assertFalse(
        result.hasErrors(),
        () ->
            "spec does not compile:\n"
                + new DiagnosticRenderer(false).render(result.diagnostics(), source(services)));
    Map<String, String> files = new LinkedHashMap<>();
    for (Artifact artifact : result.artifacts()) {
      files.put(artifact.path(), artifact.text());
    }
    return files;
  }

  static String dockerfile(String services, String service) {
    String text = files(services).get(service + "/Dockerfile");
    if (text == null) {
      throw new AssertionError("no Dockerfile for " + service + " in " + files(services).keySet());
    }
    return text;
  }
}
