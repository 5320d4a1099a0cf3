package io.fgd.runtime.state;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fgd.runtime.Arns;
import io.fgd.runtime.FgdRuntimeException;
import io.fgd.runtime.aws.AwsClients;
import io.fgd.runtime.aws.AwsErrors;
import io.fgd.runtime.aws.AwsSettings;
import io.fgd.runtime.aws.SdkJson;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.pagination.sync.SdkIterable;
import software.amazon.awssdk.services.applicationautoscaling.model.DescribeScalableTargetsRequest;
import software.amazon.awssdk.services.applicationautoscaling.model.DescribeScalingPoliciesRequest;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalableDimension;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalableTarget;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalingPolicy;
import software.amazon.awssdk.services.applicationautoscaling.model.ServiceNamespace;
import software.amazon.awssdk.services.cloudwatchlogs.model.DescribeLogGroupsRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.LogGroup;
import software.amazon.awssdk.services.ecs.model.Cluster;
import software.amazon.awssdk.services.ecs.model.ClusterNotFoundException;
import software.amazon.awssdk.services.ecs.model.Deployment;
import software.amazon.awssdk.services.ecs.model.DescribeClustersResponse;
import software.amazon.awssdk.services.ecs.model.DescribeServicesResponse;
import software.amazon.awssdk.services.ecs.model.DescribeTaskDefinitionResponse;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.ServiceField;
import software.amazon.awssdk.services.ecs.model.Tag;
import software.amazon.awssdk.services.ecs.model.TaskDefinitionField;

/** {@link LiveState} over the AWS SDK; counts every request it sends. */
public final class AwsStateReader implements LiveState {
  /** The tag fgd puts on everything it creates, with the app's name as value. */
  public static final String OWNER_TAG = "fgd:app";

  /**
   * ListServices answers 10 ARNs a page unless asked for more, up to 100 (ECS API reference): a
   * cluster of 50 services is one page instead of five read one after the other.
   */
  static final int SERVICE_ARNS_PER_PAGE = 100;

  /** DescribeScalableTargets takes at most 50 resource ids per call. */
  static final int TARGETS_PER_CALL = 50;

  /** DescribeScalingPolicies returns at most 10 policies per page. */
  static final int POLICIES_PER_PAGE = 10;

  /** DescribeLogGroups returns at most 50 groups per page. */
  static final int LOG_GROUPS_PER_PAGE = 50;

  private final AwsClients clients;
  private final AwsSettings settings;
  private final AtomicInteger calls = new AtomicInteger();

  public AwsStateReader(AwsClients clients, AwsSettings settings) {
    this.clients = clients;
    this.settings = settings;
  }

  @Override
  public int apiCalls() {
    return calls.get();
  }

  private <T> T call(String action, Supplier<T> request) throws FgdRuntimeException {
    calls.incrementAndGet();
    try {
      return request.get();
    } catch (SdkException e) {
      throw AwsErrors.translate(e, action, settings);
    }
  }

  /** What to do with one page of a listing; false stops it before the next page is asked for. */
  interface PageVisitor<P> {
    boolean visit(P page) throws FgdRuntimeException;
  }

  /**
   * Walks the pages of an SDK paginator, counting each request as {@link #call} does; the paginator
   * asks for a page only when the visitor wants the next one, so an early stop saves the requests.
   */
  private <P> void eachPage(String action, SdkIterable<P> pages, PageVisitor<P> visitor)
      throws FgdRuntimeException {
    Iterator<P> it = pages.iterator();
    while (true) {
      P page;
      try {
        if (!it.hasNext()) {
          return;
        }
        calls.incrementAndGet();
        page = it.next();
      } catch (SdkException e) {
        throw AwsErrors.translate(e, action, settings);
      }
      if (!visitor.visit(page)) {
        return;
      }
    }
  }

  @Override
  public boolean readCluster(String cluster) throws FgdRuntimeException {
    DescribeClustersResponse response =
        call(
            "reading cluster \"" + cluster + "\"",
            () -> clients.ecs().describeClusters(r -> r.clusters(cluster)));
    // A missing cluster is a "failure" entry, not an exception; a deleted one stays INACTIVE.
    return response.clusters().stream().map(Cluster::status).anyMatch("ACTIVE"::equals);
  }

