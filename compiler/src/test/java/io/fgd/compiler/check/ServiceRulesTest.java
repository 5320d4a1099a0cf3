package io.fgd.compiler.check;

import static io.fgd.compiler.check.Snippets.describe;
import static io.fgd.compiler.check.Snippets.diagnostics;
import static io.fgd.compiler.check.Snippets.inService;
import static io.fgd.compiler.check.Snippets.underlined;
import static io.fgd.compiler.check.Snippets.withServices;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fgd.compiler.diag.Diagnostic;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One rule per row: a snippet added to a valid service, the one diagnostic it must produce, and the
 * exact source text that diagnostic underlines.
 */
class ServiceRulesTest {
  static Stream<Arguments> serviceSnippets() {
    return Stream.of(
        // sizes
        row("cpu 300", "size.cpu", "300"),
        row("cpu 1", "size.cpu", "1"),
        row("cpu 512\nmemory 512", "size.pair", "512"),
        row("cpu 1024", "size.pair", "1024"),
        row("memory 4096", "size.pair", "4096"),
        row(
            "cpu 256\nmemory 512\nsidecar proxy {\n  image \"envoy:1.31\"\n  cpu 512\n}",
            "size.sidecarCpu",
            "512"),
        row(
            "memory 512\nsidecar proxy {\n  image \"envoy:1.31\"\n  memory 512\n}",
            "size.sidecarMemory",
            "512"),
        // names, images, containers
        row(
            "build {\n  from \"node:22\"\n  cmd [\"node\"]\n}",
            "service.imageAndBuild",
            "\"nginx:1.27\""),
        row("sidecar proxy {\n  memory 128\n}", "sidecar.noImage", "proxy"),
        row("sidecar web {\n  image \"envoy:1.31\"\n}", "sidecar.duplicate", "web"),
        row("sidecar a.b {\n  image \"envoy:1.31\"\n}", "sidecar.name", "a.b"),
        // ports
        row("port 0", "port.range", "0"),
        row("port 70000", "port.range", "70000"),
        row(
            "port 80\nsidecar proxy {\n  image \"envoy:1.31\"\n  port 80\n}",
            "port.duplicate",
            "80"),
        row("port 53/udp\nport 53", null, null),
        row(
            "port 80 target_group \"arn:aws:elasticloadbalancing:us-west-1:123456789012:tg/web\"",
            "arn.resource",
            "\"arn:aws:elasticloadbalancing:us-west-1:123456789012:tg/web\""),
        row(
            "port 80 target_group \"arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/web/0123456789abcdef\"",
            "port.targetGroupRegion",
            "\"arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/web/0123456789abcdef\""),
        row(
            "port 53/udp target_group \"arn:aws:elasticloadbalancing:us-west-1:123456789012:targetgroup/dns/0123456789abcdef\"",
            "port.targetGroupUdp",
            "53/udp"),
        // env and secrets
        row("env MY-VAR = \"x\"", "env.name", "MY-VAR"),
        row("env MODE = \"a\"\nenv MODE = \"b\"", "env.duplicate", "MODE"),
        row("env DB = \"a\"\nsecret DB from ssm \"/shop/db\"", "secret.alsoEnv", "DB"),
        row(
            "secret DB from ssm \"/shop/db\"\nsecret DB from ssm \"/shop/db2\"",
            "secret.duplicate",
            "DB"),
        row(
            "secret DB from \"arn:aws:secretsmanager:us-west-1:123456789012:secret:db-AbCdEf\"",
            null,
            null),
        row(
            "secret DB from \"arn:aws:secretsmanager:us-west-1:1234:secret:db\"",
            "arn.accountLength",
            "\"arn:aws:secretsmanager:us-west-1:1234:secret:db\""),
        row(
            "secret DB from \"arn:aws:ssm:us-west-1:123456789012:db\"",
            "arn.resource",
            "\"arn:aws:ssm:us-west-1:123456789012:db\""),
        row("secret DB from \"db-password\"", "secret.reference", "\"db-password\""),
        row("secret DB from ssm \"/shop db\"", "secret.ssmName", "\"/shop db\""),
        row(
            "secret DB from ssm \"arn:aws:ssm:us-west-1:123456789012:parameter/db\"",
            "secret.ssmArn",
            "\"arn:aws:ssm:us-west-1:123456789012:parameter/db\""),
        row(
            "secret DB from ssm \"/shop/db\" key \"password\"",
            "secret.keyWithoutSecretsManager",
            "\"password\""),
        row(
            "secret DB from \"arn:aws:secretsmanager:eu-west-1:123456789012:secret:db-AbCdEf\"",
            "secret.otherRegion",
            "\"arn:aws:secretsmanager:eu-west-1:123456789012:secret:db-AbCdEf\""),
        // issue 12, items 10, 11 and 13: ARNs part by part, partitions, SSM limits, versions
        row(
            "secret DB from \"arn:aws:secretsmanager:us-west-9:123456789012:secret:db-AbCdEf\"",
            "arn.regionUnknown",
            "\"arn:aws:secretsmanager:us-west-9:123456789012:secret:db-AbCdEf\""),
        row(
            "secret DB from \"arn:aws:secretsmanager:cn-north-1:123456789012:secret:db-AbCdEf\"",
            "arn.regionPartition",
            "\"arn:aws:secretsmanager:cn-north-1:123456789012:secret:db-AbCdEf\""),
        row(
            "secret DB from \"arn:aws-cn:secretsmanager:cn-north-1:123456789012:secret:db-AbCdEf\"",
            "arn.appPartition",
            "\"arn:aws-cn:secretsmanager:cn-north-1:123456789012:secret:db-AbCdEf\""),
        row(
            "secret DB from \"arn:aws:secretsmanager:us-west-1:123456789012:secret:db-AbCdEf:password:AWSPREVIOUS:\"",
            "secret.versionSuffix",
            "\"arn:aws:secretsmanager:us-west-1:123456789012:secret:db-AbCdEf:password:AWSPREVIOUS:\""),
        row(
            "secret DB from \"arn:aws:secretsmanager:us-west-1:123456789012:secret:db-AbCdEf\" key \"password\" version_stage \"AWSPREVIOUS\"",
            null,
            null),
        row(
            "secret DB from \"arn:aws:secretsmanager:us-west-1:123456789012:secret:db-AbCdEf\" version_id \"01234567-89ab-cdef-0123-456789abcdef\"",
            null,
            null),
        row(
            "secret DB from \"arn:aws:secretsmanager:us-west-1:123456789012:secret:db-AbCdEf\" version_id \"v1\"",
            "secret.versionId",
            "\"v1\""),
        row(
            "secret DB from \"arn:aws:secretsmanager:us-west-1:123456789012:secret:db-AbCdEf\" version_stage \"a:b\"",
            "secret.versionStage",
            "\"a:b\""),
        row(
            "secret DB from ssm \"/shop/db\" version_stage \"AWSPREVIOUS\"",
            "secret.keyWithoutSecretsManager",
            "\"AWSPREVIOUS\""),
        row(
            "secret DB from ssm \"/" + "a/".repeat(15) + "db\"",
            "secret.ssmTooDeep",
            "\"/" + "a/".repeat(15) + "db\""),
        row(
            "secret DB from ssm \"/shop/" + "x".repeat(1000) + "\"",
            "secret.ssmTooLong",
            "\"/shop/" + "x".repeat(1000) + "\""),
        row(
            "secret DB from \"arn:aws:ssm:us-west-1:123456789012:parameter/"
                + "a/".repeat(15)
                + "db\"",
            "secret.ssmTooDeep",
            "\"arn:aws:ssm:us-west-1:123456789012:parameter/" + "a/".repeat(15) + "db\""),
        row(
            "port 80 target_group \"arn:aws:elasticloadbalancing:us-west-1:123456789012:targetgroup/web/0123456789abcdef\"\n"
                + "port 81 target_group \"arn:aws:elasticloadbalancing:us-west-1:123456789012:targetgroup/web1/0123456789abcdef\"\n"
                + "port 82 target_group \"arn:aws:elasticloadbalancing:us-west-1:123456789012:targetgroup/web2/0123456789abcdef\"\n"
                + "port 83 target_group \"arn:aws:elasticloadbalancing:us-west-1:123456789012:targetgroup/web3/0123456789abcdef\"\n"
                + "port 84 target_group \"arn:aws:elasticloadbalancing:us-west-1:123456789012:targetgroup/web4/0123456789abcdef\"\n"
                + "port 85 target_group \"arn:aws:elasticloadbalancing:us-west-1:123456789012:targetgroup/web5/0123456789abcdef\"",
            "service.tooManyTargetGroups",
            "\"arn:aws:elasticloadbalancing:us-west-1:123456789012:targetgroup/web5/0123456789abcdef\""),
        // warnings about env
        row("env DB_PASSWORD = \"hunter2\"", "env.secretName", "DB_PASSWORD"),
        row("env DB_PASSWORD_FILE = \"/run/secrets/db\"", null, null),
        row("env KEY = \"AKIAIOSFODNN7EXAMPLE\"", "env.secretValue", "\"AKIAIOSFODNN7EXAMPLE\""),
        // health (the base service has a health check; these replace it in a sidecar)
        row(sidecarHealth("every 4s"), "health.range", "4s"),
        row(sidecarHealth("every 301s"), "health.range", "301s"),
        row(sidecarHealth("timeout 1s"), "health.range", "1s"),
        row(sidecarHealth("timeout 61s"), "health.range", "61s"),
        row(sidecarHealth("retries 0"), "health.retries", "0"),
        row(sidecarHealth("retries 11"), "health.retries", "11"),
        row(sidecarHealth("grace 301s"), "health.range", "301s"),
        row(sidecarHealth("every 5s timeout 2s retries 1 grace 0s"), null, null),
        row(sidecarHealth("every 300s timeout 60s retries 10 grace 300s"), null, null),
        row(sidecarHealth("every 1500ms"), "duration.wholeSeconds", "1500ms"),
        row(sidecarHealth("every 10s timeout 10s"), "health.timeoutNotBelowInterval", "10s"),
        // replicas and scaling
        row("replicas 5001", "replicas.quota", "5001"),
        row("scale 5..2 on cpu 60%", "scale.minAboveMax", "5"),
        row("scale 0..0 on cpu 60%", "scale.maxZero", "0"),
        row("scale 1..4 on cpus 60%", "scale.metric", "cpus"),
        row("scale 1..4 on cpu 60%, cpu 70%", "scale.metricDuplicate", "cpu"),
        row("scale 1..4 on cpu 0%", "scale.target", "0%"),
        row("scale 1..4 on memory 101%", "scale.target", "101%"),
        row("scale 1..4 on cpu 100% cooldown 1500ms", "duration.wholeSeconds", "1500ms"),
        row("replicas 5\nscale 1..4 on cpu 60%", "scale.replicasOutside", "5"),
        row("replicas 4\nscale 1..4 on cpu 60%, memory 70% cooldown 60s", null, null),
        // deployment
        row("deploy {\n  min_healthy 101%\n}", "deploy.minHealthy", "101%"),
        row("deploy {\n  max_percent 0%\n}", "deploy.maxPercent", "0%"),
        row("deploy {\n  max_percent 100%\n}", "deploy.noProgress", "100%"),
        row("deploy {\n  min_healthy 50%\n  max_percent 100%\n}", "deploy.noProgress", "100%"),
        // issue 12, item 8: ECS rounds min_healthy up and max_percent down, in tasks
        row("replicas 2\ndeploy {\n  min_healthy 50%\n  max_percent 100%\n}", null, null),
        row(
            "replicas 1\ndeploy {\n  min_healthy 50%\n  max_percent 150%\n}",
            "deploy.noProgress", "150%"),
        row("replicas 2\ndeploy {\n  min_healthy 50%\n  max_percent 150%\n}", null, null),
        row("replicas 3\ndeploy {\n  max_percent 120%\n}", "deploy.noProgress", "120%"),
        row("replicas 5\ndeploy {\n  max_percent 120%\n}", null, null),
        row("scale 4..12 on cpu 60%\ndeploy {\n  max_percent 125%\n}", null, null),
        row("replicas 0\ndeploy {\n  max_percent 100%\n}", null, null),
        row(
            "scale 1..4 on cpu 60%\ndeploy {\n  min_healthy 50%\n  max_percent 150%\n}",
            "deploy.noProgress", "150%"),
        row(
            "scale 2..4 on cpu 60%\ndeploy {\n  min_healthy 50%\n  max_percent 150%\n}",
            null, null),
        row("scale 2..12 on cpu 60%\ndeploy {\n  max_percent 125%\n}", "deploy.noProgress", "125%"),
        row(
            "deploy {\n  circuit_breaker off\n  rollback on\n}",
            "deploy.rollbackWithoutBreaker",
            "on"),
        row("deploy {\n  health_grace 30s\n}", "deploy.graceWithoutTargetGroup", "30s"),
        // logs
        row("logs {\n  group \"/ecs/shop web\"\n}", "logs.group", "\"/ecs/shop web\""),
        row("logs {\n  retention 10d\n}", "logs.retention", "10d"),
        row("logs {\n  retention 3653d\n  group /ecs/shop/web\n  stream_prefix web\n}", null, null),
        row("logs {\n  stream_prefix \"a:b\"\n}", "logs.streamPrefix", "\"a:b\""),
        // tags
        row("tags {\n  \"aws:owner\" = \"me\"\n}", "tag.reservedAws", "\"aws:owner\""),
        row("tags {\n  \"fgd:app\" = \"me\"\n}", "tag.reservedFgd", "\"fgd:app\""),
        row(
            "tags {\n  \"" + "k".repeat(129) + "\" = \"v\"\n}",
            "tag.key",
            "\"" + "k".repeat(129) + "\""),
        row(
            "tags {\n  team = \"" + "v".repeat(257) + "\"\n}",
            "tag.value",
            "\"" + "v".repeat(257) + "\""),
        row(tags(49), null, null),
        row(tags(50), "tag.tooMany", "t49"),
        // depends_on
        row("depends_on web", "dependsOn.self", "web"),
        row("depends_on wbe", "dependsOn.unknown", "wbe"),
        // images
        row("sidecar proxy {\n  image \"envoy\"\n}", "image.untagged", "\"envoy\""),
        row("sidecar proxy {\n  image \"envoy:latest\"\n}", "image.latest", "\"envoy:latest\""),
        row("sidecar proxy {\n  image \"envoy@sha256:" + "a".repeat(64) + "\"\n}", null, null),
        row(
            "sidecar proxy {\n  image \"localhost:5000/envoy\"\n}",
            "image.untagged",
            "\"localhost:5000/envoy\""));
  }

