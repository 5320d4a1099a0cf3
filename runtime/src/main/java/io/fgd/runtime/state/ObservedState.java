package io.fgd.runtime.state;

import java.util.HashMap;
import java.util.Map;

/**
 * Everything fgd read from the account for one plan: each read's result under the read's key (a
 * kind's id, or another key the kind's read declares). It names no kind; each kind's package has
 * the typed accessors of its own entries (for example {@code ServiceReads.services(observed)}).
 */
public final class ObservedState {
  /**
   * The key of the app's services that the spec no longer has ({@code Map<String,
   * ObservedService>}, by name): the engine plans their removal.
   */
  public static final String ORPHANS = "orphans";

  private final Map<String, Object> reads;

  public ObservedState(Map<String, ?> reads) {
    this.reads = Map.copyOf(reads);
  }

  public static ObservedState empty() {
    return new ObservedState(Map.of());
  }

  /** The result of the read {@code key}, or {@code absent} when there was none. */
  @SuppressWarnings("unchecked")
  public <T> T get(String key, T absent) {
    Object value = reads.get(key);
    return value == null ? absent : (T) value;
  }

  /** A copy with the read {@code key}'s result replaced. */
  public ObservedState with(String key, Object value) {
    Map<String, Object> out = new HashMap<>(reads);
    out.put(key, value);
    return new ObservedState(out);
  }

  /** Services tagged as this app's that the spec no longer has, by name. */
  public Map<String, ObservedService> orphans() {
    return get(ORPHANS, Map.of());
  }
}
