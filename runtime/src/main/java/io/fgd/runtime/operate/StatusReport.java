package io.fgd.runtime.operate;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;

/**
 * What {@code fgd status} read: every service of the spec, by name.
 *
 * @param readAt when it was read: ages are measured to it
 */
public record StatusReport(
    String app, String cluster, Instant readAt, List<ServiceStatus> services) {
  public StatusReport {
    requireNonNull(app, "app is null");
    requireNonNull(cluster, "cluster is null");
    requireNonNull(readAt, "readAt is null");
    services = List.copyOf(services);
  }

  /** Whether every service exists and is settled. */
  public boolean allSteady() {
    return services.stream().allMatch(ServiceStatus::isSteady);
  }
}
