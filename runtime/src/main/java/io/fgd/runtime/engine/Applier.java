package io.fgd.runtime.engine;

import io.fgd.runtime.FgdRuntimeException;
import io.fgd.runtime.aws.AwsClients;
import io.fgd.runtime.aws.AwsSettings;
import io.fgd.runtime.deploy.DeploymentOutcome;
import io.fgd.runtime.deploy.DeploymentWatcher;
import io.fgd.runtime.deploy.ProgressListener;
import io.fgd.runtime.deploy.Rollout;
import io.fgd.runtime.deploy.Sleeper;
import io.fgd.runtime.engine.ApplyResult.Status;
import io.fgd.runtime.state.AwsStateReader;
import io.fgd.runtime.state.ObservedState;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * {@code fgd apply}: makes the account match a plan.
 *
 * <p>Order, so that a crash or Ctrl-C at any point leaves a state from which running apply again
 * converges: what belongs to no service (the cluster); then per service each kind in the order of
 * {@link Kinds#ALL} (log groups, task definition, service, autoscaling), each kind's objects after
 * those they depend on. A revision is registered before the service points at it; a service is
 * created by one atomic CreateService call with the complete configuration, so it is never half
 * made.
 *
 * <p>Services are applied concurrently, except that a service waits for the services it {@code
 * depends_on} (and, when waiting for steady state, for their deployments to succeed; if one fails,
 * the services depending on it are not touched). What counts is the live state, not only this
 * run's: a service without a rollout of this run's but with one in flight (an earlier apply timed
 * out) is waited for as if it were this run's, also when the plan has no change, and a dependency
 * whose newest deployment is FAILED keeps its dependants alone. Removed services are pruned last.
 *
 * <p>Waiting uses {@link DeploymentWatcher}: success only when the PRIMARY deployment runs the
 * revision apply chose, its rollout is COMPLETED and all desired tasks run. The timeout is for the
 * whole apply.
 *
 * <p>Throttling and transient errors are retried by the SDK's retry policy (see {@link
 * AwsClients}); what still fails is reported with the changes made before it.
 */
public final class Applier {
  private final AwsClients clients;
  private final AwsSettings settings;
  private final ApplyOptions options;
  private final ApplyListener listener;
  private final ProgressListener progress;
  private final Clock clock;
  private final Sleeper sleeper;
  private final AwsStateReader reader;

  /** One per apply: a create retried by the SDK after a lost answer is then not a second one. */
  private final String clientToken = UUID.randomUUID().toString();

  private final List<AppliedChange> changes = Collections.synchronizedList(new ArrayList<>());
  private final List<String> notes = Collections.synchronizedList(new ArrayList<>());
  private final List<String> errors = Collections.synchronizedList(new ArrayList<>());
  private final java.util.concurrent.atomic.AtomicInteger timedOutErrors =
      new java.util.concurrent.atomic.AtomicInteger();
  private final List<DeploymentOutcome> outcomes = Collections.synchronizedList(new ArrayList<>());

  /** With --no-wait: the live rollouts found failed with no task running, by service. */
  private final Map<String, DeploymentOutcome> failedInFlight =
      new java.util.concurrent.ConcurrentHashMap<>();

  private static final int MAX_PARALLEL_SERVICES = 8;

  public Applier(
      AwsClients clients,
      AwsSettings settings,
      ApplyOptions options,
      ApplyListener listener,
      ProgressListener progress) {
    this(clients, settings, options, listener, progress, Clock.systemUTC(), Sleeper.system());
  }

  /**
   * @param clock and sleeper drive the wait for steady state; tests pass a fake time
   */
  public Applier(
      AwsClients clients,
      AwsSettings settings,
      ApplyOptions options,
      ApplyListener listener,
      ProgressListener progress,
      Clock clock,
      Sleeper sleeper) {
    this.clients = Objects.requireNonNull(clients, "clients");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.options = Objects.requireNonNull(options, "options");
    this.listener = Objects.requireNonNull(listener, "listener");
    this.progress = Objects.requireNonNull(progress, "progress");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    this.reader = new AwsStateReader(clients, settings);
  }

