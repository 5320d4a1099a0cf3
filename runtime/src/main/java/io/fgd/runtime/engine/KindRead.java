package io.fgd.runtime.engine;

import io.fgd.runtime.FgdRuntimeException;
import java.util.List;

/**
 * One read a kind makes for a plan. The {@link Observer} starts every read whose {@link #after}
 * reads are in, all at once, then waits for them: a wave of reads. A read that needs the observed
 * results of others (the task definitions the services run) names them in {@link #after} and starts
 * in the next wave. Its result is kept in the {@link io.fgd.runtime.state.ObservedState} under its
 * {@link #key}.
 */
public interface KindRead {
  /** Where the result is kept: the kind's id, or another key unique among all kinds' reads. */
  String key();

  /** The keys of the reads whose results this one needs: it starts once they are in. */
  default List<String> after() {
    return List.of();
  }

  /**
   * Starts the read, without waiting for it: each request that may go in parallel is {@link
   * ReadScope#fork forked}; the result is what the returned {@link Pending} gives.
   */
  ReadScope.Pending<?> start(ReadScope scope) throws FgdRuntimeException;
}
