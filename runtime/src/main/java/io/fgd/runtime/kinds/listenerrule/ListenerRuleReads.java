package io.fgd.runtime.kinds.listenerrule;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fgd.compiler.emit.ecs.RouteEmitter;
import io.fgd.runtime.FgdRuntimeException;
import io.fgd.runtime.engine.DesiredService;
import io.fgd.runtime.engine.KindRead;
import io.fgd.runtime.engine.ReadScope;
import io.fgd.runtime.kinds.loadbalancer.LoadBalancerKind;
import io.fgd.runtime.kinds.loadbalancer.LoadBalancerReads;
import io.fgd.runtime.kinds.targetgroup.RouteImport;
import io.fgd.runtime.kinds.targetgroup.TargetGroupReads;
import io.fgd.runtime.state.AwsStateReader;
import io.fgd.runtime.state.LiveState;
import io.fgd.runtime.state.ObservedState;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * How the plan reads listener rules: the rules of each listener the spec's routes name
 * (DescribeRules, per listener, in the first wave), then the tags of those that are not the
 * listener's default (DescribeTags, 20 ARNs a request, in the second wave). For {@code --prune},
 * {@link LeftRules} reads in the second wave the rules the app's last routes left on a listener the
 * spec no longer names.
 */
public final class ListenerRuleReads {
  public static final String KEY = "listener_rule";
  public static final String TAGS_KEY = "listener_rule_tags";

  private ListenerRuleReads() {}

  public interface Api {
    /** The rules of a listener, each as DescribeRules answers it (ELBv2 wire shape). */
    List<ObjectNode> rules(String listenerArn) throws FgdRuntimeException;

    Map<String, Map<String, String>> tags(List<String> arns) throws FgdRuntimeException;
  }

  public static Api api(LiveState live) {
    return live.reads(
        Api.class,
        reader ->
            new Api() {
              @Override
              public List<ObjectNode> rules(String listenerArn) throws FgdRuntimeException {
                return LoadBalancerReads.readRules(reader, listenerArn);
              }

              @Override
              public Map<String, Map<String, String>> tags(List<String> arns)
                  throws FgdRuntimeException {
                return TargetGroupReads.readTags(reader, arns);
              }
            });
  }

  /**
   * The rules of the listeners the plan read, by listener ARN: the spec's (those it names, read
   * here, and the HTTPS listener of fgd's load balancer, read with it) and, for {@code --prune},
   * those of the listeners the app's last routes left ({@link LeftRules}).
   */
  public static Map<String, List<ObjectNode>> rules(ObservedState observed) {
    var left = LeftRules.observed(observed).rules();
    if (left.isEmpty()) {
      return read(observed);
    }
    Map<String, List<ObjectNode>> out = new TreeMap<>(read(observed));
    out.putAll(left);
    return out;
  }

  /** The rules of the spec's listeners, by listener ARN (the first wave's). */
  static Map<String, List<ObjectNode>> read(ObservedState observed) {
    Map<String, List<ObjectNode>> named = observed.get(KEY, Map.of());
    var fgds = LoadBalancerReads.observed(observed);
    var https = LoadBalancerKind.httpsListener(observed);
    if (fgds.isEmpty() || https.isEmpty()) {
      return named;
    }
    Map<String, List<ObjectNode>> out = new TreeMap<>(named);
    out.put(https.get(), fgds.get().httpsRules());
    return out;
  }

  /** The tags of those rules, by rule ARN. */
  public static Map<String, Map<String, String>> tags(ObservedState observed) {
    Map<String, Map<String, String>> spec = observed.get(TAGS_KEY, Map.of());
    var left = LeftRules.observed(observed).tags();
    if (left.isEmpty()) {
      return spec;
    }
    Map<String, Map<String, String>> out = new TreeMap<>(spec);
    out.putAll(left);
    return out;
  }

  /** A rule the plan read, with the listener it is on and its tags (none when it has none). */
  record Tagged(String listener, ObjectNode rule, Map<String, String> tags) {
    String arn() {
      return rule.path("RuleArn").asText();
    }

    /** Tagged as {@code app}'s, and as a route of a service. */
    boolean routeOf(String app) {
      return app.equals(tags.get(AwsStateReader.OWNER_TAG))
          && tags.containsKey(RouteEmitter.SERVICE_TAG_KEY);
    }
  }

  /** Every rule the plan read, each with its tags: what the plan, apply and fingerprint walk. */
  static Stream<Tagged> tagged(ObservedState observed) {
    var tags = tags(observed);
    return rules(observed).entrySet().stream()
        .flatMap(
            e ->
                e.getValue().stream()
                    .map(
                        r ->
                            new Tagged(
                                e.getKey(),
                                r,
                                tags.getOrDefault(r.path("RuleArn").asText(), Map.of()))));
  }