  /**
   * Applies {@code planned}, which must be fresh: made from the account as it is now (for a saved
   * plan, re-plan its artifacts and check its fingerprints first; see {@link SavedPlans}).
   *
   * @throws InterruptedException if the thread is interrupted (Ctrl-C); what was done stays done,
   *     and running apply again converges
   */
  public ApplyResult apply(PlanResult planned) throws InterruptedException {
    int mark = clients.calls().size();
    DesiredState desired = planned.desired();
    ObservedState observed = planned.observed();
    List<ResourceChange> all = planned.plan().changes();

    List<String> refusals = Kinds.refusals(desired, observed, all, options);
    if (!refusals.isEmpty()) {
      return result(Status.REFUSED, mark, false, refusals);
    }

    Set<String> orphans = new LinkedHashSet<>(new TreeMap<>(observed.orphans()).keySet());
    if (!options.prune()) {
      for (String orphan : orphans) {
        note(
            "Service \""
                + orphan
                + "\" carries this app's fgd:app tag but is not in the spec;"
                + " it was left running. Pass --prune to delete it.");
      }
    }
    boolean work = all.stream().anyMatch(c -> options.prune() || !isPrune(c, orphans));
    // The rollouts the spec's services have in flight (or that failed), which an earlier apply
    // started: waited for and reported as this apply's own, also when there is nothing to change.
    Map<String, Rollout> unsteady = new LinkedHashMap<>();
    planned.plan().rollouts().forEach(r -> unsteady.put(r.service(), r));
    if (!work && (unsteady.isEmpty() || !options.waitForSteadyState())) {
      return result(Status.NOTHING_TO_DO, mark, false, List.of());
    }

    Instant deadline = clock.instant().plus(options.watch().timeout());
    ApplyRun run =
        new ApplyRun(
            clients,
            settings,
            options,
            reader,
            desired.app(),
            desired.cluster(),
            observed,
            desired,
            clientToken,
            this::changed,
            this::note,
            listener,
            clock,
            sleeper,
            deadline);
    try {
      // Every app-level change, destroys included (a kind that deletes only once nothing of the app
      // uses its object leaves its destroys to pruneApp, below).
      List<ResourceChange> appLevel = all.stream().filter(c -> c.service().isEmpty()).toList();
      for (Kind kind : Kinds.ALL) {
        List<ResourceChange> mine = ApplyRun.of(kind, appLevel);
        if (!mine.isEmpty()) {
          kind.applyApp(mine, run);
        }
      }
    } catch (FgdRuntimeException e) {
      failed(e);
      return result(Status.FAILED, mark, false, List.of());
    }

    Map<String, ServiceRun> runs = new LinkedHashMap<>();
    for (String name : ServiceOrder.of(desired, options.dependsOn())) {
      DesiredService want = desired.services().get(name);
      List<ResourceChange> mine =
          all.stream().filter(c -> c.service().equals(Optional.of(name))).toList();
      runs.put(
          name,
          new ServiceRun(
              new ServiceStep(run, name, Optional.of(want)),
              mine,
              Optional.ofNullable(unsteady.get(name)),
              deadline));
    }
    try {
      runFirstSteps(runs);
    } catch (StepFailedException e) {
      errors.add(e.getMessage());
      return result(e.timedOut() ? Status.TIMED_OUT : Status.STEP_FAILED, mark, false, List.of());
    } catch (FgdRuntimeException e) {
      failed(e);
      return result(Status.FAILED, mark, false, List.of());
    }
    runConcurrently(runs);

    if (options.prune()) {
      for (String orphan : orphans) {
        try {
          prune(new ServiceStep(run, orphan, Optional.empty()), all);
        } catch (FgdRuntimeException e) {
          failed(e);
        }
      }
      if (errors.isEmpty()) {
        Kinds.pruneApp(
            all.stream()
                .filter(c -> c.service().isEmpty() && c.action() == Action.DESTROY)
                .toList(),
            run,
            this::failed);
      }
    }

    boolean waited = options.waitForSteadyState();
    Status status =
        ApplyResult.status(
            errors.size(),
            timedOutErrors.get(),
            List.copyOf(outcomes),
            clients.calls().mutatingSince(mark).isEmpty());
    return result(status, mark, waited, List.of());
  }

  /** Keeps a step's error; one that only ran out of --timeout counts too, for exit 4. */
  private void failed(FgdRuntimeException e) {
    errors.add(e.getMessage());
    if (e instanceof StepFailedException s && s.timedOut()) {
      timedOutErrors.incrementAndGet();
    }
  }

