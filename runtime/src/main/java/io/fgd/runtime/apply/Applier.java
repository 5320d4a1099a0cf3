package io.fgd.runtime.apply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fgd.runtime.FgdRuntimeException;
import io.fgd.runtime.apply.ApplyResult.Status;
import io.fgd.runtime.aws.AwsClients;
import io.fgd.runtime.aws.AwsErrors;
import io.fgd.runtime.aws.AwsSettings;
import io.fgd.runtime.aws.SdkJson;
import io.fgd.runtime.deploy.DeploymentOutcome;
import io.fgd.runtime.deploy.DeploymentWatcher;
import io.fgd.runtime.deploy.ProgressListener;
import io.fgd.runtime.deploy.Sleeper;
import io.fgd.runtime.plan.Action;
import io.fgd.runtime.plan.DesiredService;
import io.fgd.runtime.plan.DesiredState;
import io.fgd.runtime.plan.Differ;
import io.fgd.runtime.plan.FieldChange;
import io.fgd.runtime.plan.PlanResult;
import io.fgd.runtime.plan.ResourceChange;
import io.fgd.runtime.plan.ResourceType;
import io.fgd.runtime.state.AwsStateReader;
import io.fgd.runtime.state.ObservedService;
import io.fgd.runtime.state.ObservedState;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
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
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.applicationautoscaling.model.PutScalingPolicyRequest;
import software.amazon.awssdk.services.applicationautoscaling.model.RegisterScalableTargetRequest;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalableDimension;
import software.amazon.awssdk.services.applicationautoscaling.model.ServiceNamespace;
import software.amazon.awssdk.services.cloudwatchlogs.model.CreateLogGroupRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.PutRetentionPolicyRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceAlreadyExistsException;
import software.amazon.awssdk.services.ecs.model.CreateServiceRequest;
import software.amazon.awssdk.services.ecs.model.Deployment;
import software.amazon.awssdk.services.ecs.model.RegisterTaskDefinitionRequest;
import software.amazon.awssdk.services.ecs.model.SortOrder;
import software.amazon.awssdk.services.ecs.model.Tag;
import software.amazon.awssdk.services.ecs.model.TaskDefinitionStatus;
import software.amazon.awssdk.services.ecs.model.UpdateServiceRequest;

/**
 * {@code fgd apply}: makes the account match a plan.
 *
 * <p>Order, so that a crash or Ctrl-C at any point leaves a state from which running apply again
 * converges: the cluster; then per service its log groups, its task definition (an ACTIVE revision
 * equal to the spec is reused, otherwise one is registered), the service (created, or updated to
 * the new revision with a rolling deployment), and its autoscaling, which needs the service to
 * exist. A revision registered before a crash is found and reused by the next run, so it registers
 * nothing twice; a service is created by one atomic CreateService call with the complete
 * configuration, so it is never half made.
 *
 * <p>Services are applied concurrently, except that a service waits for the services it {@code
 * depends_on} (and, when waiting for steady state, for their deployments to succeed; if one fails,
 * the services depending on it are not touched). Removed services are pruned last.
 *
 * <p>Waiting uses {@link DeploymentWatcher}: success only when the PRIMARY deployment runs the
 * revision apply chose, its rollout is COMPLETED and all desired tasks run. The timeout is for the
 * whole apply.
 *
 * <p>Throttling and transient errors are retried by the SDK's retry policy (see {@link
 * AwsClients}); what still fails is reported with the changes made before it.
 */
public final class Applier {
  /**
   * How many of a family's newest ACTIVE revisions are compared with the spec before registering.
   */
  static final int REUSE_CANDIDATES = 10;

  private static final int MAX_PARALLEL_SERVICES = 8;
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final AwsClients clients;
  private final AwsSettings settings;
  private final ApplyOptions options;
  private final ApplyListener listener;
  private final ProgressListener progress;
  private final Clock clock;
  private final Sleeper sleeper;
  private final AwsStateReader reader;

  /**
   * One per apply: CreateService retried by the SDK after a lost answer is then not a second
   * create.
   */
  private final String clientToken = UUID.randomUUID().toString();

  /** The app of the plan being applied: the value of the fgd:app tag. */
  private volatile String app = "";

