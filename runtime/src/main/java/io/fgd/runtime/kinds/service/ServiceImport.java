package io.fgd.runtime.kinds.service;

import static io.fgd.runtime.engine.Canonical.present;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fgd.compiler.emit.ecs.EcsDefaults;
import io.fgd.compiler.emit.ecs.EcsNames;
import io.fgd.runtime.importer.ImportRun;
import io.fgd.runtime.importer.SpecText;
import io.fgd.runtime.importer.SpecText.Block;
import io.fgd.runtime.kinds.loggroup.LogGroupImport;
import io.fgd.runtime.kinds.namespace.NamespaceImport;
import io.fgd.runtime.kinds.scalabletarget.ScalableTargetImport;
import io.fgd.runtime.kinds.targetgroup.RouteImport;
import io.fgd.runtime.kinds.taskdefinition.TaskDefinitionImport;
import io.fgd.runtime.kinds.taskdefinition.VolumeImport;
import io.fgd.runtime.state.ObservedScaling;
import io.fgd.runtime.state.ObservedService;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * {@code fgd import} of one ECS service: its {@code service} block, with what its task definition,
 * logs and autoscaling say inside.
 */
public final class ServiceImport {
  /** Service attributes the import reads or that are ECS's bookkeeping, not settings. */
  private static final Set<String> SERVICE_READ =
      Set.of(
          "serviceArn",
          "serviceName",
          "clusterArn",
          "loadBalancers",
          "status",
          "desiredCount",
          "runningCount",
          "pendingCount",
          "launchType",
          "capacityProviderStrategy",
          "platformVersion",
          "platformFamily",
          "taskDefinition",
          "deploymentConfiguration",
          "deployments",
          "roleArn",
          "events",
          "createdAt",
          "networkConfiguration",
          "healthCheckGracePeriodSeconds",
          "schedulingStrategy",
          "deploymentController",
          "tags",
          "createdBy",
          "enableECSManagedTags",
          "propagateTags",
          "availabilityZoneRebalancing",
          "enableExecuteCommand");

  private ServiceImport() {}

