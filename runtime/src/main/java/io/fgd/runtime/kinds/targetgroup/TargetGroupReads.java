package io.fgd.runtime.kinds.targetgroup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fgd.compiler.emit.ecs.RouteEmitter;
import io.fgd.runtime.FgdRuntimeException;
import io.fgd.runtime.aws.SdkJson;
import io.fgd.runtime.engine.DesiredService;
import io.fgd.runtime.engine.DesiredState;
import io.fgd.runtime.engine.KindRead;
import io.fgd.runtime.engine.ReadScope;
import io.fgd.runtime.state.AwsStateReader;
import io.fgd.runtime.state.LiveState;
import io.fgd.runtime.state.ObservedState;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeTargetGroupsRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;

/**
 * How the plan reads target groups. First wave: the VPC of the app's first subnet (DescribeSubnets,
 * only for a spec with routes: new target groups go there) and the account's target groups
 * (DescribeTargetGroups, 400 a page; asked by name it fails on the first name that does not exist,
 * so fgd lists them), kept when the spec names them or their name starts as the app's do. Second
 * wave: their attributes (DescribeTargetGroupAttributes, one per group) and tags (DescribeTags, 20
 * ARNs a request), concurrently. A spec without routes reads none, unless planned for {@code
 * --prune}: then it lists them too (one DescribeTargetGroups; the second wave only when one has the
 * app's prefix), so the target groups of routes that all left the spec are found and deleted.
 */
public final class TargetGroupReads {
  /** The key of the first wave's result, a {@link Listing}. */
  public static final String KEY = "target_group";

  /** The key of the second wave's result: attributes and tags by ARN. */
  public static final String DETAILS_KEY = "target_group_details";

  /** DescribeTags takes up to 20 resource ARNs (ELBv2 API reference, DescribeTags). */
  static final int TAGS_PER_REQUEST = 20;

  /** DescribeTargetGroups returns up to 400 per page (PageSize). */
  static final int PAGE_SIZE = 400;

  private TargetGroupReads() {}

  /** The VPC of the app's subnets and the target groups that may be the app's, by name. */
  public record Listing(Optional<String> vpcId, Map<String, ObjectNode> byName) {}

  /** A target group's attributes and tags. */
  public record Details(Map<String, String> attributes, Map<String, String> tags) {}

  /** How fgd reads target groups; tests fake it. */
  public interface Api {
    Optional<String> vpcOf(String subnet) throws FgdRuntimeException;

    /** Target groups whose name is in {@code names} or starts with {@code prefix}, by name. */
    Map<String, ObjectNode> targetGroups(Set<String> names, String prefix)
        throws FgdRuntimeException;

    Map<String, String> attributes(String arn) throws FgdRuntimeException;

    /** Tags by ARN, for at most {@value #TAGS_PER_REQUEST} ARNs. */
    Map<String, Map<String, String>> tags(List<String> arns) throws FgdRuntimeException;
  }

  public static Api api(LiveState live) {
    return live.reads(Api.class, SdkApi::new);
  }

  public static Listing listing(ObservedState observed) {
    return observed.get(KEY, new Listing(Optional.empty(), Map.of()));
  }

  public static Map<String, Details> details(ObservedState observed) {
    return observed.get(DETAILS_KEY, Map.of());
  }

  /**
   * The target groups the service's loadBalancers name, as they name them: the references of its
   * routes, and the ARNs of its {@code port N target_group "ARN"} (an import keeps an fgd target
   * group so when its rule says what a route cannot: in use, not left over).
   */
  public static Set<String> registered(DesiredService s) {
    Set<String> out = new TreeSet<>();
    s.service().path("loadBalancers").forEach(lb -> out.add(lb.path("targetGroupArn").asText()));
    return out;
  }

  /** The target groups of a service's routes.json. */
  static List<JsonNode> desired(DesiredService s) {
    List<JsonNode> out = new ArrayList<>();
    s.routes().ifPresent(r -> r.path("targetGroups").forEach(out::add));
    return out;
  }

  /** The first characters of the names of every target group fgd makes for the app. */
  static String prefix(String app) {
    return RouteEmitter.targetGroupName(app, "", 0).replaceAll("-?[0-9a-f]{8}$", "");
  }

