package io.fgd.runtime.kinds.cluster;

import io.fgd.runtime.FgdRuntimeException;
import io.fgd.runtime.engine.DesiredState;
import io.fgd.runtime.engine.KindRead;
import io.fgd.runtime.engine.ReadScope;
import io.fgd.runtime.kinds.service.ServiceReads;
import io.fgd.runtime.state.AwsStateReader;
import io.fgd.runtime.state.LiveState;
import io.fgd.runtime.state.ObservedState;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.ecs.model.Cluster;
import software.amazon.awssdk.services.ecs.model.DescribeClustersResponse;

/** How the plan reads the cluster. */
public final class ClusterReads {
  /** The key of the cluster as read ({@link ObservedCluster}). */
  public static final String KEY = "ecs_cluster";

  private ClusterReads() {}

  /** How fgd reads the cluster; tests fake it. */
  public interface Api {
    /** Whether the cluster exists and is ACTIVE. */
    boolean readCluster(String cluster) throws FgdRuntimeException;

    /**
     * The cluster with its capacity providers; a fake that knows only whether it exists says so.
     */
    default ObservedCluster describeCluster(String cluster) throws FgdRuntimeException {
      return ObservedCluster.of(readCluster(cluster));
    }
  }

  public static Api api(LiveState live) {
    return live.reads(
        Api.class,
        reader ->
            new Api() {
              @Override
              public boolean readCluster(String cluster) throws FgdRuntimeException {
                return describe(reader, cluster).active();
              }

              @Override
              public ObservedCluster describeCluster(String cluster) throws FgdRuntimeException {
                return describe(reader, cluster);
              }
            });
  }

  /** Whether the cluster is ACTIVE. */
  public static boolean exists(ObservedState observed) {
    return cluster(observed).active();
  }

  /** The cluster as read. */
  public static ObservedCluster cluster(ObservedState observed) {
    Object value = observed.get(KEY, ObservedCluster.ABSENT);
    // Tests' observed states may say only whether the cluster exists.
    return value instanceof Boolean b ? ObservedCluster.of(b) : (ObservedCluster) value;
  }

  /** Whether a service of the spec runs on capacity providers, which the cluster must have. */
  static boolean needsProviders(DesiredState desired) {
    return desired.services().values().stream()
        .anyMatch(s -> s.service().path("capacityProviderStrategy").size() > 0);
  }

  /**
   * After the services: an ACTIVE service can only be in an ACTIVE cluster (ECS deletes no cluster
   * that has one), so when the spec's or the app's services are there, and no service needs the
   * cluster's capacity providers, the cluster is not read.
   */
  static final List<KindRead> READS =
      List.of(
          new KindRead() {
            @Override
            public String key() {
              return KEY;
            }

            @Override
            public List<String> after() {
              return List.of(ServiceReads.KEY, ObservedState.ORPHANS);
            }

            @Override
            public ReadScope.Pending<?> start(ReadScope scope) {
              ObservedState observed = scope.observed();
              if (!needsProviders(scope.desired())
                  && (ServiceReads.services(observed).values().stream()
                          .anyMatch(s -> "ACTIVE".equals(s.status()))
                      || observed.orphans().values().stream()
                          .anyMatch(s -> "ACTIVE".equals(s.status())))) {
                return ReadScope.done(ObservedCluster.of(true));
              }
              String cluster = scope.desired().cluster();
              return scope.fork(() -> api(scope.live()).describeCluster(cluster));
            }
          });

  static ObservedCluster describe(AwsStateReader reader, String cluster)
      throws FgdRuntimeException {
    DescribeClustersResponse response =
        reader.call(
            "reading cluster \"" + cluster + "\"",
            () -> reader.clients().ecs().describeClusters(r -> r.clusters(cluster)));
    // A missing cluster is a "failure" entry, not an exception; a deleted one stays INACTIVE.
    Optional<Cluster> active =
        response.clusters().stream().filter(c -> "ACTIVE".equals(c.status())).findFirst();
    return active
        .map(
            c ->
                new ObservedCluster(
                    true,
                    c.capacityProviders(),
                    c.defaultCapacityProviderStrategy().stream()
                        .map(
                            i ->
                                i.capacityProvider()
                                    + ":"
                                    + (i.weight() == null ? 0 : i.weight())
                                    + ":"
                                    + (i.base() == null ? 0 : i.base()))
                        .toList()))
        .orElse(ObservedCluster.ABSENT);
  }
}
