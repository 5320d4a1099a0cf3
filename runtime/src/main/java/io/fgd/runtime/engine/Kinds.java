package io.fgd.runtime.engine;

import io.fgd.runtime.FgdRuntimeException;
import io.fgd.runtime.kinds.alarm.AlarmKind;
import io.fgd.runtime.kinds.cluster.ClusterKind;
import io.fgd.runtime.kinds.ecrrepository.EcrRepositoryKind;
import io.fgd.runtime.kinds.listenerrule.ListenerRuleKind;
import io.fgd.runtime.kinds.loadbalancer.LoadBalancerKind;
import io.fgd.runtime.kinds.loggroup.LogGroupKind;
import io.fgd.runtime.kinds.namespace.NamespaceKind;
import io.fgd.runtime.kinds.predeploy.BeforeDeployKind;
import io.fgd.runtime.kinds.scalabletarget.ScalableTargetKind;
import io.fgd.runtime.kinds.scalingpolicy.ScalingPolicyKind;
import io.fgd.runtime.kinds.schedule.JobTaskDefinitionKind;
import io.fgd.runtime.kinds.schedule.ScheduleGroupKind;
import io.fgd.runtime.kinds.schedule.ScheduleKind;
import io.fgd.runtime.kinds.securitygroup.SecurityGroupKind;
import io.fgd.runtime.kinds.service.ServiceKind;
import io.fgd.runtime.kinds.targetgroup.TargetGroupKind;
import io.fgd.runtime.kinds.taskdefinition.TaskDefinitionKind;
import io.fgd.runtime.state.ObservedState;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The one list of the kinds fgd manages. Adding a kind is a package under {@code kinds/} and a line
 * here; nothing else in the engine names a kind.
 */
public final class Kinds {
  /** Every kind; where dependencies allow either order, the plan lists them in this one. */
  private static final List<Kind> REGISTERED =
      List.of(
          ClusterKind.INSTANCE,
          EcrRepositoryKind.INSTANCE,
          NamespaceKind.INSTANCE,
          LogGroupKind.INSTANCE,
          TaskDefinitionKind.INSTANCE,
          BeforeDeployKind.INSTANCE,
          TargetGroupKind.INSTANCE,
          SecurityGroupKind.INSTANCE,
          LoadBalancerKind.INSTANCE,
          ListenerRuleKind.INSTANCE,
          AlarmKind.INSTANCE,
          ServiceKind.INSTANCE,
          ScalableTargetKind.INSTANCE,
          ScalingPolicyKind.INSTANCE,
          ScheduleGroupKind.INSTANCE,
          JobTaskDefinitionKind.INSTANCE,
          ScheduleKind.INSTANCE);

  /** Every kind, each after the kinds it depends on: the order of creation. */
  public static final List<Kind> ALL = creationOrder(REGISTERED);

  private Kinds() {}

  /**
   * The kinds that go before any service's other changes ({@link Kind#beforeServices}) and the
   * kinds they depend on, in creation order.
   */
  public static List<Kind> beforeServices() {
    java.util.Set<String> needed = new java.util.HashSet<>();
    for (int i = ALL.size() - 1; i >= 0; i--) {
      Kind k = ALL.get(i);
      if (k.beforeServices() || needed.contains(k.id())) {
        needed.add(k.id());
        needed.addAll(k.dependsOn());
      }
    }
    return ALL.stream().filter(k -> needed.contains(k.id())).toList();
  }

  /** The order of deletion: each kind before the kinds it depends on. */
  public static List<Kind> deletionOrder() {
    List<Kind> out = new ArrayList<>(ALL);
    java.util.Collections.reverse(out);
    return out;
  }

  /**
   * The app-level deletions of {@code --prune} ({@link Kind#pruneApp}), each kind before the kinds
   * it depends on. When a kind's deletion fails, the kinds it depends on keep their objects, with a
   * note: they may still be in use (a load balancer that deletion protection kept still holds its
   * security group, which EC2 would refuse until --timeout), and the next {@code fgd apply --prune}
   * deletes them once the first deletion succeeds.
   *
   * @param failed keeps a kind's error
   */
  static void pruneApp(
      List<ResourceChange> destroys, ApplyRun run, Consumer<FgdRuntimeException> failed) {
    Map<String, String> keptFor = new HashMap<>(); // kind id -> label of the kind that failed
    for (Kind kind : deletionOrder()) {
      List<ResourceChange> mine = ApplyRun.of(kind, destroys);
      String blocked = keptFor.get(kind.id());
      if (blocked != null) {
        kind.dependsOn().forEach(d -> keptFor.putIfAbsent(d, blocked));
        if (!mine.isEmpty()) {
          run.note(
              "Not deleted: "
                  + kind.label()
                  + " "
                  + String.join(", ", mine.stream().map(ResourceChange::name).toList())
                  + ", since deleting the "
                  + blocked
                  + ", which goes first, failed (see the error). fgd apply --prune deletes it"
                  + " once that succeeds.");
        }
      } else if (!mine.isEmpty()) {
        try {
          kind.pruneApp(mine, run);
        } catch (FgdRuntimeException e) {
          failed.accept(e);
          kind.dependsOn().forEach(d -> keptFor.putIfAbsent(d, kind.label()));
        }
      }
    }
  }

  /**
   * The kinds sorted so that each comes after those it depends on, keeping the registered order
   * where the dependencies leave it free.
   */
  static List<Kind> creationOrder(List<Kind> kinds) {
    Map<String, Kind> byId = new LinkedHashMap<>();
    for (Kind k : kinds) {
      if (byId.put(k.id(), k) != null) {
        throw new IllegalStateException("two kinds have the id " + k.id());
      }
    }
    List<Kind> out = new ArrayList<>();
    List<Kind> visiting = new ArrayList<>();
    for (Kind k : kinds) {
      visit(k, byId, out, visiting);
    }
    return List.copyOf(out);
  }

  private static void visit(Kind k, Map<String, Kind> byId, List<Kind> out, List<Kind> visiting) {
    if (out.contains(k)) {
      return;
    }
    if (visiting.contains(k)) {
      throw new IllegalStateException("kinds depend on each other in a cycle: " + k.id());
    }
    visiting.add(k);
    for (String d : k.dependsOn()) {
      Kind dependency = byId.get(d);
      if (dependency == null) {
        throw new IllegalStateException(k.id() + " depends on " + d + ", which is no kind");
      }
      visit(dependency, byId, out, visiting);
    }
    visiting.remove(k);
    out.add(k);
  }

  /**
   * Why apply must not start: every kind's refusals, and, when apply waits for steady state, the
   * rollouts that need longer than its timeout.
   */
  static List<String> refusals(
      DesiredState desired,
      ObservedState observed,
      List<ResourceChange> all,
      ApplyOptions options) {
    List<String> out = new ArrayList<>();
    for (Kind kind : ALL) {
      out.addAll(kind.refusals(desired, observed, all));
      if (options.waitForSteadyState()) {
        out.addAll(kind.tooLongFor(desired, all, options.watch().timeout()));
      }
    }
    return out;
  }
}
