package io.fgd.runtime.engine;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fgd.runtime.state.ObservedState;

/** Plans used by renderer tests. */
public final class Scenarios {
  private Scenarios() {}

  /**
   * Every kind of change: api's image and scaling bounds drifted and its env lost a variable,
   * server was never deployed, worker is no longer in the spec.
   */
  public static Plan mixed() {
    Observed live =
        new Observed()
            .edit(
                o -> {
                  ObjectNode c = Observed.container(o.taskDef);
                  c.put("image", "123456789012.dkr.ecr.us-west-1.amazonaws.com/repo:abc");
                  c.putArray("environment");
                  o.target.put("MaxCapacity", 20);
                });
    live.orphans.put(
        "worker", Observed.service(live.service.deepCopy().put("serviceName", "worker")));
    ObservedState state = live.state();
    return Differ.diff(Fixtures.desired(Fixtures.sheets()), state);
  }

  public static Plan none() {
    return Differ.diff(
        Fixtures.desired(Fixtures.without(Fixtures.sheets(), "server/")), new Observed().state());
  }
}