  private final List<AppliedChange> changes = Collections.synchronizedList(new ArrayList<>());
  private final List<String> notes = Collections.synchronizedList(new ArrayList<>());
  private final List<String> errors = Collections.synchronizedList(new ArrayList<>());
  private final List<DeploymentOutcome> outcomes = Collections.synchronizedList(new ArrayList<>());

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
    app = desired.app();
    ObservedState observed = planned.observed();
    List<ResourceChange> all = planned.plan().changes();

    List<String> refusals = refusals(desired, observed, all);
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
    if (!work) {
      return result(Status.NOTHING_TO_DO, mark, false, List.of());
    }

    Instant deadline = clock.instant().plus(options.watch().timeout());
    try {
      if (all.stream()
          .anyMatch(c -> c.type() == ResourceType.CLUSTER && c.action() == Action.CREATE)) {
        createCluster(desired);
      }
    } catch (FgdRuntimeException e) {
      errors.add(e.getMessage());
      return result(Status.FAILED, mark, false, List.of());
    }

    Map<String, ServiceRun> runs = new LinkedHashMap<>();
    for (String name : dependencyOrder(desired)) {
      DesiredService want = desired.services().get(name);
      List<ResourceChange> mine =
          all.stream().filter(c -> c.service().equals(Optional.of(name))).toList();
      runs.put(name, new ServiceRun(want, observed, mine, deadline));
    }
    runConcurrently(runs);

    if (options.prune()) {
      for (String orphan : orphans) {
        try {
          prune(desired, observed, orphan, all);
        } catch (FgdRuntimeException e) {
          errors.add(e.getMessage());
        }
      }
    }

