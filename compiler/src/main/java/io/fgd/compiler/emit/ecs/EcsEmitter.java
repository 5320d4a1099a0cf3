package io.fgd.compiler.emit.ecs;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fgd.compiler.Artifact;
import io.fgd.compiler.CompileOptions;
import io.fgd.compiler.FgdBugException;
import io.fgd.compiler.emit.Images;
import io.fgd.compiler.emit.Json;
import io.fgd.compiler.ir.App;
import io.fgd.compiler.ir.CapacityShare;
import io.fgd.compiler.ir.Command;
import io.fgd.compiler.ir.Container;
import io.fgd.compiler.ir.ContainerSettings;
import io.fgd.compiler.ir.Deployment;
import io.fgd.compiler.ir.EnvVar;
import io.fgd.compiler.ir.HealthCheck;
import io.fgd.compiler.ir.Located;
import io.fgd.compiler.ir.Logs;
import io.fgd.compiler.ir.Network;
import io.fgd.compiler.ir.Offer;
import io.fgd.compiler.ir.Port;
import io.fgd.compiler.ir.Scaling;
import io.fgd.compiler.ir.SecretRef;
import io.fgd.compiler.ir.Service;
import io.fgd.compiler.ir.ServiceConnect;
import io.fgd.compiler.ir.Sidecar;
import io.fgd.compiler.ir.Spec;
import io.fgd.compiler.ir.Tag;
import io.fgd.compiler.ir.TaskSettings;
import io.fgd.compiler.ir.Volume;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * taskdef.json, service.json and (with {@code scale}) scaling.json for each service.
 *
 * <ul>
 *   <li>{@code taskdef.json} is a RegisterTaskDefinition request, as {@code aws ecs
 *       register-task-definition --cli-input-json} takes it;
 *   <li>{@code service.json} is a CreateService request; {@code taskDefinition} holds the family
 *       name, for which apply substitutes the revision it registered;
 *   <li>{@code scaling.json} holds a RegisterScalableTarget request and one PutScalingPolicy
 *       request per metric, as the {@code application-autoscaling} CLI takes them;
 *   <li>{@code logs.json} (unless {@code logs off}) holds the CreateLogGroup request of the
 *       service's log group ({@code logGroup}) and, when the spec sets a retention, its
 *       PutRetentionPolicy request ({@code retention}), as the {@code logs} CLI takes them;
 *   <li>{@code before_deploy.json} (with {@code before_deploy}) holds the {@code overrides} of the
 *       RunTask request {@code fgd apply} makes before it deploys the service: the main container
 *       with the command to run. Apply fills in the rest (the revision, the service's network).
 * </ul>
 *
 * Fields are written in the AWS service model's member order (the {@code --generate-cli-skeleton}
 * order); lists whose order means nothing to AWS (environment, secrets, tags) are sorted, so
 * reordering lines in the spec never changes the output. Every document is checked against its
 * schema in {@code specs/schemas/} before it is returned.
 *
 * <p>The emitter runs only on a checked spec: where the checker guarantees a value (an app block, a
 * region, an account for SSM parameter names, a network with subnets, a known scaling metric), its
 * absence here is a bug in fgd and throws {@link FgdBugException}.
 */
public final class EcsEmitter {
  private EcsEmitter() {}

  public static final String TASK_DEFINITION_FILE = "taskdef.json";
  public static final String SERVICE_FILE = "service.json";
  public static final String SCALING_FILE = "scaling.json";
  public static final String LOGS_FILE = "logs.json";
  public static final String BEFORE_DEPLOY_FILE = "before_deploy.json";

