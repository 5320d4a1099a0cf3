package io.fgd.runtime.kinds.cluster;

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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.ecs.model.Tag;

/** The app's ECS cluster: created when missing, never changed or deleted. */
public final class ClusterKind implements Kind {
  public static final ClusterKind INSTANCE = new ClusterKind();

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
    if (ClusterReads.exists(observed)) {
      return List.of();
    }
    return List.of(
        new ResourceChange(
            this,
            desired.cluster(),
            Optional.empty(),
            Action.CREATE,
            List.of(
                FieldChange.added(
                    ".clusterName", JsonNodeFactory.instance.textNode(desired.cluster()))),
            Optional.empty()));
  }

  @Override
  public void fingerprint(ObservedState observed, Map<String, String> out) {
    out.put("cluster", ClusterReads.exists(observed) ? "ACTIVE" : "absent");
  }

  @Override
  public void applyApp(List<ResourceChange> changes, ApplyRun run) throws FgdRuntimeException {
    if (changes.stream().noneMatch(c -> c.action() == Action.CREATE)) {
      return;
    }
    String cluster = run.cluster();
    run.call(
        "creating cluster " + cluster,
        () ->
            run.clients()
                .ecs()
                .createCluster(
                    r ->
                        r.clusterName(cluster)
                            .tags(
                                Tag.builder()
                                    .key(AwsStateReader.OWNER_TAG)
                                    .value(run.app())
                                    .build())));
    run.changed(new AppliedChange(this, cluster, Optional.empty(), "created", ""));
  }
}