  @Override
  public Map<String, ObservedService> readServices(String cluster, Collection<String> names)
      throws FgdRuntimeException {
    Map<String, ObservedService> found = new LinkedHashMap<>();
    List<String> all = List.copyOf(names);
    for (int i = 0; i < all.size(); i += SERVICES_PER_READ) {
      List<String> batch = all.subList(i, Math.min(all.size(), i + SERVICES_PER_READ));
      for (ObservedService s : describeServices(cluster, batch)) {
        // Several services of one name can come back (a deleted INACTIVE one and its ACTIVE
        // successor); the live one wins.
        ObservedService previous = found.get(s.name());
        if (previous == null || previous.isGone()) {
          found.put(s.name(), s);
        }
      }
    }
    return found;
  }

  private List<ObservedService> describeServices(String cluster, List<String> namesOrArns)
      throws FgdRuntimeException {
    DescribeServicesResponse response;
    try {
      response =
          call(
              "reading the services of cluster \"" + cluster + "\"",
              () ->
                  clients
                      .ecs()
                      .describeServices(
                          r ->
                              r.cluster(cluster).services(namesOrArns).include(ServiceField.TAGS)));
    } catch (FgdRuntimeException e) {
      if (e.getCause() instanceof ClusterNotFoundException) {
        return List.of();
      }
      throw e;
    }
    List<ObservedService> out = new ArrayList<>();
    for (Service s : response.services()) {
      Optional<String> primary =
          s.deployments().stream()
              .filter(d -> "PRIMARY".equals(d.status()))
              .map(Deployment::id)
              .findFirst();
      out.add(
          new ObservedService(
              s.serviceName(),
              s.serviceArn(),
              s.status() == null ? "ACTIVE" : s.status(),
              s.taskDefinition(),
              primary,
              SdkJson.toJson(s)));
    }
    return out;
  }

  @Override
  public ObjectNode readTaskDefinition(String arn) throws FgdRuntimeException {
    DescribeTaskDefinitionResponse response =
        call(
            "reading task definition " + arn,
            () ->
                clients
                    .ecs()
                    .describeTaskDefinition(
                        r -> r.taskDefinition(arn).include(TaskDefinitionField.TAGS)));
    ObjectNode json = SdkJson.toJson(response.taskDefinition());
    // Tags live beside the task definition in the response, but inside it in the register input.
    ArrayNode tags = JsonNodeFactory.instance.arrayNode();
    for (Tag t : response.tags()) {
      tags.addObject().put("key", t.key()).put("value", t.value());
    }
    if (!tags.isEmpty()) {
      json.set("tags", tags);
    }
    return json;
  }

  @Override
  public Map<String, ObservedScaling> readScaling(String cluster, Collection<String> services)
      throws FgdRuntimeException {
    Map<String, ScalableTarget> targets = new LinkedHashMap<>();
    List<String> ids = services.stream().map(s -> resourceId(cluster, s)).toList();
    for (int i = 0; i < ids.size(); i += TARGETS_PER_CALL) {
      List<String> batch = ids.subList(i, Math.min(ids.size(), i + TARGETS_PER_CALL));
      eachPage(
          "reading the autoscaling targets of cluster \"" + cluster + "\"",
          clients
              .autoScaling()
              .describeScalableTargetsPaginator(
                  DescribeScalableTargetsRequest.builder()
                      .serviceNamespace(ServiceNamespace.ECS)
                      .scalableDimension(ScalableDimension.ECS_SERVICE_DESIRED_COUNT)
                      .resourceIds(batch)
                      .build()),
          page -> {
            page.scalableTargets().forEach(t -> targets.put(t.resourceId(), t));
            return true;
          });
    }
    Map<String, Map<String, ObjectNode>> policies = readPolicies(targets.keySet());
    Map<String, ObservedScaling> out = new LinkedHashMap<>();
    for (ScalableTarget target : targets.values()) {
      String service = target.resourceId().substring(target.resourceId().lastIndexOf('/') + 1);
      out.put(
          service,
          new ObservedScaling(
              SdkJson.toJson(target),
              policies.getOrDefault(target.resourceId(), new LinkedHashMap<>())));
    }
    return out;
  }