  public static List<Artifact> emit(Spec spec, Service service, CompileOptions options) {
    App app = spec.app().orElseThrow(() -> bug("a checked spec has no app block"));
    String dir = service.name().value() + "/";
    List<Artifact> artifacts = new ArrayList<>();
    artifacts.add(
        artifact(
            dir + TASK_DEFINITION_FILE,
            SchemaValidator.Kind.TASK_DEFINITION,
            taskDefinition(spec, app, service, options)));
    artifacts.add(
        artifact(dir + SERVICE_FILE, SchemaValidator.Kind.SERVICE, service(spec, app, service)));
    service
        .scaling()
        .ifPresent(
            scaling ->
                artifacts.add(
                    artifact(
                        dir + SCALING_FILE,
                        SchemaValidator.Kind.SCALING,
                        scaling(app, service, scaling))));
    logs(app, service)
        .ifPresent(
            logs -> artifacts.add(artifact(dir + LOGS_FILE, SchemaValidator.Kind.LOGS, logs)));
    if (service.beforeDeploy().isPresent()) {
      artifacts.add(
          artifact(
              dir + BEFORE_DEPLOY_FILE, SchemaValidator.Kind.BEFORE_DEPLOY, beforeDeploy(service)));
    }
    RouteEmitter.routes(spec, app, service, tags(app, service))
        .ifPresent(
            routes ->
                artifacts.add(
                    artifact(dir + RouteEmitter.ROUTES_FILE, SchemaValidator.Kind.ROUTES, routes)));
    AlarmEmitter.alarms(app, service, tags(app, service))
        .ifPresent(
            alarms ->
                artifacts.add(
                    artifact(dir + AlarmEmitter.ALARMS_FILE, SchemaValidator.Kind.ALARMS, alarms)));
    return artifacts;
  }

  // ------------------------------------------------------------------ before_deploy.json

  /**
   * {@code {"overrides": {"containerOverrides": [{"name": MAIN, "command": [...]}]}}}: the part of
   * the RunTask request that the spec decides.
   */
  static ObjectNode beforeDeploy(Service service) {
    ObjectNode document = Json.object();
    document.set("overrides", overrides(service));
    return document;
  }

  private static ObjectNode overrides(Service service) {
    ObjectNode overrides = Json.object();
    ObjectNode container = overrides.putArray("containerOverrides").addObject();
    container.put("name", service.name().value());
    container.set(
        "command", Json.strings(service.beforeDeploy().map(Located::value).orElse(List.of())));
    return overrides;
  }

  /** How many characters of JSON ECS counts in the RunTask overrides of the before_deploy task. */
  public static int overridesLength(Service service) {
    try {
      return Json.mapper().writeValueAsString(overrides(service)).length();
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw bug("cannot write the overrides of " + service.name().value() + ": " + e);
    }
  }

  // ------------------------------------------------------------------ logs.json

  /** The log group the containers write to, with its tags and retention; empty for logs off. */
  static Optional<ObjectNode> logs(App app, Service service) {
    Optional<Logs> logs = service.logs();
    if (!logs.map(Logs::enabled).orElse(true)) {
      return Optional.empty();
    }
    String group =
        logs.flatMap(Logs::group)
            .map(Located::value)
            .orElse(EcsNames.defaultLogGroup(app.name().value(), service.name().value()));
    ObjectNode document = Json.object();
    ObjectNode create = document.putObject("logGroup");
    create.put("logGroupName", group);
    ObjectNode tags = create.putObject("tags");
    for (var tag : tags(app, service)) {
      tags.put(tag.path("key").asText(), tag.path("value").asText());
    }
    logs.flatMap(Logs::retentionDays)
        .ifPresent(
            days ->
                document
                    .putObject("retention")
                    .put("logGroupName", group)
                    .put("retentionInDays", days.value()));
    return Optional.of(document);
  }

  static Artifact artifact(String path, SchemaValidator.Kind kind, ObjectNode document) {
    SchemaValidator.requireValid(path, kind, document);
    return new Artifact(path, Json.bytes(document));
  }

  // ------------------------------------------------------------------ taskdef.json

