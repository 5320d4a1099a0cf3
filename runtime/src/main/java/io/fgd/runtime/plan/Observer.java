package io.fgd.runtime.plan;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fgd.runtime.FgdRuntimeException;
import io.fgd.runtime.state.LiveState;
import io.fgd.runtime.state.ObservedLogGroup;
import io.fgd.runtime.state.ObservedScaling;
import io.fgd.runtime.state.ObservedService;
import io.fgd.runtime.state.ObservedState;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * Reads what a plan compares: first the cluster, the spec's services, the app's other services and
 * the log groups, all at once; then the task definitions those services run (once per distinct ARN)
 * and their autoscaling, all at once.
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

    Future<Boolean> clusterExists = submit(() -> live.readCluster(cluster));
    Future<Map<String, ObservedService>> services = submit(() -> live.readServices(cluster, names));
    Future<Map<String, ObservedService>> orphans =
        submit(() -> live.listOwnedServices(cluster, desired.app(), names));
    Future<Map<String, ObservedLogGroup>> groups = submit(() -> live.readLogGroups(logGroups));

    Map<String, ObservedService> liveServices = get(services);
    Map<String, ObservedService> liveOrphans = get(orphans);
    Set<String> arns = new LinkedHashSet<>();
    liveServices.values().stream()
        .filter(s -> !s.isGone())
        .forEach(s -> arns.add(s.taskDefinitionArn()));
    Map<String, Future<ObjectNode>> taskDefs = new LinkedHashMap<>();
    for (String arn : arns) {
      taskDefs.put(arn, submit(() -> live.readTaskDefinition(arn)));
    }
    List<String> scaled = new ArrayList<>(names);
    scaled.addAll(liveOrphans.keySet());
    Future<Map<String, ObservedScaling>> scaling = submit(() -> live.readScaling(cluster, scaled));

    Map<String, ObjectNode> taskDefinitions = new LinkedHashMap<>();
    for (var e : taskDefs.entrySet()) {
      taskDefinitions.put(e.getKey(), get(e.getValue()));
    }
    return new ObservedState(
        get(clusterExists), liveServices, taskDefinitions, get(scaling), get(groups), liveOrphans);
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
