package io.fgd.runtime.kinds.cluster;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.fgd.runtime.FgdRuntimeException;
import io.fgd.runtime.engine.Action;
import io.fgd.runtime.engine.AppliedChange;
import io.fgd.runtime.engine.ApplyRun;
import io.fgd.runtime.engine.DesiredState;
import io.fgd.runtime.engine.FieldChange;
import io.fgd.runtime.engine.Kind;
import io.fgd.runtime.engine.KindRead;
import io.fgd.runtime.engine.ResourceChange;
import io.fgd.runtime.state.AwsStateReader;
import io.fgd.runtime.state.ObservedState;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.ecs.model.CapacityProviderStrategyItem;
import software.amazon.awssdk.services.ecs.model.Tag;

/**
 * The app's ECS cluster: created when missing, never deleted. When a service of the spec runs on
 * capacity providers (Fargate Spot), the cluster gets the FARGATE and FARGATE_SPOT providers:
 * "They're available to all accounts. To use them, all you need to do is associate them with a
 * cluster" (ECS developer guide, Fargate capacity providers), with PutClusterCapacityProviders. fgd
 * adds them to the providers the cluster has and never removes one, and leaves the cluster's
 * default capacity provider strategy as it is (PutClusterCapacityProviders requires one; fgd passes
 * back the one it read).
 */
public final class ClusterKind implements Kind {
  public static final ClusterKind INSTANCE = new ClusterKind();

  /** The providers a service with a capacity strategy may name. */
  static final List<String> FARGATE_PROVIDERS = List.of("FARGATE", "FARGATE_SPOT");

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private ClusterKind() {}

  @Override
  public String label() {
    return "cluster";
  }

  @Override
  public String id() {
    return "ecs_cluster";
  }

  @Override
  public List<KindRead> reads() {
    return ClusterReads.READS;
  }

  @Override
  public List<String> dependsOn() {
    return List.of();
  }

  @Override
  public List<ResourceChange> diffApp(DesiredState desired, ObservedState observed) {
    ObservedCluster live = ClusterReads.cluster(observed);
    boolean providers = ClusterReads.needsProviders(desired);
    if (!live.active()) {
      List<FieldChange> fields = new ArrayList<>();
      fields.add(FieldChange.added(".clusterName", NODES.textNode(desired.cluster())));
      if (providers) {
        fields.add(FieldChange.added(".capacityProviders", list(FARGATE_PROVIDERS)));
      }
      return List.of(
          new ResourceChange(
              this, desired.cluster(), Optional.empty(), Action.CREATE, fields, Optional.empty()));
    }
    if (!providers || live.capacityProviders().containsAll(FARGATE_PROVIDERS)) {
      return List.of();
    }
    return List.of(
        new ResourceChange(
            this,
            desired.cluster(),
            Optional.empty(),
            Action.UPDATE,
            List.of(
                FieldChange.changed(
                    ".capacityProviders",
                    list(live.capacityProviders()),
                    list(wanted(live.capacityProviders())))),
            Optional.of("a service runs on Fargate Spot; the default strategy is left as it is")));
  }

  /** The providers the cluster has, with FARGATE and FARGATE_SPOT added. */
  static List<String> wanted(List<String> have) {
    Set<String> out = new LinkedHashSet<>(have);
    out.addAll(FARGATE_PROVIDERS);
    return List.copyOf(out);
  }

  private static ArrayNode list(List<String> values) {
    ArrayNode a = NODES.arrayNode();
    values.forEach(a::add);
    return a;
  }

  /** Whether it is ACTIVE, its providers and its default strategy: every field the plan reads. */
  @Override
  public void fingerprint(ObservedState observed, Map<String, String> out) {
    ObservedCluster c = ClusterReads.cluster(observed);
    out.put(
        "cluster",
        !c.active()
            ? "absent"
            : c.capacityProviders().isEmpty() && c.defaultStrategy().isEmpty()
                ? "ACTIVE"
                : "ACTIVE providers="
                    + String.join(",", c.capacityProviders())
                    + " default="
                    + String.join(",", c.defaultStrategy()));
  }

  @Override
  public void applyApp(List<ResourceChange> changes, ApplyRun run) throws FgdRuntimeException {
    String cluster = run.cluster();
    for (ResourceChange change : changes) {
      boolean providers =
          change.fields().stream().anyMatch(f -> f.path().equals(".capacityProviders"));
      if (change.action() == Action.CREATE) {
        run.call(
            "creating cluster " + cluster,
            () ->
                run.clients()
                    .ecs()
                    .createCluster(
                        r -> {
                          r.clusterName(cluster)
                              .tags(
                                  Tag.builder()
                                      .key(AwsStateReader.OWNER_TAG)
                                      .value(run.app())
                                      .build());
                          if (providers) {
                            r.capacityProviders(FARGATE_PROVIDERS);
                          }
                        }));
        run.changed(
            new AppliedChange(
                this,
                cluster,
                Optional.empty(),
                "created",
                providers ? "with " + String.join(", ", FARGATE_PROVIDERS) : ""));
      } else if (change.action() == Action.UPDATE && providers) {
        ObservedCluster live = ClusterReads.cluster(run.observed());
        List<String> wanted = wanted(live.capacityProviders());
        List<CapacityProviderStrategyItem> strategy =
            live.defaultStrategy().stream().map(ClusterKind::item).toList();
        run.call(
            "attaching capacity providers to cluster " + cluster,
            () ->
                run.clients()
                    .ecs()
                    .putClusterCapacityProviders(
                        r ->
                            r.cluster(cluster)
                                .capacityProviders(wanted)
                                .defaultCapacityProviderStrategy(strategy)));
        run.changed(
            new AppliedChange(
                this, cluster, Optional.empty(), "updated", "capacity providers " + wanted));
      }
    }
  }

  /** {@code PROVIDER:weight:base} back to the item ECS gave. */
  private static CapacityProviderStrategyItem item(String text) {
    String[] p = text.split(":");
    return CapacityProviderStrategyItem.builder()
        .capacityProvider(p[0])
        .weight(Integer.parseInt(p[1]))
        .base(Integer.parseInt(p[2]))
        .build();
  }
}