  static ObjectNode taskDefinition(Spec spec, App app, Service service, CompileOptions options) {
    String appName = app.name().value();
    String serviceName = service.name().value();
    Container main = service.container();
    ObjectNode taskdef = Json.object();
    taskdef.put("family", EcsNames.family(appName, serviceName));
    app.taskRole().ifPresent(role -> taskdef.put("taskRoleArn", role.value()));
    app.executionRole().ifPresent(role -> taskdef.put("executionRoleArn", role.value()));
    taskdef.put("networkMode", "awsvpc");

    ArrayNode containers = taskdef.putArray("containerDefinitions");
    Optional<Logs> logs = service.logs();
    boolean logsOn = logs.map(Logs::enabled).orElse(true);
    String logGroup =
        logs.flatMap(Logs::group)
            .map(Located::value)
            .orElse(EcsNames.defaultLogGroup(appName, serviceName));

    ObjectNode mainContainer = containers.addObject();
    mainContainer.put("name", serviceName);
    mainContainer.put("image", Images.imageOf(spec, service, options));
    containerBody(
        app,
        mainContainer,
        main,
        Optional.of(serviceName),
        true,
        logsOn
            ? Optional.of(
                logConfiguration(
                    app,
                    logGroup,
                    logs.flatMap(Logs::streamPrefix).map(Located::value).orElse(serviceName)))
            : Optional.empty());

    for (Sidecar sidecar : service.sidecars()) {
      Container c = sidecar.container();
      ObjectNode node = containers.addObject();
      node.put("name", sidecar.name().value());
      node.put(
          "image",
          c.image()
              .map(Located::value)
              .orElseThrow(() -> bug("sidecar " + sidecar.name().value() + " has no image")));
      c.cpu().ifPresent(cpu -> node.put("cpu", cpu.value()));
      c.memory().ifPresent(memory -> node.put("memory", memory.value()));
      containerBody(
          app,
          node,
          c,
          Optional.empty(),
          sidecar.essential().map(Located::value).orElse(true),
          logsOn
              ? Optional.of(logConfiguration(app, logGroup, sidecar.name().value()))
              : Optional.empty());
    }

    taskdef.putArray("requiresCompatibilities").add("FARGATE");
    taskdef.put(
        "cpu", Integer.toString(main.cpu().map(Located::value).orElse(EcsDefaults.TASK_CPU_UNITS)));
    taskdef.put(
        "memory",
        Integer.toString(main.memory().map(Located::value).orElse(EcsDefaults.TASK_MEMORY_MIB)));
    taskdef.set("tags", tags(app, service));
    TaskSettings settings = service.settings();
    if (!settings.volumes().isEmpty()) {
      ArrayNode volumes = taskdef.putArray("volumes");
      for (Volume v : settings.volumes()) {
        ObjectNode volume = volumes.addObject().put("name", v.name().value());
        v.efs().ifPresent(efs -> volume.set("efsVolumeConfiguration", efs(efs)));
      }
    }
    settings
        .ephemeralStorageGib()
        .ifPresent(g -> taskdef.putObject("ephemeralStorage").put("sizeInGiB", g.value()));
    settings
        .architecture()
        .ifPresent(
            a ->
                taskdef
                    .putObject("runtimePlatform")
                    .put("cpuArchitecture", a.value().toUpperCase(Locale.ROOT))
                    .put("operatingSystemFamily", "LINUX"));
    return taskdef;
  }