  private static String sidecarHealth(String options) {
    return "sidecar proxy {\n  image \"envoy:1.31\"\n  health [\"/bin/check\"] " + options + "\n}";
  }

  private static String tags(int n) {
    StringBuilder b = new StringBuilder("tags {\n");
    for (int i = 0; i < n; i++) {
      b.append("  t").append(i).append(" = \"v\"\n");
    }
    return b.append("}").toString();
  }

  private static Arguments row(String snippet, String code, String underlined) {
    return Arguments.of(snippet, code, underlined);
  }

  @ParameterizedTest(name = "{1}: {0}")
  @MethodSource("serviceSnippets")
  void snippetInAServiceGivesExactlyItsDiagnostic(String snippet, String code, String expected) {
    String text = inService(snippet);
    assertOne(text, code, expected);
  }

  static void assertOne(String text, String code, String expected) {
    List<Diagnostic> diagnostics = diagnostics(text);
    if (code == null) {
      assertEquals("", describe(text, diagnostics), "expected no diagnostics for\n" + text);
      return;
    }
    assertEquals(
        1,
        diagnostics.size(),
        () -> "expected only " + code + " for\n" + text + "\ngot:\n" + describe(text, diagnostics));
    Diagnostic d = diagnostics.get(0);
    assertEquals(code, d.code(), () -> describe(text, diagnostics));
    assertEquals(expected, underlined(text, d.subject()), () -> describe(text, diagnostics));
  }