  private ApplyResult result(Status status, int mark, boolean waited, List<String> extraErrors) {
    List<String> allErrors = new ArrayList<>(errors);
    allErrors.addAll(extraErrors);
    for (DeploymentOutcome o : outcomes) {
      if (o.kind() == DeploymentOutcome.Kind.ERROR) {
        allErrors.add(o.explanation());
      }
    }
    return new ApplyResult(
        status, changes, outcomes, clients.calls().mutatingSince(mark), waited, notes, allErrors);
  }

  private static boolean isPrune(ResourceChange c, Set<String> orphans) {
    return c.action() == Action.DESTROY && c.service().map(orphans::contains).orElse(true);
  }

  /**
   * The changes of the kinds that go before any service's ({@link Kind#beforeServices}), with the
   * kinds they depend on, service after service in dependency order: a migration runs with its
   * service's new revision before any service is created or updated, and one that fails stops the
   * apply there.
   */
  private void runFirstSteps(Map<String, ServiceRun> runs) throws FgdRuntimeException {
    List<Kind> first = Kinds.beforeServices();
    for (ServiceRun r : runs.values()) {
      if (r.mine.stream().noneMatch(c -> c.type().beforeServices())) {
        continue;
      }
      for (Kind kind : first) {
        kind.apply(ApplyRun.of(kind, r.mine), r.step);
        r.done.add(kind);
      }
    }
  }

  /**
   * Runs every service in its own task. Tasks are submitted in dependency order and the pool is
   * first-in first-out, so a task only ever waits for tasks that have already started.
   */
  private void runConcurrently(Map<String, ServiceRun> runs) throws InterruptedException {
    ExecutorService pool =
        io.fgd.runtime.DaemonPools.fixed("apply", Math.min(runs.size(), MAX_PARALLEL_SERVICES));
    Map<String, Future<Optional<String>>> done = new LinkedHashMap<>();
    try {
      for (var e : runs.entrySet()) {
        List<Future<Optional<String>>> dependencies = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (String d : options.dependsOn().getOrDefault(e.getKey(), List.of())) {
          if (done.containsKey(d)) {
            dependencies.add(done.get(d));
            names.add(d);
          }
        }
        ServiceRun run = e.getValue();
        done.put(
            e.getKey(),
            pool.submit(
                () -> {
                  for (int i = 0; i < dependencies.size(); i++) {
                    Optional<String> why = dependencies.get(i).get();
                    if (why.isPresent()) {
                      return run.leftAlone(names.get(i), why.get());
                    }
                  }
                  return run.applyService();
                }));
      }
      for (Future<Optional<String>> f : done.values()) {
        try {
          f.get();
        } catch (ExecutionException ex) {
          Throwable cause = ex.getCause();
          if (cause instanceof RuntimeException r) {
            throw r;
          }
          if (cause instanceof Error err) {
            throw err;
          }
          throw new IllegalStateException(cause);
        }
      }
    } finally {
      pool.shutdownNow();
    }
  }

  // ---- one service ----

  private final class ServiceRun {
    final ServiceStep step;
    final List<ResourceChange> mine;
    final Optional<Rollout> live;
    final Instant deadline;

    /** The kinds already applied for this service, before any service's (see runFirstSteps). */
    final Set<Kind> done = new HashSet<>();

    ServiceRun(
        ServiceStep step, List<ResourceChange> mine, Optional<Rollout> live, Instant deadline) {
      this.step = step;
      this.mine = mine;
      this.live = live;
      this.deadline = deadline;
    }

    /**
     * Applies the service; empty when it is applied (and, when waiting, deployed), so its
     * dependants may go on; otherwise why they may not, completing "it depends on "x", ...".
     */
    Optional<String> applyService() throws InterruptedException {
      try {
        return run();
      } catch (FgdRuntimeException e) {
        failed(e);
        return Optional.of("which did not apply.");
      }
    }

