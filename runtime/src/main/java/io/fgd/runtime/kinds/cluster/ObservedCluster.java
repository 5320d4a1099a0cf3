package io.fgd.runtime.kinds.cluster;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * The cluster as DescribeClusters answers.
 *
 * @param active whether it exists and is ACTIVE
 * @param capacityProviders the capacity providers attached to it, as ECS lists them
 * @param defaultStrategy its default capacity provider strategy, as {@code PROVIDER:weight:base}
 *     items in ECS's order: fgd never changes it, and passes it back to
 *     PutClusterCapacityProviders, which requires it
 */
public record ObservedCluster(
    boolean active, List<String> capacityProviders, List<String> defaultStrategy) {
  public static final ObservedCluster ABSENT = new ObservedCluster(false, List.of(), List.of());

  public ObservedCluster {
    capacityProviders = List.copyOf(requireNonNull(capacityProviders, "capacityProviders"));
    defaultStrategy = List.copyOf(requireNonNull(defaultStrategy, "defaultStrategy"));
  }

  /** An ACTIVE cluster of which nothing more was read, or none. */
  public static ObservedCluster of(boolean active) {
    return active ? new ObservedCluster(true, List.of(), List.of()) : ABSENT;
  }
}