  /**
   * The scaling policies of the given targets, by resource id then policy name. The API filters by
   * one resource id at most, so there are two ways: one read per target, or the namespace's
   * policies of the whole account and region, {@value #POLICIES_PER_PAGE} per page, kept for the
   * targets asked. The namespace is cheaper when the account holds few other ECS policies (a
   * typical account: fgd puts one to three on a service). It is tried first, but given up after
   * half as many pages as there are targets, and then the targets are read one by one: at most 1.5
   * times the calls of reading them one by one, even in an account with thousands of policies.
   */
  private Map<String, Map<String, ObjectNode>> readPolicies(Set<String> resourceIds)
      throws FgdRuntimeException {
    Map<String, Map<String, ObjectNode>> policies = new LinkedHashMap<>();
    if (resourceIds.size() > 1) {
      int budget = (resourceIds.size() + 1) / 2;
      int[] pages = {0};
      boolean[] complete = {false};
      eachPage(
          "reading the ECS scaling policies",
          clients.autoScaling().describeScalingPoliciesPaginator(policiesRequest(null)),
          page -> {
            for (ScalingPolicy p : page.scalingPolicies()) {
              if (resourceIds.contains(p.resourceId())
                  && p.scalableDimension() == ScalableDimension.ECS_SERVICE_DESIRED_COUNT) {
                policies
                    .computeIfAbsent(p.resourceId(), k -> new LinkedHashMap<>())
                    .put(p.policyName(), SdkJson.toJson(p));
              }
            }
            complete[0] = page.nextToken() == null;
            return !complete[0] && ++pages[0] < budget;
          });
      if (complete[0]) {
        return policies;
      }
      policies.clear();
    }
    for (String resourceId : resourceIds) {
      policies.put(resourceId, readPolicies(resourceId));
    }
    return policies;
  }

  private Map<String, ObjectNode> readPolicies(String resourceId) throws FgdRuntimeException {
    Map<String, ObjectNode> policies = new LinkedHashMap<>();
    eachPage(
        "reading the scaling policies of " + resourceId,
        clients.autoScaling().describeScalingPoliciesPaginator(policiesRequest(resourceId)),
        page -> {
          for (ScalingPolicy p : page.scalingPolicies()) {
            policies.put(p.policyName(), SdkJson.toJson(p));
          }
          return true;
        });
    return policies;
  }

  /**
   * The ECS namespace's scaling policies, {@value #POLICIES_PER_PAGE} a page: those of one
   * service's desired count, or, with no {@code resourceId}, all of them.
   */
  private static DescribeScalingPoliciesRequest policiesRequest(String resourceId) {
    DescribeScalingPoliciesRequest.Builder request =
        DescribeScalingPoliciesRequest.builder()
            .serviceNamespace(ServiceNamespace.ECS)
            .maxResults(POLICIES_PER_PAGE);
    if (resourceId != null) {
      request.resourceId(resourceId).scalableDimension(ScalableDimension.ECS_SERVICE_DESIRED_COUNT);
    }
    return request.build();
  }

  @Override
  public Map<String, ObservedLogGroup> readLogGroups(Collection<String> names)
      throws FgdRuntimeException {
    Map<String, ObservedLogGroup> found = new LinkedHashMap<>();
    describeLogGroups(names).forEach((name, group) -> found.put(name, observed(group)));
    return found;
  }

