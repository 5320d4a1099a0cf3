package io.fgd.runtime.kinds.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fgd.runtime.FgdRuntimeException;
import io.fgd.runtime.deploy.Rollout;
import io.fgd.runtime.deploy.RolloutTime;
import io.fgd.runtime.engine.Action;
import io.fgd.runtime.engine.DesiredService;
import io.fgd.runtime.engine.DesiredState;
import io.fgd.runtime.engine.DiffStep;
import io.fgd.runtime.engine.Differ;
import io.fgd.runtime.engine.FieldChange;
import io.fgd.runtime.engine.Fingerprints;
import io.fgd.runtime.engine.Kind;
import io.fgd.runtime.engine.KindRead;
import io.fgd.runtime.engine.ResourceChange;
import io.fgd.runtime.engine.RolloutWait;
import io.fgd.runtime.engine.ServiceStep;
import io.fgd.runtime.engine.Trees;
import io.fgd.runtime.importer.ImportRun;
import io.fgd.runtime.importer.KindImport;
import io.fgd.runtime.importer.SpecText;
import io.fgd.runtime.kinds.namespace.NamespaceReads;
import io.fgd.runtime.kinds.scalabletarget.ScalableTargetReads;
import io.fgd.runtime.kinds.taskdefinition.TaskDefinitionForm;
import io.fgd.runtime.kinds.taskdefinition.TaskDefinitionKind;
import io.fgd.runtime.state.LiveState;
import io.fgd.runtime.state.ObservedService;
import io.fgd.runtime.state.ObservedState;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The ECS service: created by one CreateService call with its whole configuration, updated in place
 * (a rolling deployment when its revision or settings change), retagged, and, once it left the spec
 * and {@code --prune} is given, scaled to 0 and deleted.
 */
public final class ServiceKind implements Kind, KindImport {
  public static final ServiceKind INSTANCE = new ServiceKind();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** Service attributes that UpdateService cannot change: the service must be recreated. */
  static final List<String> REPLACE_FIELDS = List.of(".launchType", ".serviceName", ".cluster");

  private ServiceKind() {}

  @Override
  public String label() {
    return "service";
  }

  @Override
  public String id() {
    return "ecs_service";
  }

  @Override
  public List<KindRead> reads() {
    return ServiceReads.READS;
  }

  @Override
  public List<String> dependsOn() {
    return List.of(
        "ecs_cluster",
        "cloudmap_namespace",
        "log_group",
        "task_definition",
        "before_deploy",
        "target_group",
        "alarm");
  }

  @Override
  public List<String> unmanaged(DesiredService want) {
    return ServiceForm.unmanaged(want.service()).stream()
        .map(p -> want.name() + "/service.json: " + p)
        .toList();
  }

  @Override
  public List<ResourceChange> diff(DesiredService want, ObservedState observed, DiffStep step) {
    Optional<String> owner = Optional.of(want.name());
    ObservedService live = ServiceReads.services(observed).get(want.name());
    boolean scaled = want.scaling().isPresent();
    ObjectNode wantResolved = resolved(want.service(), refs(want, observed));
    ObjectNode wantSvc = ServiceForm.service(wantResolved);
    if (live == null || live.isGone()) {
      return List.of(
          new ResourceChange(
              this, want.name(), owner, Action.CREATE, Trees.leaves(wantSvc), Optional.empty()));
    }
    ObjectNode liveSvc =
        Differ.adopted(
            ServiceForm.service(RolloutForm.swappedBack(live.json(), wantResolved)), wantSvc);
    namespaceByName(liveSvc, wantSvc, observed);
    if (scaled) {
      // Autoscaling owns the running count; the spec's count only seeds a new service.
      wantSvc.remove("desiredCount");
      liveSvc.remove("desiredCount");
    }
    List<FieldChange> fields = new ArrayList<>(Trees.compare(liveSvc, wantSvc));
    if (step.context().getOrDefault(TaskDefinitionKind.NEW_REVISION, false)) {
      String newRevision = TaskDefinitionKind.NEW_REVISION_TEXT;
      fields.add(
          FieldChange.changed(
              ".taskDefinition",
              NODES.textNode(TaskDefinitionForm.familyRevision(live.taskDefinitionArn())),
              NODES.textNode(want.family() + ":" + newRevision)));
      fields.removeIf(
          f ->
              f.path().equals(".taskDefinition")
                  && f.before().isPresent()
                  && !f.after().map(JsonNode::asText).orElse("").endsWith(newRevision));
    }
    if (fields.isEmpty()) {
      return List.of();
    }
    boolean replace = fields.stream().anyMatch(ServiceKind::replaces);
    Optional<String> reason =
        replace
            ? Optional.of("ECS cannot change a service's launch type in place")
            : fields.stream().anyMatch(ServiceKind::movesCapacity)
                ? Optional.of(ServiceCalls.CAPACITY_NOTE)
                : Optional.empty();
    return List.of(
        new ResourceChange(
            this, want.name(), owner, replace ? Action.REPLACE : Action.UPDATE, fields, reason));
  }

