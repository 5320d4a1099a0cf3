package io.fgd.compiler.stage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fgd.compiler.Compiler;
import io.fgd.compiler.SpecOptions;
import io.fgd.compiler.diag.Diagnostic;
import io.fgd.compiler.ir.App;
import io.fgd.compiler.ir.EnvVar;
import io.fgd.compiler.ir.Service;
import io.fgd.compiler.ir.Spec;
import io.fgd.compiler.source.SourceFile;
import io.fgd.compiler.source.Span;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Variables and stages, through the compiler's one entry point: values, spans, diagnostics. */
class StagesTest {
  static final String SPEC =
      """
      var tag = "1.0"
      var level
      app shop {
        region         us-east-1
        account        123456789012
        cluster        shop
        execution_role "arn:aws:iam::123456789012:role/shop-execution"
        network {
          subnets         subnet-0a1b2c3d
          security_groups sg-0123456789abcdef0
        }
        tags {
          team = "web"
        }
      }
      service web {
        image  "nginx:${tag}"
        port   80
        cpu    256
        memory 512
        env    LEVEL = "${level}"
        env    KEEP = "\\${tag}"
        health none
      }
      stage prod {
        cluster shop-prod
        network {
          subnets         subnet-0f0f0f0f
          security_groups sg-0f0f0f0f0f0f0f0f0
        }
        tags {
          env = "prod"
        }
        service web {
          memory 1024
          env    LEVEL = "warn-${tag}"
          replicas 3
        }
      }
      """;

  static Compiler.Validation validate(String text, SpecOptions options) {
    return Compiler.validate(new SourceFile("t.fgd", text), options);
  }

  static Spec spec(SpecOptions options) {
    Compiler.Validation v = validate(SPEC, options);
    assertTrue(v.spec().isPresent(), () -> v.diagnostics().toString());
    return v.spec().get();
  }

  static SpecOptions prod(Map<String, String> vars, Map<String, String> env) {
    return new SpecOptions(Optional.of("prod"), vars, env);
  }

  @Test
  void theStageReplacesValuesAndKeepsTheirSpans() {
    Spec spec = spec(prod(Map.of("level", "debug"), Map.of()));
    App app = spec.app().orElseThrow();
    assertEquals("shop-prod", app.cluster().orElseThrow().value());
    assertEquals(new Span("t.fgd", 26, 11, 26, 20), app.cluster().orElseThrow().span());
    // Not overridden: the base's value and line.
    assertEquals(4, app.region().orElseThrow().span().startLine());
    // The network is replaced whole, and its values point into the stage.
    assertEquals(
        List.of("subnet-0f0f0f0f"),
        app.network().orElseThrow().subnets().stream().map(s -> s.value()).toList());
    assertEquals(29, app.network().orElseThrow().securityGroups().get(0).span().startLine());
    // Tags merge by key.
    assertEquals(
        List.of("team=web", "env=prod"),
        app.tags().stream().map(t -> t.key().value() + "=" + t.value().value()).toList());
    Service web = spec.service("web").orElseThrow();
    assertEquals(1024, web.container().memory().orElseThrow().value());
    assertEquals(35, web.container().memory().orElseThrow().span().startLine());
    assertEquals(256, web.container().cpu().orElseThrow().value());
    assertEquals(3, web.replicas().orElseThrow().value());
    // Env merges by name, the stage's value in the base's place.
    assertEquals(
        List.of("LEVEL=warn-1.0@36", "KEEP=${tag}@22"),
        web.container().env().stream().map(StagesTest::env).toList());
  }

  @Test
  void withoutAStageTheStagesAreListed() {
    Compiler.Validation v =
        validate(SPEC, new SpecOptions(Optional.empty(), Map.of("level", "x"), Map.of()));
    assertEquals(List.of("stage.required"), codes(v.diagnostics()));
    assertEquals(25, v.diagnostics().get(0).subject().startLine());
  }

