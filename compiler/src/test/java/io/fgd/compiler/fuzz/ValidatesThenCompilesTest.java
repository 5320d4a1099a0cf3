package io.fgd.compiler.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fgd.compiler.CompileOptions;
import io.fgd.compiler.Compiler;
import io.fgd.compiler.SpecOptions;
import io.fgd.compiler.diag.Diagnostic;
import io.fgd.compiler.diag.DiagnosticRenderer;
import io.fgd.compiler.source.SourceFile;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Issue 12, item 5: {@code validate} catches everything {@code compile} would refuse. Specs are
 * generated whole, with every value near the limits AWS sets (names that make derived names too
 * long, image references of odd characters and lengths, tiny sidecar memory, huge durations, ARNs
 * with one part wrong, every stage's overrides): a spec that validates must compile, with no error
 * and no schema failure ("a bug in fgd"), for the shortest image tag and for the longest.
 */
class ValidatesThenCompilesTest {
  static final String SHORTEST_TAG = "1";
  static final String LONGEST_TAG = "v" + "1".repeat(127);

  /** The property itself runs in {@link CompilerFuzzTest}, so that bin/fuzz campaigns run it. */
  static void aSpecThatValidatesCompiles(long seed) {
    assertValidatesThenCompiles(new Generator(new Random(seed)).spec());
  }

  /** Cases the generator found, kept so that every build runs them. */
  @Test
  void specsThatOnceValidatedButDidNotCompile() {
    String app =
        """
        app %s {
          region         us-west-1
          account        123456789012
          cluster        shop
          execution_role "arn:aws:iam::123456789012:role/exec"
          network {
            subnets         subnet-0a1b2c3d
            security_groups sg-0123456789abcdef0
          }
        }
        """;
    String service = "service %s {\n  image \"nginx:1.27\"\n  health none\n%s}\n";
    for (String text :
        List.of(
            // a family over 255 characters
            app.formatted("a".repeat(200)) + service.formatted("s".repeat(60), ""),
            // a scaling policy name over 256
            app.formatted("a".repeat(120))
                + service.formatted("s".repeat(130), "  scale 1..2 on memory 60%\n"),
            // a default log group over 512 is beyond the family limit, but a long image is not
            app.formatted("shop")
                + service.formatted("web", "").replace("nginx:1.27", "n".repeat(256)),
            app.formatted("shop")
                + service.formatted("web", "").replace("nginx:1.27", "nginx:1.27 "),
            // container memory under ECS's minimum
            app.formatted("shop")
                + service.formatted(
                    "web", "  sidecar s {\n    image \"envoy:1.31\"\n    memory 4\n  }\n"),
            // durations beyond what the JSON holds
            app.formatted("shop")
                + service.formatted("web", "  scale 1..2 on cpu 60% cooldown 9999999999s\n"),
            // a built image whose reference is too long with the tag
            app.formatted("a".repeat(120))
                    .replace(
                        "region ", "registry \"" + "r".repeat(120) + ".example.com\"\n  region ")
                + service
                    .formatted("web", "  build {\n    from \"node:22\"\n    cmd [\"node\"]\n  }\n")
                    .replace("  image \"nginx:1.27\"\n", ""))) {
      assertValidatesThenCompiles(text);
      assertTrue(
          Compiler.validate(new SourceFile("gen.fgd", text)).hasErrors(),
          () -> "validate lets through what compile would refuse:\n" + text);
    }
  }

  static void assertValidatesThenCompiles(String text) {
    SourceFile source = new SourceFile("gen.fgd", text);
    for (String stage : List.of("", "prod")) {
      SpecOptions options =
          stage.isEmpty() || !text.contains("stage prod")
              ? SpecOptions.none()
              : new SpecOptions(Optional.of(stage), Map.of(), Map.of());
      if (!stage.isEmpty() && !text.contains("stage prod")) {
        continue;
      }
      Compiler.Validation validation = Compiler.validate(source, options);
      if (validation.hasErrors()) {
        continue;
      }
      for (String tag : List.of(SHORTEST_TAG, LONGEST_TAG)) {
        Compiler.Compilation compilation =
            Compiler.compile(source, options, new CompileOptions(Optional.of(tag)));
        List<Diagnostic> errors =
            compilation.diagnostics().stream().filter(Diagnostic::isError).toList();
        if (tag.equals(SHORTEST_TAG)) {
          assertEquals(
              List.of(),
              errors.stream().map(Diagnostic::code).toList(),
              () ->
                  "validates but does not compile:\n"
                      + text
                      + "\n"
                      + new DiagnosticRenderer(false).render(errors, source));
          assertFalse(compilation.artifacts().isEmpty(), text);
        } else {
          // A longer tag may make a built image's reference too long: a located error, never a
          // bug.
          assertTrue(
              errors.stream().allMatch(d -> d.code().equals("image.builtTooLong")),
              () -> new DiagnosticRenderer(false).render(errors, source));
        }
      }
    }
  }

  /** Random specs, each value usually valid and sometimes at or beyond an AWS limit. */
  static final class Generator {
    final Random random;

    Generator(Random random) {
      this.random = random;
    }

    boolean chance(int percent) {
      return random.nextInt(100) < percent;
    }

    @SafeVarargs
    final <T> T oneOf(T... values) {
      return values[random.nextInt(values.length)];
    }

    String repeat(String alphabet, int length) {
      StringBuilder out = new StringBuilder(length);
      for (int i = 0; i < length; i++) {
        out.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      return out.toString();
    }

    /** A length that is short, or near one of the limits that matter (128, 255, 256, 512). */
    int length() {
      return switch (random.nextInt(6)) {
        case 0, 1, 2 -> 1 + random.nextInt(12);
        case 3 -> 100 + random.nextInt(40);
        case 4 -> 240 + random.nextInt(30);
        default -> 500 + random.nextInt(30);
      };
    }

    /** A name of {@code alphabet} that starts with a letter, of a length from {@link #length}. */
    String name(String alphabet) {
      return "a" + repeat(alphabet, length() - 1);
    }

    /** {@code normal} most of the time, else one of {@code edges}. */
    @SafeVarargs
    final <T> T usually(T normal, T... edges) {
      return chance(85) ? normal : oneOf(edges);
    }

    String region() {
      return oneOf("us-west-1", "us-east-1", "cn-north-1", "us-gov-west-1", "eusc-de-east-1");
    }

    String spec() {
      String region = region();
      String partition =
          region.startsWith("cn-")
              ? "aws-cn"
              : region.startsWith("us-gov-")
                  ? "aws-us-gov"
                  : region.startsWith("eusc") ? "aws-eusc" : "aws";
      StringBuilder out = new StringBuilder();
      String app = chance(80) ? "shop" : name("abc123");
      out.append("app ").append(app).append(" {\n");
      out.append("  region ").append(region).append('\n');
      out.append("  account 123456789012\n");
      out.append("  cluster ").append(usually("shop", name("ab_-9"))).append('\n');
      out.append("  execution_role \"").append(role(partition)).append("\"\n");
      if (chance(30)) {
        out.append("  task_role \"").append(role(partition)).append("\"\n");
      }
      if (chance(20)) {
        out.append("  registry \"").append(registry()).append("\"\n");
      }
      out.append(
          "  network {\n    subnets subnet-0a1b2c3d\n    security_groups sg-0123456789abcdef0\n  }\n");
      if (chance(20)) {
        out.append("  tags {\n    team = \"")
            .append(usually("web", name("abc ")))
            .append("\"\n  }\n");
      }
      out.append("}\n");
      int services = 1 + random.nextInt(2);
      for (int i = 0; i < services; i++) {
        out.append(service(i, region, partition));
      }
      if (chance(40)) {
        out.append("stage prod {\n  service s0 {\n");
        out.append(
            supplied(
                List.of(
                    () -> "    memory " + oneOf("1024", "3000", "512"),
                    () ->
                        "    scale " + random.nextInt(4) + ".." + random.nextInt(6) + " on cpu 60%",
                    () -> "    replicas " + random.nextInt(5),
                    () -> "    image \"" + image() + "\"")));
        out.append("  }\n}\n");
      }
      return out.toString();
    }

    String supplied(List<Supplier<String>> lines) {
      StringBuilder out = new StringBuilder();
      for (Supplier<String> line : lines) {
        if (chance(40)) {
          out.append(line.get()).append('\n');
        }
      }
      return out.toString();
    }

    String role(String partition) {
      return usually(
          "arn:" + partition + ":iam::123456789012:role/exec",
          "arn:" + partition + ":iam::123456789012:role/path/" + name("abc"),
          "arn:aws:iam::123456789012:role/exec",
          "exec");
    }

    /** An SSM parameter name of one to twenty levels, each short or long. */
    String ssmName() {
      StringBuilder out = new StringBuilder();
      int levels = usually(1 + random.nextInt(4), 15, 16, 20);
      for (int i = 0; i < levels; i++) {
        out.append('/').append(usually("db", name("ab_.-")));
      }
      return out.toString();
    }

    String registry() {
      return usually(
          "ghcr.io/acme", "registry.example.com:5000/" + name("abc"), name("ab.c-"), "a b");
    }

    String image() {
      return switch (random.nextInt(12)) {
        case 0, 6, 7, 8, 9 -> "nginx:1.27";
        case 1 -> name("abc/:.-_#") + ":1";
        case 2 -> "nginx@sha256:" + repeat("0123456789abcdef", 64);
        case 3 -> name("abc") + "@sha256:" + repeat("0123456789abcdef", oneOf(63, 64));
        case 4 -> "nginx:" + oneOf("1.27 ", "é", "1!", "");
        default -> "123456789012.dkr.ecr.us-west-1.amazonaws.com/" + name("abc/") + ":v1";
      };
    }

    String service(int index, String region, String partition) {
      StringBuilder out = new StringBuilder();
      String name = index == 0 ? "s0" : chance(70) ? "s" + index : name("abc-_");
      out.append("service ").append(name).append(" {\n");
      boolean built = chance(25);
      if (built) {
        out.append("  build {\n    from \"node:22\"\n    cmd [\"node\"]\n  }\n");
      } else {
        out.append("  image \"").append(image()).append("\"\n");
      }
      out.append(
          oneOf(
              "  health none\n",
              "  health \"curl -f localhost\"\n",
              "  health [\"CMD\", \"true\"] every " + usually("30s", "5s", "301s") + "\n",
              "  health [\"CMD-SHELL\", \"true\"]\n",
              "  health [\"/bin/check\"] grace " + usually("10s", "300s", "9999999999s") + "\n"));
      out.append(
          supplied(
              List.of(
                  () -> "  port " + oneOf(80, 8080, 65535),
                  () ->
                      "  port 81 target_group \"arn:"
                          + usually(partition, "aws")
                          + ":elasticloadbalancing:"
                          + usually(region, "us-west-2")
                          + ":123456789012:targetgroup/"
                          + usually("web", name("ab-"))
                          + "/0123456789abcdef\"",
                  () -> "  cpu " + usually("256", "512", "1024", "300"),
                  () -> "  memory " + usually("512", "1024", "2048", "6"),
                  () -> "  replicas " + oneOf(0, 1, 2, 3, 7),
                  () ->
                      "  scale "
                          + random.nextInt(4)
                          + ".."
                          + (1 + random.nextInt(8))
                          + " on "
                          + oneOf("cpu 60%", "memory 70%", "cpu 60%, memory 75%")
                          + usually("", " cooldown 60s", " cooldown 9999999999s"),
                  () ->
                      "  deploy {\n    min_healthy "
                          + oneOf(0, 50, 67, 100)
                          + "%\n    max_percent "
                          + oneOf(100, 125, 150, 200, 400)
                          + "%\n    health_grace "
                          + usually("30s", "9999999999s")
                          + "\n  }",
                  () ->
                      "  secret A from \"arn:"
                          + usually(partition, "aws")
                          + ":secretsmanager:"
                          + region
                          + ":123456789012:secret:"
                          + usually("db-AbCdEf", name("ab/_+=.@-"))
                          + "\""
                          + oneOf(
                              "",
                              " key \"password\"",
                              " version_stage \"AWSPREVIOUS\"",
                              " key \"k\" version_id \"01234567-89ab-cdef-0123-456789abcdef\""),
                  () -> "  secret B from ssm \"" + ssmName() + "\"",
                  () -> "  env E = \"" + name("abc ") + "\"",
                  () ->
                      chance(30)
                          ? "  logs off"
                          : "  logs {\n    group \""
                              + usually("/ecs/x", "/" + name("ab/._-#"))
                              + "\"\n    stream_prefix \""
                              + usually("web", name("ab"))
                              + "\"\n  }",
                  () ->
                      "  sidecar "
                          + oneOf("side", name("ab_-"))
                          + " {\n    image \""
                          + image()
                          + "\"\n    memory "
                          + usually(64, 0, 5, 6)
                          + "\n    cpu "
                          + oneOf(0, 64)
                          + "\n  }",
                  () -> "  tags {\n    owner = \"" + usually("web", name("ab")) + "\"\n  }",
                  () -> "  command [\"run\"]")));
      out.append("}\n");
      return out.toString();
    }
  }
}