    /**
     * A service whose dependency is not deployed: its changes are not made (a note says why), and
     * its dependants are left alone in turn. Its own rollout in flight is still waited for, which
     * changes nothing.
     */
    Optional<String> leftAlone(String dependency, String why) throws InterruptedException {
      if (!mine.isEmpty()) {
        DeploymentOutcome failed = failedInFlight.get(dependency);
        synchronized (outcomes) {
          if (failed != null && !outcomes.contains(failed)) {
            outcomes.add(failed);
          }
        }
        note(
            "Service \""
                + step.service()
                + "\" was not applied: it depends on \""
                + dependency
                + "\", "
                + why);
      }
      if (live.isPresent() && options.waitForSteadyState()) {
        watchInFlight();
      }
      return Optional.of("which was not applied.");
    }

    /**
     * Every kind in creation order (also those without changes: a kind may publish what the next
     * one needs), then the wait for the rollout a kind started, then what comes after it, told
     * whether the rollout was seen to succeed (never with --no-wait).
     */
    private Optional<String> run() throws FgdRuntimeException, InterruptedException {
      for (Kind kind : Kinds.ALL) {
        if (!done.contains(kind)) {
          kind.apply(ApplyRun.of(kind, mine), step);
        }
      }
      Optional<String> blocked = Optional.empty();
      boolean deployed = false;
      Optional<String> rollout = step.rollout();
      if (rollout.isPresent() && options.waitForSteadyState()) {
        // One deadline for the whole apply; the watcher's options keep the --timeout given, which
        // is what a timeout reports.
        DeploymentOutcome outcome =
            watcher()
                .watchUntil(
                    step.run().cluster(), step.service(), rollout.get(), deadline, progress);
        outcomes.add(outcome);
        deployed = outcome.succeeded();
        blocked = deployed ? blocked : Optional.of("which did not deploy successfully.");
      } else if (rollout.isEmpty() && live.isPresent()) {
        // No rollout of this run's: the one an earlier run left unfinished or failed.
        blocked = inFlight();
      }
      for (Kind kind : Kinds.ALL) {
        kind.afterRollout(step, deployed);
      }
      return blocked;
    }

    /**
     * The live rollout this run did not start. Waiting: waited for as this run's own would be, and
     * the dependants go on only once it is steady. With --no-wait: not waited for, but a failed one
     * that runs no task keeps the dependants alone, as it would have in the run that started it.
     */
    private Optional<String> inFlight() throws InterruptedException {
      if (options.waitForSteadyState()) {
        DeploymentOutcome outcome = watchInFlight();
        return outcome.succeeded()
            ? Optional.empty()
            : Optional.of(
                "whose rollout in flight did not deploy successfully: " + outcome.explanation());
      }
      Rollout r = live.get();
      if (r instanceof Rollout.Failed f && f.running() == 0) {
        String line = r.describe(clock.instant()).orElseThrow();
        String state = line.substring(line.indexOf(": ") + 2);
        // Reported as a failed deployment only if it keeps a dependant's changes from being made.
        failedInFlight.put(
            step.service(),
            new DeploymentOutcome(
                step.service(),
                DeploymentOutcome.Kind.ROLLED_BACK,
                state,
                f.reason().orElse(null),
                null));
        return Optional.of("whose " + state + ".");
      }
      return Optional.empty();
    }

    private DeploymentOutcome watchInFlight() throws InterruptedException {
      DeploymentOutcome outcome =
          watcher().watchInFlightUntil(step.run().cluster(), step.service(), deadline, progress);
      outcomes.add(outcome);
      return outcome;
    }

    private DeploymentWatcher watcher() {
      return new DeploymentWatcher(clients.ecs(), options.watch(), clock, sleeper);
    }
  }

  /**
   * Removes a service that carries this app's tag but left the spec: kind by kind in deletion order
   * (its autoscaling first, or it would scale the service up again).
   */
  private void prune(ServiceStep step, List<ResourceChange> all) throws FgdRuntimeException {
    List<ResourceChange> mine =
        all.stream().filter(c -> c.service().equals(Optional.of(step.service()))).toList();
    for (Kind kind : Kinds.deletionOrder()) {
      List<ResourceChange> changes = ApplyRun.of(kind, mine);
      if (!changes.isEmpty()) {
        kind.apply(changes, step);
      }
    }
  }

  private void changed(AppliedChange change) {
    changes.add(change);
    listener.changed(change);
  }

  private void note(String message) {
    notes.add(message);
    listener.note(message);
  }
}