  @Test
  void variablesComeFromTheCommandLineThenTheEnvironmentThenTheDefault() {
    Map<String, String> env = Map.of("FGD_VAR_tag", "from-env", "FGD_VAR_level", "env-level");
    Service web =
        spec(new SpecOptions(Optional.of("prod"), Map.of("tag", "from-cli"), env))
            .service("web")
            .orElseThrow();
    assertEquals("nginx:from-cli", web.container().image().orElseThrow().value());
    assertEquals("LEVEL=warn-from-cli@36", env(web.container().env().get(0)));
    Service fromEnv = spec(prod(Map.of(), env)).service("web").orElseThrow();
    assertEquals("nginx:from-env", fromEnv.container().image().orElseThrow().value());
    Service byDefault = spec(prod(Map.of("level", "x"), Map.of())).service("web").orElseThrow();
    assertEquals("nginx:1.0", byDefault.container().image().orElseThrow().value());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "unset variable | --stage prod | var.unset | 2:5",
        "unknown stage | --stage prdo --var level=x | stage.unknown | 25:7",
        "undeclared --var | --stage prod --var level=x --var tga=2 | var.undeclaredOption | 1:5",
      })
  void optionErrors(String name, String args, String code, String where) {
    String[] words = args.trim().split("\\s+");
    Optional<String> stage = Optional.empty();
    Map<String, String> vars = new java.util.TreeMap<>();
    for (int i = 0; i < words.length; i += 2) {
      if (words[i].equals("--stage")) {
        stage = Optional.of(words[i + 1]);
      } else {
        String[] pair = words[i + 1].split("=");
        vars.put(pair[0], pair[1]);
      }
    }
    Compiler.Validation v = validate(SPEC, new SpecOptions(stage, vars, Map.of()));
    assertEquals(List.of(code), codes(v.diagnostics()));
    Span span = v.diagnostics().get(0).subject();
    assertEquals(where, span.startLine() + ":" + span.startColumn());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "undefined reference, located inside the string | var a = \"1\"\\nservice s { image \"x:${a}-${b}\" }\\n | var.undefined | 2:27-2:31",
        "bad reference | var a = \"1\"\\nservice s { image \"x:${a}${a b}\" }\\n | var.badReference | 2:26-2:32",
        "duplicate variable | var a = \"1\"\\nvar a = \"2\"\\nservice s { image \"${a}\" }\\n | var.duplicate | 2:5-2:6",
        "reference in a default | var a = \"${b}\"\\nservice s { image \"${a}\" }\\n | var.defaultReference | 1:9-1:15",
        "unused variable | var a = \"1\"\\nservice s { image \"x\" }\\n | var.unused | 1:5-1:6",
        "duplicate stage | stage p {\\n}\\nstage p {\\n}\\n | stage.duplicate | 3:7-3:8",
        "service twice in a stage | service s {\\n}\\nstage p {\\n  service s {\\n  }\\n  service s {\\n  }\\n}\\n | stage.serviceDuplicate | 6:11-6:12",
      })
  void fileErrors(String name, String text, String code, String where) {
    String spec = "app a {\n  region us-east-1\n}\n" + text.replace("\\n", "\n");
    Compiler.Validation v = validate(spec, SpecOptions.none());
    Diagnostic d =
        v.diagnostics().stream()
            .filter(x -> x.code().equals(code))
            .findFirst()
            .orElseThrow(() -> new AssertionError(v.diagnostics().toString()));
    Span s = d.subject();
    assertEquals(
        where,
        (s.startLine() - 3)
            + ":"
            + s.startColumn()
            + "-"
            + (s.endLine() - 3)
            + ":"
            + s.endColumn());
  }

  /**
   * Issue 12, item 9: a wrong size or scaling range in a stage that --stage did not choose is still
   * an error, at the stage's line and naming the stage.
   */
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "memory 3000 | size.pair | memory 3000",
        "scale 5..2 on cpu 60% | scale.minAboveMax | scale 5..2 on cpu 60%",
        "cpu 300 | size.cpu | cpu 300",
        "image \"nginx:1.27 \" | image.invalid | image \"nginx:1.27 \"",
      })
  void everyStageIsCheckedNotOnlyTheChosenOne(String override, String code, String line) {
    String spec = SPEC + "stage staging {\n  service web {\n    " + override + "\n  }\n}\n";
    Compiler.Validation v =
        validate(spec, new SpecOptions(Optional.of("prod"), Map.of("level", "x"), Map.of()));
    List<Diagnostic> errors = v.diagnostics().stream().filter(Diagnostic::isError).toList();
    assertEquals(List.of(code), codes(errors));
    Diagnostic d = errors.get(0);
    assertTrue(d.detail().contains("In stage staging"), d.detail());
    String text = new SourceFile("t.fgd", spec).line(d.subject().startLine());
    assertTrue(text.contains(line), text);
  }

  static List<String> codes(List<Diagnostic> diagnostics) {
    return diagnostics.stream().map(Diagnostic::code).toList();
  }

  static String env(EnvVar e) {
    return e.name().value() + "=" + e.value().value() + "@" + e.span().startLine();
  }
}
