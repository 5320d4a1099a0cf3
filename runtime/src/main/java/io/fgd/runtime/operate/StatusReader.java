package io.fgd.runtime.operate;

import io.fgd.runtime.DaemonPools;
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
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.DesiredStatus;
import software.amazon.awssdk.services.ecs.model.LoadBalancer;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.ServiceEvent;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupNotFoundException;

/**
 * Reads what {@code fgd status} shows: DescribeServices (ten services a call), then, all at once,
 * per service that exists ListTasks of its stopped tasks and one DescribeTasks of them, and per
 * target group in its {@code loadBalancers} one DescribeTargetHealth. Three round trips deep at
 * most; changes nothing.
 */
public final class StatusReader {
  /** Service events shown per service, newest first. */
  public static final int EVENTS = 5;

  /** Stopped tasks shown per service, newest first. */
  public static final int STOPPED_TASKS = 5;

  private static final int DESCRIBE_SERVICES_LIMIT = 10;
  private static final int DESCRIBE_TASKS_LIMIT = 100;

  /** Reads in flight at once in the second wave, as for the plan's reads. */
  private static final int READ_THREADS = 8;

  private StatusReader() {}

  /** Reads the status of {@code services} (names in ECS) in {@code cluster}. */
  public static StatusReport read(
      AwsSettings settings, String app, String cluster, List<String> services, Instant now)
      throws FgdRuntimeException {
    try (AwsClients clients = AwsClients.connect(settings)) {
      return read(clients, app, cluster, services, now);
    } catch (SdkException e) {
      throw AwsErrors.translate(e, "reading the status of the services", settings);
    }
  }

  /** {@link #read(AwsSettings, String, String, List, Instant)} with clients already made. */
  public static StatusReport read(
      AwsClients clients, String app, String cluster, List<String> services, Instant now) {
    EcsClient ecs = clients.ecs();
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
    // The second wave, concurrently: each service's stopped tasks and each target group's health.
    int work = 0;
    for (Service s : found.values()) {
      work += 1 + s.loadBalancers().size();
    }
    ExecutorService pool = DaemonPools.fixed("status", Math.max(1, Math.min(READ_THREADS, work)));
    try {
      Map<String, Future<List<StoppedTask>>> stopped = new HashMap<>();
      Map<String, List<Future<TargetGroupHealth>>> health = new HashMap<>();
      for (Service s : found.values()) {
        stopped.put(
            s.serviceName(), pool.submit(() -> stoppedTasks(ecs, cluster, s.serviceName())));
        List<Future<TargetGroupHealth>> groups = new ArrayList<>();
        for (LoadBalancer lb : s.loadBalancers()) {
          if (lb.targetGroupArn() != null) {
            groups.add(pool.submit(() -> targetHealth(clients.elb(), lb)));
          }
        }
        health.put(s.serviceName(), groups);
      }
      List<ServiceStatus> out = new ArrayList<>();
      for (String name : services) {
        Service s = found.get(name);
        if (s == null) {
          out.add(ServiceStatus.missing(name));
          continue;
        }
        List<TargetGroupHealth> groups = new ArrayList<>();
        for (Future<TargetGroupHealth> f : health.get(name)) {
          groups.add(get(f));
        }
        out.add(status(s, get(stopped.get(name)), groups));
      }
      return new StatusReport(app, cluster, now, out);
    } finally {
      pool.shutdownNow();
    }
  }

  /** The answer of a read of the second wave; its SDK error is thrown as it was. */
  private static <T> T get(Future<T> f) {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while reading the status", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException(e.getCause());
    }
  }

  /**
   * DescribeTargetHealth of one target group: every target it has (the call is not paged). A group
   * that no longer exists is reported as such, not as an error of the whole status.
   */
  private static TargetGroupHealth targetHealth(ElasticLoadBalancingV2Client elb, LoadBalancer lb) {
    String container = lb.containerName() + ":" + lb.containerPort();
    try {
      return TargetGroupHealth.of(
          lb.targetGroupArn(),
          container,
          elb.describeTargetHealth(r -> r.targetGroupArn(lb.targetGroupArn()))
              .targetHealthDescriptions());
    } catch (TargetGroupNotFoundException e) {
      return TargetGroupHealth.unreadable(
          lb.targetGroupArn(), container, "the target group does not exist");
    }
  }

  private static ServiceStatus status(
      Service s, List<StoppedTask> stopped, List<TargetGroupHealth> targetGroups) {
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
        stopped,
        targetGroups);
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
