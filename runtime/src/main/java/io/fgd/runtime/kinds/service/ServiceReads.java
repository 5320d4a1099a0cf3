package io.fgd.runtime.kinds.service;

import io.fgd.runtime.Arns;
import io.fgd.runtime.FgdRuntimeException;
import io.fgd.runtime.aws.SdkJson;
import io.fgd.runtime.engine.KindRead;
import io.fgd.runtime.engine.ReadScope;
import io.fgd.runtime.engine.ServiceStep;
import io.fgd.runtime.state.AwsStateReader;
import io.fgd.runtime.state.LiveState;
import io.fgd.runtime.state.ObservedService;
import io.fgd.runtime.state.ObservedState;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.ecs.model.ClusterNotFoundException;
import software.amazon.awssdk.services.ecs.model.Deployment;
import software.amazon.awssdk.services.ecs.model.DescribeServicesResponse;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.ServiceField;

/** How the plan reads services: DescribeServices by name or ARN, ListServices. */
public final class ServiceReads {
  /**
   * ListServices answers 10 ARNs a page unless asked for more, up to 100 (ECS API reference): a
   * cluster of 50 services is one page instead of five read one after the other.
   */
  static final int SERVICE_ARNS_PER_PAGE = 100;

  /** The key of the spec's services that exist (any status), by name. */
  public static final String KEY = "ecs_service";

  /**
   * The most names {@link Api#readServices} reads in one call (DescribeServices takes 10); the plan
   * reads larger sets in parallel batches of this size.
   */
  public static final int SERVICES_PER_READ = 10;

  private ServiceReads() {}

  /** How fgd reads services; tests fake it. */
  public interface Api {
    /**
     * The named services that exist in the cluster (any status), by name; missing names are absent.
     */
    Map<String, ObservedService> readServices(String cluster, Collection<String> names)
        throws FgdRuntimeException;

    /**
     * ACTIVE services in the cluster tagged {@code fgd:app=<app>}, excluding the names in {@code
     * except}: what the spec used to have.
     */
    Map<String, ObservedService> listOwnedServices(String cluster, String app, Set<String> except)
        throws FgdRuntimeException;

    /**
     * The names of the services in the cluster that are not deleted (ACTIVE or DRAINING); none when
     * the cluster does not exist.
     */
    List<String> listServiceNames(String cluster) throws FgdRuntimeException;
  }

  public static Api api(LiveState live) {
    return live.reads(Api.class, Sdk::new);
  }

  /** The spec's services that exist (ACTIVE or DRAINING, or INACTIVE), by name. */
  public static Map<String, ObservedService> services(ObservedState observed) {
    return observed.get(KEY, Map.of());
  }

  /** The live service of the step's name, unless it does not exist (or is INACTIVE). */
  public static Optional<ObservedService> live(ServiceStep step) {
    ObservedService s = services(step.run().observed()).get(step.service());
    return s == null || s.isGone() ? Optional.empty() : Optional.of(s);
  }

  /**
   * The plan's reads: the spec's services in batches of what one DescribeServices takes, each batch
   * a request of its own (50 services cost one round trip rather than five in a row); beside them,
   * the app's services the spec no longer has.
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
              Api api = api(scope.live());
              String cluster = scope.desired().cluster();
              List<String> all = List.copyOf(scope.desired().services().keySet());
              List<ReadScope.Pending<Map<String, ObservedService>>> batches = new ArrayList<>();
              for (int i = 0; i < all.size(); i += SERVICES_PER_READ) {
                List<String> batch = all.subList(i, Math.min(all.size(), i + SERVICES_PER_READ));
                batches.add(scope.fork(() -> api.readServices(cluster, batch)));
              }
              return () -> {
                Map<String, ObservedService> out = new LinkedHashMap<>();
                for (var batch : batches) {
                  for (ObservedService s : batch.join().values()) {
                    out.put(s.name(), s);
                  }
                }
                return out;
              };
            }
          },
          new KindRead() {
            @Override
            public String key() {
              return ObservedState.ORPHANS;
            }

            @Override
            public ReadScope.Pending<?> start(ReadScope scope) {
              var desired = scope.desired();
              return scope.fork(
                  () ->
                      api(scope.live())
                          .listOwnedServices(
                              desired.cluster(), desired.app(), desired.services().keySet()));
            }
          });

  /** {@link Api} over the SDK. */
  private static final class Sdk implements Api {
    private final AwsStateReader reader;

    Sdk(AwsStateReader reader) {
      this.reader = reader;
    }

    @Override
    public Map<String, ObservedService> readServices(String cluster, Collection<String> names)
        throws FgdRuntimeException {
      Map<String, ObservedService> found = new LinkedHashMap<>();
      List<String> all = List.copyOf(names);
      for (int i = 0; i < all.size(); i += SERVICES_PER_READ) {
        List<String> batch = all.subList(i, Math.min(all.size(), i + SERVICES_PER_READ));
        for (ObservedService s : describeServices(reader, cluster, batch)) {
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

    @Override
    public Map<String, ObservedService> listOwnedServices(
        String cluster, String app, Set<String> except) throws FgdRuntimeException {
      List<String> candidates = new ArrayList<>();
      for (String arn : listServiceArns(reader, cluster)) {
        if (!except.contains(Arns.lastSegment(arn))) {
          candidates.add(arn);
        }
      }
      Map<String, ObservedService> owned = new LinkedHashMap<>();
      for (int i = 0; i < candidates.size(); i += SERVICES_PER_READ) {
        for (ObservedService s :
            describeServices(
                reader,
                cluster,
                candidates.subList(i, Math.min(candidates.size(), i + SERVICES_PER_READ)))) {
          if (!s.isGone() && isOwnedBy(s, app)) {
            owned.put(s.name(), s);
          }
        }
      }
      return owned;
    }

    @Override
    public List<String> listServiceNames(String cluster) throws FgdRuntimeException {
      // ListServices answers with ARNs (of ACTIVE and DRAINING services); the name is the last
      // part.
      return listServiceArns(reader, cluster).stream().map(Arns::lastSegment).toList();
    }
  }

  private static boolean isOwnedBy(ObservedService s, String app) {
    var tags = s.json().path("tags");
    for (var tag : tags) {
      if (AwsStateReader.OWNER_TAG.equals(tag.path("key").asText())
          && app.equals(tag.path("value").asText())) {
        return true;
      }
    }
    return false;
  }

  public static List<ObservedService> describeServices(
      AwsStateReader reader, String cluster, List<String> namesOrArns) throws FgdRuntimeException {
    DescribeServicesResponse response;
    try {
      response =
          reader.call(
              "reading the services of cluster \"" + cluster + "\"",
              () ->
                  reader
                      .clients()
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

  /**
   * Every service ARN ListServices returns for the cluster; none when the cluster does not exist.
   */
  public static List<String> listServiceArns(AwsStateReader reader, String cluster)
      throws FgdRuntimeException {
    List<String> arns = new ArrayList<>();
    try {
      reader.eachPage(
          "listing the services of cluster \"" + cluster + "\"",
          reader
              .clients()
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
}