  /** Everything after name, image, cpu and memory, in ContainerDefinition's member order. */
  private static void containerBody(
      App app,
      ObjectNode node,
      Container c,
      Optional<String> serviceName,
      boolean essential,
      Optional<ObjectNode> logging) {
    if (!c.ports().isEmpty()) {
      ArrayNode mappings = node.putArray("portMappings");
      for (Port port : c.ports()) {
        ObjectNode mapping = mappings.addObject();
        mapping.put("containerPort", port.number().value());
        // awsvpc: the host port must equal the container port (or be left out).
        mapping.put("hostPort", port.number().value());
        mapping.put("protocol", port.protocol().value().ecsName());
        if (port.offer().isPresent() && serviceName.isPresent()) {
          mapping.put("name", ServiceConnect.portName(serviceName.get(), port.number().value()));
          port.offer()
              .flatMap(Offer::appProtocol)
              .ifPresent(p -> mapping.put("appProtocol", p.value()));
        }
      }
    }
    node.put("essential", essential);
    c.entrypoint().ifPresent(e -> node.set("entryPoint", Json.strings(e.value())));
    c.command().ifPresent(command -> node.set("command", Json.strings(command.value())));
    if (!c.env().isEmpty()) {
      ArrayNode environment = node.putArray("environment");
      c.env().stream()
          .sorted(Comparator.comparing((EnvVar e) -> e.name().value()))
          .forEach(
              e ->
                  environment
                      .addObject()
                      .put("name", e.name().value())
                      .put("value", e.value().value()));
    }
    c.settings()
        .init()
        .ifPresent(i -> node.putObject("linuxParameters").put("initProcessEnabled", i.value()));
    if (!c.secrets().isEmpty()) {
      ArrayNode secrets = node.putArray("secrets");
      c.secrets().stream()
          .sorted(Comparator.comparing((SecretRef s) -> s.name().value()))
          .forEach(
              s ->
                  secrets
                      .addObject()
                      .put("name", s.name().value())
                      .put("valueFrom", valueFrom(app, s)));
    }
    containerSettings(node, c.settings());
    logging.ifPresent(l -> node.set("logConfiguration", l));
    c.health()
        .ifPresent(
            health -> {
              if (health instanceof HealthCheck check) {
                node.set("healthCheck", healthCheck(check));
              }
            });
  }

  /** ECS's EFSVolumeConfiguration: only what the spec says, ECS fills the defaults. */
  private static ObjectNode efs(Volume.Efs efs) {
    ObjectNode o = Json.object();
    o.put("fileSystemId", efs.fileSystemId().value());
    efs.root().ifPresent(r -> o.put("rootDirectory", r.value()));
    if (efs.encrypted().isPresent()) {
      o.put("transitEncryption", "ENABLED");
    }
    efs.port().ifPresent(p -> o.put("transitEncryptionPort", p.value()));
    if (efs.accessPoint().isPresent() || efs.iam().isPresent()) {
      ObjectNode auth = o.putObject("authorizationConfig");
      efs.accessPoint().ifPresent(a -> auth.put("accessPointId", a.value()));
      if (efs.iam().isPresent()) {
        auth.put("iam", "ENABLED");
      }
    }
    return o;
  }

  /** Start order, stop timeout, read-only root and ulimits, only where the spec sets them. */
  private static void containerSettings(ObjectNode node, ContainerSettings settings) {
    if (!settings.mounts().isEmpty()) {
      ArrayNode mounts = node.putArray("mountPoints");
      for (Volume.Mount m : settings.mounts()) {
        ObjectNode mount =
            mounts
                .addObject()
                .put("sourceVolume", m.volume().value())
                .put("containerPath", m.path().value());
        if (m.readOnly()) {
          mount.put("readOnly", true);
        }
      }
    }
    if (!settings.startsAfter().isEmpty()) {
      ArrayNode dependsOn = node.putArray("dependsOn");
      settings.startsAfter().stream()
          .sorted(Comparator.comparing((ContainerSettings.StartsAfter a) -> a.container().value()))
          .forEach(
              a ->
                  dependsOn
                      .addObject()
                      .put("containerName", a.container().value())
                      .put("condition", a.condition().value().toUpperCase(Locale.ROOT)));
    }
    settings.stopTimeout().ifPresent(t -> node.put("stopTimeout", seconds(t)));
    settings.readOnly().ifPresent(r -> node.put("readonlyRootFilesystem", r.value()));
    if (!settings.ulimits().isEmpty()) {
      ArrayNode ulimits = node.putArray("ulimits");
      settings.ulimits().stream()
          .sorted(Comparator.comparing((ContainerSettings.Ulimit u) -> u.name().value()))
          .forEach(
              u ->
                  ulimits
                      .addObject()
                      .put("name", u.name().value())
                      .put("softLimit", u.soft().value())
                      .put("hardLimit", u.hard().value()));
    }
  }

