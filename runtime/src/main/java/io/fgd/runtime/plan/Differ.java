package io.fgd.runtime.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fgd.runtime.state.AwsStateReader;
import io.fgd.runtime.state.ObservedLogGroup;
import io.fgd.runtime.state.ObservedScaling;
import io.fgd.runtime.state.ObservedService;
import io.fgd.runtime.state.ObservedState;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.TreeSet;

/** Compares the spec with the account. Pure: no I/O, same inputs, same plan. */
public final class Differ {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** Shown for the revision a task definition will get. */
  static final String NEW_REVISION = "(new revision)";

  /** Service attributes that UpdateService cannot change: the service must be recreated. */
  private static final List<String> SERVICE_REPLACE_FIELDS =
      List.of(".launchType", ".serviceName", ".cluster");

  private Differ() {}

  public static Plan diff(DesiredState desired, ObservedState observed) {
    List<ResourceChange> changes = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    if (!observed.clusterExists()) {
      changes.add(
          new ResourceChange(
              ResourceType.CLUSTER,
              desired.cluster(),
              Optional.empty(),
              Action.CREATE,
              List.of(FieldChange.added(".clusterName", NODES.textNode(desired.cluster()))),
              Optional.empty()));
    }
    TreeSet<String> unmanaged = new TreeSet<>();
    for (DesiredService want : desired.services().values()) {
      Canonical.unmanagedTaskDefinition(want.taskDefinition())
          .forEach(p -> unmanaged.add(want.name() + "/taskdef.json: " + p));
      Canonical.unmanagedService(want.service())
          .forEach(p -> unmanaged.add(want.name() + "/service.json: " + p));
      diffService(want, observed, changes, warnings);
    }
    if (!unmanaged.isEmpty()) {
      warnings.add(
          "fgd plan does not compare these attributes yet: " + String.join(", ", unmanaged) + ".");
    }
    for (ObservedService orphan : new TreeMap<>(observed.orphans()).values()) {
      Optional<String> owner = Optional.of(orphan.name());
      ObservedScaling scaling = observed.scaling().get(orphan.name());
      if (scaling != null) {
        changes.add(
            destroy(
                ResourceType.SCALABLE_TARGET,
                targetName(desired.cluster(), orphan.name()),
                owner,
                "its service is not in the spec any more"));
      }
      changes.add(destroy(ResourceType.SERVICE, orphan.name(), owner, "not in the spec any more"));
    }
    return new Plan(desired.app(), desired.cluster(), changes, warnings);
  }

  /**
   * Adoption: a live object without fgd's ownership tag (one created outside fgd, or imported) is
   * compared as if it carried the desired one, so importing a service plans no changes. The tag is
   * added with the first change fgd makes to the object; until then {@code --prune} does not
   * consider it fgd's. A live tag naming another app is not adopted: it stays a difference, so two
   * specs claiming one service show up in the plan.
   */
  private static ObjectNode adopted(ObjectNode live, ObjectNode want) {
    String key = io.fgd.compiler.emit.ecs.EcsNames.OWNERSHIP_TAG_KEY;
    JsonNode wantTag = want.path("tags").get(key);
    if (wantTag == null || live.path("tags").has(key)) {
      return live;
    }
    ObjectNode copy = live.deepCopy();
    JsonNode tags = copy.get("tags");
    ObjectNode liveTags = tags instanceof ObjectNode o ? o : copy.putObject("tags");
    liveTags.set(key, wantTag);
    return copy;
  }

  /**
   * Whether a registered task definition (DescribeTaskDefinition's {@code taskDefinition} with its
   * {@code tags} put inside) is the one registering {@code desired} would give: what apply asks
   * before registering, so that an unchanged or reverted spec reuses a revision.
   */
  public static boolean sameTaskDefinition(JsonNode registered, JsonNode desired) {
    return compare(Canonical.taskDefinition(registered), Canonical.taskDefinition(desired))
        .isEmpty();
  }