  /**
   * Whether a changed field means a new service. A launch type that goes or comes is a move between
   * the launch type and a capacity provider strategy, which UpdateService makes (see {@link
   * ServiceCalls#CAPACITY_NOTE}); one launch type for another it cannot.
   */
  static boolean replaces(FieldChange f) {
    if (f.path().equals(".launchType")) {
      return f.before().isPresent() && f.after().isPresent();
    }
    return REPLACE_FIELDS.contains(f.path());
  }

  /** Whether a changed field moves tasks between the launch type and capacity providers. */
  static boolean movesCapacity(FieldChange f) {
    return f.path().equals(".launchType") || f.path().startsWith(".capacityProviderStrategy");
  }

  /**
   * ECS may answer a deployment's Service Connect namespace with its ARN where the spec gave the
   * name: when the plan read that namespace, the live ARN is shown as its name, so the two compare.
   */
  static void namespaceByName(ObjectNode liveSvc, ObjectNode wantSvc, ObservedState observed) {
    JsonNode liveSc = liveSvc.path("serviceConnectConfiguration");
    String wantNs = wantSvc.path("serviceConnectConfiguration").path("namespace").asText("");
    String liveNs = liveSc.path("namespace").asText("");
    if (liveNs.startsWith("arn:") && !wantNs.startsWith("arn:")) {
      NamespaceReads.nameOfArn(observed, liveNs)
          .ifPresent(name -> ((ObjectNode) liveSc).put("namespace", name));
    }
  }

  @Override
  public List<ResourceChange> diffRemoved(String cluster, String service, ObservedState observed) {
    return List.of(Differ.destroy(this, service, Optional.of(service), "not in the spec any more"));
  }

  /**
   * The service's ARN, status, revision and PRIMARY deployment (which changes with every rollout),
   * and a hash of its normal form: every field the plan compares, so that a change UpdateService
   * makes without a new deployment (count, network, deployment settings, tags) is seen too. The
   * count is left out when the service has an autoscaling target, which moves it on its own.
   */
  @Override
  public void fingerprint(ObservedState observed, Map<String, String> out) {
    ServiceReads.services(observed)
        .forEach(
            (name, s) ->
                out.put(
                    "service/" + name,
                    fingerprint(s, ScalableTargetReads.scaling(observed).containsKey(name))));
    observed
        .orphans()
        .forEach(
            (name, s) ->
                out.put(
                    "orphan/" + name,
                    fingerprint(s, ScalableTargetReads.scaling(observed).containsKey(name))));
  }

  private static String fingerprint(ObservedService s, boolean scaled) {
    ObjectNode form = ServiceForm.service(s.json());
    if (scaled) {
      form.remove("desiredCount");
    }
    return s.arn()
        + " "
        + s.status()
        + " "
        + s.taskDefinitionArn()
        + " "
        + s.primaryDeploymentId().orElse("-")
        + " "
        + Fingerprints.sha256(DesiredState.toJson(form).getBytes(StandardCharsets.UTF_8));
  }

  /**
   * The service with the ARNs of the target groups of its routes in place of their {@code
   * fgd:targetgroup/NAME} references: in a plan as the plan saw them ({@code (known after apply)}
   * for one apply creates), in apply as the target group kind published them.
   */
  static ObjectNode resolved(ObjectNode service, java.util.Map<String, String> arns) {
    if (arns.isEmpty()) {
      return service;
    }
    ObjectNode copy = service.deepCopy();
    JsonNode groups =
        copy.path("networkConfiguration").path("awsvpcConfiguration").path("securityGroups");
    if (groups instanceof com.fasterxml.jackson.databind.node.ArrayNode list) {
      for (int i = 0; i < list.size(); i++) {
        String id = arns.get(list.get(i).asText());
        if (id != null) {
          list.set(i, id);
        }
      }
    }
    for (JsonNode lb : copy.path("loadBalancers")) {
      resolve((ObjectNode) lb, "targetGroupArn", arns);
      if (lb.path("advancedConfiguration").isObject()) {
        ObjectNode a = (ObjectNode) lb.get("advancedConfiguration");
        resolve(a, "alternateTargetGroupArn", arns);
        resolve(a, "productionListenerRule", arns);
        resolve(a, "testListenerRule", arns);
      }
    }
    return copy;
  }