  /** Where ECS reads a secret from: the ARN, with the JSON key or the SSM parameter resolved. */
  static String valueFrom(App app, SecretRef secret) {
    String reference = secret.reference().value();
    if (secret.source() == SecretRef.Source.SSM_PARAMETER_NAME) {
      return EcsNames.ssmParameterArn(region(app), account(app), reference);
    }
    return EcsNames.secretsManagerValueFrom(
        reference,
        secret.jsonKey().map(Located::value),
        secret.versionStage().map(Located::value),
        secret.versionId().map(Located::value));
  }

  private static ObjectNode logConfiguration(App app, String group, String streamPrefix) {
    ObjectNode logging = Json.object();
    logging.put("logDriver", "awslogs");
    ObjectNode options = logging.putObject("options");
    options.put("awslogs-group", group);
    options.put("awslogs-region", region(app));
    options.put("awslogs-stream-prefix", streamPrefix);
    return logging;
  }

  private static ObjectNode healthCheck(HealthCheck check) {
    ObjectNode health = Json.object();
    health.set("command", Json.strings(healthCommand(check.command().value())));
    health.put(
        "interval",
        check.interval().map(EcsEmitter::seconds).orElse(EcsDefaults.HEALTH_INTERVAL_SECONDS));
    health.put(
        "timeout",
        check.timeout().map(EcsEmitter::seconds).orElse(EcsDefaults.HEALTH_TIMEOUT_SECONDS));
    health.put("retries", check.retries().map(Located::value).orElse(EcsDefaults.HEALTH_RETRIES));
    check.startPeriod().ifPresent(grace -> health.put("startPeriod", seconds(grace)));
    return health;
  }

  /**
   * ECS's form of a health check command. A string runs through the container's shell ({@code
   * CMD-SHELL}); a list is the program and its arguments ({@code CMD}). A list may also be written
   * as ECS writes it, starting with {@code "CMD"} or {@code "CMD-SHELL"}: that word is kept once,
   * never doubled (the checker makes sure {@code CMD-SHELL} is followed by exactly one line).
   */
  public static List<String> healthCommand(Command command) {
    if (command instanceof Command.Shell shell) {
      return List.of(HealthCheck.ECS_SHELL, shell.line());
    }
    List<String> argv = ((Command.Exec) command).argv();
    List<String> ecs = new ArrayList<>();
    if (argv.isEmpty() || !HealthCheck.ECS_FORMS.contains(argv.get(0))) {
      ecs.add(HealthCheck.ECS_EXEC);
    }
    ecs.addAll(argv);
    return List.copyOf(ecs);
  }

  /**
   * The service's tags: the app's, then the service's (a service tag replaces an app tag with the
   * same key), then fgd's ownership tag, which nothing replaces; sorted by key.
   */
  static ArrayNode tags(App app, Service service) {
    Map<String, String> merged = new TreeMap<>();
    for (Tag tag : app.tags()) {
      merged.put(tag.key().value(), tag.value().value());
    }
    for (Tag tag : service.tags()) {
      merged.put(tag.key().value(), tag.value().value());
    }
    merged.put(EcsNames.OWNERSHIP_TAG_KEY, app.name().value());
    ArrayNode tags = Json.array();
    merged.forEach((key, value) -> tags.addObject().put("key", key).put("value", value));
    return tags;
  }

  // ------------------------------------------------------------------ service.json

