package io.fgd.runtime.kinds.service;

import io.fgd.runtime.FgdRuntimeException;
import io.fgd.runtime.aws.SdkJson;
import io.fgd.runtime.state.AwsStateReader;
import io.fgd.runtime.state.ObservedService;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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

  private ServiceReads() {}

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
