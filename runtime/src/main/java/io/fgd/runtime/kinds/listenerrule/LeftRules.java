package io.fgd.runtime.kinds.listenerrule;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fgd.runtime.FgdRuntimeException;
import io.fgd.runtime.engine.DesiredService;
import io.fgd.runtime.engine.DesiredState;
import io.fgd.runtime.engine.KindRead;
import io.fgd.runtime.engine.ReadScope;
import io.fgd.runtime.kinds.loadbalancer.LoadBalancerReads;
import io.fgd.runtime.kinds.targetgroup.RouteImport;
import io.fgd.runtime.kinds.targetgroup.TargetGroupReads;
import io.fgd.runtime.state.AwsStateReader;
import io.fgd.runtime.state.LiveState;
import io.fgd.runtime.state.ObservedState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeListenersRequest;

/**
 * The rules the app's last routes left on a listener the spec no longer names (a {@code listener
 * "ARN"} the spec dropped with its routes), read only for {@code --prune}: without them ELBv2
 * refuses to delete the target groups they forward to (DeleteTargetGroup: ResourceInUse), and fgd
 * would keep those with a warning.
 *
 * <p>In the second wave, beside the target groups' tags: for each load balancer that a target group
 * named as the app's are (the listing keeps only those) is attached to (DescribeTargetGroups'
 * LoadBalancerArns), that no route and no {@code port N target_group} of the spec uses, and none of
 * whose listeners' rules the plan read already, one fork reads, one after the other, its listeners
 * (DescribeListeners), each listener's rules (DescribeRules, 400 a page) and the tags of those that
 * forward to such a target group (DescribeTags, 20 ARNs a request). The plan stays two waves deep;
 * for one load balancer with one listener and up to 20 such rules, the second wave's longest chain
 * is three requests instead of one. With no such target group the read asks nothing. Whether a
 * target group is the app's is its tags' to say (the target group kind checks them), and a rule is
 * deleted only when its own tags say it is the app's. The listener and the load balancer are never
 * fgd's here: they are only read.
 */
final class LeftRules {
  static final String KEY = "listener_rule_left";

  /** The rules read, by listener ARN, and the tags of those forwarding to the app's groups. */
  record Found(Map<String, List<ObjectNode>> rules, Map<String, Map<String, String>> tags) {}

  private LeftRules() {}

  /** The requests; a test's fake account may implement it. */
  interface Api {
    /**
     * The listeners of {@code loadBalancer} with their rules, and the tags of the rules that
     * forward to one of {@code targetGroups}.
     */
    Found read(String loadBalancer, Set<String> targetGroups) throws FgdRuntimeException;
  }

  static Api api(LiveState live) {
    return live.reads(Api.class, reader -> (lb, groups) -> read(reader, lb, groups));
  }

  private static Found read(AwsStateReader reader, String lb, Set<String> groups)
      throws FgdRuntimeException {
    List<String> listeners = new ArrayList<>();
    reader.eachPage(
        "reading the listeners of load balancer " + lb,
        reader
            .clients()
            .elb()
            .describeListenersPaginator(
                DescribeListenersRequest.builder().loadBalancerArn(lb).build()),
        page -> {
          page.listeners().forEach(l -> listeners.add(l.listenerArn()));
          return true;
        });
    Map<String, List<ObjectNode>> rules = new TreeMap<>();
    List<String> forwarding = new ArrayList<>();
    for (String listener : listeners) {
      List<ObjectNode> list = LoadBalancerReads.readRules(reader, listener);
      rules.put(listener, list);
      for (ObjectNode r : list) {
        if (!r.path("IsDefault").asBoolean(false)
            && RouteImport.forwardsTo(r).stream().anyMatch(groups::contains)) {
          forwarding.add(r.path("RuleArn").asText());
        }
      }
    }
    Map<String, Map<String, String>> tags = new TreeMap<>();
    for (int i = 0; i < forwarding.size(); i += 20) {
      tags.putAll(
          TargetGroupReads.readTags(
              reader, forwarding.subList(i, Math.min(forwarding.size(), i + 20))));
    }
    return new Found(rules, tags);
  }

  static Found observed(ObservedState observed) {
    return observed.get(KEY, new Found(Map.of(), Map.of()));
  }

  /**
   * The load balancers to read, each with the app's target groups on it: those of the app's target
   * groups that nothing of the spec uses any more, on a load balancer none of whose listeners the
   * plan read.
   */
  static Map<String, Set<String>> unread(DesiredState desired, ObservedState observed) {
    Set<String> used = new TreeSet<>();
    for (DesiredService s : desired.services().values()) {
      s.routes()
          .ifPresent(
              r ->
                  r.path("targetGroups")
                      .forEach(t -> used.add(t.path("targetGroup").path("Name").asText())));
      used.addAll(TargetGroupReads.registered(s));
    }
    Set<String> read = ListenerRuleReads.read(observed).keySet();
    Map<String, Set<String>> out = new TreeMap<>();
    // The listing holds the spec's target groups and those named as the app's are: the others
    // may be the app's (their tags, read beside this, say whose; a rule is deleted only when its
    // own tags say it is the app's).
    TargetGroupReads.listing(observed)
        .byName()
        .forEach(
            (name, tg) -> {
              String arn = tg.path("TargetGroupArn").asText();
              if (used.contains(name) || used.contains(arn)) {
                return;
              }
              for (JsonNode lb : tg.path("LoadBalancerArns")) {
                if (!ListenerRuleReads.anyListenerOf(lb.asText(), read)) {
                  out.computeIfAbsent(lb.asText(), k -> new TreeSet<>()).add(arn);
                }
              }
            });
    return out;
  }

  static final KindRead READ =
      new KindRead() {
        @Override
        public String key() {
          return KEY;
        }

        @Override
        public List<String> after() {
          return List.of(TargetGroupReads.KEY, ListenerRuleReads.KEY, LoadBalancerReads.KEY);
        }

        @Override
        public ReadScope.Pending<?> start(ReadScope scope) {
          if (!scope.desired().prune()) {
            return ReadScope.done(new Found(Map.of(), Map.of()));
          }
          Map<String, Set<String>> unread = unread(scope.desired(), scope.observed());
          if (unread.isEmpty()) {
            return ReadScope.done(new Found(Map.of(), Map.of()));
          }
          Api api = api(scope.live());
          List<ReadScope.Pending<Found>> pending = new ArrayList<>();
          unread.forEach((lb, groups) -> pending.add(scope.fork(() -> api.read(lb, groups))));
          return () -> {
            Map<String, List<ObjectNode>> rules = new TreeMap<>();
            Map<String, Map<String, String>> tags = new TreeMap<>();
            for (var p : pending) {
              Found f = p.join();
              rules.putAll(f.rules());
              tags.putAll(f.tags());
            }
            return new Found(rules, tags);
          };
        }
      };
}
