package io.fgd.runtime.kinds.cluster;

import io.fgd.runtime.FgdRuntimeException;
import io.fgd.runtime.state.AwsStateReader;
import software.amazon.awssdk.services.ecs.model.Cluster;
import software.amazon.awssdk.services.ecs.model.DescribeClustersResponse;

/** How the plan reads the cluster. */
public final class ClusterReads {
  private ClusterReads() {}

  public static boolean readCluster(AwsStateReader reader, String cluster)
      throws FgdRuntimeException {
    DescribeClustersResponse response =
        reader.call(
            "reading cluster \"" + cluster + "\"",
            () -> reader.clients().ecs().describeClusters(r -> r.clusters(cluster)));
    // A missing cluster is a "failure" entry, not an exception; a deleted one stays INACTIVE.
    return response.clusters().stream().map(Cluster::status).anyMatch("ACTIVE"::equals);
  }
}
