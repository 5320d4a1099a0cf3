package io.fgd.runtime.engine;

import io.fgd.runtime.deploy.WatchOptions;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * How {@link Applier} applies a plan.
 *
 * @param prune delete services that carry the app's fgd:app tag but left the spec ({@code
 *     --prune}); without it they are only reported
 * @param keepRevisions how many ACTIVE revisions of each task definition family to keep; older ones
 *     that fgd registered are deregistered after a successful deployment ({@code
 *     --keep-revisions}); 0 keeps everything
 * @param waitForSteadyState wait until each changed service runs its new task definition ({@code
 *     --no-wait} turns it off)
 * @param watch the wait's timeout (for the whole apply), poll interval and fail-fast threshold
 * @param dependsOn the spec's {@code depends_on}: service name to the services that must be applied
 *     (and, when waiting, healthy) before it
 */
public record ApplyOptions(
    boolean prune,
    int keepRevisions,
    boolean waitForSteadyState,
    WatchOptions watch,
    Map<String, List<String>> dependsOn) {
  public static final int DEFAULT_KEEP_REVISIONS = 10;

  public static final ApplyOptions DEFAULTS =
      new ApplyOptions(false, DEFAULT_KEEP_REVISIONS, true, WatchOptions.DEFAULTS, Map.of());

  public ApplyOptions {
    Objects.requireNonNull(watch, "watch");
    if (keepRevisions < 0) {
      throw new IllegalArgumentException("keepRevisions must be 0 or more, got " + keepRevisions);
    }
    Map<String, List<String>> copy = new TreeMap<>();
    dependsOn.forEach((k, v) -> copy.put(k, List.copyOf(v)));
    dependsOn = java.util.Collections.unmodifiableMap(copy);
  }

  public ApplyOptions withPrune(boolean value) {
    return new ApplyOptions(value, keepRevisions, waitForSteadyState, watch, dependsOn);
  }

  public ApplyOptions withKeepRevisions(int value) {
    return new ApplyOptions(prune, value, waitForSteadyState, watch, dependsOn);
  }

  public ApplyOptions withWait(boolean value) {
    return new ApplyOptions(prune, keepRevisions, value, watch, dependsOn);
  }

  public ApplyOptions withWatch(WatchOptions value) {
    return new ApplyOptions(prune, keepRevisions, waitForSteadyState, value, dependsOn);
  }

  public ApplyOptions withDependsOn(Map<String, List<String>> value) {
    return new ApplyOptions(prune, keepRevisions, waitForSteadyState, watch, value);
  }
}