  public static Block service(
      ImportRun run, ObservedService s, Map<String, String> appTags, RouteImport.Decided routes) {
    String name = s.name();
    String subject = "service \"" + name + "\"";
    Block block = new Block("service " + name, 6);
    JsonNode svc = s.json();
    ObjectNode td = run.taskDefinition(s);

    // What fgd derives and cannot be told otherwise.
    String family = td.path("family").asText();
    String wantFamily = EcsNames.family(run.app(), name);
    if (!family.equals(wantFamily)) {
      run.warn(
          block,
          subject,
          "task definition family \""
              + family
              + "\" was not imported: fgd names "
              + "it \""
              + wantFamily
              + "\" (app-service); the first plan registers the task definition "
              + "under that family.");
    }
    String platform = svc.path("platformVersion").asText("");
    if (!platform.isEmpty() && !platform.equals(EcsDefaults.PLATFORM_VERSION)) {
      run.warn(
          block,
          subject,
          "platform version "
              + platform
              + " was not imported: fgd runs the "
              + "latest Fargate platform; the first plan changes it to LATEST.");
    }
    String networkMode = td.path("networkMode").asText("bridge");
    if (!networkMode.equals("awsvpc")) {
      run.warn(
          block,
          subject,
          "network mode "
              + networkMode
              + " was not imported: Fargate tasks use "
              + "awsvpc; the first plan registers a new task definition revision.");
    }
    List<String> compat = ImportRun.sorted(ImportRun.texts(td.path("requiresCompatibilities")));
    if (!compat.equals(List.of("FARGATE"))) {
      run.warn(
          block,
          subject,
          "requiresCompatibilities "
              + compat
              + " was not imported: fgd's task "
              + "definitions require FARGATE only.");
    }
    run.unsupported(block, subject, td, TaskDefinitionImport.TASKDEF_READ, "task definition");
    run.unsupported(block, subject, svc, SERVICE_READ, "service");
    if (svc.has("schedulingStrategy")
        && !svc.path("schedulingStrategy").asText("REPLICA").equals("REPLICA")) {
      run.warn(
          block,
          subject,
          "scheduling strategy "
              + svc.path("schedulingStrategy").asText()
              + " was not imported: fgd services are replica services.");
    }
    String controller = svc.path("deploymentController").path("type").asText("ECS");
    if (!controller.equals("ECS")) {
      run.warn(
          block,
          subject,
          "deployment controller "
              + controller
              + " was not imported: fgd "
              + "deploys with ECS rolling updates.");
    }
    String propagate = svc.path("propagateTags").asText("");
    if (!propagate.isEmpty() && !propagate.equals("SERVICE")) {
      run.warn(
          block,
          subject,
          "propagateTags "
              + propagate
              + " was not imported: fgd propagates the "
              + "service's tags to its tasks; the first plan changes it to SERVICE.");
    }
    // enableECSManagedTags is not a statement: fgd turns managed tags on. A service made outside
    // fgd has them off; the first plan's announcements (FirstPlan) say that it turns them on.
    if (svc.path("enableExecuteCommand").asBoolean(false)) {
      block.add("exec", "on");
    }
    CapacityImport.write(run, block, subject, svc);
    for (JsonNode d : svc.path("deployments")) {
      if ("PRIMARY".equals(d.path("status").asText())) {
        // Service Connect is imported by NamespaceImport (offer, the app's namespace).
        if (present(d.path("volumeConfigurations"))) {
          run.warn(
              block,
              subject,
              "volumeConfigurations was not imported: fgd has no statement " + "for EBS volumes.");
        }
      }
    }
    // A service without fgd's ownership tag is adopted: plans compare it as if it carried the
    // tag, and the tag comes with fgd's first change to it. One tagged for another app is not.
    Optional<String> owner = ImportRun.tag(svc, EcsNames.OWNERSHIP_TAG_KEY);
    if (owner.isPresent() && !owner.get().equals(run.app())) {
      run.warn(
          block,
          subject,
          "the service is tagged "
              + EcsNames.OWNERSHIP_TAG_KEY
              + " = "
              + owner.get()
              + ", another app: the first plan changes the tag to "
              + run.app()
              + ". Import it with --app "
              + owner.get()
              + " if it belongs to that app.");
    }

    // Containers: the main one is named after the service in fgd.
    List<JsonNode> containers = new ArrayList<>();
    td.path("containerDefinitions").forEach(containers::add);
    JsonNode main = TaskDefinitionImport.mainContainer(name, containers);
    String mainName = main.path("name").asText();
    if (!mainName.equals(name)) {
      run.warn(
          block,
          subject,
          "container name \""
              + mainName
              + "\" was not imported: fgd names a "
              + "service's main container after the service (\""
              + name
              + "\"), so the first plan "
              + "registers a task definition revision with the container renamed"
              + (present(svc.path("loadBalancers")) ? " and moves the load balancer to it." : "."));
    }

    // Load balancers, by container and port: what the port statement writes after target_group
    // (the quoted ARN, and what a traffic-shifting strategy needs), and the bare ARNs.
    Map<String, String> targetGroups = new HashMap<>();
    Map<String, String> arns = new HashMap<>();
    for (JsonNode lb : svc.path("loadBalancers")) {
      String tg = lb.path("targetGroupArn").asText("");
      if (tg.isEmpty()) {
        run.warn(
            block,
            subject,
            "classic load balancer \""
                + lb.path("loadBalancerName").asText()
                + "\" was not imported: fgd registers ports with target groups only.");
        continue;
      }
      String container = lb.path("containerName").asText();
      int port = lb.path("containerPort").asInt();
      String key = (container.equals(mainName) ? "" : container) + ":" + port;
      if (arns.containsKey(key)) {
        run.warn(
            block,
            subject,
            "target group "
                + tg
                + " was not imported: fgd registers each port "
                + "with one target group, and port "
                + port
                + " already has "
                + arns.get(key)
                + ".");
      } else if (routes.isRoute(name, tg) && container.equals(mainName)) {
        // Written as a route below (RouteImport); the port stays a bare port.
        arns.put(key, tg);
      } else {
        targetGroups.put(key, SpecText.quote(tg) + trafficShift(lb.path("advancedConfiguration")));
        arns.put(key, tg);
        routes.warning(name, tg).ifPresent(w -> run.warn(block, subject, w));
      }
    }

    LogGroupImport.Logs logs = LogGroupImport.logs(run, block, subject, name, main);
    Map<String, String> offers = NamespaceImport.offers(run, block, subject, name, svc, main);
    TaskDefinitionImport.container(run, block, subject, main, td, targetGroups, offers, "");
    RouteImport.write(block, routes.routes().getOrDefault(name, List.of()), tcpPorts(main) != 1);
    VolumeImport.mounts(run, block, main, td);
    TaskDefinitionImport.essentialMain(run, block, subject, main);

    // Service settings.
    ObservedScaling scaled = run.scaling().get(name);
    boolean scaleWritten =
        scaled != null && ScalableTargetImport.scale(run, block, subject, name, scaled);
    int desired = svc.path("desiredCount").asInt(1);
    if (!scaleWritten && desired != EcsDefaults.REPLICAS) {
      block.add("replicas", Integer.toString(desired));
    }
    deploy(run, block, svc);
    logs.write(block);

    Map<String, String> serviceTags = ImportRun.userTags(svc.path("tags"));
    Map<String, String> taskTags = ImportRun.userTags(td.path("tags"));
    if (!serviceTags.equals(taskTags)) {
      run.warn(
          block,
          subject,
          "the task definition's tags "
              + taskTags
              + " were not imported: fgd "
              + "gives a service and its task definition the same tags (the service's, "
              + serviceTags
              + "); the first plan registers a revision with them.");
    }
    Map<String, String> own = new TreeMap<>(serviceTags);
    own.entrySet().removeIf(e -> e.getValue().equals(appTags.get(e.getKey())));
    if (!own.isEmpty()) {
      block.add(ImportRun.tagsBlock(own));
    }

    // Sidecars.
    for (JsonNode c : containers) {
      if (c == main) {
        continue;
      }
      String sidecarName = c.path("name").asText();
      String sidecarSubject = subject + ", container \"" + sidecarName + "\"";
      if (!SpecText.isIdentifier(sidecarName)) {
        run.warn(
            block,
            subject,
            "container \""
                + sidecarName
                + "\" was not imported: fgd sidecar "
                + "names are letters, digits, \"_\" and \"-\", starting with a letter or \"_\".");
        continue;
      }
      Block sidecar = new Block("sidecar " + sidecarName, 6);
      TaskDefinitionImport.container(
          run, sidecar, sidecarSubject, c, null, targetGroups, sidecarName);
      VolumeImport.mounts(run, sidecar, c, td);
      logs.sidecar(sidecar, sidecarSubject, c);
      if (!c.path("essential").asBoolean(true)) {
        sidecar.add("essential", "off");
      }
      block.blank();
      block.add(sidecar);
    }
    targetGroups.forEach(
        (key, tg) ->
            run.warn(
                block,
                subject,
                "target group "
                    + arns.get(key)
                    + " was not "
                    + "imported: it sends traffic to "
                    + describePort(key, mainName)
                    + ", which no container of the task definition maps."));
    return block;
  }

