package io.fgd.compiler.emit.ecs;

import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import io.fgd.compiler.Artifact;
import io.fgd.compiler.CompileOptions;
import io.fgd.compiler.Compiler;
import io.fgd.compiler.diag.DiagnosticRenderer;
import io.fgd.compiler.emit.Json;
import io.fgd.compiler.source.SourceFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Compiles spec text the way the CLI does and hands back the ECS files. */
final class EcsTesting {
  private EcsTesting() {}

  static final Path SPECS =
      Path.of(System.getProperty("fgd.specs.dir", "../specs")).toAbsolutePath().normalize();

  static final CompileOptions OPTIONS = new CompileOptions(Optional.of("golden"));

  /** An app block every test spec can start from: valid, in us-west-2. */
  static final String APP =
      """
      app shop {
        region  us-west-2
        account 111122223333
        cluster shop-prod
        execution_role "arn:aws:iam::111122223333:role/shop-execution"
        network {
          subnets         subnet-0123456789abcdef0, subnet-0fedcba9876543210
          security_groups sg-0aaaabbbbccccdddd
        }
      }
      """;

  /** Every file (ECS and Docker) a spec compiles to, by path; fails the test on errors. */
  static Map<String, String> compile(String text) {
    return compile(text, io.fgd.compiler.SpecOptions.none());
  }

  static Map<String, String> compile(String text, io.fgd.compiler.SpecOptions specOptions) {
    SourceFile source = new SourceFile("test.fgd", text);
    Compiler.Compilation result = Compiler.compile(source, specOptions, OPTIONS);
    assertFalse(
        result.hasErrors(),
        () ->
            "spec does not compile:\n"
                + new DiagnosticRenderer(false).render(result.diagnostics(), source));
    Map<String, String> files = new TreeMap<>();
    for (Artifact artifact : result.artifacts()) {
      files.put(artifact.path(), artifact.text());
    }
    return files;
  }

  static Map<String, String> compileExample(String name) {
    try {
      Path spec = SPECS.resolve("examples").resolve(name);
      return compile(Files.readString(spec), io.fgd.compiler.OptionsFiles.of(spec));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static JsonNode json(String text) {
    try {
      return Json.mapper().readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