  static ObjectNode service(Spec spec, App app, Service service) {
    String serviceName = service.name().value();
    ObjectNode node = Json.object();
    node.put("cluster", cluster(app));
    node.put("serviceName", serviceName);
    node.put("taskDefinition", EcsNames.family(app.name().value(), serviceName));

    ArrayNode loadBalancers = Json.array();
    addLoadBalancers(loadBalancers, serviceName, service.container());
    RouteEmitter.addLoadBalancers(loadBalancers, app, service);
    for (Sidecar sidecar : service.sidecars()) {
      addLoadBalancers(loadBalancers, sidecar.name().value(), sidecar.container());
    }
    if (!loadBalancers.isEmpty()) {
      node.set("loadBalancers", loadBalancers);
    }

    node.put("desiredCount", desiredCount(service));
    if (service.settings().capacity().isEmpty()) {
      node.put("launchType", "FARGATE");
    } else {
      // CreateService takes a launch type or a capacity provider strategy, never both.
      ArrayNode strategy = node.putArray("capacityProviderStrategy");
      for (CapacityShare share : service.settings().capacity()) {
        ObjectNode item = strategy.addObject();
        item.put("capacityProvider", share.ecsName());
        item.put("weight", share.weightValue());
        share.base().ifPresent(b -> item.put("base", b.value()));
      }
    }
    node.put("platformVersion", EcsDefaults.PLATFORM_VERSION);

    Optional<Deployment> deploy = service.deployment();
    node.set(
        "deploymentConfiguration",
        Rollouts.deploymentConfiguration(deploy, AlarmEmitter.names(app.name().value(), service)));

    Network network = app.network().orElseThrow(() -> bug("a checked app has no network"));
    ObjectNode vpc = node.putObject("networkConfiguration").putObject("awsvpcConfiguration");
    vpc.set("subnets", Json.strings(network.subnets().stream().map(Located::value).toList()));
    List<String> groups =
        new java.util.ArrayList<>(network.securityGroups().stream().map(Located::value).toList());
    if (app.loadBalancer().filter(io.fgd.compiler.ir.LoadBalancer::owned).isPresent()) {
      groups.add(RouteEmitter.SECURITY_GROUP_REF + RouteEmitter.tasksGroupName(app.name().value()));
    }
    if (!groups.isEmpty()) {
      vpc.set("securityGroups", Json.strings(groups));
    }
    boolean publicIp = network.publicIp().map(Located::value).orElse(EcsDefaults.PUBLIC_IP);
    vpc.put("assignPublicIp", publicIp ? "ENABLED" : "DISABLED");

    deploy
        .flatMap(Deployment::healthCheckGrace)
        .ifPresent(grace -> node.put("healthCheckGracePeriodSeconds", seconds(grace)));
    node.set("tags", tags(app, service));
    node.put("enableECSManagedTags", true);
    node.put("propagateTags", "SERVICE");
    service.settings().exec().ifPresent(e -> node.put("enableExecuteCommand", e.value()));
    ServiceConnect.namespace(spec)
        .ifPresent(ns -> node.set("serviceConnectConfiguration", serviceConnect(ns, service)));
    return node;
  }

  /**
   * The service's Service Connect configuration: the ports it offers, or, for a service that only
   * calls others, the namespace alone (a client-only configuration). No proxy log configuration:
   * the proxy's logs are left to ECS's default (none), so a service's log group holds only its own
   * containers' output.
   */
  private static ObjectNode serviceConnect(String namespace, Service service) {
    ObjectNode config = Json.object();
    config.put("enabled", true);
    config.put("namespace", namespace);
    List<ServiceConnect.Endpoint> endpoints = ServiceConnect.endpoints(service);
    if (!endpoints.isEmpty()) {
      ArrayNode services = config.putArray("services");
      for (ServiceConnect.Endpoint e : endpoints) {
        ObjectNode entry = services.addObject();
        entry.put("portName", e.portName());
        entry.put("discoveryName", e.discoveryName());
        entry
            .putArray("clientAliases")
            .addObject()
            .put("port", e.aliasPort())
            .put("dnsName", e.dnsName().value());
      }
    }
    return config;
  }

