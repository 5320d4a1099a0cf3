package io.fgd.runtime.deploy;

import io.fgd.runtime.aws.SdkJson;
import io.fgd.runtime.deploy.DeploymentOutcome.Kind;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Deployment;
import software.amazon.awssdk.services.ecs.model.DescribeServicesResponse;
import software.amazon.awssdk.services.ecs.model.DesiredStatus;
import software.amazon.awssdk.services.ecs.model.Failure;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.ServiceEvent;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * Waits until ECS has truly rolled out a task definition to a service, or says why not.
 *
 * <p>Success is claimed only from a DescribeServices answer in which the PRIMARY deployment runs
 * exactly the task definition apply registered, its rollout state is COMPLETED and it runs as many
 * tasks as desired. (Services without rollout states, which ECS does not report for CODE_DEPLOY
 * controllers or Classic Load Balancers, instead need the PRIMARY to be their only deployment.)
 * Anything less (the old task definition still PRIMARY because DescribeServices lags behind
 * UpdateService, a COMPLETED rollout with fewer tasks than desired after a scale-out) keeps the
 * watcher waiting.
 *
 * <p>While waiting it reports every new service event once, every change of counts or rollout
 * state, and the stop reasons of the new deployment's stopped tasks, which it looks up (ListTasks
 * with desiredStatus STOPPED, then DescribeTasks, keeping tasks whose {@code startedBy} is the
 * deployment id, or which run the deployment's task definition when {@code startedBy} names no
 * other deployment of the service) whenever ECS's failed-task count grows, fewer tasks run or
 * start, or an event says tasks stopped. ListTasks is filtered by service, not by {@code
 * startedBy}, because ECS accepts {@code startedBy} only as the sole filter.
 *
 * <p>Throttling and transient errors are first retried by the SDK's retry policy; if a poll still
 * fails transiently, the watcher tells the listener and polls again at the next interval, until the
 * timeout. Other API errors end the wait with {@link Kind#ERROR}.
 *
 * <p>Instances are thread-safe; {@link #watchAll} watches several services in parallel.
 */
public final class DeploymentWatcher {

  private static final int MAX_PARALLEL_WATCHES = 8;
  private static final int DESCRIBE_TASKS_LIMIT = 100;

  private final EcsClient ecs;
  private final WatchOptions options;
  private final Clock clock;
  private final Sleeper sleeper;

  /** A watcher on the system clock that really sleeps between polls. */
  public DeploymentWatcher(EcsClient ecs, WatchOptions options) {
    this(ecs, options, Clock.systemUTC(), Sleeper.system());
  }

  /**
   * @param ecs the ECS client, with the retry policy apply wants (the SDK default retries
   *     throttling with backoff)
   * @param options timeout, poll interval and fail-fast threshold
   * @param clock source of "now" for the deadline
   * @param sleeper waits between polls
   */
  public DeploymentWatcher(EcsClient ecs, WatchOptions options, Clock clock, Sleeper sleeper) {
    this.ecs = Objects.requireNonNull(ecs, "ecs");
    this.options = Objects.requireNonNull(options, "options");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
  }

  /**
   * Waits for one service's deployment of {@code taskDefinitionArn}, at most {@link
   * WatchOptions#timeout()}.
   *
   * @param cluster the cluster name or ARN
   * @param service the service name
   * @param taskDefinitionArn the full ARN apply just registered and set on the service
   * @param listener receives progress, and the outcome last
   * @return how the wait ended; never null
   * @throws InterruptedException if the waiting thread is interrupted
   */
  public DeploymentOutcome watch(
      String cluster, String service, String taskDefinitionArn, ProgressListener listener)
      throws InterruptedException {
    return watchUntil(
        cluster, service, taskDefinitionArn, clock.instant().plus(options.timeout()), listener);
  }

  /**
   * Like {@link #watch}, but stops at {@code deadline}: for an apply whose services share one
   * {@link WatchOptions#timeout()}, started before this service's deployment. A timeout still names
   * {@link WatchOptions#timeout()}, the limit the user gave, not the time that was left.
   */
  public DeploymentOutcome watchUntil(
      String cluster,
      String service,
      String taskDefinitionArn,
      Instant deadline,
      ProgressListener listener)
      throws InterruptedException {
    return new Watch(cluster, new WatchTarget(service, taskDefinitionArn), deadline, listener)
        .run();
  }

  /**
   * Waits for the rollout {@code service} has in flight now, which this run did not start: for a
   * no-change apply after one that timed out, or before touching the dependants of a service. The
   * revision waited for is the one the PRIMARY deployment runs at the first poll, and from then on
   * the wait is judged as {@link #watch}'s: {@link Kind#SUCCEEDED} once steady (at once when the
   * service is steady already), {@link Kind#ROLLED_BACK} at once when ECS already marked the newest
   * deployment FAILED (see {@link Rollout}), {@link Kind#TASKS_FAILING}, {@link Kind#TIMED_OUT}
   * after {@link WatchOptions#timeout()}, {@link Kind#ERROR}.
   */
  public DeploymentOutcome watchInFlight(String cluster, String service, ProgressListener listener)
      throws InterruptedException {
    return watchInFlightUntil(cluster, service, clock.instant().plus(options.timeout()), listener);
  }

  /** Like {@link #watchInFlight}, but stops at {@code deadline}, as {@link #watchUntil} does. */
  public DeploymentOutcome watchInFlightUntil(
      String cluster, String service, Instant deadline, ProgressListener listener)
      throws InterruptedException {
    return new Watch(cluster, WatchTarget.inFlight(service), deadline, listener).run();
  }

  /**
   * Waits for several services at once, sharing one deadline ({@link WatchOptions#timeout()} from
   * now), and returns their outcomes in the order of {@code targets}. A target may be {@link
   * WatchTarget#inFlight}: its wait is {@link #watchInFlight}'s.
   *
   * @throws InterruptedException if the calling thread is interrupted; the watches are then
   *     cancelled
   */
  public List<DeploymentOutcome> watchAll(
      String cluster, List<WatchTarget> targets, ProgressListener listener)
      throws InterruptedException {
    Instant deadline = clock.instant().plus(options.timeout());
    if (targets.size() <= 1) {
      List<DeploymentOutcome> outcomes = new ArrayList<>();
      for (WatchTarget target : targets) {
        outcomes.add(new Watch(cluster, target, deadline, listener).run());
      }
      return outcomes;
    }
    ExecutorService pool =
        io.fgd.runtime.DaemonPools.fixed("watch", Math.min(targets.size(), MAX_PARALLEL_WATCHES));
    try {
      List<Future<DeploymentOutcome>> futures = new ArrayList<>();
      for (WatchTarget target : targets) {
        futures.add(pool.submit(() -> new Watch(cluster, target, deadline, listener).run()));
      }
      List<DeploymentOutcome> outcomes = new ArrayList<>();
      for (Future<DeploymentOutcome> future : futures) {
        try {
          outcomes.add(future.get());
        } catch (ExecutionException e) {
          Throwable cause = e.getCause();
          if (cause instanceof RuntimeException runtime) {
            throw runtime;
          }
          if (cause instanceof Error error) {
            throw error;
          }
          throw new IllegalStateException(cause);
        }
      }
      return outcomes;
    } finally {
      pool.shutdownNow();
    }
  }

  /** The state of waiting for one service. */
  private final class Watch {
    private final String cluster;
    private final String service;

    /** The revision waited for; for an in-flight target, null until the first answer. */
    private String expected;

    private final Instant deadline;
    private final ProgressListener listener;

    private final Set<String> seenEvents = new HashSet<>();
    private final Set<String> handledStoppedTasks = new HashSet<>();
    private boolean firstPoll = true;
    private boolean sawOurDeployment;
    private DeploymentState lastState;
    private int lastFailedTasks;
    private int lastActiveTasks;
    private boolean recheckStoppedTasks;
    private StagedRollout stages;
    private boolean stoppedTaskLookupBroken;
    private String streakCause;
    private int streak;

    Watch(String cluster, WatchTarget target, Instant deadline, ProgressListener listener) {
      this.cluster = Objects.requireNonNull(cluster, "cluster");
      this.service = target.service();
      this.expected = target.taskDefinitionArn();
      this.deadline = deadline;
      this.listener = Objects.requireNonNull(listener, "listener");
    }

    DeploymentOutcome run() throws InterruptedException {
      if (expected != null) {
        listener.started(service, expected);
      }
      while (true) {
        DeploymentOutcome outcome = poll();
        if (outcome != null) {
          listener.finished(outcome);
          return outcome;
        }
        Instant now = clock.instant();
        listener.polled(service, now, deadline);
        if (!now.isBefore(deadline)) {
          outcome = timedOut();
          listener.finished(outcome);
          return outcome;
        }
        Duration left = Duration.between(now, deadline);
        sleeper.sleep(left.compareTo(options.pollInterval()) < 0 ? left : options.pollInterval());
      }
    }

    /** One round of questions to ECS; an outcome if the wait is over, null to keep waiting. */
    private DeploymentOutcome poll() {
      DescribeServicesResponse response;
      try {
        response = ecs.describeServices(r -> r.cluster(cluster).services(service));
      } catch (SdkException e) {
        if (Polls.isTransient(e)) {
          listener.pollFailed(service, Polls.describe(e));
          return null;
        }
        return error("ECS refused to describe service " + service + ": " + Polls.describe(e), e);
      }
      Service svc =
          response.services().stream()
              .filter(s -> service.equals(s.serviceName()) || service.equals(s.serviceArn()))
              .findFirst()
              .orElse(null);
      if (svc == null) {
        String reason =
            response.failures().stream()
                .map(Failure::reason)
                .filter(Objects::nonNull)
                .findFirst()
                .orElse("not listed");
        return error(
            "ECS has no service " + service + " in cluster " + cluster + " (" + reason + ").",
            null);
      }
      if ("INACTIVE".equals(svc.status())) {
        return error("Service " + service + " is INACTIVE: it was deleted while fgd waited.", null);
      }

      Deployment primary =
          svc.deployments().stream()
              .filter(d -> "PRIMARY".equals(d.status()))
              .findFirst()
              .orElse(null);
      if (expected == null) {
        expected = inFlightRevision(svc, primary);
        if (expected == null) {
          return new DeploymentOutcome(
              service,
              Kind.SUCCEEDED,
              "Service " + service + " has no deployment in flight.",
              null,
              null);
        }
        listener.started(service, expected);
      }
      Deployment ours = ourDeployment(svc, primary);
      DeploymentState state = state(primary, ours);
      if (!state.equals(lastState)) {
        listener.stateChanged(state);
        lastState = state;
      }
      boolean eventsSayStopped = reportNewEvents(svc, ours);
      firstPoll = false;
      StagedRollout.Verdict staged = staged(svc, ours);
      if (staged.status() == StagedRollout.Status.FAILED) {
        return new DeploymentOutcome(
            service, Kind.ROLLED_BACK, staged.explanation(), staged.cause(), state);
      } else if (staged.status() == StagedRollout.Status.ERROR) {
        return new DeploymentOutcome(
            service, Kind.ERROR, staged.explanation(), staged.cause(), lastState);
      }
      if (stages != null
          && staged.status() == StagedRollout.Status.SUCCESSFUL
          && StagedRollout.completesEarly(svc)
          && primary != null
          && expected.equals(primary.taskDefinition())
          && !isSteady(svc, primary)) {
        return new DeploymentOutcome(
            service,
            Kind.SUCCEEDED,
            Arns.shortName(expected)
                + " is deployed: ECS completed the deployment at its early success criteria with "
                + n(primary.runningCount())
                + "/"
                + n(primary.desiredCount())
                + " tasks running, and starts the rest outside the deployment.",
            null,
            state);
      }
      if (isSteady(svc, primary)
          && (stages == null || staged.status() != StagedRollout.Status.WAITING)) {
        return new DeploymentOutcome(
            service,
            Kind.SUCCEEDED,
            Arns.shortName(expected)
                + " is deployed: "
                + n(primary.runningCount())
                + "/"
                + n(primary.desiredCount())
                + " tasks running"
                + (primary.rolloutStateAsString() == null
                    ? " in the service's only deployment."
                    : " and the rollout is COMPLETED."),
            null,
            state);
      }
      if (ours != null) {
        sawOurDeployment = true;
        if ("FAILED".equals(ours.rolloutStateAsString())) {
          return failed(ours, primary, state);
        }
        boolean look =
            recheckStoppedTasks
                || n(ours.failedTasks()) > lastFailedTasks
                || n(ours.runningCount()) + n(ours.pendingCount()) < lastActiveTasks
                || eventsSayStopped;
        lastFailedTasks = n(ours.failedTasks());
        lastActiveTasks = n(ours.runningCount()) + n(ours.pendingCount());
        if (look && !stoppedTaskLookupBroken) {
          Set<String> otherDeployments = new HashSet<>();
          for (Deployment d : svc.deployments()) {
            if (d.id() != null && !d.id().equals(ours.id())) {
              otherDeployments.add(d.id());
            }
          }
          return lookAtStoppedTasks(ours, otherDeployments, state);
        }
      } else if (sawOurDeployment && primary != null) {
        return new DeploymentOutcome(
            service,
            Kind.ROLLED_BACK,
            "ECS replaced the deployment of "
                + Arns.shortName(expected)
                + " with one running "
                + Arns.shortName(primary.taskDefinition())
                + " (a rollback, or a newer deployment by someone else).",
            primary.rolloutStateReason(),
            state);
      }
      return null;
    }

    /** A canary, linear or blue/green rollout is done only when its service deployment is. */
    private StagedRollout.Verdict staged(Service svc, Deployment ours) {
      if (stages == null && StagedRollout.applies(svc)) {
        stages = new StagedRollout(ecs, cluster, service, clock);
      }
      return stages == null
          ? new StagedRollout.Verdict(StagedRollout.Status.SUCCESSFUL, null, null)
          : stages.poll(ours == null ? null : ours.createdAt(), Arns.shortName(expected), listener);
    }

    /**
     * For an in-flight target: the revision of the deployment ECS is moving the service to (the
     * PRIMARY's), or of its newest FAILED deployment when {@link Rollout} says the rollout failed,
     * so that the wait ends at once as it would have for the apply that started it. Null when the
     * service lists no deployment.
     */
    private String inFlightRevision(Service svc, Deployment primary) {
      if (Rollout.of(SdkJson.toJson(svc)) instanceof Rollout.Failed failed
          && failed.taskDefinitionArn() != null) {
        return failed.taskDefinitionArn();
      }
      return primary == null ? null : primary.taskDefinition();
    }

    /**
     * The deployment running the expected task definition: the PRIMARY if it does, otherwise the
     * newest such deployment.
     */
    private Deployment ourDeployment(Service svc, Deployment primary) {
      if (primary != null && expected.equals(primary.taskDefinition())) {
        return primary;
      }
      return svc.deployments().stream()
          .filter(d -> expected.equals(d.taskDefinition()))
          .max(Comparator.comparing(d -> d.createdAt() == null ? Instant.MIN : d.createdAt()))
          .orElse(null);
    }

    private DeploymentState state(Deployment primary, Deployment ours) {
      Deployment shown = ours != null ? ours : primary;
      if (shown == null) {
        return new DeploymentState(service, expected, null, null, 0, 0, 0, 0, null, null);
      }
      return new DeploymentState(
          service,
          expected,
          primary == null ? null : primary.taskDefinition(),
          ours == null ? null : ours.id(),
          n(shown.runningCount()),
          n(shown.desiredCount()),
          n(shown.pendingCount()),
          n(shown.failedTasks()),
          shown.rolloutStateAsString(),
          shown.rolloutStateReason());
    }

    private boolean isSteady(Service svc, Deployment primary) {
      if (primary == null || !expected.equals(primary.taskDefinition())) {
        return false;
      }
      if (n(primary.runningCount()) != n(primary.desiredCount())) {
        return false;
      }
      String rollout = primary.rolloutStateAsString();
      return rollout == null ? svc.deployments().size() == 1 : rollout.equals("COMPLETED");
    }

    /**
     * Reports events not seen before, oldest first. On the first poll, events older than our
     * deployment belong to earlier history and are only remembered. Returns whether a reported
     * event says that tasks stopped.
     */
    private boolean reportNewEvents(Service svc, Deployment ours) {
      Instant since = ours == null ? null : ours.createdAt();
      List<ServiceEvent> fresh = new ArrayList<>();
      List<ServiceEvent> events = svc.events();
      for (int i = events.size() - 1; i >= 0; i--) { // ECS lists the newest event first
        ServiceEvent event = events.get(i);
        String key = event.id() != null ? event.id() : event.createdAt() + " " + event.message();
        if (!seenEvents.add(key)) {
          continue;
        }
        boolean historic =
            firstPoll
                && (since == null
                    || event.createdAt() == null
                    || event.createdAt().isBefore(since));
        if (!historic) {
          fresh.add(event);
        }
      }
      fresh.sort(Comparator.comparing(e -> e.createdAt() == null ? Instant.MAX : e.createdAt()));
      boolean stopped = false;
      for (ServiceEvent event : fresh) {
        String message = event.message() == null ? "" : event.message();
        listener.serviceEvent(service, event.createdAt(), message);
        stopped |= message.contains("has stopped");
      }
      return stopped;
    }

    private DeploymentOutcome failed(Deployment ours, Deployment primary, DeploymentState state) {
      String reason = ours.rolloutStateReason();
      String because = reason == null || reason.isBlank() ? "" : " (" + reason.strip() + ")";
      boolean rolledBack = primary != null && !expected.equals(primary.taskDefinition());
      String explanation =
          "ECS marked the deployment of "
              + Arns.shortName(expected)
              + " FAILED"
              + because
              + (rolledBack
                  ? " and rolled back to " + Arns.shortName(primary.taskDefinition()) + "."
                  : " and did not roll back, so the service stays on the failed deployment.");
      return new DeploymentOutcome(service, Kind.ROLLED_BACK, explanation, reason, state);
    }

    /**
     * Reports stopped tasks of our deployment not reported before, and ends the wait when the last
     * {@code maxTaskFailures} of them stopped for the same reason.
     */
    private DeploymentOutcome lookAtStoppedTasks(
        Deployment ours, Set<String> otherDeployments, DeploymentState state) {
      List<Task> tasks;
      try {
        tasks = newStoppedTasks();
      } catch (SdkException e) {
        if (!Polls.isTransient(e)) {
          // Without ecs:ListTasks or ecs:DescribeTasks the wait still works, only less talkative.
          stoppedTaskLookupBroken = true;
        }
        listener.pollFailed(service, "could not look up stopped tasks: " + Polls.describe(e));
        recheckStoppedTasks = !stoppedTaskLookupBroken;
        return null;
      }
      recheckStoppedTasks = false;
      List<StoppedTask> stopped = new ArrayList<>();
      for (Task task : tasks) {
        if (!isOurs(task, ours, otherDeployments)) {
          handledStoppedTasks.add(task.taskArn());
        } else if (!"STOPPED".equals(task.lastStatus())) {
          recheckStoppedTasks = true; // still stopping: its reason may not be final yet
        } else {
          handledStoppedTasks.add(task.taskArn());
          stopped.add(StoppedTask.of(task));
        }
      }
      stopped.sort(Comparator.comparing(t -> t.stoppedAt() == null ? Instant.MAX : t.stoppedAt()));
      for (StoppedTask task : stopped) {
        listener.taskStopped(service, task);
        String cause = task.comparableCause();
        if (cause.equals(streakCause)) {
          streak++;
        } else {
          streakCause = cause;
          streak = 1;
        }
        if (options.maxTaskFailures() > 0 && streak >= options.maxTaskFailures()) {
          return new DeploymentOutcome(
              service,
              Kind.TASKS_FAILING,
              streak
                  + " tasks of "
                  + Arns.shortName(expected)
                  + " stopped in a row with the same reason: "
                  + task.cause(),
              task.cause(),
              state);
        }
      }
      return null;
    }

    /**
     * Whether a stopped task belongs to the deployment being watched. ECS sets a service task's
     * {@code startedBy} to the id of the deployment that started it, which settles it. Emulators,
     * and tasks started some other way, carry another {@code startedBy} or none; such a task is
     * ours when it runs the expected task definition, unless its {@code startedBy} names another
     * deployment (one the service lists, or any id in ECS's {@code ecs-svc/} form: a deployment of
     * the same revision that has drained since) or it stopped before our deployment was created (an
     * earlier attempt's task, which ECS still lists for a while).
     */
    private boolean isOurs(Task task, Deployment ours, Set<String> otherDeployments) {
      String startedBy = task.startedBy();
      if (startedBy != null && startedBy.equals(ours.id())) {
        return true;
      }
      if (startedBy != null
          && (otherDeployments.contains(startedBy) || startedBy.startsWith("ecs-svc/"))) {
        return false;
      }
      if (!expected.equals(task.taskDefinitionArn())) {
        return false;
      }
      return ours.createdAt() == null
          || task.stoppedAt() == null
          || !task.stoppedAt().isBefore(ours.createdAt());
    }

    private List<Task> newStoppedTasks() {
      List<String> arns =
          ecs
              .listTasks(
                  r -> r.cluster(cluster).serviceName(service).desiredStatus(DesiredStatus.STOPPED))
              .taskArns()
              .stream()
              .filter(arn -> !handledStoppedTasks.contains(arn))
              .toList();
      List<Task> tasks = new ArrayList<>();
      for (int from = 0; from < arns.size(); from += DESCRIBE_TASKS_LIMIT) {
        List<String> chunk = arns.subList(from, Math.min(arns.size(), from + DESCRIBE_TASKS_LIMIT));
        tasks.addAll(ecs.describeTasks(r -> r.cluster(cluster).tasks(chunk)).tasks());
      }
      return tasks;
    }

    private DeploymentOutcome timedOut() {
      String seen =
          lastState == null
              ? "ECS never answered."
              : "last seen: "
                  + lastState.summary()
                  + (stages == null || stages.stage() == null ? "" : ", stage " + stages.stage())
                  + ".";
      return new DeploymentOutcome(
          service,
          Kind.TIMED_OUT,
          (expected == null ? "The rollout of " + service : Arns.shortName(expected))
              + " did not reach steady state within "
              + Polls.human(options.timeout())
              + "; "
              + seen,
          null,
          lastState);
    }

    private DeploymentOutcome error(String explanation, SdkException e) {
      return new DeploymentOutcome(
          service, Kind.ERROR, explanation, e == null ? explanation : Polls.describe(e), lastState);
    }
  }

  private static int n(Integer value) {
    return value == null ? 0 : value;
  }
}
