package io.fgd.runtime.operate;

import io.fgd.runtime.FgdRuntimeException;
import io.fgd.runtime.aws.AwsClients;
import io.fgd.runtime.aws.AwsErrors;
import io.fgd.runtime.aws.AwsSettings;
import io.fgd.runtime.aws.SdkJson;
import io.fgd.runtime.deploy.Rollout;
import io.fgd.runtime.deploy.StoppedTask;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.DesiredStatus;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.ServiceEvent;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * Reads what {@code fgd status} shows: DescribeServices (ten services a call), then per service
 * that exists ListTasks of its stopped tasks and one DescribeTasks of them. Changes nothing.
 */
public final class StatusReader {
  /** Service events shown per service, newest first. */
  public static final int EVENTS = 5;

  /** Stopped tasks shown per service, newest first. */
  public static final int STOPPED_TASKS = 5;

  private static final int DESCRIBE_SERVICES_LIMIT = 10;
  private static final int DESCRIBE_TASKS_LIMIT = 100;

  private StatusReader() {}

  /** Reads the status of {@code services} (names in ECS) in {@code cluster}. */
  public static StatusReport read(
      AwsSettings settings, String app, String cluster, List<String> services, Instant now)
      throws FgdRuntimeException {
    try (AwsClients clients = AwsClients.connect(settings)) {
      return read(clients.ecs(), app, cluster, services, now);
    } catch (SdkException e) {
      throw AwsErrors.translate(e, "reading the status of the services", settings);
    }
  }

  static StatusReport read(
      EcsClient ecs, String app, String cluster, List<String> services, Instant now) {
    Map<String, Service> found = new HashMap<>();
    for (int from = 0; from < services.size(); from += DESCRIBE_SERVICES_LIMIT) {
      List<String> chunk =
          services.subList(from, Math.min(services.size(), from + DESCRIBE_SERVICES_LIMIT));
      for (Service s : ecs.describeServices(r -> r.cluster(cluster).services(chunk)).services()) {
        if (!"INACTIVE".equals(s.status())) {
          found.put(s.serviceName(), s);
        }
      }
    }
    List<ServiceStatus> out = new ArrayList<>();
    for (String name : services) {
      Service s = found.get(name);
      out.add(s == null ? ServiceStatus.missing(name) : status(ecs, cluster, s));
    }
    return new StatusReport(app, cluster, now, out);
  }

  private static ServiceStatus status(EcsClient ecs, String cluster, Service s) {
    List<ServiceStatus.Deployment> deployments = new ArrayList<>();
    for (var d : s.deployments()) {
      deployments.add(
          new ServiceStatus.Deployment(
              d.id(),
              d.status(),
              d.taskDefinition(),
              Optional.ofNullable(d.rolloutStateAsString()),
              n(d.desiredCount()),
              n(d.runningCount()),
              n(d.pendingCount()),
              n(d.failedTasks()),
              Optional.ofNullable(d.createdAt())));
    }
    List<ServiceStatus.Event> events = new ArrayList<>();
    for (ServiceEvent e : s.events()) {
      if (events.size() == EVENTS) {
        break;
      }
      if (e.message() != null) {
        events.add(new ServiceStatus.Event(Optional.ofNullable(e.createdAt()), e.message()));
      }
    }
    return new ServiceStatus(
        s.serviceName(),
        Optional.of(Rollout.of(SdkJson.toJson(s))),
        n(s.desiredCount()),
        n(s.runningCount()),
        n(s.pendingCount()),
        deployments,
        events,
        stoppedTasks(ecs, cluster, s.serviceName()));
  }

  private static List<StoppedTask> stoppedTasks(EcsClient ecs, String cluster, String service) {
    List<String> arns =
        ecs.listTasks(
                r -> r.cluster(cluster).serviceName(service).desiredStatus(DesiredStatus.STOPPED))
            .taskArns();
    if (arns.isEmpty()) {
      return List.of();
    }
    List<String> chunk = arns.subList(0, Math.min(arns.size(), DESCRIBE_TASKS_LIMIT));
    return ecs.describeTasks(r -> r.cluster(cluster).tasks(chunk)).tasks().stream()
        .sorted(
            Comparator.comparing((Task t) -> t.stoppedAt() == null ? Instant.MIN : t.stoppedAt())
                .reversed())
        .limit(STOPPED_TASKS)
        .map(StoppedTask::of)
        .toList();
  }

  private static int n(Integer value) {
    return value == null ? 0 : value;
  }
}
