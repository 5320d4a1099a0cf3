package io.fgd.runtime.kinds.targetgroup;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fgd.runtime.DaemonPools;
import io.fgd.runtime.FgdRuntimeException;
import io.fgd.runtime.aws.SdkJson;
import io.fgd.runtime.kinds.listenerrule.ListenerRuleReads;
import io.fgd.runtime.state.LiveState;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeListenersRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeTargetGroupsRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupNotFoundException;

/**
 * What {@code fgd import} reads to turn a service's target groups into routes, in four rounds of
 * requests, those of a round run concurrently on a small pool: (1) the target groups by ARN, 20 a
 * request (DescribeTargetGroups documents no maximum; a request fails when one of its target groups
 * is gone, and then none of those 20 becomes a route); (2) their tags (DescribeTags, 20 ARNs a
 * request), their attributes (DescribeTargetGroupAttributes, one each, for the deregistration
 * delay) and the listeners of their load balancers (DescribeListeners, one per load balancer); (3)
 * the rules of each listener (DescribeRules, one per listener); (4) the tags of the rules that
 * forward to the target groups (DescribeTags, 20 a request). The rules, attributes and tags are
 * read through the kinds' own reads, so the first plan of the written spec, which asks the same,
 * finds them already read.
 */
public final class RouteImportReads {
  private static final int THREADS = 8;

  private RouteImportReads() {}

  /**
   * Everything read: target groups by ARN, tags of target groups and rules by ARN, target group
   * attributes by ARN, the rules of each listener by listener ARN.
   */
  public record Observed(
      Map<String, ObjectNode> targetGroups,
      Map<String, Map<String, String>> tags,
      Map<String, Map<String, String>> attributes,
      Map<String, List<ObjectNode>> rules) {
    public static final Observed NONE = new Observed(Map.of(), Map.of(), Map.of(), Map.of());
  }

  /** The reads this class adds to the kinds': target groups by ARN, listeners of a balancer. */
  public interface Api {
    /** The target groups with these ARNs (empty when one of them does not exist any more). */
    Map<String, ObjectNode> targetGroupsByArn(List<String> arns) throws FgdRuntimeException;

    /** The ARNs of a load balancer's listeners. */
    List<String> listeners(String loadBalancerArn) throws FgdRuntimeException;
  }

  public static Api api(LiveState live) {
    return live.reads(
        Api.class,
        reader ->
            new Api() {
              @Override
              public Map<String, ObjectNode> targetGroupsByArn(List<String> arns)
                  throws FgdRuntimeException {
                Map<String, ObjectNode> out = new TreeMap<>();
                try {
                  reader.eachPage(
                      "reading target groups",
                      reader
                          .clients()
                          .elb()
                          .describeTargetGroupsPaginator(
                              DescribeTargetGroupsRequest.builder().targetGroupArns(arns).build()),
                      page -> {
                        page.targetGroups()
                            .forEach(t -> out.put(t.targetGroupArn(), SdkJson.toJson(t)));
                        return true;
                      });
                } catch (FgdRuntimeException e) {
                  if (!(e.getCause() instanceof TargetGroupNotFoundException)) {
                    throw e;
                  }
                  return Map.of();
                }
                return out;
              }

              @Override
              public List<String> listeners(String loadBalancerArn) throws FgdRuntimeException {
                List<String> out = new ArrayList<>();
                reader.eachPage(
                    "reading the listeners of load balancer " + loadBalancerArn,
                    reader
                        .clients()
                        .elb()
                        .describeListenersPaginator(
                            DescribeListenersRequest.builder()
                                .loadBalancerArn(loadBalancerArn)
                                .build()),
                    page -> {
                      page.listeners().forEach(l -> out.add(l.listenerArn()));
                      return true;
                    });
                return out;
              }
            });
  }

