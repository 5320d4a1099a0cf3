package io.fgd.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fgd.compiler.Artifact;
import io.fgd.compiler.Compiler;
import io.fgd.compiler.source.SourceFile;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The benchmark code on tiny inputs, once each, so a broken benchmark fails the build; the
 * benchmarks themselves only run from bench/run, never during mvn verify.
 */
class BenchSmokeTest {
  private static final String BLACKHOLE_OK =
      "Today's password is swordfish. I understand instantiating Blackholes directly is dangerous.";

  @Test
  void generatedSpecsCompileWithoutDiagnostics() {
    for (int n : List.of(1, 7)) {
      Compiler.Compilation c =
          Compiler.compile(
              new SourceFile("fleet.fgd", SpecGenerator.spec(n)), CompileBenchmark.OPTIONS);
      assertEquals(List.of(), c.diagnostics(), "spec of " + n);
      // every service: taskdef, service, scaling and logs JSON; built ones (every fifth) two Docker
      // files and the ECR repository fgd owns for them (ecr.json)
      long json =
          c.artifacts().stream().map(Artifact::path).filter(p -> p.endsWith(".json")).count();
      assertEquals(4L * n + n / 5, json);
      long dockerfiles =
          c.artifacts().stream().filter(a -> a.path().endsWith("/Dockerfile")).count();
      assertEquals(n / 5, dockerfiles);
    }
  }

  @Test
  void everyCompileBenchmarkRunsOnOneService() throws Exception {
    CompileBenchmark b = new CompileBenchmark();
    b.services = 1;
    b.setUp();
    assertEquals(4, b.documents.size());
    assertFalse(b.parse().hasErrors());
    assertFalse(b.validate().hasErrors());
    assertEquals(4, b.compile().artifacts().size());
    Blackhole bh = new Blackhole(BLACKHOLE_OK);
    b.schemaValidate(bh);
    b.jacksonFloor(bh);
  }

  @Test
  void theDeployBenchmarkSpecCompilesWithItsImageTagAVariable() {
    Compiler.Compilation c =
        Compiler.compile(
            new SourceFile(
                "app.fgd",
                DeployBench.spec(List.of("subnet-0a1b2c3d"), List.of("sg-0123456789abcdef0"))),
            CompileBenchmark.OPTIONS);
    assertEquals(List.of(), c.diagnostics());
    String taskdef =
        c.artifacts().stream()
            .filter(a -> a.path().equals("web/taskdef.json"))
            .findFirst()
            .orElseThrow()
            .text();
    assertTrue(taskdef.contains("\"public.ecr.aws/nginx/nginx:v0\""), taskdef);
  }

  @Test
  void statsTakeMedianAndPercentiles() {
    Stats s = Stats.of(List.of(5.0, 1.0, 3.0, 2.0, 4.0));
    assertEquals(3.0, s.median());
    assertEquals(1.0, s.min());
    assertEquals(5.0, s.max());
    assertEquals(1.4, s.p10(), 1e-9);
    assertEquals(2.5, Stats.of(List.of(2.0, 3.0)).median());
  }

  @Test
  void operationsAreNamedAfterTheirService() {
    assertEquals(
        "ecs:DescribeServices",
        CountingProxy.operation("AmazonEC2ContainerServiceV20141113.DescribeServices"));
    assertEquals(
        "logs:DescribeLogGroups", CountingProxy.operation("Logs_20140328.DescribeLogGroups"));
    assertEquals(
        "application-autoscaling:DescribeScalingPolicies",
        CountingProxy.operation("AnyScaleFrontendService.DescribeScalingPolicies"));
    assertTrue(CountingProxy.operation(null).equals("other"));
  }
}
