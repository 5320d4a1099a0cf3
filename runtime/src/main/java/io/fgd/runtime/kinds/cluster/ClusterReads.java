package io.fgd.runtime.kinds.cluster;

import io.fgd.runtime.FgdRuntimeException;
import io.fgd.runtime.engine.KindRead;
import io.fgd.runtime.engine.ReadScope;
import io.fgd.runtime.kinds.service.ServiceReads;
import io.fgd.runtime.state.AwsStateReader;
import io.fgd.runtime.state.LiveState;
import io.fgd.runtime.state.ObservedState;
import java.util.List;
import software.amazon.awssdk.services.ecs.model.Cluster;
import software.amazon.awssdk.services.ecs.model.DescribeClustersResponse;

/** How the plan reads the cluster. */
public final class ClusterReads {
  /** The key of whether the cluster is ACTIVE. */
  public static final String KEY = "ecs_cluster";

  private ClusterReads() {}

  /** How fgd reads the cluster; tests fake it. */
  public interface Api {
    /** Whether the cluster exists and is ACTIVE. */
    boolean readCluster(String cluster) throws FgdRuntimeException;
  }

  public static Api api(LiveState live) {
    return live.reads(Api.class, reader -> cluster -> readCluster(reader, cluster));
  }

  /** Whether the cluster is ACTIVE. */
  public static boolean exists(ObservedState observed) {
    return observed.get(KEY, false);
  }

  /**
   * After the services: an ACTIVE service can only be in an ACTIVE cluster (ECS deletes no cluster
   * that has one), so when the spec's or the app's services are there the cluster is not read.
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
              if (ServiceReads.services(observed).values().stream()
                      .anyMatch(s -> "ACTIVE".equals(s.status()))
                  || observed.orphans().values().stream()
                      .anyMatch(s -> "ACTIVE".equals(s.status()))) {
                return ReadScope.done(true);
              }
              String cluster = scope.desired().cluster();
              return scope.fork(() -> api(scope.live()).readCluster(cluster));
            }
          });

  static boolean readCluster(AwsStateReader reader, String cluster) throws FgdRuntimeException {
    DescribeClustersResponse response =
        reader.call(
            "reading cluster \"" + cluster + "\"",
            () -> reader.clients().ecs().describeClusters(r -> r.clusters(cluster)));
    // A missing cluster is a "failure" entry, not an exception; a deleted one stays INACTIVE.
    return response.clusters().stream().map(Cluster::status).anyMatch("ACTIVE"::equals);
  }
}
