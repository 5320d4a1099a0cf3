package io.fgd.runtime.importer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fgd.runtime.FgdRuntimeException;
import io.fgd.runtime.aws.AwsClients;
import io.fgd.runtime.aws.AwsSettings;
import io.fgd.runtime.kinds.cluster.ClusterReads;
import io.fgd.runtime.kinds.loggroup.LogGroupReads;
import io.fgd.runtime.kinds.scalabletarget.ScalableTargetReads;
import io.fgd.runtime.kinds.service.ServiceReads;
import io.fgd.runtime.kinds.taskdefinition.TaskDefinitionReads;
import io.fgd.runtime.state.AwsStateReader;
import io.fgd.runtime.state.LiveState;
import io.fgd.runtime.state.ObservedScaling;
import io.fgd.runtime.state.ObservedService;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code fgd import}: live ECS services in, an idiomatic {@code .fgd} spec out.
 *
 * <p>The spec is the inverse of the compiler's ECS backend: every statement is chosen so that the
 * spec compiles to what runs (so {@code fgd plan} shows no changes), written the way a person would
 * write it (units, defaults left out). What the language cannot say is never dropped silently: it
 * becomes a {@link ImportWarning}, written as a comment where it belongs and returned with its
 * line.
 */
public final class Importer {

  private Importer() {}

  /**
   * What to import.
   *
   * @param services the services to import; empty means every service of the cluster
   * @param app the app name to use; empty means the one the services' names suggest
   * @param region the region read from, which the spec's {@code region} says
   */
  public record Request(
      String cluster, List<String> services, Optional<String> app, String region) {
    public Request {
      services = List.copyOf(services);
    }
  }

  /** Imports from the account {@code settings} point at. */
  public static ImportResult run(Request request, AwsSettings settings) throws FgdRuntimeException {
    try (AwsClients clients = AwsClients.connect(settings)) {
      return run(request, new AwsStateReader(clients, settings));
    }
  }

  /** Imports from any {@link LiveState}. */
  public static ImportResult run(Request request, LiveState live) throws FgdRuntimeException {
    String cluster = request.cluster();
    if (!ClusterReads.api(live).readCluster(cluster)) {
      throw new FgdRuntimeException(
          "Cluster \""
              + cluster
              + "\" does not exist in "
              + request.region()
              + " (or is not ACTIVE). Check --cluster and --region.");
    }
    List<String> names;
    if (request.services().isEmpty()) {
      names =
          new ArrayList<>(new LinkedHashSet<>(ServiceReads.api(live).listServiceNames(cluster)));
      names.sort(null);
      if (names.isEmpty()) {
        throw new FgdRuntimeException("Cluster \"" + cluster + "\" has no services to import.");
      }
    } else {
      names = List.copyOf(new LinkedHashSet<>(request.services()));
    }
    Map<String, ObservedService> found = ServiceReads.api(live).readServices(cluster, names);
    List<ObservedService> services = new ArrayList<>();
    for (String name : names) {
      ObservedService s = found.get(name);
      if (s == null || !s.status().equals("ACTIVE")) {
        throw new FgdRuntimeException(
            "Service \""
                + name
                + "\" is not running in cluster \""
                + cluster
                + "\""
                + (s == null ? "" : " (it is " + s.status() + ")")
                + ". Leave out --service to import every service of the cluster.");
      }
      services.add(s);
    }
    Map<String, ObjectNode> taskDefinitions = new HashMap<>();
    for (ObservedService s : services) {
      if (!taskDefinitions.containsKey(s.taskDefinitionArn())) {
        taskDefinitions.put(
            s.taskDefinitionArn(),
            TaskDefinitionReads.api(live).readTaskDefinition(s.taskDefinitionArn()));
      }
    }
    Map<String, ObservedScaling> scaling =
        ScalableTargetReads.api(live).readScaling(cluster, names);
    Set<String> groups = new LinkedHashSet<>();
    for (ObjectNode td : taskDefinitions.values()) {
      for (JsonNode c : td.path("containerDefinitions")) {
        String group = c.path("logConfiguration").path("options").path("awslogs-group").asText("");
        if (!group.isEmpty()) {
          groups.add(group);
        }
      }
    }
    Set<String> logGroups =
        groups.isEmpty() ? Set.of() : LogGroupReads.api(live).readLogGroups(groups).keySet();
    return new ImportRun(request, services, taskDefinitions, scaling, logGroups).write(live);
  }
}