  private static void addLoadBalancers(ArrayNode into, String containerName, Container c) {
    for (Port port : c.ports()) {
      port.targetGroup()
          .ifPresent(
              tg -> {
                ObjectNode lb =
                    into.addObject()
                        .put("targetGroupArn", tg.value())
                        .put("containerName", containerName)
                        .put("containerPort", port.number().value());
                port.trafficShift().ifPresent(t -> Rollouts.advancedConfiguration(lb, t));
              });
    }
  }

  /**
   * Tasks to start with: {@code replicas}, else the lower bound of {@code scale}, else one. With
   * autoscaling, this is only the starting point: the scaling policies own the count afterwards.
   */
  public static int desiredCount(Service service) {
    return service
        .replicas()
        .map(Located::value)
        .or(() -> service.scaling().map(s -> s.min().value()))
        .orElse(EcsDefaults.REPLICAS);
  }

  // ------------------------------------------------------------------ scaling.json

  static ObjectNode scaling(App app, Service service, Scaling scaling) {
    String appName = app.name().value();
    String serviceName = service.name().value();
    String resourceId = EcsNames.scalableResourceId(cluster(app), serviceName);
    ObjectNode document = Json.object();
    ObjectNode target = document.putObject("scalableTarget");
    target.put("ServiceNamespace", EcsNames.SCALING_NAMESPACE);
    target.put("ResourceId", resourceId);
    target.put("ScalableDimension", EcsNames.SCALABLE_DIMENSION);
    target.put("MinCapacity", scaling.min().value());
    target.put("MaxCapacity", scaling.max().value());

    ArrayNode policies = document.putArray("policies");
    for (Scaling.Target metric : scaling.targets()) {
      String name = metric.metric().value();
      String predefined =
          EcsNames.predefinedMetric(name)
              .orElseThrow(() -> bug("scaling metric \"" + name + "\" passed the checker"));
      ObjectNode policy = policies.addObject();
      policy.put("PolicyName", EcsNames.scalingPolicyName(appName, serviceName, name));
      policy.put("ServiceNamespace", EcsNames.SCALING_NAMESPACE);
      policy.put("ResourceId", resourceId);
      policy.put("ScalableDimension", EcsNames.SCALABLE_DIMENSION);
      policy.put("PolicyType", "TargetTrackingScaling");
      ObjectNode config = policy.putObject("TargetTrackingScalingPolicyConfiguration");
      double percent = metric.percent().value();
      // 60% is written 60, not 60.0; a fractional target keeps its fraction.
      if (percent == Math.rint(percent) && Math.abs(percent) < Integer.MAX_VALUE) {
        config.put("TargetValue", (int) percent);
      } else {
        config.put("TargetValue", percent);
      }
      config.putObject("PredefinedMetricSpecification").put("PredefinedMetricType", predefined);
      scaling
          .cooldown()
          .ifPresent(
              cooldown -> {
                config.put("ScaleOutCooldown", seconds(cooldown));
                config.put("ScaleInCooldown", seconds(cooldown));
              });
    }
    return document;
  }

  // ------------------------------------------------------------------ helpers

  static String cluster(App app) {
    return EcsNames.cluster(app.cluster().map(Located::value));
  }

  static String region(App app) {
    return app.region().map(Located::value).orElseThrow(() -> bug("a checked app has no region"));
  }

  static String account(App app) {
    return app.account().map(Located::value).orElseThrow(() -> bug("a checked app has no account"));
  }

  /** Whole seconds; the checker rejects durations that are not (AWS takes only seconds). */
  private static int seconds(Located<Duration> duration) {
    Duration d = duration.value();
    if (d.toMillis() % 1000 != 0) {
      throw bug("duration " + d + " is not whole seconds");
    }
    return Math.toIntExact(d.toSeconds());
  }

  static FgdBugException bug(String what) {
    return new FgdBugException("This is a bug in fgd, please report it: " + what + ".");
  }
}
