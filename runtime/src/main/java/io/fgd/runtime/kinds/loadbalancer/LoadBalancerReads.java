package io.fgd.runtime.kinds.loadbalancer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fgd.runtime.FgdRuntimeException;
import io.fgd.runtime.aws.SdkJson;
import io.fgd.runtime.engine.DesiredService;
import io.fgd.runtime.engine.DesiredState;
import io.fgd.runtime.engine.KindRead;
import io.fgd.runtime.engine.ReadScope;
import io.fgd.runtime.kinds.targetgroup.TargetGroupReads;
import io.fgd.runtime.state.AwsStateReader;
import io.fgd.runtime.state.LiveState;
import io.fgd.runtime.state.ObservedState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeRulesRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerNotFoundException;

/**
 * How the plan reads fgd's load balancer of the app: in the first wave the load balancer of fgd's
 * name (DescribeLoadBalancers by name; a name that does not exist is LoadBalancerNotFound, which is
 * "none") and, when there is one, its listeners (DescribeListeners) and its tags (DescribeTags) and
 * the rules of its HTTPS listener (DescribeRules), one after the other in the same fork: the
 * listener's ARN is known only once the load balancer is read, and reading its rules here keeps the
 * plan's reads two waves deep (the rules' tags are read in the second wave with those of the
 * listeners the spec names). For a spec with fgd's load balancer the first wave's longest chain is
 * so four requests in a row instead of one.
 *
 * <p>A spec without routes asks for no load balancer, and its plan reads none; planned for {@code
 * --prune} it reads fgd's name all the same (one DescribeLoadBalancers; LoadBalancerNotFound when
 * there is none): when the app's last route and its {@code load_balancer} went, the load balancer
 * fgd made for it, with the rules of its HTTPS listener, is found so and deleted.
 */
public final class LoadBalancerReads {
  public static final String KEY = "load_balancer";

  private LoadBalancerReads() {}

  /** fgd's load balancer as read: DescribeLoadBalancers' entry, its tags, its listeners. */
  public record Observed(
      ObjectNode loadBalancer,
      Map<String, String> tags,
      List<ObjectNode> listeners,
      List<ObjectNode> httpsRules) {
    public String arn() {
      return loadBalancer.path("LoadBalancerArn").asText();
    }

    /** The listener on {@code port}, as DescribeListeners answered it. */
    public Optional<ObjectNode> listener(int port) {
      return listeners.stream().filter(l -> l.path("Port").asInt() == port).findFirst();
    }
  }

  /** The requests; a test's FakeLiveState may implement it. */
  public interface Api {
    /**
     * The load balancer named {@code name}, with its tags, its listeners and, when {@code rules},
     * the rules of its HTTPS listener (only when the spec's routes go there); empty when none.
     */
    Optional<Observed> loadBalancer(String name, boolean rules) throws FgdRuntimeException;
  }

  public static Api api(LiveState live) {
    return live.reads(
        Api.class,
        reader ->
            (name, withRules) -> {
              List<ObjectNode> found = new ArrayList<>();
              reader
                  .call(
                      "reading load balancer " + name,
                      () -> {
                        try {
                          return reader
                              .clients()
                              .elb()
                              .describeLoadBalancers(r -> r.names(name))
                              .loadBalancers();
                        } catch (LoadBalancerNotFoundException e) {
                          return List.<LoadBalancer>of(); // asked by name: "none of that name"
                        }
                      })
                  .forEach(lb -> found.add(SdkJson.toJson(lb)));
              if (found.isEmpty()) {
                return Optional.empty();
              }
              ObjectNode lb = found.get(0);
              String arn = lb.path("LoadBalancerArn").asText();
              List<ObjectNode> listeners = new ArrayList<>();
              reader
                  .call(
                      "reading the listeners of load balancer " + name,
                      () -> reader.clients().elb().describeListeners(r -> r.loadBalancerArn(arn)))
                  .listeners()
                  .forEach(l -> listeners.add(SdkJson.toJson(l)));
              Map<String, String> tags =
                  TargetGroupReads.readTags(reader, List.of(arn)).getOrDefault(arn, Map.of());
              List<ObjectNode> rules = new ArrayList<>();
              for (ObjectNode l : listeners) {
                if (withRules && l.path("Port").asInt() == LoadBalancerKind.HTTPS) {
                  rules.addAll(readRules(reader, l.path("ListenerArn").asText()));
                }
              }
              return Optional.of(new Observed(lb, tags, listeners, rules));
            });
  }

  /** DescribeRules' PageSize is at most 400 (ELBv2 API reference, DescribeRules). */
  static final int RULES_PAGE_SIZE = 400;

  /** Every rule of a listener, each as DescribeRules answers it (ELBv2 wire shape). */
  public static List<ObjectNode> readRules(AwsStateReader reader, String listenerArn)
      throws FgdRuntimeException {
    List<ObjectNode> out = new ArrayList<>();
    reader.eachPage(
        "reading the rules of listener " + listenerArn,
        reader
            .clients()
            .elb()
            .describeRulesPaginator(
                DescribeRulesRequest.builder()
                    .listenerArn(listenerArn)
                    .pageSize(RULES_PAGE_SIZE)
                    .build()),
        page -> {
          page.rules().forEach(r -> out.add(SdkJson.toJson(r)));
          return true;
        });
    return out;
  }

  /** The load balancer routes.json asks for (the same in every routed service's), if any. */
  public static Optional<JsonNode> desired(DesiredState desired) {
    for (DesiredService s : desired.services().values()) {
      Optional<JsonNode> lb = s.routes().map(r -> r.get("loadBalancer")).filter(n -> n != null);
      if (lb.isPresent()) {
        return lb;
      }
    }
    return Optional.empty();
  }

  /** fgd's load balancer as the plan read it. */
  public static Optional<Observed> observed(ObservedState observed) {
    return observed.get(KEY, Optional.empty());
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
              DesiredState desired = scope.desired();
              boolean routed =
                  desired.services().values().stream().anyMatch(s -> s.routes().isPresent());
              if (!routed && !desired.prune()) {
                return ReadScope.done(Optional.<Observed>empty());
              }
              String name = LoadBalancerForm.name(desired.app());
              Api api = api(scope.live());
              // Without routes the spec asks for no load balancer, but with --prune one fgd made
              // for an earlier spec is looked for, with the rules of its HTTPS listener, to go.
              boolean rules = !routed || desired(desired).isPresent();
              return scope.fork(() -> api.loadBalancer(name, rules));
            }
          });
}