  private static void resolve(ObjectNode holder, String field, java.util.Map<String, String> arns) {
    String arn = arns.get(holder.path(field).asText());
    if (arn != null) {
      holder.put(field, arn);
    }
  }

  /**
   * What fgd's references in the service stand for, as the plan saw them: the ARNs of its routes'
   * target groups ({@code fgd:targetgroup/…}) and listener rules ({@code fgd:listenerrule/…}), and
   * the ids of fgd's security groups ({@code fgd:securitygroup/…}).
   */
  static java.util.Map<String, String> refs(DesiredService want, ObservedState observed) {
    java.util.Map<String, String> out =
        references(
            io.fgd.runtime.kinds.targetgroup.TargetGroupKind.arns(want, observed),
            io.fgd.runtime.kinds.securitygroup.SecurityGroupKind.ids(observed, appOf(want)));
    out.putAll(io.fgd.runtime.kinds.listenerrule.ListenerRuleKind.arns(want, observed));
    return out;
  }

  /** fgd's references (target groups, security groups) and what they stand for, together. */
  static java.util.Map<String, String> references(
      java.util.Map<String, String> targetGroups, java.util.Map<String, String> securityGroups) {
    java.util.Map<String, String> out = new java.util.HashMap<>(targetGroups);
    out.putAll(securityGroups);
    return out;
  }

  /** The app a desired service belongs to: its fgd:app tag. */
  static String appOf(DesiredService want) {
    return io.fgd.runtime.engine.ApplyRun.tags(want.service().path("tags"))
        .getOrDefault(io.fgd.runtime.state.AwsStateReader.OWNER_TAG, "");
  }

  // ---- apply ----

  @Override
  public List<String> refusals(
      DesiredState desired, ObservedState observed, List<ResourceChange> all) {
    List<String> out = new ArrayList<>();
    for (ResourceChange c : all) {
      if (c.type() == this && c.action() == Action.REPLACE) {
        String fields =
            String.join(
                ", ",
                c.fields().stream()
                    .filter(ServiceKind::replaces)
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

  /** The bake times and steps of each canary, linear or blue/green rollout the plan starts. */
  @Override
  public List<RolloutWait> rolloutWaits(DesiredState desired, List<ResourceChange> all) {
    List<RolloutWait> out = new ArrayList<>();
    for (DesiredService want : new java.util.TreeMap<>(desired.services()).values()) {
      boolean changes =
          all.stream()
              .anyMatch(
                  c ->
                      c.action() != Action.DESTROY
                          && (want.name().equals(c.service().orElse(null))
                              || (c.type() == this && c.name().equals(want.name()))));
      JsonNode dc = want.service().path("deploymentConfiguration");
      java.time.Duration least = RolloutTime.minimum(dc);
      if (changes && !least.isZero()) {
        out.add(new RolloutWait(want.name(), least, RolloutTime.describe(dc)));
      }
    }
    return out;
  }

  @Override
  public void apply(List<ResourceChange> changes, ServiceStep step) throws FgdRuntimeException {
    if (changes.stream().anyMatch(c -> c.action() == Action.DESTROY)) {
      ServiceCalls.delete(this, step);
      return;
    }
    String tdArn = step.context().get(TaskDefinitionKind.ARN).orElseThrow();
    Optional<ObservedService> live = ServiceReads.live(step);
    if (live.isEmpty()) {
      ServiceCalls.create(this, step, tdArn);
      step.rollout(tdArn);
      return;
    }
    List<FieldChange> fields =
        changes.stream().findFirst().map(ResourceChange::fields).orElse(List.of());
    boolean settings =
        fields.stream()
            .anyMatch(f -> !f.path().startsWith(".tags") && !f.path().equals(".taskDefinition"));
    if (!tdArn.equals(live.get().taskDefinitionArn()) || settings) {
      ServiceCalls.update(this, step, live.get(), tdArn, fields);
      step.rollout(tdArn);
    }
    // With any change to the service, its tags become the spec's: this is also when a service
    // without fgd's ownership tag (one fgd adopted, see Differ) gets it.
    if (!fields.isEmpty()) {
      ServiceCalls.retag(this, step, live.get());
    }
  }

  // ---- import ----

  /** The services of the cluster, each with the objects it uses, and the app they make up. */
  @Override
  public void write(ImportRun run, LiveState live, List<SpecText.Item> spec)
      throws FgdRuntimeException {
    AppImport.write(run, live, spec);
  }

  @Override
  public Optional<Rollout> rollout(DesiredService want, ObservedState observed) {
    ObservedService live = ServiceReads.services(observed).get(want.name());
    if (live == null || live.isGone()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Rollout.of(live.json()));
    } catch (IllegalArgumentException e) {
      return Optional.empty(); // not a DescribeServices service: nothing to say about its rollout
    }
  }
}
