package io.fgd.runtime.engine;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fgd.runtime.FgdRuntimeException;
import io.fgd.runtime.state.LiveState;
import io.fgd.runtime.state.ObservedLogGroup;
import io.fgd.runtime.state.ObservedScaling;
import io.fgd.runtime.state.ObservedService;
import io.fgd.runtime.state.ObservedState;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * Reads what a plan compares, as few round trips deep as the reads allow: first, all at once, the
 * spec's services (in parallel batches), the app's other services, the spec's services' autoscaling
 * and the log groups; then the task definitions the services run, once per distinct ARN, as each
 * batch of services comes in. The cluster is read only when none of those services is ACTIVE (an
 * ACTIVE service says its cluster is), so a steady-state plan saves that request. With a round trip
 * to AWS of tens of milliseconds, the depth is what a plan costs (bench/RESULTS.md, round 4).
 */
final class Observer {
  private final LiveState live;
  private final ExecutorService executor;

  Observer(LiveState live, ExecutorService executor) {
    this.live = live;
    this.executor = executor;
  }

  interface Read<T> {
    T read() throws FgdRuntimeException;
  }

  ObservedState observe(DesiredState desired) throws FgdRuntimeException {
    String cluster = desired.cluster();
    Set<String> names = desired.services().keySet();
    List<String> logGroups = new ArrayList<>();
    desired.services().values().forEach(s -> logGroups.addAll(s.logGroups()));

    // Everything that needs only the spec starts at once. The services go in batches of what one
    // DescribeServices takes, each batch a read of its own, so that 50 services cost one round
    // trip rather than five in a row.
    List<Future<Map<String, ObservedService>>> batches = new ArrayList<>();
    List<String> all = List.copyOf(names);
    for (int i = 0; i < all.size(); i += LiveState.SERVICES_PER_READ) {
      List<String> batch = all.subList(i, Math.min(all.size(), i + LiveState.SERVICES_PER_READ));
      batches.add(submit(() -> live.readServices(cluster, batch)));
    }
    Future<Map<String, ObservedService>> orphans =
        submit(() -> live.listOwnedServices(cluster, desired.app(), names));
    Future<Map<String, ObservedScaling>> scaling = submit(() -> live.readScaling(cluster, names));
    Future<Map<String, ObservedLogGroup>> groups = submit(() -> live.readLogGroups(logGroups));

    // Then the task definitions the services run, once per distinct ARN, each batch's as soon as
    // it is in.
    Map<String, ObservedService> liveServices = new LinkedHashMap<>();
    Map<String, Future<ObjectNode>> taskDefs = new LinkedHashMap<>();
    for (Future<Map<String, ObservedService>> batch : batches) {
      for (ObservedService s : get(batch).values()) {
        liveServices.put(s.name(), s);
        if (!s.isGone()) {
          taskDefs.computeIfAbsent(
              s.taskDefinitionArn(), arn -> submit(() -> live.readTaskDefinition(arn)));
        }
      }
    }
    // Services that left the spec are rare; their scaling is read only when there are some.
    Map<String, ObservedService> liveOrphans = get(orphans);
    Map<String, ObservedScaling> liveScaling = new LinkedHashMap<>(get(scaling));
    if (!liveOrphans.isEmpty()) {
      liveScaling.putAll(live.readScaling(cluster, liveOrphans.keySet()));
    }

    // An ACTIVE service can only be in an ACTIVE cluster (ECS deletes no cluster that has one):
    // when the spec's or the app's services are there, the cluster need not be read.
    boolean clusterExists =
        liveServices.values().stream().anyMatch(s -> "ACTIVE".equals(s.status()))
            || liveOrphans.values().stream().anyMatch(s -> "ACTIVE".equals(s.status()))
            || live.readCluster(cluster);

    Map<String, ObjectNode> taskDefinitions = new LinkedHashMap<>();
    for (var e : taskDefs.entrySet()) {
      taskDefinitions.put(e.getKey(), get(e.getValue()));
    }
    return new ObservedState(
        clusterExists, liveServices, taskDefinitions, liveScaling, get(groups), liveOrphans);
  }

  private <T> Future<T> submit(Read<T> read) {
    return executor.submit(read::read);
  }

  private static <T> T get(Future<T> future) throws FgdRuntimeException {
    try {
      return future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new FgdRuntimeException("Interrupted while reading the account.", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof FgdRuntimeException f) {
        throw f;
      }
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException(e.getCause());
    }
  }
}
