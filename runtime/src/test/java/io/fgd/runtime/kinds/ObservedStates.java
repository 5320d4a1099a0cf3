package io.fgd.runtime.kinds;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fgd.runtime.kinds.cluster.ClusterReads;
import io.fgd.runtime.kinds.loggroup.LogGroupReads;
import io.fgd.runtime.kinds.scalabletarget.ScalableTargetReads;
import io.fgd.runtime.kinds.service.ServiceReads;
import io.fgd.runtime.kinds.taskdefinition.TaskDefinitionReads;
import io.fgd.runtime.state.ObservedLogGroup;
import io.fgd.runtime.state.ObservedScaling;
import io.fgd.runtime.state.ObservedService;
import io.fgd.runtime.state.ObservedState;
import java.util.Map;

/** Observed states for tests, built from each kind's objects as the plan's reads leave them. */
public final class ObservedStates {
  private ObservedStates() {}

  /**
   * @param scaling by service name, for the spec's services and those that left it
   */
  public static ObservedState of(
      boolean clusterExists,
      Map<String, ObservedService> services,
      Map<String, ObjectNode> taskDefinitions,
      Map<String, ObservedScaling> scaling,
      Map<String, ObservedLogGroup> logGroups,
      Map<String, ObservedService> orphans) {
    return new ObservedState(
        Map.of(
            ClusterReads.KEY, io.fgd.runtime.kinds.cluster.ObservedCluster.of(clusterExists),
            ServiceReads.KEY, services,
            TaskDefinitionReads.KEY, taskDefinitions,
            ScalableTargetReads.KEY, scaling,
            LogGroupReads.KEY, logGroups,
            ObservedState.ORPHANS, orphans));
  }
}
