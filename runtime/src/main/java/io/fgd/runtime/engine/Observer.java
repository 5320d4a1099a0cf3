package io.fgd.runtime.engine;

import io.fgd.runtime.FgdRuntimeException;
import io.fgd.runtime.state.LiveState;
import io.fgd.runtime.state.ObservedState;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;

/**
 * Reads what a plan compares, as few round trips deep as the reads allow: the kinds' {@link
 * KindRead reads} go in waves, each wave every read whose {@link KindRead#after} reads are in,
 * started all at once (each read forking its requests onto the pool), then awaited. Today that is
 * two waves: first the spec's services (in parallel batches), the app's other services, the spec's
 * services' autoscaling and the log groups; then the task definitions the services run (once per
 * distinct ARN), the autoscaling of services that left the spec, and the cluster, read only when
 * none of the services is ACTIVE. With a round trip to AWS of tens of milliseconds, the depth is
 * what a plan costs (bench/RESULTS.md, round 4).
 */
final class Observer {
  private final LiveState live;
  private final ExecutorService executor;
  private final List<KindRead> reads;

  Observer(LiveState live, ExecutorService executor) {
    this(live, executor, Kinds.ALL);
  }

  Observer(LiveState live, ExecutorService executor, List<Kind> kinds) {
    this.live = live;
    this.executor = executor;
    List<KindRead> all = new ArrayList<>();
    kinds.forEach(k -> all.addAll(k.reads()));
    this.reads = List.copyOf(all);
  }

  ObservedState observe(DesiredState desired) throws FgdRuntimeException {
    Map<String, Object> results = new LinkedHashMap<>();
    List<KindRead> waiting = new ArrayList<>(reads);
    while (!waiting.isEmpty()) {
      List<KindRead> wave = new ArrayList<>();
      for (KindRead r : waiting) {
        if (results.keySet().containsAll(r.after())) {
          wave.add(r);
        }
      }
      if (wave.isEmpty()) {
        throw new IllegalStateException(
            "reads wait for reads that never come: "
                + waiting.stream().map(r -> r.key() + " after " + r.after()).toList());
      }
      waiting.removeAll(wave);
      ReadScope scope = new ReadScope(desired, new ObservedState(results), live, executor);
      List<ReadScope.Pending<?>> started = new ArrayList<>();
      for (KindRead r : wave) {
        started.add(r.start(scope));
      }
      for (int i = 0; i < wave.size(); i++) {
        Object result = started.get(i).join();
        if (results.put(wave.get(i).key(), result) != null) {
          throw new IllegalStateException("two reads have the key " + wave.get(i).key());
        }
      }
    }
    return new ObservedState(results);
  }
}
