package io.fgd.runtime.engine;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the kinds of one service tell each other while it is planned or applied, under typed keys
 * that the kind which writes them publishes: the task definition ARN apply reused or registered,
 * whether the plan gives the task definition a new revision.
 */
public final class Context {
  /** A named slot holding values of type {@code T}. */
  public static final class Key<T> {
    private final String name;

    private Key(String name) {
      this.name = Objects.requireNonNull(name, "name");
    }

    public static <T> Key<T> of(String name) {
      return new Key<>(name);
    }

    @Override
    public String toString() {
      return name;
    }
  }

  private final Map<Key<?>, Object> values = new java.util.concurrent.ConcurrentHashMap<>();

  public <T> void put(Key<T> key, T value) {
    values.put(key, Objects.requireNonNull(value, key.name));
  }

  @SuppressWarnings("unchecked")
  public <T> Optional<T> get(Key<T> key) {
    return Optional.ofNullable((T) values.get(key));
  }

  public <T> T getOrDefault(Key<T> key, T otherwise) {
    return get(key).orElse(otherwise);
  }
}