  private static void diffService(
      DesiredService want,
      ObservedState observed,
      List<ResourceChange> changes,
      List<String> warnings) {
    Optional<String> owner = Optional.of(want.name());
    for (String group : want.logGroups()) {
      Integer retention = want.retention().get(group);
      ObservedLogGroup liveGroup = observed.logGroups().get(group);
      if (liveGroup == null) {
        List<FieldChange> fields = new ArrayList<>();
        fields.add(FieldChange.added(".logGroupName", NODES.textNode(group)));
        if (retention != null) {
          fields.add(FieldChange.added(".retentionInDays", NODES.numberNode(retention)));
        }
        changes.add(
            new ResourceChange(
                ResourceType.LOG_GROUP, group, owner, Action.CREATE, fields, Optional.empty()));
        continue;
      }
      // Only a retention the spec states is compared: a spec without one leaves whatever the
      // group keeps (someone may have set it on purpose), it never proposes keeping logs forever.
      if (retention == null) {
        continue;
      }
      OptionalInt liveRetention = liveGroup.retentionInDays();
      if (liveRetention.isEmpty() || liveRetention.getAsInt() != retention) {
        FieldChange field =
            liveRetention.isEmpty()
                ? FieldChange.added(".retentionInDays", NODES.numberNode(retention))
                : FieldChange.changed(
                    ".retentionInDays",
                    NODES.numberNode(liveRetention.getAsInt()),
                    NODES.numberNode(retention));
        changes.add(
            new ResourceChange(
                ResourceType.LOG_GROUP,
                group,
                owner,
                Action.UPDATE,
                List.of(field),
                Optional.empty()));
      }
    }

    ObservedService live = observed.services().get(want.name());
    if (live != null && live.isGone()) {
      live = null;
    }
    Optional<ObjectNode> liveTaskDef =
        live == null ? Optional.empty() : observed.taskDefinitionOf(live);

    // Task definition: registered anew whenever anything differs (revisions are immutable).
    ObjectNode wantTd = Canonical.taskDefinition(want.taskDefinition());
    keepLiveImages(want.name(), wantTd, liveTaskDef.map(Canonical::taskDefinition), warnings);
    boolean newRevision;
    if (liveTaskDef.isEmpty()) {
      newRevision = true;
      changes.add(
          new ResourceChange(
              ResourceType.TASK_DEFINITION,
              want.family(),
              owner,
              Action.CREATE,
              leaves(wantTd),
              Optional.empty()));
    } else {
      List<FieldChange> fields =
          compare(adopted(Canonical.taskDefinition(liveTaskDef.get()), wantTd), wantTd);
      newRevision = !fields.isEmpty();
      if (newRevision) {
        changes.add(
            new ResourceChange(
                ResourceType.TASK_DEFINITION,
                want.family(),
                owner,
                Action.REPLACE,
                fields,
                Optional.of(
                    "a new revision replaces "
                        + Canonical.familyRevision(live.taskDefinitionArn())
                        + " (revisions are immutable)")));
      }
    }

    // Service.
    boolean scaled = want.scaling().isPresent();
    ObjectNode wantSvc = Canonical.service(want.service());
    if (live == null) {
      changes.add(
          new ResourceChange(
              ResourceType.SERVICE,
              want.name(),
              owner,
              Action.CREATE,
              leaves(wantSvc),
              Optional.empty()));
    } else {
      ObjectNode liveSvc = adopted(Canonical.service(live.json()), wantSvc);
      if (scaled) {
        // Autoscaling owns the running count; the spec's count only seeds a new service.
        wantSvc.remove("desiredCount");
        liveSvc.remove("desiredCount");
      }
      List<FieldChange> fields = new ArrayList<>(compare(liveSvc, wantSvc));
      if (newRevision) {
        fields.add(
            FieldChange.changed(
                ".taskDefinition",
                NODES.textNode(Canonical.familyRevision(live.taskDefinitionArn())),
                NODES.textNode(want.family() + ":" + NEW_REVISION)));
        fields.removeIf(
            f ->
                f.path().equals(".taskDefinition")
                    && f.before().isPresent()
                    && !f.after().map(JsonNode::asText).orElse("").endsWith(NEW_REVISION));
      }
      if (!fields.isEmpty()) {
        boolean replace = fields.stream().anyMatch(f -> SERVICE_REPLACE_FIELDS.contains(f.path()));
        changes.add(
            new ResourceChange(
                ResourceType.SERVICE,
                want.name(),
                owner,
                replace ? Action.REPLACE : Action.UPDATE,
                fields,
                replace
                    ? Optional.of("ECS cannot change a service's launch type in place")
                    : Optional.empty()));
      }
    }

    diffScaling(want, observed.scaling().get(want.name()), changes);
  }

