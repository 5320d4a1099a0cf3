package io.fgd.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fgd.compiler.Compiler;
import io.fgd.compiler.SpecOptions;
import io.fgd.compiler.diag.Diagnostic;
import io.fgd.compiler.parse.Cursor;
import io.fgd.compiler.parse.Cursor.Block;
import io.fgd.compiler.source.SourceFile;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The few value lists completion keeps itself are checked against the compiler, so a completion
 * never offers what the compiler would reject.
 */
class CompilerAgreementTest {
  static final String APP =
      """
      app shop {
        region         us-west-1
        account        123456789012
        cluster        shop-prod
        execution_role "arn:aws:iam::123456789012:role/ecsTaskExecutionRole"
        network {
          subnets         subnet-0a1b2c3d
          security_groups sg-0123456789abcdef0
        }
      }
      """;

  /** One written example of each service statement. */
  static final Map<String, String> EXAMPLES =
      Map.ofEntries(
          Map.entry("image", "image \"nginx:1.27.3\""),
          Map.entry("build", "build rust { package server }"),
          Map.entry("port", "port 80"),
          Map.entry("env", "env A = \"b\""),
          Map.entry("secret", "secret A from ssm \"/a\""),
          Map.entry("cpu", "cpu 512"),
          Map.entry("memory", "memory 1024"),
          Map.entry("health", "health none"),
          Map.entry("command", "command [\"a\"]"),
          Map.entry("entrypoint", "entrypoint [\"a\"]"),
          Map.entry("replicas", "replicas 2"),
          Map.entry("scale", "scale 1..2 on cpu 50%"),
          Map.entry("deploy", "deploy { min_healthy 50% }"),
          Map.entry("logs", "logs off"),
          Map.entry("tags", "tags { a = \"b\" }"),
          Map.entry("sidecar", "sidecar x { image \"busybox:1.37.0\" }"),
          Map.entry("depends_on", "depends_on api"),
          Map.entry("architecture", "architecture arm64"),
          Map.entry("ephemeral_storage", "ephemeral_storage 30 GiB"),
          Map.entry("exec", "exec on"),
          Map.entry("stop_timeout", "stop_timeout 60s"),
          Map.entry("read_only", "read_only on"),
          Map.entry("init", "init on"),
          Map.entry("ulimit", "ulimit nofile 1024"),
          Map.entry("starts_after", "starts_after x"),
          Map.entry("capacity", "capacity spot"),
          Map.entry("volume", "volume data"),
          Map.entry("mount", "mount data at \"/data\""),
          Map.entry("before_deploy", "before_deploy [\"./migrate\"]"),
          Map.entry("route", "route \"/v1/*\""));

  @Test
  void aStageChangesExactlyTheServiceStatementsCompletionOffersThere() {
    Map<String, Boolean> offered = new TreeMap<>();
    Map<String, Boolean> accepted = new TreeMap<>();
    for (String keyword : Cursor.statements(Block.SERVICE)) {
      String example = EXAMPLES.get(keyword);
      assertTrue(example != null, "no example of " + keyword + " in this test");
      String spec =
          APP
              + "service api {\n  image \"nginx:1.27.3\"\n  health none\n}\n"
              + "stage prod {\n  service api {\n    "
              + example
              + "\n  }\n}\n";
      List<Diagnostic> diagnostics =
          Compiler.validate(new SourceFile("t.fgd", spec), SpecOptions.stage("prod")).diagnostics();
      accepted.put(
          keyword, diagnostics.stream().noneMatch(d -> d.code().equals("stage.notOverridable")));
      offered.put(keyword, Completions.STAGE_SERVICE_STATEMENTS.contains(keyword));
    }
    assertEquals(accepted, offered);
  }

  @Test
  void everyUnitOfferedIsOneTheCompilerAccepts() {
    for (String unit : Completions.CPU_UNITS) {
      assertAccepted("cpu    1 " + unit + "\n  memory 2048");
    }
    for (String unit : Completions.MEMORY_UNITS) {
      String amount = unit.startsWith("G") ? "1 " : "1024 ";
      assertAccepted("cpu    512\n  memory " + amount + unit);
    }
    for (String metric : Completions.METRICS) {
      assertAccepted("scale  1..2 on " + metric + " 50%");
    }
    for (String toggle : Cursor.toggles()) {
      assertAccepted("deploy {\n    rollback " + toggle + "\n  }");
    }
  }

  @Test
  void everyRegionOfferedHasTheFormTheCompilerAccepts() {
    for (String region : Completions.REGIONS) {
      String spec = APP.replace("us-west-1", region);
      List<Diagnostic> diagnostics = Compiler.validate(new SourceFile("t.fgd", spec)).diagnostics();
      assertTrue(diagnostics.stream().noneMatch(d -> d.code().equals("app.region")), region);
    }
  }

  private static void assertAccepted(String statements) {
    String spec =
        APP + "service api {\n  image  \"nginx:1.27.3\"\n  health none\n  " + statements + "\n}\n";
    List<Diagnostic> errors =
        Compiler.validate(new SourceFile("t.fgd", spec)).diagnostics().stream()
            .filter(Diagnostic::isError)
            .toList();
    assertEquals(List.of(), errors, statements);
  }
}