  static Stream<Arguments> multiServiceSnippets() {
    String ok = "  image \"nginx:1.27\"\n  health none\n";
    return Stream.of(
        row("service web {\n" + ok + "}\nservice web {\n" + ok + "}\n", "service.duplicate", "web"),
        row("service web.1 {\n" + ok + "}\n", "service.name", "web.1"),
        row(
            "service Web {\n  build {\n    from \"node:22\"\n    cmd [\"node\"]\n  }\n  health none\n}\n",
            "service.nameForEcr",
            "Web"),
        row("service web {\n  health none\n}\n", "service.noImage", "web"),
        row(
            "service a {\n"
                + ok
                + "  depends_on b\n}\nservice b {\n"
                + ok
                + "  depends_on c\n}\n"
                + "service c {\n"
                + ok
                + "  depends_on a\n}\n",
            "dependsOn.cycle",
            "a"),
        row("service a {\n" + ok + "}\nservice b {\n" + ok + "  depends_on a\n}\n", null, null),
        row(
            "service " + "w".repeat(252) + " {\n" + ok + "}\n",
            "service.nameTooLong",
            "w".repeat(252)));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("multiServiceSnippets")
  void servicesGiveExactlyTheirDiagnostic(String services, String code, String expected) {
    // Services here have logs on by default, which the base app's execution role covers.
    String text = withServices(services);
    assertOne(text, code, expected);
  }

  @Test
  void noHealthCheckIsAWarningAtTheServiceName() {
    String text = withServices("service web {\n  image \"nginx:1.27\"\n}\n");
    assertOne(text, "health.missing", "web");
  }

  /**
   * Issue 12, item 13: a message about a name fgd derives names the derived name itself, never a
   * placeholder such as "<app>-<service>".
   */
  @Test
  void derivedNamesAreNamedNotPlaceholders() {
    String service = "s".repeat(251);
    String text =
        withServices("service " + service + " {\n  image \"nginx:1.27\"\n  health none\n}\n");
    List<Diagnostic> errors = diagnostics(text).stream().filter(Diagnostic::isError).toList();
    assertEquals(List.of("service.nameTooLong"), errors.stream().map(Diagnostic::code).toList());
    String detail = errors.get(0).detail();
    assertTrue(detail.contains("\"shop-" + service + "\""), detail);
    assertFalse(detail.contains("<"), detail);
  }

  @Test
  void tooManyContainers() {
    StringBuilder sidecars = new StringBuilder();
    for (int i = 1; i <= 10; i++) {
      sidecars.append("sidecar s").append(i).append(" {\n  image \"busybox:1.36\"\n}\n");
    }
    assertOne(inService(sidecars.toString()), "service.tooManyContainers", "s10");
  }

  @Test
  void aCredentialValueIsNeverEchoed() {
    String text = inService("env KEY = \"ghp_" + "x".repeat(36) + "\"");
    List<Diagnostic> diagnostics = diagnostics(text);
    assertEquals(1, diagnostics.size(), () -> describe(text, diagnostics));
    assertEquals(false, diagnostics.get(0).detail().contains("ghp_"));
    assertEquals(false, diagnostics.get(0).summary().contains("ghp_"));
  }

  @Test
  void theBaseSpecIsClean() {
    String text = inService("");
    assertEquals("", describe(text, diagnostics(text)));
  }
}