  private static void diffScaling(
      DesiredService want, ObservedScaling live, List<ResourceChange> changes) {
    Optional<String> owner = Optional.of(want.name());
    String cluster = want.service().path("cluster").asText();
    String targetName = targetName(cluster, want.name());
    if (want.scaling().isEmpty()) {
      if (live != null) {
        changes.add(
            destroy(
                ResourceType.SCALABLE_TARGET,
                targetName,
                owner,
                "the spec no longer scales this service"));
      }
      return;
    }
    ObjectNode scaling = want.scaling().get();
    ObjectNode wantTarget = Canonical.scalableTarget(scaling.path("scalableTarget"));
    if (live == null) {
      changes.add(
          new ResourceChange(
              ResourceType.SCALABLE_TARGET,
              targetName,
              owner,
              Action.CREATE,
              leaves(wantTarget),
              Optional.empty()));
    } else {
      List<FieldChange> fields = compare(Canonical.scalableTarget(live.target()), wantTarget);
      if (!fields.isEmpty()) {
        changes.add(
            new ResourceChange(
                ResourceType.SCALABLE_TARGET,
                targetName,
                owner,
                Action.UPDATE,
                fields,
                Optional.empty()));
      }
    }
    Map<String, ObjectNode> livePolicies = live == null ? Map.of() : live.policies();
    TreeMap<String, JsonNode> wantPolicies = new TreeMap<>();
    for (JsonNode p : scaling.path("policies")) {
      wantPolicies.put(p.path("PolicyName").asText(), p);
    }
    for (var e : wantPolicies.entrySet()) {
      ObjectNode wantPolicy = Canonical.policy(e.getValue());
      ObjectNode livePolicy = livePolicies.get(e.getKey());
      if (livePolicy == null) {
        changes.add(
            new ResourceChange(
                ResourceType.SCALING_POLICY,
                e.getKey(),
                owner,
                Action.CREATE,
                leaves(wantPolicy),
                Optional.empty()));
        continue;
      }
      ObjectNode liveCanonical = Canonical.policy(livePolicy);
      // Cooldowns the spec leaves out are the service's to choose: not drift.
      JsonNode wantTt = wantPolicy.path("TargetTrackingScalingPolicyConfiguration");
      JsonNode liveTt = liveCanonical.path("TargetTrackingScalingPolicyConfiguration");
      if (liveTt instanceof ObjectNode lt) {
        for (String f : List.of("ScaleInCooldown", "ScaleOutCooldown")) {
          if (!wantTt.has(f)) {
            lt.remove(f);
          }
        }
      }
      List<FieldChange> fields = compare(liveCanonical, wantPolicy);
      if (!fields.isEmpty()) {
        changes.add(
            new ResourceChange(
                ResourceType.SCALING_POLICY,
                e.getKey(),
                owner,
                Action.UPDATE,
                fields,
                Optional.empty()));
      }
    }
    for (String name : new TreeSet<>(livePolicies.keySet())) {
      if (!wantPolicies.containsKey(name)) {
        changes.add(destroy(ResourceType.SCALING_POLICY, name, owner, "not in the spec any more"));
      }
    }
  }

  /**
   * A build service planned without --image-tag carries a placeholder image: keep what runs rather
   * than propose rolling back to an older tag.
   */
  private static void keepLiveImages(
      String service, ObjectNode wantTd, Optional<ObjectNode> liveTd, List<String> warnings) {
    JsonNode containers = wantTd.path("containers");
    Iterator<Map.Entry<String, JsonNode>> it = containers.fields();
    while (it.hasNext()) {
      var c = it.next();
      String image = c.getValue().path("image").asText();
      if (!DesiredState.isPlaceholderImage(image)) {
        continue;
      }
      Optional<String> liveImage =
          liveTd
              .map(td -> td.path("containers").path(c.getKey()).path("image").asText(""))
              .filter(s -> !s.isEmpty());
      if (liveImage.isPresent()) {
        ((ObjectNode) c.getValue()).put("image", liveImage.get());
      } else {
        warnings.add(
            "Service \""
                + service
                + "\" has never been deployed, so container \""
                + c.getKey()
                + "\" has no image to keep; pass --image-tag to plan the image to deploy.");
      }
    }
  }

  private static String targetName(String cluster, String service) {
    return AwsStateReader.resourceId(cluster, service);
  }

  private static ResourceChange destroy(
      ResourceType type, String name, Optional<String> owner, String reason) {
    return new ResourceChange(type, name, owner, Action.DESTROY, List.of(), Optional.of(reason));
  }

  // ---- tree comparison ----

  /** Field-level differences between two canonical trees, in path order. */
  static List<FieldChange> compare(JsonNode before, JsonNode after) {
    List<FieldChange> out = new ArrayList<>();
    compare("", null, before, after, out);
    return out;
  }

  private static void compare(
      String path, String parentField, JsonNode before, JsonNode after, List<FieldChange> out) {
    if (before.isObject() && after.isObject()) {
      TreeSet<String> keys = new TreeSet<>();
      before.fieldNames().forEachRemaining(keys::add);
      after.fieldNames().forEachRemaining(keys::add);
      boolean keyed = parentField != null && Canonical.KEYED.contains(parentField);
      for (String k : keys) {
        String childPath = keyed ? path + "[" + quote(k) + "]" : path + "." + k;
        JsonNode b = before.get(k);
        JsonNode a = after.get(k);
        String field = keyed ? null : k;
        if (b == null && a.isObject()) {
          compare(childPath, field, NODES.objectNode(), a, out);
        } else if (b == null) {
          out.add(FieldChange.added(childPath, a));
        } else if (a == null && b.isObject()) {
          compare(childPath, field, b, NODES.objectNode(), out);
        } else if (a == null) {
          out.add(FieldChange.removed(childPath, b));
        } else {
          compare(childPath, field, b, a, out);
        }
      }
      return;
    }
    if (!same(before, after)) {
      out.add(FieldChange.changed(path, before, after));
    }
  }

  private static boolean same(JsonNode a, JsonNode b) {
    if (a.isNumber() && b.isNumber()) {
      return a.decimalValue().compareTo(b.decimalValue()) == 0;
    }
    return a.equals(b);
  }

  /** Every leaf of a new resource, as additions. */
  static List<FieldChange> leaves(JsonNode tree) {
    List<FieldChange> out = new ArrayList<>();
    compare("", null, NODES.objectNode(), tree, out);
    return out;
  }

  static String quote(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