  static boolean routed(DesiredState desired) {
    return desired.services().values().stream().anyMatch(s -> s.routes().isPresent());
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
              if (!routed(desired) && !desired.prune()) {
                return ReadScope.done(new Listing(Optional.empty(), Map.of()));
              }
              Set<String> names = new TreeSet<>();
              Optional<String> subnet = Optional.empty();
              for (DesiredService s : desired.services().values()) {
                desired(s).forEach(tg -> names.add(tg.path("targetGroup").path("Name").asText()));
                JsonNode subnets =
                    s.service().path("networkConfiguration").path("awsvpcConfiguration");
                if (subnet.isEmpty() && subnets.path("subnets").size() > 0) {
                  subnet = Optional.of(subnets.path("subnets").get(0).asText());
                }
              }
              Api api = api(scope.live());
              Optional<String> first = subnet;
              // The VPC is where new target groups and security groups go: only routes make them.
              ReadScope.Pending<Optional<String>> vpc =
                  first.isEmpty() || !routed(desired)
                      ? ReadScope.done(Optional.empty())
                      : scope.fork(() -> api.vpcOf(first.get()));
              String prefix = prefix(desired.app());
              ReadScope.Pending<Map<String, ObjectNode>> groups =
                  scope.fork(() -> api.targetGroups(names, prefix));
              return () -> new Listing(vpc.join(), groups.join());
            }
          },
          new KindRead() {
            @Override
            public String key() {
              return DETAILS_KEY;
            }

            @Override
            public List<String> after() {
              return List.of(KEY);
            }

            @Override
            public ReadScope.Pending<?> start(ReadScope scope) {
              List<String> arns = new ArrayList<>();
              listing(scope.observed())
                  .byName()
                  .values()
                  .forEach(tg -> arns.add(tg.path("TargetGroupArn").asText()));
              if (arns.isEmpty()) {
                return ReadScope.done(Map.of());
              }
              Api api = api(scope.live());
              Map<String, ReadScope.Pending<Map<String, String>>> attributes =
                  new LinkedHashMap<>();
              for (String arn : arns) {
                attributes.put(arn, scope.fork(() -> api.attributes(arn)));
              }
              List<ReadScope.Pending<Map<String, Map<String, String>>>> tags = new ArrayList<>();
              for (int i = 0; i < arns.size(); i += TAGS_PER_REQUEST) {
                List<String> chunk = arns.subList(i, Math.min(arns.size(), i + TAGS_PER_REQUEST));
                tags.add(scope.fork(() -> api.tags(chunk)));
              }
              return () -> {
                Map<String, Map<String, String>> allTags = new TreeMap<>();
                for (var t : tags) {
                  allTags.putAll(t.join());
                }
                Map<String, Details> out = new TreeMap<>();
                for (var a : attributes.entrySet()) {
                  out.put(
                      a.getKey(),
                      new Details(a.getValue().join(), allTags.getOrDefault(a.getKey(), Map.of())));
                }
                return out;
              };
            }
          });

  /** The reads over the SDK. */
  private record SdkApi(AwsStateReader reader) implements Api {
    @Override
    public Optional<String> vpcOf(String subnet) throws FgdRuntimeException {
      var subnets =
          reader
              .call(
                  "reading subnet " + subnet,
                  () -> reader.clients().ec2().describeSubnets(r -> r.subnetIds(subnet)))
              .subnets();
      return subnets.isEmpty() ? Optional.empty() : Optional.of(subnets.get(0).vpcId());
    }

    @Override
    public Map<String, ObjectNode> targetGroups(Set<String> names, String prefix)
        throws FgdRuntimeException {
      Map<String, ObjectNode> out = new TreeMap<>();
      reader.eachPage(
          "reading target groups",
          reader
              .clients()
              .elb()
              .describeTargetGroupsPaginator(
                  DescribeTargetGroupsRequest.builder().pageSize(PAGE_SIZE).build()),
          page -> {
            for (TargetGroup tg : page.targetGroups()) {
              if (names.contains(tg.targetGroupName()) || tg.targetGroupName().startsWith(prefix)) {
                out.put(tg.targetGroupName(), SdkJson.toJson(tg));
              }
            }
            return true;
          });
      return out;
    }

    @Override
    public Map<String, String> attributes(String arn) throws FgdRuntimeException {
      Map<String, String> out = new TreeMap<>();
      reader
          .call(
              "reading the attributes of target group " + arn,
              () ->
                  reader.clients().elb().describeTargetGroupAttributes(r -> r.targetGroupArn(arn)))
          .attributes()
          .forEach(a -> out.put(a.key(), a.value()));
      return out;
    }

    @Override
    public Map<String, Map<String, String>> tags(List<String> arns) throws FgdRuntimeException {
      return readTags(reader, arns);
    }
  }

  /** DescribeTags of up to 20 ELBv2 resources, by ARN, without AWS's own aws: tags. */
  public static Map<String, Map<String, String>> readTags(
      AwsStateReader reader, Collection<String> arns) throws FgdRuntimeException {
    Map<String, Map<String, String>> out = new TreeMap<>();
    reader
        .call(
            "reading load balancing tags",
            () -> reader.clients().elb().describeTags(r -> r.resourceArns(arns)))
        .tagDescriptions()
        .forEach(
            d -> {
              Map<String, String> tags = new TreeMap<>();
              d.tags().stream()
                  .filter(t -> !t.key().startsWith("aws:"))
                  .forEach(t -> tags.put(t.key(), t.value()));
              out.put(d.resourceArn(), tags);
            });
    return out;
  }
}
