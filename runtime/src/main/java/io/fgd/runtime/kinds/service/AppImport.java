package io.fgd.runtime.kinds.service;

import static io.fgd.runtime.importer.ImportRun.services;
import static io.fgd.runtime.importer.ImportRun.sorted;
import static io.fgd.runtime.importer.ImportRun.tag;
import static io.fgd.runtime.importer.ImportRun.tagsBlock;
import static io.fgd.runtime.importer.ImportRun.texts;
import static io.fgd.runtime.importer.ImportRun.userTags;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fgd.compiler.emit.ecs.EcsNames;
import io.fgd.runtime.FgdRuntimeException;
import io.fgd.runtime.importer.ImportRun;
import io.fgd.runtime.importer.ImportWarning;
import io.fgd.runtime.importer.Importer.Request;
import io.fgd.runtime.importer.SpecText;
import io.fgd.runtime.importer.SpecText.Block;
import io.fgd.runtime.kinds.alarm.AlarmImport;
import io.fgd.runtime.kinds.cluster.ClusterReads;
import io.fgd.runtime.kinds.ecrrepository.EcrRepositoryImport;
import io.fgd.runtime.kinds.loadbalancer.LoadBalancerImport;
import io.fgd.runtime.kinds.loggroup.LogGroupReads;
import io.fgd.runtime.kinds.namespace.NamespaceImport;
import io.fgd.runtime.kinds.scalabletarget.ScalableTargetReads;
import io.fgd.runtime.kinds.targetgroup.RouteImport;
import io.fgd.runtime.kinds.targetgroup.RouteImportReads;
import io.fgd.runtime.kinds.taskdefinition.TaskDefinitionReads;
import io.fgd.runtime.state.LiveState;
import io.fgd.runtime.state.ObservedLogGroup;
import io.fgd.runtime.state.ObservedScaling;
import io.fgd.runtime.state.ObservedService;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * {@code fgd import} of a cluster's services: reads them (with the task definitions, autoscaling
 * and log groups they use), then writes the app block and each service's block ({@link
 * ServiceImport}, which asks the kinds of the service's objects).
 */
final class AppImport {
  private static final Pattern APP_NAME = Pattern.compile("[a-z0-9]+(?:-[a-z0-9]+)*");
  private static final Pattern SERVICE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]*");

  private final ImportRun run;
  private final Request request;
  private final String region;
  private List<ObservedService> services;
  private String app;
  private String account;

  private AppImport(ImportRun run) {
    this.run = run;
    this.request = run.request();
    this.region = run.region();
  }

  /** Reads the services to import and writes their statements into {@code spec}. */
  static void write(ImportRun run, LiveState live, List<SpecText.Item> spec)
      throws FgdRuntimeException {
    new AppImport(run).write(live, spec);
  }

  private void write(LiveState live, List<SpecText.Item> spec) throws FgdRuntimeException {
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
    services = new ArrayList<>();
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
    Map<String, ObservedLogGroup> logGroups =
        groups.isEmpty() ? Map.of() : LogGroupReads.api(live).readLogGroups(groups);
    run.observed(taskDefinitions, scaling, logGroups);
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
        run.warnings().add(w);
      }
    }
    if (importable.isEmpty()) {
      throw new FgdRuntimeException(
          "None of the services can be imported: "
              + String.join(" ", run.warnings().stream().map(ImportWarning::message).toList()));
    }
    app = chooseApp(importable);
    run.app(app, account, importable.stream().map(ObservedService::name).toList());
    AlarmImport.read(run, live, importable);
    Block appBlock = new Block("app " + app, 7);

    // Tags every service shares (on the service and its task definition) belong to the app.
    Map<String, String> appTags = importable.size() < 2 ? Map.of() : sharedTags(importable);

    RouteImport.Decided routes = routes(live, importable);
    List<String> networkSubnets =
        texts(
            importable
                .get(0)
                .json()
                .path("networkConfiguration")
                .path("awsvpcConfiguration")
                .path("subnets"));
    Optional<LoadBalancerImport.Written> loadBalancer = Optional.empty();
    if (routes.listener().isPresent()) {
      loadBalancer =
          Optional.of(LoadBalancerImport.write(run, live, routes.listener().get(), networkSubnets));
    }
    List<Block> serviceBlocks = new ArrayList<>();
    for (ObservedService s : importable) {
      serviceBlocks.add(ServiceImport.service(run, s, appTags, routes));
    }
    app(appBlock, importable, appTags, loadBalancer);
    EcrRepositoryImport.images(run, live, appBlock, importable);

    // Services of this app left out of the import would look, to a plan, removed from the spec.
    Set<String> imported =
        new LinkedHashSet<>(importable.stream().map(ObservedService::name).toList());
    List<String> leftOut =
        new ArrayList<>(
            ServiceReads.api(live).listOwnedServices(request.cluster(), app, imported).keySet());
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

    List<SpecText.Item> top = spec;
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

  /**
   * Which target groups of the services' loadBalancers entries become routes ({@link RouteImport});
   * an entry with a traffic-shifting configuration stays {@code target_group}.
   */
  private RouteImport.Decided routes(LiveState live, List<ObservedService> importable)
      throws FgdRuntimeException {
    List<RouteImport.Entry> entries = new ArrayList<>();
    for (ObservedService s : importable) {
      for (JsonNode lb : s.json().path("loadBalancers")) {
        String tg = lb.path("targetGroupArn").asText("");
        if (!tg.isEmpty()
            && !io.fgd.runtime.engine.Canonical.present(lb.path("advancedConfiguration"))) {
          entries.add(
              new RouteImport.Entry(
                  s.name(),
                  tg,
                  lb.path("containerName").asText(),
                  lb.path("containerPort").asInt()));
        }
      }
    }
    if (entries.isEmpty()) {
      return RouteImport.Decided.NONE;
    }
    return RouteImport.decide(
        app,
        entries,
        RouteImportReads.read(
            live, entries.stream().map(RouteImport.Entry::targetGroupArn).toList()));
  }

  private void app(
      Block block,
      List<ObservedService> services,
      Map<String, String> appTags,
      Optional<LoadBalancerImport.Written> loadBalancer) {
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
    // fgd adds its tasks' group to every service of an app with its load balancer: not the
    // network's own.
    Optional<String> tasksGroup = loadBalancer.flatMap(LoadBalancerImport.Written::tasksGroup);
    List<String> groups =
        texts(vpc.path("securityGroups")).stream()
            .filter(g -> !tasksGroup.equals(Optional.of(g)))
            .toList();
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
      List<String> otherGroups =
          texts(other.path("securityGroups")).stream()
              .filter(g -> !tasksGroup.equals(Optional.of(g)))
              .toList();
      if (!sorted(texts(other.path("subnets"))).equals(sorted(subnets))
          || !sorted(otherGroups).equals(sorted(groups))
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
    NamespaceImport.namespace(run, block, services);
    loadBalancer.ifPresent(lb -> block.add(lb.block()));
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

  private void warn(Block block, String subject, String message) {
    run.warn(block, subject, message);
  }

  private ObjectNode taskDefinition(ObservedService s) {
    return run.taskDefinition(s);
  }

  private static String accountOf(String arn) throws FgdRuntimeException {
    return io.fgd.runtime.Arns.account(arn)
        .orElseThrow(
            () ->
                new FgdRuntimeException(
                    "ECS answered with a service ARN without an account: " + arn));
  }
}