    boolean waited = options.waitForSteadyState();
    Status status;
    List<DeploymentOutcome> ended = List.copyOf(outcomes);
    if (!errors.isEmpty()
        || ended.stream().anyMatch(o -> o.kind() == DeploymentOutcome.Kind.ERROR)) {
      status = Status.FAILED;
    } else if (ended.stream()
        .anyMatch(
            o ->
                o.kind() == DeploymentOutcome.Kind.ROLLED_BACK
                    || o.kind() == DeploymentOutcome.Kind.TASKS_FAILING)) {
      status = Status.DEPLOYMENT_FAILED;
    } else if (ended.stream().anyMatch(o -> o.kind() == DeploymentOutcome.Kind.TIMED_OUT)) {
      status = Status.TIMED_OUT;
    } else {
      status =
          clients.calls().mutatingSince(mark).isEmpty() ? Status.NOTHING_TO_DO : Status.APPLIED;
    }
    return result(status, mark, waited, List.of());
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
    return c.action() == Action.DESTROY && c.service().map(orphans::contains).orElse(false);
  }

  // ---- refusals: checked before the first change ----

  private List<String> refusals(
      DesiredState desired, ObservedState observed, List<ResourceChange> all) {
    List<String> out = new ArrayList<>();
    for (DesiredService want : desired.services().values()) {
      Optional<ObjectNode> liveTd = liveTaskDefinition(want.name(), observed);
      for (JsonNode c : want.taskDefinition().path("containerDefinitions")) {
        String image = c.path("image").asText();
        if (DesiredState.isPlaceholderImage(image)
            && liveImage(liveTd, c.path("name").asText()).isEmpty()) {
          out.add(
              "Service \""
                  + want.name()
                  + "\" is built from source and has never been deployed,"
                  + " so container \""
                  + c.path("name").asText()
                  + "\" has no image to keep."
                  + " Pass --image-tag with the tag of the image to deploy.");
        }
      }
    }
    for (ResourceChange c : all) {
      if (c.type() == ResourceType.SERVICE && c.action() == Action.REPLACE) {
        String fields =
            String.join(
                ", ",
                c.fields().stream()
                    .filter(
                        f -> List.of(".launchType", ".serviceName", ".cluster").contains(f.path()))
                    .map(f -> f.path().substring(1))
                    .toList());
        out.add(
            "Service \""
                + c.name()
                + "\" would have to be replaced ("
                + fields
                + " changed),"
                + " and ECS cannot change that in place. fgd does not delete a running service to"
                + " recreate it: delete the service yourself (scale it to 0, then `aws ecs"
                + " delete-service`) and run fgd apply again.");
      }
    }
    return out;
  }

  private static Optional<ObjectNode> liveTaskDefinition(String name, ObservedState observed) {
    ObservedService live = observed.services().get(name);
    if (live == null || live.isGone()) {
      return Optional.empty();
    }
    return observed.taskDefinitionOf(live);
  }

  private static Optional<String> liveImage(Optional<ObjectNode> liveTd, String container) {
    if (liveTd.isEmpty()) {
      return Optional.empty();
    }
    for (JsonNode c : liveTd.get().path("containerDefinitions")) {
      if (c.path("name").asText().equals(container) && !c.path("image").asText().isEmpty()) {
        return Optional.of(c.path("image").asText());
      }
    }
    return Optional.empty();
  }

  // ---- ordering ----

  /** Services in an order where each comes after the services it depends on; by name otherwise. */
  private List<String> dependencyOrder(DesiredState desired) {
    List<String> order = new ArrayList<>();
    Set<String> visiting = new HashSet<>();
    for (String name : desired.services().keySet()) {
      visit(name, desired, order, visiting);
    }
    return order;
  }

  private void visit(String name, DesiredState desired, List<String> order, Set<String> visiting) {
    if (order.contains(name) || !desired.services().containsKey(name) || !visiting.add(name)) {
      return; // done, not in the spec, or a cycle (the checker rejects cycles)
    }
    for (String dependency :
        new java.util.TreeSet<>(options.dependsOn().getOrDefault(name, List.of()))) {
      visit(dependency, desired, order, visiting);
    }
    order.add(name);
  }

  /**
   * Runs every service in its own task. Tasks are submitted in dependency order and the pool is
   * first-in first-out, so a task only ever waits for tasks that have already started.
   */
  private void runConcurrently(Map<String, ServiceRun> runs) throws InterruptedException {
    ExecutorService pool =
        io.fgd.runtime.DaemonPools.fixed("apply", Math.min(runs.size(), MAX_PARALLEL_SERVICES));
    Map<String, Future<Boolean>> done = new LinkedHashMap<>();
    try {
      for (var e : runs.entrySet()) {
        List<Future<Boolean>> dependencies = new ArrayList<>();
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
                    if (!dependencies.get(i).get()) {
                      note(
                          "Service \""
                              + run.want.name()
                              + "\" was not applied: it depends on \""
                              + names.get(i)
                              + "\", which did not "
                              + (options.waitForSteadyState() ? "deploy successfully." : "apply."));
                      return false;
                    }
                  }
                  return run.applyService();
                }));
      }
      for (Future<Boolean> f : done.values()) {
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
    final DesiredService want;
    final ObservedService live;
    final Optional<ObjectNode> liveTd;
    final List<ResourceChange> mine;
    final Instant deadline;
    final String cluster;

    ServiceRun(
        DesiredService want, ObservedState observed, List<ResourceChange> mine, Instant deadline) {
      this.want = want;
      ObservedService s = observed.services().get(want.name());
      this.live = s == null || s.isGone() ? null : s;
      this.liveTd = liveTaskDefinition(want.name(), observed);
      this.mine = mine;
      this.deadline = deadline;
      this.cluster = want.service().path("cluster").asText();
    }

    /** Whether the service is applied (and, when waiting, deployed): its dependents may go on. */
    boolean applyService() throws InterruptedException {
      try {
        return run();
      } catch (FgdRuntimeException e) {
        errors.add(e.getMessage());
        return false;
      }
    }

    private boolean run() throws FgdRuntimeException, InterruptedException {
      for (ResourceChange c : of(ResourceType.LOG_GROUP)) {
        if (c.action() == Action.CREATE) {
          createLogGroup(c.name());
        } else if (c.action() == Action.UPDATE) {
          putRetention(c.name());
        }
      }

      boolean tdChanged = !of(ResourceType.TASK_DEFINITION).isEmpty();
      String tdArn;
      boolean registered = false;
      if (!tdChanged && live != null) {
        tdArn = live.taskDefinitionArn();
      } else {
        ObjectNode td = withLiveImages(want.taskDefinition());
        Optional<String> reusable = findEqualRevision(td);
        if (reusable.isPresent()) {
          tdArn = reusable.get();
          note(
              "Task definition \""
                  + want.family()
                  + "\": reusing "
                  + shortName(tdArn)
                  + ", which equals the spec.");
        } else {
          tdArn = registerTaskDefinition(td);
          registered = true;
        }
      }

      boolean deploying = false;
      if (live == null) {
        createService(tdArn);
        deploying = true;
      } else {
        Optional<ResourceChange> change = of(ResourceType.SERVICE).stream().findFirst();
        List<FieldChange> fields = change.map(ResourceChange::fields).orElse(List.of());
        boolean settings =
            fields.stream()
                .anyMatch(
                    f -> !f.path().startsWith(".tags") && !f.path().equals(".taskDefinition"));
        if (!tdArn.equals(live.taskDefinitionArn()) || settings) {
          updateService(tdArn, fields);
          deploying = true;
        }
        // With any change to the service, its tags become the spec's: this is also when a service
        // without fgd's ownership tag (one fgd adopted, see Differ) gets it.
        if (!fields.isEmpty()) {
          retag();
        }
      }

      applyScaling();

      boolean ok = true;
      if (deploying && options.waitForSteadyState()) {
        // One deadline for the whole apply; the watcher's options keep the --timeout given, which
        // is what a timeout reports.
        DeploymentWatcher watcher =
            new DeploymentWatcher(clients.ecs(), options.watch(), clock, sleeper);
        DeploymentOutcome outcome =
            watcher.watchUntil(cluster, want.name(), tdArn, deadline, progress);
        outcomes.add(outcome);
        ok = outcome.succeeded();
      }
      if (ok && registered && options.keepRevisions() > 0) {
        deregisterOldRevisions(tdArn);
      }
      return ok;
    }

    private List<ResourceChange> of(ResourceType type) {
      return mine.stream().filter(c -> c.type() == type).toList();
    }

    private void createLogGroup(String group) throws FgdRuntimeException {
      // logs.json's tags, with the ownership tag fgd puts on everything it creates.
      Map<String, String> tags = new TreeMap<>(want.tagsOf(group));
      tags.put(AwsStateReader.OWNER_TAG, app());
      try {
        call(
            "creating log group " + group,
            () ->
                clients
                    .logs()
                    .createLogGroup(
                        CreateLogGroupRequest.builder().logGroupName(group).tags(tags).build()));
        changed(ResourceType.LOG_GROUP, group, "created", "");
      } catch (FgdRuntimeException e) {
        // Two services may share a group, or a crashed apply may have made it: both are fine.
        if (!(e.getCause() instanceof ResourceAlreadyExistsException)) {
          throw e;
        }
      }
      if (want.retention().containsKey(group)) {
        putRetention(group);
      }
    }

    private void putRetention(String group) throws FgdRuntimeException {
      Integer days = want.retention().get(group);
      if (days == null) {
        return;
      }
      call(
          "setting the retention of log group " + group,
          () ->
              clients
                  .logs()
                  .putRetentionPolicy(
                      PutRetentionPolicyRequest.builder()
                          .logGroupName(group)
                          .retentionInDays(days)
                          .build()));
      changed(ResourceType.LOG_GROUP, group, "set retention of", days + " days");
    }

    /** The spec's task definition, with the keep-live placeholder replaced by the running image. */
    private ObjectNode withLiveImages(ObjectNode td) {
      ObjectNode copy = td.deepCopy();
      for (JsonNode c : copy.path("containerDefinitions")) {
        if (DesiredState.isPlaceholderImage(c.path("image").asText())) {
          ((ObjectNode) c).put("image", liveImage(liveTd, c.path("name").asText()).orElseThrow());
        }
      }
      return copy;
    }

    /** The newest ACTIVE revision of the family equal to {@code td}, among the newest few. */
    private Optional<String> findEqualRevision(ObjectNode td) throws FgdRuntimeException {
      for (String arn : activeRevisions(REUSE_CANDIDATES)) {
        ObjectNode registered = reader.readTaskDefinition(arn);
        if (Differ.sameTaskDefinition(registered, td)) {
          return Optional.of(arn);
        }
      }
      return Optional.empty();
    }

    /** ACTIVE revisions of exactly this family, newest first; at most {@code limit} unless 0. */
    private List<String> activeRevisions(int limit) throws FgdRuntimeException {
      List<String> arns = new ArrayList<>();
      String token = null;
      do {
        String next = token;
        var response =
            call(
                "listing the revisions of task definition " + want.family(),
                () ->
                    clients
                        .ecs()
                        .listTaskDefinitions(
                            r ->
                                r.familyPrefix(want.family())
                                    .status(TaskDefinitionStatus.ACTIVE)
                                    .sort(SortOrder.DESC)
                                    .nextToken(next)));
        arns.addAll(response.taskDefinitionArns());
        token = response.nextToken();
      } while (token != null && (limit == 0 || arns.size() < limit));
      List<String> mineOnly =
          new ArrayList<>(arns.stream().filter(a -> familyOf(a).equals(want.family())).toList());
      // Not every ECS-compatible server sorts; the revision number decides.
      mineOnly.sort(Comparator.comparingInt(Applier::revisionOf).reversed());
      return limit == 0 || mineOnly.size() <= limit ? mineOnly : mineOnly.subList(0, limit);
    }

    private String registerTaskDefinition(ObjectNode td) throws FgdRuntimeException {
      RegisterTaskDefinitionRequest request =
          fromJson(td, RegisterTaskDefinitionRequest.builder(), want.name() + "/taskdef.json");
      String arn =
          call(
                  "registering task definition " + want.family(),
                  () -> clients.ecs().registerTaskDefinition(request))
              .taskDefinition()
              .taskDefinitionArn();
      changed(ResourceType.TASK_DEFINITION, want.family(), "registered", shortName(arn));
      return arn;
    }

    private void createService(String tdArn) throws FgdRuntimeException {
      ObjectNode json = want.service().deepCopy();
      json.put("taskDefinition", tdArn);
      json.put("clientToken", clientToken);
      CreateServiceRequest request =
          fromJson(json, CreateServiceRequest.builder(), want.name() + "/service.json");
      call("creating service " + want.name(), () -> clients.ecs().createService(request));
      changed(ResourceType.SERVICE, want.name(), "created", shortName(tdArn));
    }

    /**
     * UpdateService with everything it can change in place: a rolling deployment to {@code tdArn}
     * with the spec's deployment configuration (circuit breaker and rollback included). The task
     * count is left to autoscaling when the service scales.
     */
    private void updateService(String tdArn, List<FieldChange> fields) throws FgdRuntimeException {
      ObjectNode s = want.service();
      ObjectNode json = NODES.objectNode();
      json.put("cluster", cluster);
      json.put("service", want.name());
      json.put("taskDefinition", tdArn);
      if (want.scaling().isEmpty() && s.has("desiredCount")) {
        json.set("desiredCount", s.get("desiredCount"));
      }
      for (String field :
          List.of(
              "deploymentConfiguration",
              "networkConfiguration",
              "platformVersion",
              "healthCheckGracePeriodSeconds",
              "enableECSManagedTags",
              "propagateTags")) {
        if (s.has(field)) {
          json.set(field, s.get(field));
        }
      }
      boolean lbChanged = fields.stream().anyMatch(f -> f.path().startsWith(".loadBalancers"));
      if (s.has("loadBalancers") || lbChanged) {
        // An empty list removes the load balancers the service had.
        json.set(
            "loadBalancers", s.has("loadBalancers") ? s.get("loadBalancers") : NODES.arrayNode());
      }
      UpdateServiceRequest request =
          fromJson(json, UpdateServiceRequest.builder(), want.name() + "/service.json");
      call("updating service " + want.name(), () -> clients.ecs().updateService(request));
      String detail =
          tdArn.equals(live.taskDefinitionArn())
              ? String.join(
                  ", ",
                  fields.stream()
                      .map(f -> f.path().substring(1))
                      .filter(p -> !p.startsWith("tags"))
                      .toList())
              : shortName(live.taskDefinitionArn()) + " -> " + shortName(tdArn);
      changed(ResourceType.SERVICE, want.name(), "updated", detail);
    }

    /**
     * Makes the service's tags the spec's: TagResource for new values, UntagResource for the rest.
     */
    private void retag() throws FgdRuntimeException {
      Map<String, String> wanted = tags(want.service().path("tags"));
      Map<String, String> have = tags(live.json().path("tags"));
      List<Tag> put = new ArrayList<>();
      wanted.forEach(
          (k, v) -> {
            if (!v.equals(have.get(k))) {
              put.add(Tag.builder().key(k).value(v).build());
            }
          });
      List<String> remove = have.keySet().stream().filter(k -> !wanted.containsKey(k)).toList();
      if (!put.isEmpty()) {
        call(
            "tagging service " + want.name(),
            () -> clients.ecs().tagResource(r -> r.resourceArn(live.arn()).tags(put)));
        changed(
            ResourceType.SERVICE,
            want.name(),
            "tagged",
            String.join(", ", put.stream().map(t -> t.key() + "=" + t.value()).toList()));
      }
      if (!remove.isEmpty()) {
        call(
            "untagging service " + want.name(),
            () -> clients.ecs().untagResource(r -> r.resourceArn(live.arn()).tagKeys(remove)));
        changed(ResourceType.SERVICE, want.name(), "untagged", String.join(", ", remove));
      }
    }

    private void applyScaling() throws FgdRuntimeException {
      boolean targetGone = false;
      for (ResourceChange c : of(ResourceType.SCALABLE_TARGET)) {
        if (c.action() == Action.DESTROY) {
          deregisterScalableTarget(c.name(), want.name());
          targetGone = true;
        } else {
          ObjectNode target =
              ((ObjectNode) want.scaling().orElseThrow().path("scalableTarget")).deepCopy();
          if (c.action() == Action.CREATE) {
            target.putObject("Tags").put(AwsStateReader.OWNER_TAG, app());
          }
          RegisterScalableTargetRequest request =
              fromJson(
                  target, RegisterScalableTargetRequest.builder(), want.name() + "/scaling.json");
          call(
              "registering the autoscaling target of " + want.name(),
              () -> clients.autoScaling().registerScalableTarget(request));
          changed(
              ResourceType.SCALABLE_TARGET,
              c.name(),
              c.action() == Action.CREATE ? "created" : "updated",
              "min "
                  + target.path("MinCapacity").asText()
                  + ", max "
                  + target.path("MaxCapacity").asText());
        }
      }
      Map<String, JsonNode> policies = new TreeMap<>();
      want.scaling()
          .ifPresent(
              s -> s.path("policies").forEach(p -> policies.put(p.path("PolicyName").asText(), p)));
      for (ResourceChange c : of(ResourceType.SCALING_POLICY)) {
        if (c.action() == Action.DESTROY) {
          if (!targetGone) {
            String resourceId = AwsStateReader.resourceId(cluster, want.name());
            call(
                "deleting scaling policy " + c.name(),
                () ->
                    clients
                        .autoScaling()
                        .deleteScalingPolicy(
                            r ->
                                r.policyName(c.name())
                                    .serviceNamespace(ServiceNamespace.ECS)
                                    .resourceId(resourceId)
                                    .scalableDimension(
                                        ScalableDimension.ECS_SERVICE_DESIRED_COUNT)));
            changed(ResourceType.SCALING_POLICY, c.name(), "deleted", "");
          }
        } else {
          PutScalingPolicyRequest request =
              fromJson(
                  policies.get(c.name()),
                  PutScalingPolicyRequest.builder(),
                  want.name() + "/scaling.json");
          call(
              "putting scaling policy " + c.name(),
              () -> clients.autoScaling().putScalingPolicy(request));
          changed(
              ResourceType.SCALING_POLICY,
              c.name(),
              c.action() == Action.CREATE ? "created" : "updated",
              "");
        }
      }
    }

    /**
     * Keeps the newest {@code keepRevisions} ACTIVE revisions; deregisters older ones that carry
     * this app's fgd:app tag, except any a deployment of the service still runs.
     */
    private void deregisterOldRevisions(String current) throws FgdRuntimeException {
      List<String> active = activeRevisions(0);
      if (active.size() <= options.keepRevisions()) {
        return;
      }
      Set<String> inUse = new HashSet<>();
      inUse.add(current);
      var described =
          call(
              "reading service " + want.name(),
              () -> clients.ecs().describeServices(r -> r.cluster(cluster).services(want.name())));
      described
          .services()
          .forEach(
              s -> {
                inUse.add(s.taskDefinition());
                s.deployments().stream().map(Deployment::taskDefinition).forEach(inUse::add);
              });
      for (String arn : active.subList(options.keepRevisions(), active.size())) {
        if (inUse.contains(arn)) {
          continue;
        }
        ObjectNode td = reader.readTaskDefinition(arn);
        if (!app().equals(tags(td.path("tags")).get(AwsStateReader.OWNER_TAG))) {
          continue; // not registered by fgd for this app: not ours to clean up
        }
        call(
            "deregistering " + shortName(arn),
            () -> clients.ecs().deregisterTaskDefinition(r -> r.taskDefinition(arn)));
        changed(ResourceType.TASK_DEFINITION, want.family(), "deregistered", shortName(arn));
      }
    }

    private void changed(ResourceType type, String name, String verb, String detail) {
      Applier.this.changed(new AppliedChange(type, name, Optional.of(want.name()), verb, detail));
    }
  }

  // ---- cluster and pruning ----

  private void createCluster(DesiredState desired) throws FgdRuntimeException {
    call(
        "creating cluster " + desired.cluster(),
        () ->
            clients
                .ecs()
                .createCluster(
                    r ->
                        r.clusterName(desired.cluster())
                            .tags(
                                Tag.builder()
                                    .key(AwsStateReader.OWNER_TAG)
                                    .value(desired.app())
                                    .build())));
    changed(
        new AppliedChange(
            ResourceType.CLUSTER, desired.cluster(), Optional.empty(), "created", ""));
  }

  /**
   * Deletes a service that carries this app's tag but left the spec: its autoscaling first (or it
   * would scale the service up again), then its task count to 0, then the service.
   */
  private void prune(
      DesiredState desired, ObservedState observed, String name, List<ResourceChange> all)
      throws FgdRuntimeException {
    String cluster = desired.cluster();
    Optional<String> owner = Optional.of(name);
    for (ResourceChange c : all) {
      if (c.service().equals(owner)
          && c.type() == ResourceType.SCALABLE_TARGET
          && c.action() == Action.DESTROY) {
        deregisterScalableTarget(c.name(), name);
      }
    }
    String arn = observed.orphans().get(name).arn();
    call(
        "scaling service " + name + " to 0",
        () -> clients.ecs().updateService(r -> r.cluster(cluster).service(arn).desiredCount(0)));
    changed(new AppliedChange(ResourceType.SERVICE, name, owner, "scaled to 0", ""));
    call(
        "deleting service " + name,
        () -> clients.ecs().deleteService(r -> r.cluster(cluster).service(arn)));
    changed(
        new AppliedChange(
            ResourceType.SERVICE, name, owner, "deleted", "not in the spec any more"));
  }

  private void deregisterScalableTarget(String resourceId, String service)
      throws FgdRuntimeException {
    call(
        "removing the autoscaling of " + service,
        () ->
            clients
                .autoScaling()
                .deregisterScalableTarget(
                    r ->
                        r.serviceNamespace(ServiceNamespace.ECS)
                            .resourceId(resourceId)
                            .scalableDimension(ScalableDimension.ECS_SERVICE_DESIRED_COUNT)));
    changed(
        new AppliedChange(
            ResourceType.SCALABLE_TARGET,
            resourceId,
            Optional.of(service),
            "deleted",
            "with its scaling policies"));
  }

  // ---- helpers ----

  private String app() {
    return app;
  }

  private void changed(AppliedChange change) {
    changes.add(change);
    listener.changed(change);
  }

  private void note(String message) {
    notes.add(message);
    listener.note(message);
  }

  private interface Call<T> {
    T run();
  }

  private <T> T call(String action, Call<T> call) throws FgdRuntimeException {
    if (Thread.currentThread().isInterrupted()) {
      throw new FgdRuntimeException(
          "Interrupted before " + action + "; run fgd apply again to finish.");
    }
    try {
      return call.run();
    } catch (SdkException e) {
      throw AwsErrors.translate(e, action, settings);
    }
  }

  private static <T> T fromJson(
      JsonNode json, software.amazon.awssdk.utils.builder.SdkBuilder<?, T> builder, String file)
      throws FgdRuntimeException {
    try {
      return SdkJson.fromJson(json, builder);
    } catch (IllegalArgumentException e) {
      throw new FgdRuntimeException(
          file
              + " is not a valid AWS request ("
              + e.getMessage()
              + "). This is a bug in fgd or a damaged saved plan.",
          e);
    }
  }

  static Map<String, String> tags(JsonNode list) {
    Map<String, String> out = new TreeMap<>();
    for (JsonNode t : list) {
      String key = t.path("key").asText();
      if (!key.startsWith("aws:")) {
        out.put(key, t.path("value").asText());
      }
    }
    return out;
  }

  /** "sheets-api:4" from an ARN. */
  static String shortName(String arn) {
    return arn.substring(arn.lastIndexOf('/') + 1);
  }

  static String familyOf(String arn) {
    String s = shortName(arn);
    int colon = s.lastIndexOf(':');
    return colon < 0 ? s : s.substring(0, colon);
  }

  static int revisionOf(String arn) {
    String s = shortName(arn);
    try {
      return Integer.parseInt(s.substring(s.lastIndexOf(':') + 1));
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