  /**
   * The named log groups that exist, by name. Names that share a folder ({@code /ecs/<app>/}) are
   * listed by that prefix, {@value #LOG_GROUPS_PER_PAGE} per page in name order, until the last
   * name asked for is passed; a lone name, or a folder that holds so many other groups that the
   * listing passes half as many pages as names, is read one name at a time.
   */
  private Map<String, LogGroup> describeLogGroups(Collection<String> names)
      throws FgdRuntimeException {
    Map<String, TreeSet<String>> byFolder = new TreeMap<>();
    for (String name : names) {
      byFolder
          .computeIfAbsent(name.substring(0, name.lastIndexOf('/') + 1), k -> new TreeSet<>())
          .add(name);
    }
    Map<String, LogGroup> found = new HashMap<>();
    for (var folder : byFolder.entrySet()) {
      TreeSet<String> wanted = folder.getValue();
      String prefix = folder.getKey();
      if (wanted.size() > 1 && !prefix.isEmpty()) {
        int budget = (wanted.size() + 1) / 2;
        int[] pages = {0};
        eachPage(
            "reading log groups " + prefix,
            clients.logs().describeLogGroupsPaginator(logGroupsRequest(prefix)),
            page -> {
              for (LogGroup g : page.logGroups()) {
                if (wanted.remove(g.logGroupName())) {
                  found.put(g.logGroupName(), g);
                }
              }
              List<LogGroup> groups = page.logGroups();
              if (page.nextToken() == null) {
                wanted.clear();
              } else if (!groups.isEmpty()) {
                // Names come in order: every name asked for up to the page's last is settled.
                wanted.headSet(groups.get(groups.size() - 1).logGroupName(), true).clear();
              }
              return ++pages[0] < budget && !wanted.isEmpty();
            });
      }
      for (String name : wanted) {
        eachPage(
            "reading log group " + name,
            clients.logs().describeLogGroupsPaginator(logGroupsRequest(name)),
            page -> {
              page.logGroups().stream()
                  .filter(g -> name.equals(g.logGroupName()))
                  .forEach(g -> found.put(name, g));
              // The exact name sorts first among names with it as prefix: one page is enough.
              return !found.containsKey(name);
            });
      }
    }
    return found;
  }

  /** The retention comes with the group in the same answer: no extra call. */
  private static ObservedLogGroup observed(LogGroup g) {
    return g.retentionInDays() == null
        ? ObservedLogGroup.keptForever(g.logGroupName())
        : ObservedLogGroup.withRetention(g.logGroupName(), g.retentionInDays());
  }

  private static DescribeLogGroupsRequest logGroupsRequest(String prefix) {
    return DescribeLogGroupsRequest.builder()
        .logGroupNamePrefix(prefix)
        .limit(LOG_GROUPS_PER_PAGE)
        .build();
  }

  @Override
  public Map<String, ObservedService> listOwnedServices(
      String cluster, String app, Set<String> except) throws FgdRuntimeException {
    List<String> candidates = new ArrayList<>();
    for (String arn : listServiceArns(cluster)) {
      if (!except.contains(Arns.lastSegment(arn))) {
        candidates.add(arn);
      }
    }
    Map<String, ObservedService> owned = new LinkedHashMap<>();
    for (int i = 0; i < candidates.size(); i += SERVICES_PER_READ) {
      for (ObservedService s :
          describeServices(
              cluster, candidates.subList(i, Math.min(candidates.size(), i + SERVICES_PER_READ)))) {
        if (!s.isGone() && isOwnedBy(s, app)) {
          owned.put(s.name(), s);
        }
      }
    }
    return owned;
  }

  @Override
  public List<String> listServiceNames(String cluster) throws FgdRuntimeException {
    // ListServices answers with ARNs (of ACTIVE and DRAINING services); the name is the last part.
    return listServiceArns(cluster).stream().map(Arns::lastSegment).toList();
  }

  /**
   * Every service ARN ListServices returns for the cluster; none when the cluster does not exist.
   */
  private List<String> listServiceArns(String cluster) throws FgdRuntimeException {
    List<String> arns = new ArrayList<>();
    try {
      eachPage(
          "listing the services of cluster \"" + cluster + "\"",
          clients
              .ecs()
              .listServicesPaginator(r -> r.cluster(cluster).maxResults(SERVICE_ARNS_PER_PAGE)),
          page -> {
            arns.addAll(page.serviceArns());
            return true;
          });
    } catch (FgdRuntimeException e) {
      if (e.getCause() instanceof ClusterNotFoundException) {
        return List.of();
      }
      throw e;
    }
    return arns;
  }

  private static boolean isOwnedBy(ObservedService s, String app) {
    var tags = s.json().path("tags");
    for (var tag : tags) {
      if (OWNER_TAG.equals(tag.path("key").asText()) && app.equals(tag.path("value").asText())) {
        return true;
      }
    }
    return false;
  }

  /** Application Auto Scaling's name for an ECS service. */
  public static String resourceId(String cluster, String service) {
    return "service/" + cluster + "/" + service;
  }
}
