package io.fgd.runtime.kinds.scalabletarget;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fgd.runtime.FgdRuntimeException;
import io.fgd.runtime.aws.SdkJson;
import io.fgd.runtime.engine.KindRead;
import io.fgd.runtime.engine.ReadScope;
import io.fgd.runtime.state.AwsStateReader;
import io.fgd.runtime.state.LiveState;
import io.fgd.runtime.state.ObservedScaling;
import io.fgd.runtime.state.ObservedState;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.applicationautoscaling.model.DescribeScalableTargetsRequest;
import software.amazon.awssdk.services.applicationautoscaling.model.DescribeScalingPoliciesRequest;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalableDimension;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalableTarget;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalingPolicy;
import software.amazon.awssdk.services.applicationautoscaling.model.ServiceNamespace;

/** How the plan reads a service's autoscaling: its target and the target's policies, batched. */
public final class ScalableTargetReads {
  /** DescribeScalableTargets takes at most 50 resource ids per call. */
  static final int TARGETS_PER_CALL = 50;

  /** DescribeScalingPolicies returns at most 10 policies per page. */
  static final int POLICIES_PER_PAGE = 10;

  /** The key of the spec's services' autoscaling, by service name. */
  public static final String KEY = "scalable_target";

  /** The key of the autoscaling of the services that left the spec, by service name. */
  public static final String ORPHANS_KEY = "scalable_target/orphans";

  private ScalableTargetReads() {}

  /** How fgd reads autoscaling; tests fake it. */
  public interface Api {
    /** The scalable target and policies of each ECS service that has a target, by service. */
    Map<String, ObservedScaling> readScaling(String cluster, Collection<String> services)
        throws FgdRuntimeException;
  }

  public static Api api(LiveState live) {
    return live.reads(
        Api.class, reader -> (cluster, services) -> readScaling(reader, cluster, services));
  }

  /** By service name, for the services (of the spec, or that left it) with a scalable target. */
  public static Map<String, ObservedScaling> scaling(ObservedState observed) {
    Map<String, ObservedScaling> orphans = observed.get(ORPHANS_KEY, Map.of());
    Map<String, ObservedScaling> spec = observed.get(KEY, Map.of());
    if (orphans.isEmpty()) {
      return spec;
    }
    Map<String, ObservedScaling> all = new LinkedHashMap<>(spec);
    all.putAll(orphans);
    return all;
  }

  /**
   * The spec's services' autoscaling from the start; that of the services that left the spec (rare)
   * after those are known, and only when there are some.
   */
  static final List<KindRead> READS =
      List.of(
          new KindRead() {
            @Override
            public String key() {
              return KEY;
            }

            @Override
            public ReadScope.Pending<?> start(ReadScope scope) {
              String cluster = scope.desired().cluster();
              var names = scope.desired().services().keySet();
              return scope.fork(() -> api(scope.live()).readScaling(cluster, names));
            }
          },
          new KindRead() {
            @Override
            public String key() {
              return ORPHANS_KEY;
            }

            @Override
            public List<String> after() {
              return List.of(ObservedState.ORPHANS);
            }

            @Override
            public ReadScope.Pending<?> start(ReadScope scope) {
              var orphans = scope.observed().orphans().keySet();
              if (orphans.isEmpty()) {
                return ReadScope.done(Map.of());
              }
              String cluster = scope.desired().cluster();
              return scope.fork(() -> api(scope.live()).readScaling(cluster, orphans));
            }
          });

  static Map<String, ObservedScaling> readScaling(
      AwsStateReader reader, String cluster, Collection<String> services)
      throws FgdRuntimeException {
    Map<String, ScalableTarget> targets = new LinkedHashMap<>();
    List<String> ids = services.stream().map(s -> AwsStateReader.resourceId(cluster, s)).toList();
    for (int i = 0; i < ids.size(); i += TARGETS_PER_CALL) {
      List<String> batch = ids.subList(i, Math.min(ids.size(), i + TARGETS_PER_CALL));
      reader.eachPage(
          "reading the autoscaling targets of cluster \"" + cluster + "\"",
          reader
              .clients()
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
    Map<String, Map<String, ObjectNode>> policies = readPolicies(reader, targets.keySet());
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
  static Map<String, Map<String, ObjectNode>> readPolicies(
      AwsStateReader reader, Set<String> resourceIds) throws FgdRuntimeException {
    Map<String, Map<String, ObjectNode>> policies = new LinkedHashMap<>();
    if (resourceIds.size() > 1) {
      int budget = (resourceIds.size() + 1) / 2;
      int[] pages = {0};
      boolean[] complete = {false};
      reader.eachPage(
          "reading the ECS scaling policies",
          reader.clients().autoScaling().describeScalingPoliciesPaginator(policiesRequest(null)),
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
      policies.put(resourceId, readPolicies(reader, resourceId));
    }
    return policies;
  }

  static Map<String, ObjectNode> readPolicies(AwsStateReader reader, String resourceId)
      throws FgdRuntimeException {
    Map<String, ObjectNode> policies = new LinkedHashMap<>();
    reader.eachPage(
        "reading the scaling policies of " + resourceId,
        reader
            .clients()
            .autoScaling()
            .describeScalingPoliciesPaginator(policiesRequest(resourceId)),
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
}