  /** How many TCP ports a container maps: a route names its port when there are several. */
  private static int tcpPorts(JsonNode container) {
    int n = 0;
    for (JsonNode p : container.path("portMappings")) {
      if (!p.path("protocol").asText("tcp").equalsIgnoreCase("udp")) {
        n++;
      }
    }
    return n;
  }

  /** The port statement's words for ECS advancedConfiguration: alternate, rule, test_rule, role. */
  private static String trafficShift(JsonNode a) {
    StringBuilder out = new StringBuilder();
    String[][] words = {
      {"alternateTargetGroupArn", "alternate"},
      {"productionListenerRule", "rule"},
      {"testListenerRule", "test_rule"},
      {"roleArn", "role"}
    };
    for (String[] w : words) {
      if (present(a.path(w[0]))) {
        out.append(' ').append(w[1]).append(' ').append(SpecText.quote(a.path(w[0]).asText()));
      }
    }
    return out.toString();
  }

  private static String describePort(String key, String mainName) {
    int colon = key.lastIndexOf(':');
    String container = key.substring(0, colon);
    return "port "
        + key.substring(colon + 1)
        + " of container \""
        + (container.isEmpty() ? mainName : container)
        + "\"";
  }

  private static void deploy(ImportRun run, Block block, JsonNode svc) {
    JsonNode dc = svc.path("deploymentConfiguration");
    Block b = new Block("deploy", Integer.MAX_VALUE);
    int min = dc.path("minimumHealthyPercent").asInt(EcsDefaults.MINIMUM_HEALTHY_PERCENT);
    int max = dc.path("maximumPercent").asInt(EcsDefaults.MAXIMUM_PERCENT);
    if (min != EcsDefaults.MINIMUM_HEALTHY_PERCENT) {
      b.add("min_healthy", min + "%");
    }
    if (max != EcsDefaults.MAXIMUM_PERCENT) {
      b.add("max_percent", max + "%");
    }
    String strategy = dc.path("strategy").asText("ROLLING");
    boolean shifts = !strategy.equals("ROLLING");
    if (!shifts) {
      // As the planner reads it: no breaker reported is a breaker that is off.
      JsonNode cb = dc.path("deploymentCircuitBreaker");
      boolean breaker = cb.path("enable").asBoolean(false);
      boolean rollback = cb.path("rollback").asBoolean(false);
      if (breaker != EcsDefaults.CIRCUIT_BREAKER) {
        b.add("circuit_breaker", breaker ? "on" : "off");
      }
      if (rollback != EcsDefaults.ROLLBACK) {
        b.add("rollback", rollback ? "on" : "off");
      }
    }
    RolloutImport.strategy(b, dc);
    int grace = svc.path("healthCheckGracePeriodSeconds").asInt(0);
    if (grace != 0) {
      b.add("health_grace", SpecText.duration(grace));
    }
    RolloutImport.alarms(run, b, dc, svc.path("serviceName").asText());
    RolloutImport.hooks(run, b, dc, svc.path("serviceName").asText());
    if (!b.isEmpty()) {
      block.add(b);
    }
  }
}
