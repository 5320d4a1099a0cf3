package io.fgd.runtime.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fgd.compiler.CompileOptions;
import io.fgd.compiler.Compiler;
import io.fgd.compiler.source.SourceFile;
import io.fgd.runtime.DaemonPools;
import io.fgd.runtime.kinds.FakeLiveState;
import io.fgd.runtime.kinds.cluster.ClusterReads;
import io.fgd.runtime.kinds.loggroup.LogGroupReads;
import io.fgd.runtime.kinds.scalabletarget.ScalableTargetReads;
import io.fgd.runtime.kinds.service.ServiceReads;
import io.fgd.runtime.kinds.taskdefinition.TaskDefinitionReads;
import io.fgd.runtime.state.ObservedLogGroup;
import io.fgd.runtime.state.ObservedScaling;
import io.fgd.runtime.state.ObservedService;
import io.fgd.runtime.state.ObservedState;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * How deep the plan's reads go, checked with a LiveState whose reads wait for one another: a read
 * that waits for another one that the Observer only starts after it would hang, and fails the test
 * after a timeout instead. So these pass only when the reads are really in flight together.
 */
class ObserverTest {
  static final int SERVICES = 25; // three DescribeServices batches: 10, 10 and 5
  static final long TIMEOUT_SECONDS = 20;

  final ExecutorService executor = DaemonPools.fixed("read", 8);

  @AfterEach
  void stop() {
    executor.shutdownNow();
  }

  static DesiredState desired() throws PlanInputException {
    StringBuilder spec =
        new StringBuilder(
            """
            app fleet {
              region         us-east-1
              account        123456789012
              cluster        fleet
              execution_role "arn:aws:iam::123456789012:role/ecsTaskExecutionRole"
              network {
                subnets         subnet-0a1b2c3d
                security_groups sg-0123456789abcdef0
              }
            }
            """);
    for (int i = 0; i < SERVICES; i++) {
      spec.append("service s")
          .append(i)
          .append(" {\n  image \"nginx:1.27.3\"\n  port 80\n  health none\n}\n");
    }
    Compiler.Compilation compiled =
        Compiler.compile(new SourceFile("fleet.fgd", spec.toString()), CompileOptions.defaults());
    assertFalse(compiled.hasErrors(), compiled.diagnostics().toString());
    return DesiredState.fromArtifacts("fleet", compiled.artifacts());
  }

  /** Every service live, s0 and s1 on one task definition, the others on one each. */
  static final class Waiting
      implements FakeLiveState,
          ClusterReads.Api,
          ServiceReads.Api,
          TaskDefinitionReads.Api,
          ScalableTargetReads.Api,
          LogGroupReads.Api {
    final CountDownLatch batchesInFlight;
    final CountDownLatch scalingStarted = new CountDownLatch(1);
    final List<List<String>> batches = new CopyOnWriteArrayList<>();
    final List<Collection<String>> scalingReads = new CopyOnWriteArrayList<>();
    final Map<String, AtomicInteger> taskDefinitionReads = new ConcurrentHashMap<>();
    final Map<String, ObservedService> orphans;

    Waiting(int batches, Map<String, ObservedService> orphans) {
      this.batchesInFlight = new CountDownLatch(batches);
      this.orphans = orphans;
    }

    static String arn(String service) {
      String family = service.equals("s1") ? "s0" : service;
      return "arn:aws:ecs:us-east-1:123456789012:task-definition/fleet-" + family + ":1";
    }

    static void await(CountDownLatch latch, String what) {
      try {
        if (!latch.await(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
          throw new IllegalStateException("timed out waiting for " + what);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }

    @Override
    public boolean readCluster(String cluster) {
      return true;
    }

    @Override
    public Map<String, ObservedService> readServices(String cluster, Collection<String> names) {
      batches.add(List.copyOf(names));
      // Answer only once every batch has been asked for, and once the scaling read has started:
      // both must already be in flight, not waiting for this answer.
      batchesInFlight.countDown();
      await(batchesInFlight, "every DescribeServices batch to be in flight");
      await(scalingStarted, "the scaling read to start beside the services");
      Map<String, ObservedService> out = new LinkedHashMap<>();
      for (String name : names) {
        out.put(
            name,
            new ObservedService(
                name,
                "arn:aws:ecs:us-east-1:123456789012:service/fleet/" + name,
                "ACTIVE",
                arn(name),
                Optional.of("ecs-svc/1"),
                JsonNodeFactory.instance.objectNode()));
      }
      return out;
    }

    @Override
    public ObjectNode readTaskDefinition(String arn) {
      taskDefinitionReads.computeIfAbsent(arn, a -> new AtomicInteger()).incrementAndGet();
      return JsonNodeFactory.instance.objectNode().put("taskDefinitionArn", arn);
    }

    @Override
    public Map<String, ObservedScaling> readScaling(String cluster, Collection<String> services) {
      scalingReads.add(List.copyOf(services));
      scalingStarted.countDown();
      return Map.of();
    }

    @Override
    public Map<String, ObservedLogGroup> readLogGroups(Collection<String> names) {
      return Map.of();
    }

    @Override
    public Map<String, ObservedService> listOwnedServices(
        String cluster, String app, Set<String> except) {
      return orphans;
    }

    @Override
    public List<String> listServiceNames(String cluster) {
      return List.of();
    }

    @Override
    public int apiCalls() {
      return 0;
    }
  }

  @Test
  void servicesBatchesAndScalingAreReadTogetherThenEachTaskDefinitionOnce() throws Exception {
    Waiting live = new Waiting(3, Map.of());
    DesiredState desired = desired();
    ObservedState observed = new Observer(live, executor).observe(desired);

    assertEquals(
        List.of(5, 10, 10), live.batches.stream().map(List::size).sorted().toList(), "batches");
    assertEquals(desired.services().keySet(), ServiceReads.services(observed).keySet());
    // s0 and s1 share a revision: 24 distinct task definitions, each read once.
    assertEquals(SERVICES - 1, live.taskDefinitionReads.size());
    assertTrue(live.taskDefinitionReads.values().stream().allMatch(n -> n.get() == 1));
    assertEquals(SERVICES - 1, TaskDefinitionReads.taskDefinitions(observed).size());
    // One scaling read, for the spec's services; no services left the spec.
    assertEquals(1, live.scalingReads.size());
    assertEquals(SERVICES, live.scalingReads.get(0).size());
  }

  @Test
  void servicesThatLeftTheSpecHaveTheirScalingReadToo() throws Exception {
    ObservedService old =
        new ObservedService(
            "old",
            "arn:aws:ecs:us-east-1:123456789012:service/fleet/old",
            "ACTIVE",
            "arn:aws:ecs:us-east-1:123456789012:task-definition/fleet-old:3",
            Optional.of("ecs-svc/9"),
            JsonNodeFactory.instance.objectNode());
    Waiting live = new Waiting(3, Map.of("old", old));
    ObservedState observed = new Observer(live, executor).observe(desired());

    assertEquals(Set.of("old"), observed.orphans().keySet());
    assertEquals(2, live.scalingReads.size());
    assertEquals(List.of("old"), live.scalingReads.get(1));
  }
}