  /** Reads the target groups {@code arns} and the rules that may forward to them. */
  public static Observed read(LiveState live, Collection<String> arns) throws FgdRuntimeException {
    List<String> groups = new ArrayList<>(new TreeSet<>(arns));
    if (groups.isEmpty()) {
      return Observed.NONE;
    }
    Api own = api(live);
    TargetGroupReads.Api tgReads = TargetGroupReads.api(live);
    ListenerRuleReads.Api ruleReads = ListenerRuleReads.api(live);
    ExecutorService pool = DaemonPools.fixed("import-routes", THREADS);
    try {
      // Round 1: the target groups (a target group that is gone leaves the service as it is).
      Map<String, ObjectNode> targetGroups = new TreeMap<>();
      List<Future<Map<String, ObjectNode>>> described = new ArrayList<>();
      for (int i = 0; i < groups.size(); i += TargetGroupReads.TAGS_PER_REQUEST) {
        List<String> chunk =
            List.copyOf(
                groups.subList(i, Math.min(groups.size(), i + TargetGroupReads.TAGS_PER_REQUEST)));
        described.add(pool.submit(() -> own.targetGroupsByArn(chunk)));
      }
      for (var f : described) {
        targetGroups.putAll(get(f));
      }
      List<String> found = List.copyOf(targetGroups.keySet());

      // Round 2: their tags and attributes, and the listeners of their load balancers.
      List<Future<Map<String, Map<String, String>>>> tgTags = tags(pool, tgReads::tags, found);
      Map<String, Future<Map<String, String>>> attributes = new LinkedHashMap<>();
      for (String arn : found) {
        attributes.put(arn, pool.submit(() -> tgReads.attributes(arn)));
      }
      Set<String> balancers = new TreeSet<>();
      targetGroups
          .values()
          .forEach(t -> t.path("LoadBalancerArns").forEach(b -> balancers.add(b.asText())));
      Map<String, Future<List<String>>> listenersOf = new TreeMap<>();
      for (String b : balancers) {
        listenersOf.put(b, pool.submit(() -> own.listeners(b)));
      }
      Map<String, Map<String, String>> tags = new TreeMap<>();
      for (var f : tgTags) {
        tags.putAll(get(f));
      }
      Map<String, Map<String, String>> attributesByArn = new TreeMap<>();
      for (var e : attributes.entrySet()) {
        attributesByArn.put(e.getKey(), get(e.getValue()));
      }
      Set<String> listeners = new TreeSet<>();
      for (var f : listenersOf.values()) {
        listeners.addAll(get(f));
      }

      // Round 3: each listener's rules.
      Map<String, Future<List<ObjectNode>>> rulesOf = new TreeMap<>();
      for (String l : listeners) {
        rulesOf.put(l, pool.submit(() -> ruleReads.rules(l)));
      }
      Map<String, List<ObjectNode>> rules = new TreeMap<>();
      List<String> forwarding = new ArrayList<>();
      for (var e : rulesOf.entrySet()) {
        List<ObjectNode> list = get(e.getValue());
        rules.put(e.getKey(), list);
        for (ObjectNode r : list) {
          if (!r.path("IsDefault").asBoolean(false)
              && RouteImport.forwardsTo(r).stream().anyMatch(targetGroups::containsKey)) {
            forwarding.add(r.path("RuleArn").asText());
          }
        }
      }

      // Round 4: the tags of the rules that forward to them.
      for (var f : tags(pool, ruleReads::tags, forwarding)) {
        tags.putAll(get(f));
      }
      return new Observed(targetGroups, tags, attributesByArn, rules);
    } finally {
      pool.shutdownNow();
    }
  }

  private interface TagReads {
    Map<String, Map<String, String>> tags(List<String> arns) throws FgdRuntimeException;
  }

  private static List<Future<Map<String, Map<String, String>>>> tags(
      ExecutorService pool, TagReads reads, List<String> arns) {
    List<Future<Map<String, Map<String, String>>>> out = new ArrayList<>();
    for (int i = 0; i < arns.size(); i += TargetGroupReads.TAGS_PER_REQUEST) {
      List<String> chunk =
          List.copyOf(
              arns.subList(i, Math.min(arns.size(), i + TargetGroupReads.TAGS_PER_REQUEST)));
      Callable<Map<String, Map<String, String>>> call = () -> reads.tags(chunk);
      out.add(pool.submit(call));
    }
    return out;
  }

  private static <T> T get(Future<T> future) throws FgdRuntimeException {
    try {
      return future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new FgdRuntimeException("Interrupted while reading the account.", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof FgdRuntimeException f) {
        throw f;
      }
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException(e.getCause());
    }
  }
}
