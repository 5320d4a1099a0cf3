package io.fgd.runtime.importer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fgd.compiler.emit.ecs.EcsDefaults;
import io.fgd.compiler.emit.ecs.EcsNames;
import io.fgd.runtime.FgdRuntimeException;
import io.fgd.runtime.aws.AwsClients;
import io.fgd.runtime.aws.AwsSettings;
import io.fgd.runtime.engine.Canonical;
import io.fgd.runtime.importer.SpecText.Block;
import io.fgd.runtime.state.AwsStateReader;
import io.fgd.runtime.state.LiveState;
import io.fgd.runtime.state.ObservedScaling;
import io.fgd.runtime.state.ObservedService;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
  /** The ECS container health check defaults, which the spec leaves out. */
  private static final int HEALTH_INTERVAL = EcsDefaults.HEALTH_INTERVAL_SECONDS;

  private static final Pattern APP_NAME = Pattern.compile("[a-z0-9]+(?:-[a-z0-9]+)*");
  private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  private static final Pattern SERVICE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]*");
  private static final Pattern ARN =
      Pattern.compile("arn:([a-z-]+):([a-z0-9-]+):([a-z0-9-]*):(\\d{12}|):(.*)");

  /** Task definition attributes the import reads; everything else present is reported. */
  private static final Set<String> TASKDEF_READ =
      Set.of(
          "family",
          "taskRoleArn",
          "executionRoleArn",
          "networkMode",
          "containerDefinitions",
          "requiresCompatibilities",
          "cpu",
          "memory",
          "tags",
          // Read-only facts about the revision, not settings.
          "taskDefinitionArn",
          "revision",
          "status",
          "requiresAttributes",
          "compatibilities",
          "registeredAt",
          "registeredBy",
          "deregisteredAt");

  /** Container attributes the import reads: the ones fgd manages. */
  private static final Set<String> CONTAINER_READ =
      io.fgd.runtime.kinds.taskdefinition.TaskDefinitionForm.CONTAINER_FIELDS;

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
          "availabilityZoneRebalancing");

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
    if (!live.readCluster(cluster)) {
      throw new FgdRuntimeException(
          "Cluster \""
              + cluster
              + "\" does not exist in "
              + request.region()
              + " (or is not ACTIVE). Check --cluster and --region.");
    }
    List<String> names;
    if (request.services().isEmpty()) {
      names = new ArrayList<>(new LinkedHashSet<>(live.listServiceNames(cluster)));
      names.sort(null);
      if (names.isEmpty()) {
        throw new FgdRuntimeException("Cluster \"" + cluster + "\" has no services to import.");
      }
    } else {
      names = List.copyOf(new LinkedHashSet<>(request.services()));
    }
    Map<String, ObservedService> found = live.readServices(cluster, names);
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
        taskDefinitions.put(s.taskDefinitionArn(), live.readTaskDefinition(s.taskDefinitionArn()));
      }
    }
    Map<String, ObservedScaling> scaling = live.readScaling(cluster, names);
    Set<String> groups = new LinkedHashSet<>();
    for (ObjectNode td : taskDefinitions.values()) {
      for (JsonNode c : td.path("containerDefinitions")) {
        String group = c.path("logConfiguration").path("options").path("awslogs-group").asText("");
        if (!group.isEmpty()) {
          groups.add(group);
        }
      }
    }
    Set<String> logGroups = groups.isEmpty() ? Set.of() : live.readLogGroups(groups).keySet();
    return new Importer.Run(request, services, taskDefinitions, scaling, logGroups).write(live);
  }

  /** One import: the live objects, the warnings found so far, and the spec being written. */
  private static final class Run {
    private final Request request;
    private final List<ObservedService> services;
    private final Map<String, ObjectNode> taskDefinitions;
    private final Map<String, ObservedScaling> scaling;
    private final Set<String> logGroups;
    private final List<ImportWarning> warnings = new ArrayList<>();
    private final String region;
    private String app;
    private String account;

    Run(
        Request request,
        List<ObservedService> services,
        Map<String, ObjectNode> taskDefinitions,
        Map<String, ObservedScaling> scaling,
        Set<String> logGroups) {
      this.request = request;
      this.services = services;
      this.taskDefinitions = taskDefinitions;
      this.scaling = scaling;
      this.logGroups = logGroups;
      this.region = request.region();
    }

    private ObjectNode taskDefinition(ObservedService s) {
      return taskDefinitions.get(s.taskDefinitionArn());
    }

    private ImportWarning warn(Block block, String subject, String message) {
      ImportWarning w = new ImportWarning(subject, message);
      block.warning(w);
      warnings.add(w);
      return w;
    }

    ImportResult write(LiveState live) throws FgdRuntimeException {
      account = accountOf(services.get(0).arn());
      List<ObservedService> importable = new ArrayList<>();
      List<SpecText.Item> skipped = new ArrayList<>();
      for (ObservedService s : services) {
        if (SERVICE_NAME.matcher(s.name()).matches() && s.name().length() <= 255) {
          importable.add(s);
        } else {
          ImportWarning w =
              new ImportWarning(
                  "service \"" + s.name() + "\"",
                  "service \""
                      + s.name()
                      + "\" was not imported: fgd service names are letters, digits, "
                      + "\"_\" and \"-\", starting with a letter or \"_\"; rename the service in ECS first.");
          skipped.add(new SpecText.Comment(ImportWarning.COMMENT_PREFIX + w.message(), w));
          warnings.add(w);
        }
      }
      if (importable.isEmpty()) {
        throw new FgdRuntimeException(
            "None of the services can be imported: "
                + String.join(" ", warnings.stream().map(ImportWarning::message).toList()));
      }
      app = chooseApp(importable);
      Block appBlock = new Block("app " + app, 7);

      // Tags every service shares (on the service and its task definition) belong to the app.
      Map<String, String> appTags = importable.size() < 2 ? Map.of() : sharedTags(importable);

      List<Block> serviceBlocks = new ArrayList<>();
      for (ObservedService s : importable) {
        serviceBlocks.add(service(s, appTags));
      }
      app(appBlock, importable, appTags);

      // Services of this app left out of the import would look, to a plan, removed from the spec.
      Set<String> imported =
          new LinkedHashSet<>(importable.stream().map(ObservedService::name).toList());
      List<String> leftOut =
          new ArrayList<>(live.listOwnedServices(request.cluster(), app, imported).keySet());
      leftOut.sort(null);
      if (!leftOut.isEmpty()) {
        warn(
            appBlock,
            "app",
            services(leftOut)
                + " of this cluster "
                + (leftOut.size() == 1 ? "is" : "are")
                + " tagged "
                + EcsNames.OWNERSHIP_TAG_KEY
                + " = "
                + app
                + " but "
                + (leftOut.size() == 1 ? "was" : "were")
                + " not imported: the first plan of this spec destroys "
                + (leftOut.size() == 1 ? "it" : "them")
                + "; import "
                + (leftOut.size() == 1 ? "it" : "them")
                + " too, or choose another --app.");
      }

      List<SpecText.Item> top = new ArrayList<>();
      top.add(
          new SpecText.Comment(
              "Imported by fgd import from cluster " + request.cluster() + " in " + region + ".",
              null));
      top.add(new SpecText.Nested(appBlock));
      if (!skipped.isEmpty()) {
        top.add(new SpecText.Blank());
        top.addAll(skipped);
      }
      for (Block b : serviceBlocks) {
        top.add(new SpecText.Blank());
        top.add(new SpecText.Nested(b));
      }
      SpecText.Rendered rendered = SpecText.render(top);
      List<ImportResult.Located> located = new ArrayList<>();
      for (ImportWarning w : warnings) {
        located.add(new ImportResult.Located(w, rendered.lines().getOrDefault(w, 0)));
      }
      located.sort(Comparator.comparingInt(ImportResult.Located::line));
      return new ImportResult(
          canonical(rendered.text()),
          app,
          importable.stream().map(ObservedService::name).toList(),
          located,
          live.apiCalls());
    }

    /**
     * The spec in fmt's canonical layout, so an imported spec passes {@code fgd fmt --check} and
     * there is one layout, not two. Formatting only realigns values; should it ever move lines, the
     * warnings' line numbers would be wrong, so the text is then kept as written.
     */
    private String canonical(String text) {
      Optional<String> formatted =
          io.fgd.compiler.parse.Formatter.format(
                  new io.fgd.compiler.source.SourceFile("imported.fgd", text))
              .text();
      return formatted.filter(f -> f.lines().count() == text.lines().count()).orElse(text);
    }

    // ---------------------------------------------------------------- app

    /**
     * The app name: {@code --app}; else the one fgd:app tags already name; else the prefix the task
     * definition families share ({@code sheets-api} for service {@code api} means app {@code
     * sheets}), since fgd derives every family from the app and service names.
     */
    private String chooseApp(List<ObservedService> services) throws FgdRuntimeException {
      if (request.app().isPresent()) {
        String given = request.app().get();
        if (!APP_NAME.matcher(given).matches()) {
          throw new FgdRuntimeException(
              "--app \""
                  + given
                  + "\" is not a valid app name: use lowercase letters, digits and "
                  + "single hyphens, such as \"sheets\" or \"billing-api\".");
        }
        return given;
      }
      Map<String, Integer> votes = new LinkedHashMap<>();
      for (ObservedService s : services) {
        tag(s.json(), EcsNames.OWNERSHIP_TAG_KEY)
            .filter(v -> APP_NAME.matcher(v).matches())
            .ifPresent(v -> votes.merge(v, 1000, Integer::sum));
        String family = taskDefinition(s).path("family").asText("");
        String suffix = "-" + s.name();
        if (family.endsWith(suffix)) {
          String prefix = family.substring(0, family.length() - suffix.length());
          if (APP_NAME.matcher(prefix).matches()) {
            votes.merge(prefix, 1, Integer::sum);
          }
        }
      }
      Optional<String> best =
          votes.entrySet().stream()
              .max(Comparator.comparingInt((Map.Entry<String, Integer> e) -> e.getValue()))
              .map(Map.Entry::getKey);
      if (best.isPresent()) {
        return best.get();
      }
      String fromCluster =
          request
              .cluster()
              .toLowerCase(java.util.Locale.ROOT)
              .replaceAll("[^a-z0-9]+", "-")
              .replaceAll("^-+|-+$", "");
      return fromCluster.isEmpty() ? "app" : fromCluster;
    }

    private void app(Block block, List<ObservedService> services, Map<String, String> appTags) {
      block.add("region", region);
      block.add("account", account);
      block.add("cluster", SpecText.text(request.cluster()));
      role(block, services, "executionRoleArn", "execution_role", "execution role");
      role(block, services, "taskRoleArn", "task_role", "task role");

      // Every service runs in one network in fgd; take the first service's.
      ObservedService first = services.get(0);
      JsonNode vpc = first.json().path("networkConfiguration").path("awsvpcConfiguration");
      Block network = new Block("network", Integer.MAX_VALUE);
      List<String> subnets = texts(vpc.path("subnets"));
      List<String> groups = texts(vpc.path("securityGroups"));
      if (subnets.isEmpty()) {
        warn(
            block,
            "app",
            "network was not imported: service \""
                + first.name()
                + "\" has no awsvpc network configuration; add the subnets and security groups tasks "
                + "should run in.");
      } else {
        network.add("subnets", String.join(", ", subnets));
        if (groups.isEmpty()) {
          warn(
              network,
              "app",
              "security_groups was not imported: service \""
                  + first.name()
                  + "\" names none (its tasks get the VPC's default group); fgd needs at least one.");
        } else {
          network.add("security_groups", String.join(", ", groups));
        }
        if ("ENABLED".equals(vpc.path("assignPublicIp").asText())) {
          network.add("public_ip", "on");
        }
        block.add(network);
      }
      for (ObservedService s : services.subList(1, services.size())) {
        JsonNode other = s.json().path("networkConfiguration").path("awsvpcConfiguration");
        if (!sorted(texts(other.path("subnets"))).equals(sorted(subnets))
            || !sorted(texts(other.path("securityGroups"))).equals(sorted(groups))
            || !other
                .path("assignPublicIp")
                .asText("DISABLED")
                .equals(vpc.path("assignPublicIp").asText("DISABLED"))) {
          warn(
              block,
              "app",
              "the network of service \""
                  + s.name()
                  + "\" was not imported: it "
                  + "differs from service \""
                  + first.name()
                  + "\"'s, and fgd runs every service of an app "
                  + "in one network; the first plan moves \""
                  + s.name()
                  + "\" into this one.");
        }
      }
      if (!appTags.isEmpty()) {
        block.add(tagsBlock(appTags));
      }
    }

    /** A role every service's task definition should agree on; the first one found wins. */
    private void role(
        Block block, List<ObservedService> services, String field, String keyword, String what) {
      Map<String, List<String>> byRole = new LinkedHashMap<>();
      List<String> without = new ArrayList<>();
      for (ObservedService s : services) {
        String role = taskDefinition(s).path(field).asText("");
        if (role.isEmpty()) {
          without.add(s.name());
        } else {
          byRole.computeIfAbsent(role, k -> new ArrayList<>()).add(s.name());
        }
      }
      if (byRole.isEmpty()) {
        return;
      }
      String chosen = byRole.keySet().iterator().next();
      block.add(keyword, SpecText.quote(chosen));
      byRole.forEach(
          (role, names) -> {
            if (!role.equals(chosen)) {
              warn(
                  block,
                  "app",
                  "the "
                      + what
                      + " of "
                      + services(names)
                      + " ("
                      + role
                      + ") was not "
                      + "imported: fgd gives every service of an app one "
                      + what
                      + "; the first plan "
                      + "registers new task definition revisions with this one.");
            }
          });
      if (!without.isEmpty()) {
        warn(
            block,
            "app",
            services(without)
                + " "
                + (without.size() == 1 ? "has" : "have")
                + " no "
                + what
                + "; fgd gives every service of an app the same one, so the first plan adds it.");
      }
    }

    private static String services(List<String> names) {
      return (names.size() == 1 ? "service " : "services ")
          + String.join(", ", names.stream().map(n -> "\"" + n + "\"").toList());
    }

    /** Tags (not fgd's or AWS's) with the same value on every service and its task definition. */
    private Map<String, String> sharedTags(List<ObservedService> services) {
      Map<String, String> shared = null;
      for (ObservedService s : services) {
        for (Map<String, String> tags :
            List.of(userTags(s.json().path("tags")), userTags(taskDefinition(s).path("tags")))) {
          if (shared == null) {
            shared = new TreeMap<>(tags);
          } else {
            shared.entrySet().removeIf(e -> !e.getValue().equals(tags.get(e.getKey())));
          }
        }
      }
      return shared == null ? Map.of() : shared;
    }

    // ---------------------------------------------------------------- services

    private Block service(ObservedService s, Map<String, String> appTags) {
      String name = s.name();
      String subject = "service \"" + name + "\"";
      Block block = new Block("service " + name, 6);
      JsonNode svc = s.json();
      ObjectNode td = taskDefinition(s);

      // What fgd derives and cannot be told otherwise.
      String family = td.path("family").asText();
      String wantFamily = EcsNames.family(app, name);
      if (!family.equals(wantFamily)) {
        warn(
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
      String launchType = svc.path("launchType").asText("");
      if (!launchType.equals("FARGATE")) {
        warn(
            block,
            subject,
            (launchType.isEmpty() ? "the capacity provider strategy" : "launch type " + launchType)
                + " was not imported: fgd runs services on Fargate; the "
                + "first plan replaces the service.");
      }
      String platform = svc.path("platformVersion").asText("");
      if (!platform.isEmpty() && !platform.equals(EcsDefaults.PLATFORM_VERSION)) {
        warn(
            block,
            subject,
            "platform version "
                + platform
                + " was not imported: fgd runs the "
                + "latest Fargate platform; the first plan changes it to LATEST.");
      }
      String networkMode = td.path("networkMode").asText("bridge");
      if (!networkMode.equals("awsvpc")) {
        warn(
            block,
            subject,
            "network mode "
                + networkMode
                + " was not imported: Fargate tasks use "
                + "awsvpc; the first plan registers a new task definition revision.");
      }
      List<String> compat = sorted(texts(td.path("requiresCompatibilities")));
      if (!compat.equals(List.of("FARGATE"))) {
        warn(
            block,
            subject,
            "requiresCompatibilities "
                + compat
                + " was not imported: fgd's task "
                + "definitions require FARGATE only.");
      }
      unsupported(block, subject, td, TASKDEF_READ, "task definition");
      unsupported(block, subject, svc, SERVICE_READ, "service");
      if (svc.has("schedulingStrategy")
          && !svc.path("schedulingStrategy").asText("REPLICA").equals("REPLICA")) {
        warn(
            block,
            subject,
            "scheduling strategy "
                + svc.path("schedulingStrategy").asText()
                + " was not imported: fgd services are replica services.");
      }
      String controller = svc.path("deploymentController").path("type").asText("ECS");
      if (!controller.equals("ECS")) {
        warn(
            block,
            subject,
            "deployment controller "
                + controller
                + " was not imported: fgd "
                + "deploys with ECS rolling updates.");
      }
      String propagate = svc.path("propagateTags").asText("");
      if (!propagate.isEmpty() && !propagate.equals("SERVICE")) {
        warn(
            block,
            subject,
            "propagateTags "
                + propagate
                + " was not imported: fgd propagates the "
                + "service's tags to its tasks; the first plan changes it to SERVICE.");
      }
      if (svc.has("enableECSManagedTags") && !svc.path("enableECSManagedTags").asBoolean(true)) {
        warn(
            block,
            subject,
            "enableECSManagedTags false was not imported: fgd turns ECS managed "
                + "tags on; the first plan changes it.");
      }
      if (svc.path("enableExecuteCommand").asBoolean(false)) {
        warn(
            block,
            subject,
            "enableExecuteCommand was not imported: fgd has no statement for ECS "
                + "Exec yet; the setting stays as it is until the service is recreated.");
      }
      for (JsonNode d : svc.path("deployments")) {
        if ("PRIMARY".equals(d.path("status").asText())) {
          if (d.path("serviceConnectConfiguration").path("enabled").asBoolean(false)) {
            warn(block, subject, "service connect was not imported: fgd has no statement for it.");
          }
          if (Canonical.present(d.path("volumeConfigurations"))) {
            warn(
                block,
                subject,
                "volumeConfigurations was not imported: fgd has no statement "
                    + "for EBS volumes.");
          }
        }
      }
      // A service without fgd's ownership tag is adopted: plans compare it as if it carried the
      // tag, and the tag comes with fgd's first change to it. One tagged for another app is not.
      Optional<String> owner = tag(svc, EcsNames.OWNERSHIP_TAG_KEY);
      if (owner.isPresent() && !owner.get().equals(app)) {
        warn(
            block,
            subject,
            "the service is tagged "
                + EcsNames.OWNERSHIP_TAG_KEY
                + " = "
                + owner.get()
                + ", another app: the first plan changes the tag to "
                + app
                + ". Import it with --app "
                + owner.get()
                + " if it belongs to that app.");
      }

      // Containers: the main one is named after the service in fgd.
      List<JsonNode> containers = new ArrayList<>();
      td.path("containerDefinitions").forEach(containers::add);
      JsonNode main = mainContainer(name, containers);
      String mainName = main.path("name").asText();
      if (!mainName.equals(name)) {
        warn(
            block,
            subject,
            "container name \""
                + mainName
                + "\" was not imported: fgd names a "
                + "service's main container after the service (\""
                + name
                + "\"), so the first plan "
                + "registers a task definition revision with the container renamed"
                + (Canonical.present(svc.path("loadBalancers"))
                    ? " and moves the load balancer to it."
                    : "."));
      }

      // Load balancers, by container and port.
      Map<String, String> targetGroups = new HashMap<>();
      for (JsonNode lb : svc.path("loadBalancers")) {
        String tg = lb.path("targetGroupArn").asText("");
        if (tg.isEmpty()) {
          warn(
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
        if (targetGroups.containsKey(key)) {
          warn(
              block,
              subject,
              "target group "
                  + tg
                  + " was not imported: fgd registers each port "
                  + "with one target group, and port "
                  + port
                  + " already has "
                  + targetGroups.get(key)
                  + ".");
        } else {
          targetGroups.put(key, tg);
        }
      }

      Logs logs = logs(block, subject, name, main);
      container(block, subject, main, td, targetGroups, "");
      essentialMain(block, subject, main);

      // Service settings.
      ObservedScaling scaled = scaling.get(name);
      boolean scaleWritten = scaled != null && scale(block, subject, name, scaled);
      int desired = svc.path("desiredCount").asInt(1);
      if (!scaleWritten && desired != EcsDefaults.REPLICAS) {
        block.add("replicas", Integer.toString(desired));
      }
      deploy(block, svc);
      logs.write(block);

      Map<String, String> serviceTags = userTags(svc.path("tags"));
      Map<String, String> taskTags = userTags(td.path("tags"));
      if (!serviceTags.equals(taskTags)) {
        warn(
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
        block.add(tagsBlock(own));
      }

      // Sidecars.
      for (JsonNode c : containers) {
        if (c == main) {
          continue;
        }
        String sidecarName = c.path("name").asText();
        String sidecarSubject = subject + ", container \"" + sidecarName + "\"";
        if (!SpecText.isIdentifier(sidecarName)) {
          warn(
              block,
              subject,
              "container \""
                  + sidecarName
                  + "\" was not imported: fgd sidecar "
                  + "names are letters, digits, \"_\" and \"-\", starting with a letter or \"_\".");
          continue;
        }
        Block sidecar = new Block("sidecar " + sidecarName, 6);
        container(sidecar, sidecarSubject, c, null, targetGroups, sidecarName);
        logs.sidecar(sidecar, sidecarSubject, c);
        if (!c.path("essential").asBoolean(true)) {
          sidecar.add("essential", "off");
        }
        block.blank();
        block.add(sidecar);
      }
      targetGroups.forEach(
          (key, tg) ->
              warn(
                  block,
                  subject,
                  "target group "
                      + tg
                      + " was not "
                      + "imported: it sends traffic to "
                      + describePort(key, mainName)
                      + ", which no container of the task definition maps."));
      return block;
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

    /**
     * The container fgd's service statements describe: named as the service, else the likeliest.
     */
    private static JsonNode mainContainer(String service, List<JsonNode> containers) {
      for (JsonNode c : containers) {
        if (c.path("name").asText().equals(service)) {
          return c;
        }
      }
      for (JsonNode c : containers) {
        if (c.path("essential").asBoolean(true) && Canonical.present(c.path("portMappings"))) {
          return c;
        }
      }
      for (JsonNode c : containers) {
        if (c.path("essential").asBoolean(true)) {
          return c;
        }
      }
      return containers.get(0);
    }

    private void essentialMain(Block block, String subject, JsonNode main) {
      if (!main.path("essential").asBoolean(true)) {
        warn(
            block,
            subject,
            "essential false was not imported: a service's main container is "
                + "always essential in fgd; the first plan registers a revision where it is.");
      }
    }

    /** The statements of one container, into its service or sidecar block. */
    private void container(
        Block block,
        String subject,
        JsonNode c,
        JsonNode taskOfMain,
        Map<String, String> targetGroups,
        String sidecar) {
      boolean main = taskOfMain != null;
      unsupported(block, subject, c, CONTAINER_READ, "container");
      block.add("image", SpecText.quote(c.path("image").asText()));

      for (JsonNode p : c.path("portMappings")) {
        int port = p.path("containerPort").asInt();
        if (port == 0) {
          warn(
              block,
              subject,
              "port range "
                  + p.path("containerPortRange").asText()
                  + " was not imported: fgd maps single ports.");
          continue;
        }
        if (p.has("hostPort")
            && !p.path("hostPort").isNull()
            && p.path("hostPort").asInt() != port
            && p.path("hostPort").asInt() != 0) {
          warn(
              block,
              subject,
              "host port "
                  + p.path("hostPort").asInt()
                  + " of port "
                  + port
                  + " was not imported: with awsvpc networking the host port is the container port.");
        }
        for (String field : List.of("name", "appProtocol")) {
          if (Canonical.present(p.path(field))) {
            warn(
                block,
                subject,
                field
                    + " \""
                    + p.path(field).asText()
                    + "\" of port "
                    + port
                    + " was not imported: fgd has no statement for it (it serves service connect).");
          }
        }
        String protocol = p.path("protocol").asText("tcp").toLowerCase(java.util.Locale.ROOT);
        String value = protocol.equals("udp") ? port + "/udp" : Integer.toString(port);
        String tg = targetGroups.remove(sidecar + ":" + port);
        if (tg != null) {
          value += " target_group " + SpecText.quote(tg);
        }
        block.add("port", value);
      }

      // Container-level cpu and memory: a sidecar's share of the task; the task's for the main one.
      if (main) {
        // The task's size, which fgd writes on the service.
        sizes(block, subject, taskOfMain);
        for (String field : List.of("cpu", "memory", "memoryReservation")) {
          JsonNode n = c.path(field);
          if (Canonical.present(n) && n.asInt() != 0) {
            warn(
                block,
                subject,
                "container "
                    + field
                    + " "
                    + n.asInt()
                    + " of the main container "
                    + "was not imported: fgd sizes the task, not its main container; the first plan "
                    + "registers a revision without it.");
          }
        }
      } else {
        if (Canonical.present(c.path("cpu")) && c.path("cpu").asInt() != 0) {
          block.add("cpu", SpecText.cpu(c.path("cpu").asInt()));
        }
        if (Canonical.present(c.path("memory"))) {
          block.add("memory", SpecText.memory(c.path("memory").asInt()));
        }
        if (Canonical.present(c.path("memoryReservation"))) {
          warn(
              block,
              subject,
              "memoryReservation "
                  + c.path("memoryReservation").asInt()
                  + " was not "
                  + "imported: fgd has no soft memory limit; the first plan registers a revision "
                  + "without it.");
        }
      }

      if (Canonical.present(c.path("entryPoint"))) {
        block.add("entrypoint", SpecText.list(texts(c.path("entryPoint"))));
      }
      if (Canonical.present(c.path("command"))) {
        block.add("command", SpecText.list(texts(c.path("command"))));
      }
      TreeMap<String, String> env = new TreeMap<>();
      for (JsonNode e : c.path("environment")) {
        env.put(e.path("name").asText(), e.path("value").asText(""));
      }
      env.forEach(
          (k, v) -> {
            if (ENV_NAME.matcher(k).matches()) {
              block.add("env", k + " = " + SpecText.quote(v));
            } else {
              warn(
                  block,
                  subject,
                  "environment variable \""
                      + k
                      + "\" was not imported: fgd variable "
                      + "names are letters, digits and \"_\", not starting with a digit.");
            }
          });
      TreeMap<String, String> secrets = new TreeMap<>();
      for (JsonNode e : c.path("secrets")) {
        secrets.put(e.path("name").asText(), e.path("valueFrom").asText(""));
      }
      secrets.forEach(
          (k, v) -> {
            if (ENV_NAME.matcher(k).matches()) {
              secret(block, subject, k, v);
            } else {
              warn(
                  block,
                  subject,
                  "secret \""
                      + k
                      + "\" was not imported: fgd variable names are "
                      + "letters, digits and \"_\", not starting with a digit.");
            }
          });
      health(block, subject, c.path("healthCheck"));
    }

    private void sizes(Block block, String subject, JsonNode td) {
      JsonNode cpu = td.path("cpu");
      JsonNode memory = td.path("memory");
      if (!Canonical.present(cpu) || !Canonical.present(memory)) {
        warn(
            block,
            subject,
            "the task has no task-level cpu and memory, which Fargate needs: fgd "
                + "uses its default size (0.25 vcpu, 512 MiB).");
      }
      int units = Canonical.present(cpu) ? parseInt(cpu.asText()) : EcsDefaults.TASK_CPU_UNITS;
      int mib = Canonical.present(memory) ? parseInt(memory.asText()) : EcsDefaults.TASK_MEMORY_MIB;
      if (units != EcsDefaults.TASK_CPU_UNITS || mib != EcsDefaults.TASK_MEMORY_MIB) {
        block.add("cpu", SpecText.cpu(units));
        block.add("memory", SpecText.memory(mib));
      }
    }

    /** ECS reports task sizes as "256"; older task definitions may say "0.25 vCPU" or "1 GB". */
    private static int parseInt(String s) {
      Matcher m =
          Pattern.compile("(?i)\\s*([0-9]+(?:\\.[0-9]+)?)\\s*(vcpu|gb|gib)?\\s*(?:mib|mb)?\\s*")
              .matcher(s);
      if (!m.matches()) {
        return 0;
      }
      BigDecimal value = new BigDecimal(m.group(1));
      return m.group(2) == null
          ? value.intValue()
          : value.multiply(BigDecimal.valueOf(1024)).intValue();
    }

    /** {@code secret NAME from ...}: the inverse of EcsEmitter.valueFrom. */
    private void secret(Block block, String subject, String name, String valueFrom) {
      Matcher arn = ARN.matcher(valueFrom);
      if (arn.matches() && arn.group(2).equals("ssm") && arn.group(5).startsWith("parameter/")) {
        String path = arn.group(5).substring("parameter/".length());
        String parameter = path.contains("/") ? "/" + path : path;
        if (arn.group(3).equals(region)
            && arn.group(4).equals(account)
            && EcsNames.ssmParameterArn(region, account, parameter).equals(valueFrom)) {
          block.add("secret", name + " from ssm " + SpecText.quote(parameter));
        } else {
          block.add("secret", name + " from " + SpecText.quote(valueFrom));
        }
        return;
      }
      if (arn.matches()
          && arn.group(2).equals("secretsmanager")
          && arn.group(5).startsWith("secret:")) {
        String[] parts = arn.group(5).substring("secret:".length()).split(":", -1);
        String secretArn =
            valueFrom.substring(0, valueFrom.length() - arn.group(5).length())
                + "secret:"
                + parts[0];
        String key = parts.length > 1 ? parts[1] : "";
        boolean versioned =
            parts.length > 2 && (!parts[2].isEmpty() || (parts.length > 3 && !parts[3].isEmpty()));
        if (parts.length == 1) {
          block.add("secret", name + " from " + SpecText.quote(secretArn));
        } else if (!key.isEmpty() && !versioned && parts.length == 4) {
          block.add(
              "secret",
              name + " from " + SpecText.quote(secretArn) + " key " + SpecText.quote(key));
        } else {
          block.add(
              "secret",
              name
                  + " from "
                  + SpecText.quote(secretArn)
                  + (key.isEmpty() ? "" : " key " + SpecText.quote(key)));
          warn(
              block,
              subject,
              "the reference of secret "
                  + name
                  + " ("
                  + valueFrom
                  + ") was not "
                  + "imported as written: fgd reads the current version of a secret, as ARN or "
                  + "ARN:key::; the first plan registers a revision that does.");
        }
        return;
      }
      if (!valueFrom.startsWith("arn:")) {
        // A bare parameter name: ECS resolves it in the task's region and account.
        block.add("secret", name + " from ssm " + SpecText.quote(valueFrom));
        warn(
            block,
            subject,
            "the parameter name of secret "
                + name
                + " was imported as written, "
                + "but fgd refers to parameters by ARN; the first plan registers a revision that does.");
        return;
      }
      block.add("secret", name + " from " + SpecText.quote(valueFrom));
    }

    private void health(Block block, String subject, JsonNode hc) {
      if (!Canonical.present(hc) || !Canonical.present(hc.path("command"))) {
        return;
      }
      List<String> command = texts(hc.path("command"));
      String form;
      if (command.get(0).equals("CMD-SHELL") && command.size() == 2) {
        form = SpecText.quote(command.get(1));
      } else if (command.get(0).equals("CMD") && command.size() > 1) {
        form = SpecText.list(command.subList(1, command.size()));
      } else {
        warn(
            block,
            subject,
            "health check "
                + command
                + " was not imported: fgd runs a shell "
                + "command (CMD-SHELL) or a program (CMD).");
        return;
      }
      StringBuilder value = new StringBuilder(form);
      int interval = hc.path("interval").asInt(HEALTH_INTERVAL);
      int timeout = hc.path("timeout").asInt(EcsDefaults.HEALTH_TIMEOUT_SECONDS);
      int retries = hc.path("retries").asInt(EcsDefaults.HEALTH_RETRIES);
      int grace = hc.path("startPeriod").asInt(0);
      if (interval != HEALTH_INTERVAL) {
        value.append(" every ").append(SpecText.duration(interval));
      }
      if (timeout != EcsDefaults.HEALTH_TIMEOUT_SECONDS) {
        value.append(" timeout ").append(SpecText.duration(timeout));
      }
      if (retries != EcsDefaults.HEALTH_RETRIES) {
        value.append(" retries ").append(retries);
      }
      if (grace != 0) {
        value.append(" grace ").append(SpecText.duration(grace));
      }
      block.add("health", value.toString());
    }

    // ---------------------------------------------------------------- logs

    /** The main container's awslogs settings, which fgd gives every container of the task. */
    private final class Logs {
      final boolean on;
      final String group;
      final String prefix;
      final String service;

      Logs(boolean on, String group, String prefix, String service) {
        this.on = on;
        this.group = group;
        this.prefix = prefix;
        this.service = service;
      }

      void write(Block block) {
        if (!on) {
          block.add("logs", "off");
          return;
        }
        Block b = new Block("logs", Integer.MAX_VALUE);
        if (!group.equals(EcsNames.defaultLogGroup(app, service))) {
          b.add("group", SpecText.quote(group));
        }
        if (!prefix.equals(service)) {
          b.add("stream_prefix", SpecText.quote(prefix));
        }
        if (!b.isEmpty()) {
          block.add(b);
        }
      }

      /** A sidecar logs to the same group, with its own name as stream prefix. */
      void sidecar(Block block, String subject, JsonNode c) {
        JsonNode log = c.path("logConfiguration");
        if (!on) {
          if (Canonical.present(log)) {
            warn(
                block,
                subject,
                "the log configuration was not imported: the service's main "
                    + "container does not log to CloudWatch, and fgd logs all containers of a task "
                    + "alike; the first plan registers a revision without it.");
          }
          return;
        }
        String name = c.path("name").asText();
        JsonNode options = log.path("options");
        if (!"awslogs".equals(log.path("logDriver").asText())
            || !group.equals(options.path("awslogs-group").asText())
            || !name.equals(options.path("awslogs-stream-prefix").asText())) {
          warn(
              block,
              subject,
              "the log configuration was not imported: fgd sends a sidecar's logs "
                  + "to the service's group ("
                  + group
                  + ") with the sidecar's name as stream prefix; "
                  + "the first plan registers a revision that does.");
        } else {
          extraOptions(block, subject, options);
        }
      }
    }

    private Logs logs(Block block, String subject, String service, JsonNode main) {
      JsonNode log = main.path("logConfiguration");
      if (!Canonical.present(log)) {
        return new Logs(false, "", "", service);
      }
      String driver = log.path("logDriver").asText();
      JsonNode options = log.path("options");
      if (!driver.equals("awslogs")) {
        warn(
            block,
            subject,
            "log driver "
                + driver
                + " was not imported: fgd sends logs to "
                + "CloudWatch Logs (awslogs) or nowhere; the first plan registers a revision without "
                + "a log configuration.");
        return new Logs(false, "", "", service);
      }
      String group = options.path("awslogs-group").asText("");
      if (group.isEmpty()) {
        warn(block, subject, "the log configuration was not imported: it names no awslogs-group.");
        return new Logs(false, "", "", service);
      }
      String logRegion = options.path("awslogs-region").asText(region);
      if (!logRegion.equals(region)) {
        warn(
            block,
            subject,
            "awslogs-region "
                + logRegion
                + " was not imported: fgd logs to the "
                + "app's region; the first plan registers a revision that does.");
      }
      String prefix = options.path("awslogs-stream-prefix").asText("");
      if (prefix.isEmpty()) {
        warn(
            block,
            subject,
            "the missing awslogs-stream-prefix was not imported: fgd always sets "
                + "one (the service's name); the first plan registers a revision with it.");
        prefix = service;
      }
      extraOptions(block, subject, options);
      if (!logGroups.contains(group)) {
        warn(block, subject, "log group " + group + " does not exist: the first plan creates it.");
      }
      return new Logs(true, group, prefix, service);
    }

    private void extraOptions(Block block, String subject, JsonNode options) {
      options
          .fieldNames()
          .forEachRemaining(
              option -> {
                if (!Set.of("awslogs-group", "awslogs-region", "awslogs-stream-prefix")
                    .contains(option)) {
                  warn(
                      block,
                      subject,
                      "log option "
                          + option
                          + " was not imported: fgd sets only the "
                          + "group, region and stream prefix; the first plan registers a revision without it.");
                }
              });
    }

    // ---------------------------------------------------------------- scaling and deployment

    /**
     * {@code scale MIN..MAX on cpu N%[, memory N%] [cooldown]}; false when nothing could be said.
     */
    private boolean scale(Block block, String subject, String service, ObservedScaling live) {
      JsonNode target = live.target();
      JsonNode suspended = target.path("SuspendedState");
      if (suspended.path("DynamicScalingInSuspended").asBoolean(false)
          || suspended.path("DynamicScalingOutSuspended").asBoolean(false)
          || suspended.path("ScheduledScalingSuspended").asBoolean(false)) {
        warn(
            block,
            subject,
            "the suspended state of autoscaling was not imported: fgd has no "
                + "statement for it; it stays as it is.");
      }
      TreeMap<String, String> targets = new TreeMap<>();
      List<Integer> cooldowns = new ArrayList<>();
      boolean uneven = false;
      for (var e : new TreeMap<>(live.policies()).entrySet()) {
        String policyName = e.getKey();
        JsonNode p = e.getValue();
        JsonNode tt = p.path("TargetTrackingScalingPolicyConfiguration");
        String type =
            tt.path("PredefinedMetricSpecification").path("PredefinedMetricType").asText("");
        String metric =
            type.equals("ECSServiceAverageCPUUtilization")
                ? "cpu"
                : type.equals("ECSServiceAverageMemoryUtilization") ? "memory" : null;
        if (!"TargetTrackingScaling".equals(p.path("PolicyType").asText())
            || metric == null
            || Canonical.present(tt.path("PredefinedMetricSpecification").path("ResourceLabel"))) {
          warn(
              block,
              subject,
              "scaling policy \""
                  + policyName
                  + "\" was not imported: fgd scales "
                  + "by target tracking on average cpu or memory only; the first plan deletes it.");
          continue;
        }
        if (targets.containsKey(metric)) {
          warn(
              block,
              subject,
              "scaling policy \""
                  + policyName
                  + "\" was not imported: another "
                  + "policy already tracks "
                  + metric
                  + "; the first plan deletes it.");
          continue;
        }
        if (tt.path("DisableScaleIn").asBoolean(false)) {
          warn(
              block,
              subject,
              "DisableScaleIn of scaling policy \""
                  + policyName
                  + "\" was not "
                  + "imported: fgd's policies scale in; the first plan turns scale-in on.");
        }
        String wantName = EcsNames.scalingPolicyName(app, service, metric);
        if (!policyName.equals(wantName)) {
          warn(
              block,
              subject,
              "the name of scaling policy \""
                  + policyName
                  + "\" was not imported: "
                  + "fgd names it \""
                  + wantName
                  + "\"; the first plan replaces the policy with one of "
                  + "that name.");
        }
        targets.put(metric, SpecText.number(tt.path("TargetValue").decimalValue()) + "%");
        JsonNode in = tt.path("ScaleInCooldown");
        JsonNode out = tt.path("ScaleOutCooldown");
        if (Canonical.present(in) && Canonical.present(out) && in.asInt() == out.asInt()) {
          cooldowns.add(in.asInt());
        } else if (Canonical.present(in) || Canonical.present(out)) {
          uneven = true;
        } else {
          cooldowns.add(null);
        }
      }
      if (targets.isEmpty()) {
        warn(
            block,
            subject,
            "autoscaling between "
                + target.path("MinCapacity").asInt()
                + " and "
                + target.path("MaxCapacity").asInt()
                + " tasks was not imported: fgd scales by target "
                + "tracking, and the service has no such policy; the first plan removes the scalable "
                + "target.");
        return false;
      }
      StringBuilder value =
          new StringBuilder()
              .append(target.path("MinCapacity").asInt())
              .append("..")
              .append(target.path("MaxCapacity").asInt())
              .append(" on ");
      List<String> parts = new ArrayList<>();
      targets.forEach((metric, percent) -> parts.add(metric + " " + percent));
      value.append(String.join(", ", parts));
      Set<Integer> distinct = new LinkedHashSet<>(cooldowns);
      if (!uneven && distinct.size() == 1 && distinct.iterator().next() != null) {
        value.append(" cooldown ").append(SpecText.duration(distinct.iterator().next()));
      } else if (uneven || distinct.size() > 1) {
        warn(
            block,
            subject,
            "the scaling cooldowns were not imported: fgd sets one cooldown for "
                + "scaling in and out of every policy, and these differ; they stay as they are.");
      }
      block.add("scale", value.toString());
      return true;
    }

    private void deploy(Block block, JsonNode svc) {
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
      int grace = svc.path("healthCheckGracePeriodSeconds").asInt(0);
      if (grace != 0) {
        b.add("health_grace", SpecText.duration(grace));
      }
      if (dc.path("alarms").path("enable").asBoolean(false)) {
        warn(
            block,
            "service \"" + svc.path("serviceName").asText() + "\"",
            "deployment alarms were "
                + "not imported: fgd has no statement for them; they stay as they are.");
      }
      if (!b.isEmpty()) {
        block.add(b);
      }
    }

    // ---------------------------------------------------------------- helpers

    /** Attributes present in {@code node} that fgd does not read: one warning each. */
    private void unsupported(
        Block block, String subject, JsonNode node, Set<String> read, String what) {
      List<String> fields = new ArrayList<>();
      node.fieldNames().forEachRemaining(fields::add);
      fields.sort(null);
      for (String field : fields) {
        JsonNode value = node.get(field);
        if (!read.contains(field)
            && Canonical.present(value)
            && !(value.isBoolean() && !value.asBoolean())) {
          warn(
              block,
              subject,
              what
                  + " setting "
                  + field
                  + " was not imported: fgd has no "
                  + "statement for it"
                  + (what.equals("service")
                      ? "; it stays as it is."
                      : "; the next task definition revision fgd registers will not have it."));
        }
      }
    }

    private static Block tagsBlock(Map<String, String> tags) {
      Block b = new Block("tags", Integer.MAX_VALUE);
      new TreeMap<>(tags).forEach((k, v) -> b.add(SpecText.text(k), "= " + SpecText.quote(v)));
      return b;
    }
  }

  // ---- JSON helpers ----

  private static List<String> texts(JsonNode list) {
    List<String> out = new ArrayList<>();
    list.forEach(v -> out.add(v.asText()));
    return out;
  }

  private static List<String> sorted(List<String> list) {
    List<String> out = new ArrayList<>(list);
    out.sort(null);
    return out;
  }

  /** Tags a user sets: not fgd's ownership tag, not AWS's reserved ones. */
  private static Map<String, String> userTags(JsonNode tags) {
    Map<String, String> out = new TreeMap<>();
    for (JsonNode t : tags) {
      String key = t.path("key").asText();
      if (!key.equals(EcsNames.OWNERSHIP_TAG_KEY) && !key.startsWith("aws:")) {
        out.put(key, t.path("value").asText());
      }
    }
    return out;
  }

  private static Optional<String> tag(JsonNode resource, String key) {
    for (JsonNode t : resource.path("tags")) {
      if (key.equals(t.path("key").asText())) {
        return Optional.of(t.path("value").asText());
      }
    }
    return Optional.empty();
  }

  private static String accountOf(String arn) throws FgdRuntimeException {
    Matcher m = ARN.matcher(Objects.requireNonNullElse(arn, ""));
    if (!m.matches() || m.group(4).isEmpty()) {
      throw new FgdRuntimeException("ECS answered with a service ARN without an account: " + arn);
    }
    return m.group(4);
  }
}
