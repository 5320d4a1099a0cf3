package io.fgd.runtime.kinds.targetgroup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.fgd.compiler.CompileOptions;
import io.fgd.compiler.Compiler;
import io.fgd.compiler.source.SourceFile;
import io.fgd.runtime.engine.DesiredState;
import io.fgd.runtime.engine.Kind;
import io.fgd.runtime.engine.KindRead;
import io.fgd.runtime.engine.Kinds;
import io.fgd.runtime.engine.Planner;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What routes add to a plan's requests at 1, 10 and 50 routed services (bench/RESULTS.md, round 6),
 * and that they add no round trip in sequence: the reads of every kind still go two waves deep.
 */
class RoutedPlanRequestsTest {
  static DesiredState fleet(int n) throws Exception {
    StringBuilder spec =
        new StringBuilder(
            """
            app fleet {
              region         us-east-1
              account        123456789012
              cluster        fleet
              network {
                subnets         subnet-0a1b2c3d, subnet-4e5f6a7b
                security_groups sg-0123456789abcdef0
              }
              load_balancer {
                listener "arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/app/fleet/50dc6c495c0c9188/f2f7dc8efc522ab2"
              }
            }
            """);
    for (int i = 0; i < n; i++) {
      spec.append("service s")
          .append(i)
          .append(" {\n  image \"nginx:1.27.3\"\n  port 80\n  health none\n  logs off\n")
          .append("  route \"/s")
          .append(i)
          .append("/*\" health \"/health\"\n}\n");
    }
    var compiled =
        Compiler.compile(new SourceFile("fleet.fgd", spec.toString()), CompileOptions.defaults());
    assertFalse(compiled.hasErrors(), compiled.diagnostics().toString());
    return DesiredState.fromArtifacts("fleet", compiled.artifacts());
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 10, 50})
  void routesAddTheirReadsBesideTheOthers(int n) throws Exception {
    DesiredState desired = fleet(n);
    TargetGroupKindTest.Account account = new TargetGroupKindTest.Account(desired);
    Planner.plan(desired, account);
    Map<String, Integer> counts = new TreeMap<>();
    account.calls.forEach((k, v) -> counts.put(k, v.get()));
    int tagRequests = 2 * ((n + 19) / 20); // target groups' and rules', 20 ARNs a request
    assertEquals(
        Map.of(
            "DescribeSubnets", 1,
            "DescribeTargetGroups", 1,
            "DescribeRules", 1,
            "DescribeTargetGroupAttributes", n,
            "DescribeTags", tagRequests),
        counts);
  }

  /** The longest chain of reads, each waiting for those in its {@code after}. */
  @Test
  void theReadsStillGoTwoWavesDeep() {
    Map<String, KindRead> byKey = new HashMap<>();
    for (Kind k : Kinds.ALL) {
      k.reads().forEach(r -> byKey.put(r.key(), r));
    }
    int deepest = 0;
    for (String key : byKey.keySet()) {
      deepest = Math.max(deepest, depth(key, byKey));
    }
    assertEquals(2, deepest);
  }

  private static int depth(String key, Map<String, KindRead> byKey) {
    int d = 0;
    for (String after : byKey.get(key).after()) {
      d = Math.max(d, depth(after, byKey));
    }
    return d + 1;
  }
}