  /**
   * A rule the plan read (not a listener's default) that forwards to the target group {@code arn}
   * and is not tagged as {@code app}'s: ELBv2 refuses to delete a target group a rule uses.
   */
  public static Optional<String> foreignRuleTo(String arn, String app, ObservedState observed) {
    return tagged(observed)
        .filter(t -> !t.rule().path("IsDefault").asBoolean(false))
        .filter(t -> RouteImport.forwardsTo(t.rule()).contains(arn))
        .filter(t -> !app.equals(t.tags().get(AwsStateReader.OWNER_TAG)))
        .map(Tagged::arn)
        .findFirst();
  }

  /**
   * A load balancer the target group is attached to (DescribeTargetGroups' LoadBalancerArns) none
   * of whose listeners' rules the plan read: its rules that forward to the target group would stay,
   * and ELBv2 refuses to delete a target group in use (DeleteTargetGroup: ResourceInUse). That is a
   * listener the spec stopped naming with the app's last route on it; planned for {@code --prune},
   * the plan reads that load balancer's listeners and rules too ({@link LeftRules}), and there is
   * none.
   */
  public static Optional<String> unreadBalancer(JsonNode targetGroup, ObservedState observed) {
    Set<String> listeners = rules(observed).keySet();
    for (JsonNode lb : targetGroup.path("LoadBalancerArns")) {
      if (!anyListenerOf(lb.asText(), listeners)) {
        return Optional.of(lb.asText());
      }
    }
    return Optional.empty();
  }

  /**
   * Whether one of {@code listeners} is a listener of the load balancer {@code loadBalancerArn}: a
   * listener's ARN is its load balancer's with {@code listener/} for {@code loadbalancer/}, then
   * its own id ({@code …:listener/app/NAME/ID/LISTENER}).
   */
  static boolean anyListenerOf(String loadBalancerArn, Collection<String> listeners) {
    String prefix = loadBalancerArn.replace(":loadbalancer/", ":listener/") + "/";
    return listeners.stream().anyMatch(l -> l.startsWith(prefix));
  }

  static List<JsonNode> desired(DesiredService s) {
    List<JsonNode> out = new ArrayList<>();
    s.routes().ifPresent(r -> r.path("rules").forEach(e -> out.add(e.path("rule"))));
    return out;
  }

  /**
   * The listener a rule of routes.json goes on: its ARN, or for {@code fgd:listener/https} the
   * HTTPS listener of fgd's load balancer as the plan read it (none before apply creates it).
   */
  static Optional<String> listenerOf(JsonNode rule, ObservedState observed) {
    String arn = rule.path("ListenerArn").asText();
    return arn.startsWith(RouteEmitter.LISTENER_REF)
        ? LoadBalancerKind.httpsListener(observed)
        : Optional.of(arn);
  }

  /** A listener the spec names by ARN (fgd's is read with its load balancer). */
  private static boolean named(JsonNode rule) {
    return !rule.path("ListenerArn").asText().startsWith(RouteEmitter.LISTENER_REF);
  }

  static final List<KindRead> READS =
      List.of(
          new KindRead() {
            @Override
            public String key() {
              return KEY;
            }

            @Override
            public ReadScope.Pending<?> start(ReadScope scope) {
              TreeSet<String> listeners = new TreeSet<>();
              scope
                  .desired()
                  .services()
                  .values()
                  .forEach(
                      s ->
                          desired(s).stream()
                              .filter(ListenerRuleReads::named)
                              .forEach(r -> listeners.add(r.path("ListenerArn").asText())));
              Api api = api(scope.live());
              Map<String, ReadScope.Pending<List<ObjectNode>>> pending = new TreeMap<>();
              for (String l : listeners) {
                pending.put(l, scope.fork(() -> api.rules(l)));
              }
              return () -> {
                Map<String, List<ObjectNode>> out = new TreeMap<>();
                for (var e : pending.entrySet()) {
                  out.put(e.getKey(), e.getValue().join());
                }
                return out;
              };
            }
          },
          new KindRead() {
            @Override
            public String key() {
              return TAGS_KEY;
            }

            @Override
            public List<String> after() {
              return List.of(KEY, LoadBalancerReads.KEY);
            }

            @Override
            public ReadScope.Pending<?> start(ReadScope scope) {
              List<String> arns = new ArrayList<>();
              read(scope.observed())
                  .values()
                  .forEach(
                      list ->
                          list.stream()
                              .filter(r -> !r.path("IsDefault").asBoolean(false))
                              .forEach(r -> arns.add(r.path("RuleArn").asText())));
              Api api = api(scope.live());
              List<ReadScope.Pending<Map<String, Map<String, String>>>> pending = new ArrayList<>();
              for (int i = 0; i < arns.size(); i += 20) {
                List<String> chunk = arns.subList(i, Math.min(arns.size(), i + 20));
                pending.add(scope.fork(() -> api.tags(chunk)));
              }
              return () -> {
                Map<String, Map<String, String>> out = new TreeMap<>();
                for (var p : pending) {
                  out.putAll(p.join());
                }
                return out;
              };
            }
          },
          LeftRules.READ);
}
