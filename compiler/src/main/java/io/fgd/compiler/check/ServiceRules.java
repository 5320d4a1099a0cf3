package io.fgd.compiler.check;

import io.fgd.compiler.diag.Diagnostics;
import io.fgd.compiler.diag.Suggestions;
import io.fgd.compiler.emit.Images;
import io.fgd.compiler.emit.ecs.EcsDefaults;
import io.fgd.compiler.emit.ecs.EcsNames;
import io.fgd.compiler.ir.App;
import io.fgd.compiler.ir.Container;
import io.fgd.compiler.ir.Deployment;
import io.fgd.compiler.ir.Located;
import io.fgd.compiler.ir.Logs;
import io.fgd.compiler.ir.Port;
import io.fgd.compiler.ir.Scaling;
import io.fgd.compiler.ir.Service;
import io.fgd.compiler.ir.Sidecar;
import io.fgd.compiler.ir.Spec;
import io.fgd.compiler.ir.Tag;
import io.fgd.compiler.source.Span;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** Rules for services and sidecars: names, ports, sizes, scaling, deployment, logs, tags. */
final class ServiceRules {
  private ServiceRules() {}

  /** ECS service, family and container names: letters, digits, hyphens and underscores. */
  static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]+");

  /** A service built from source is pushed to the ECR repository {@code <app>/<service>}. */
  static final Pattern ECR_COMPONENT = Pattern.compile("[a-z0-9]+(?:[_-][a-z0-9]+)*");

  /** Containers per task definition: a hard ECS limit. */
  static final int MAX_CONTAINERS = 10;

  /** Load balancer target groups per service: ECS allows five. */
  static final int MAX_TARGET_GROUPS = 5;

  /** The default quota of tasks per service; it can be raised, so more is only a warning. */
  static final int TASKS_PER_SERVICE = 5000;

  static final List<String> METRICS = List.of("cpu", "memory");

  static void check(Spec spec, Diagnostics diagnostics) {
    Optional<App> app = spec.app();
    String appName = app.map(a -> a.name().value()).orElse("");
    Optional<Located<String>> appRegion = AppRules.knownRegion(app);
    List<Tag> appTags = app.map(App::tags).orElse(List.of());
    Map<String, Span> seen = new HashMap<>();
    for (Service service : spec.services()) {
      String name = service.name().value();
      Span first = seen.putIfAbsent(name, service.name().span());
      if (first != null) {
        diagnostics.errorWithContext(
            "service.duplicate", service.name().span(), first, name, first.startLine());
      }
      name(service, appName, diagnostics);
      imageOrBuild(service, diagnostics);
      app.ifPresent(a -> builtImage(a, service, Optional.empty(), diagnostics));
      containers(service, appRegion, diagnostics);
      Sizes.check(service, diagnostics);
      replicasAndScaling(service, appName, diagnostics);
      service.deployment().ifPresent(d -> deployment(d, service, diagnostics));
      RolloutRules.check(service, appRegion, diagnostics);
      HookRules.check(service, appRegion, diagnostics);
      AlarmRules.check(app, service, diagnostics);
      service.logs().ifPresent(l -> logs(l, diagnostics));
      TagRules.checkEach(service.tags(), diagnostics);
      TagRules.checkCount(appTags, service.tags(), "service " + name, diagnostics);
      if (service.container().health().isEmpty()) {
        diagnostics.warning("health.missing", service.name().span(), name);
      }
    }
    Dependencies.check(spec, diagnostics);
  }

  private static void name(Service service, String appName, Diagnostics diagnostics) {
    Located<String> name = service.name();
    if (!NAME.matcher(name.value()).matches()) {
      diagnostics.error("service.name", name.span(), name.value());
      return;
    }
    String family = EcsNames.family(appName, name.value());
    if (family.length() > SchemaLimits.FAMILY) {
      diagnostics.error(
          "service.nameTooLong", name.span(), family, family.length(), SchemaLimits.FAMILY);
    } else if (service.logs().isEmpty() || service.logs().get().enabled()) {
      String group =
          service
              .logs()
              .flatMap(Logs::group)
              .map(Located::value)
              .orElse(EcsNames.defaultLogGroup(appName, name.value()));
      if (service.logs().flatMap(Logs::group).isEmpty()
          && group.length() > SchemaLimits.LOG_GROUP) {
        diagnostics.error(
            "logs.defaultGroupTooLong", name.span(), group, group.length(), SchemaLimits.LOG_GROUP);
      }
    }
    if (service.build().isPresent() && !ECR_COMPONENT.matcher(name.value()).matches()) {
      diagnostics.error(
          "service.nameForEcr",
          name.span(),
          name.value(),
          appName,
          name.value()
              .toLowerCase(java.util.Locale.ROOT)
              .replaceAll("[^a-z0-9]+", "-")
              .replaceAll("^-|-$", ""));
    }
  }

  private static void imageOrBuild(Service service, Diagnostics diagnostics) {
    Optional<Located<String>> image = service.container().image();
    if (image.isEmpty() && service.build().isEmpty()) {
      diagnostics.error("service.noImage", service.name().span(), service.name().value());
    } else if (image.isPresent() && service.build().isPresent()) {
      diagnostics.errorWithContext(
          "service.imageAndBuild",
          image.get().span(),
          service.build().get().span(),
          service.name().value());
    }
    for (Sidecar sidecar : service.sidecars()) {
      if (sidecar.container().image().isEmpty()) {
        diagnostics.error("sidecar.noImage", sidecar.name().span(), sidecar.name().value());
      }
    }
  }

  /**
   * The image reference of a service built from source, {@code REGISTRY/APP/SERVICE:TAG}, must fit
   * ECS's limit. Without the tag (validate), it is checked with the shortest tag there is.
   */
  static void builtImage(App app, Service service, Optional<String> tag, Diagnostics diagnostics) {
    if (service.build().isEmpty() || service.container().image().isPresent()) {
      return;
    }
    String repository = Images.repository(app, service);
    String reference = repository + ":" + tag.orElse("T");
    if (reference.length() > ContainerRules.IMAGE_MAX) {
      diagnostics.error(
          "image.builtTooLong",
          service.build().get().span(),
          repository + ":" + tag.orElse("TAG"),
          reference.length(),
          ContainerRules.IMAGE_MAX);
    }
  }

  /** What spans the task's containers: names, the container limit, ports in one namespace. */
  private static void containers(
      Service service, Optional<Located<String>> appRegion, Diagnostics diagnostics) {
    ContainerRules.check(service.container(), appRegion, diagnostics);
    Map<String, Span> names = new HashMap<>();
    names.put(service.name().value(), service.name().span());
    for (Sidecar sidecar : service.sidecars()) {
      Located<String> name = sidecar.name();
      if (!NAME.matcher(name.value()).matches()
          || name.value().length() > SchemaLimits.CONTAINER_NAME) {
        diagnostics.error("sidecar.name", name.span(), name.value());
      }
      Span first = names.putIfAbsent(name.value(), name.span());
      if (first != null) {
        diagnostics.errorWithContext(
            "sidecar.duplicate", name.span(), first, name.value(), first.startLine());
      }
      ContainerRules.check(sidecar.container(), appRegion, diagnostics);
    }
    if (service.sidecars().size() + 1 > MAX_CONTAINERS) {
      diagnostics.error(
          "service.tooManyContainers",
          service.sidecars().get(MAX_CONTAINERS - 1).name().span(),
          service.name().value(),
          service.sidecars().size() + 1,
          MAX_CONTAINERS);
    }
    List<Span> targetGroups =
        AppRules.containers(service).stream()
            .flatMap(c -> c.ports().stream())
            .flatMap(p -> p.targetGroup().stream())
            .map(Located::span)
            .toList();
    if (targetGroups.size() > MAX_TARGET_GROUPS) {
      diagnostics.error(
          "service.tooManyTargetGroups",
          targetGroups.get(MAX_TARGET_GROUPS),
          service.name().value(),
          targetGroups.size(),
          MAX_TARGET_GROUPS);
    }
    Map<String, Span> ports = new HashMap<>();
    for (Container container : AppRules.containers(service)) {
      for (Port port : container.ports()) {
        int number = port.number().value();
        if (number < 1 || number > 65535) {
          diagnostics.error("port.range", port.number().span(), number);
          continue;
        }
        String key = number + "/" + port.protocol().value().ecsName();
        Span first = ports.putIfAbsent(key, port.number().span());
        if (first != null) {
          diagnostics.errorWithContext(
              "port.duplicate", port.number().span(), first, key, first.startLine());
        }
        port.targetGroup().ifPresent(tg -> targetGroup(tg, port, appRegion, diagnostics));
      }
    }
  }

  private static void targetGroup(
      Located<String> arn,
      Port port,
      Optional<Located<String>> appRegion,
      Diagnostics diagnostics) {
    if (Arns.check(arn, Arns.Kind.TARGET_GROUP, "target_group", appRegion, diagnostics)) {
      Optional<String> region = Arns.region(arn.value());
      if (region.isPresent()
          && appRegion.isPresent()
          && !region.get().equals(appRegion.get().value())) {
        diagnostics.errorWithContext(
            "port.targetGroupRegion",
            arn.span(),
            appRegion.get().span(),
            region.get(),
            appRegion.get().value());
      }
    }
    if (port.protocol().value() != Port.Protocol.TCP) {
      diagnostics.error("port.targetGroupUdp", port.protocol().span(), port.number().value());
    }
  }

  private static void replicasAndScaling(Service service, String appName, Diagnostics diagnostics) {
    service
        .replicas()
        .filter(r -> r.value() > TASKS_PER_SERVICE)
        .ifPresent(
            r -> diagnostics.warning("replicas.quota", r.span(), r.value(), TASKS_PER_SERVICE));
    if (service.scaling().isEmpty()) {
      return;
    }
    Scaling scaling = service.scaling().get();
    int min = scaling.min().value();
    int max = scaling.max().value();
    boolean boundsOk = true;
    if (max < 1) {
      diagnostics.error("scale.maxZero", scaling.max().span());
      boundsOk = false;
    } else if (min > max) {
      diagnostics.error("scale.minAboveMax", scaling.min().span(), min, max);
      boundsOk = false;
    } else if (max > TASKS_PER_SERVICE) {
      diagnostics.warning("replicas.quota", scaling.max().span(), max, TASKS_PER_SERVICE);
    }
    Map<String, Span> metrics = new HashMap<>();
    for (Scaling.Target target : scaling.targets()) {
      String metric = target.metric().value();
      if (!METRICS.contains(metric)) {
        diagnostics.error(
            "scale.metric",
            target.metric().span(),
            metric,
            Suggestions.didYouMean(metric, METRICS));
      } else {
        Span first = metrics.putIfAbsent(metric, target.metric().span());
        if (first != null) {
          diagnostics.errorWithContext(
              "scale.metricDuplicate", target.metric().span(), first, metric);
        }
      }
      if (METRICS.contains(metric)) {
        String policy = EcsNames.scalingPolicyName(appName, service.name().value(), metric);
        if (policy.length() > SchemaLimits.POLICY_NAME) {
          diagnostics.error(
              "scale.policyNameTooLong",
              target.metric().span(),
              policy,
              policy.length(),
              SchemaLimits.POLICY_NAME);
        }
      }
      double percent = target.percent().value();
      if (percent <= 0 || percent > 100) {
        diagnostics.error("scale.target", target.percent().span(), format(percent));
      }
    }
    scaling
        .cooldown()
        .ifPresent(
            c -> ContainerRules.atMost(c, "The scaling cooldown", Integer.MAX_VALUE, diagnostics));
    if (boundsOk && service.replicas().isPresent()) {
      Located<Integer> replicas = service.replicas().get();
      if (replicas.value() < min || replicas.value() > max) {
        diagnostics.errorWithContext(
            "scale.replicasOutside", replicas.span(), scaling.span(), replicas.value(), min, max);
      }
    }
  }

  private static String format(double d) {
    return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
  }

  private static void deployment(Deployment deployment, Service service, Diagnostics diagnostics) {
    boolean percentsOk = true;
    Optional<Located<Integer>> minHealthy = deployment.minHealthyPercent();
    if (minHealthy.isPresent() && minHealthy.get().value() > 100) {
      diagnostics.error("deploy.minHealthy", minHealthy.get().span(), minHealthy.get().value());
      percentsOk = false;
    }
    Optional<Located<Integer>> maxPercent = deployment.maxPercent();
    if (maxPercent.isPresent() && maxPercent.get().value() < 1) {
      diagnostics.error("deploy.maxPercent", maxPercent.get().span(), maxPercent.get().value());
      percentsOk = false;
    }
    if (percentsOk && (minHealthy.isPresent() || maxPercent.isPresent())) {
      progress(
          service,
          minHealthy.map(Located::value).orElse(EcsDefaults.MINIMUM_HEALTHY_PERCENT),
          maxPercent.map(Located::value).orElse(EcsDefaults.MAXIMUM_PERCENT),
          maxPercent.map(Located::span).orElseGet(() -> minHealthy.orElseThrow().span()),
          diagnostics);
    }
    Optional<Located<Boolean>> breaker = deployment.circuitBreaker();
    Optional<Located<Boolean>> rollback = deployment.rollback();
    if (breaker.isPresent()
        && !breaker.get().value()
        && rollback.isPresent()
        && rollback.get().value()) {
      diagnostics.errorWithContext(
          "deploy.rollbackWithoutBreaker", rollback.get().span(), breaker.get().span());
    }
    deployment
        .healthCheckGrace()
        .ifPresent(
            grace -> {
              if (ContainerRules.atMost(
                  grace, "health_grace", SchemaLimits.GRACE_MAX, diagnostics)) {
                boolean hasTargetGroup =
                    AppRules.containers(service).stream()
                        .flatMap(c -> c.ports().stream())
                        .anyMatch(p -> p.targetGroup().isPresent());
                if (!hasTargetGroup) {
                  diagnostics.warning(
                      "deploy.graceWithoutTargetGroup", grace.span(), service.name().value());
                }
              }
            });
  }

  /**
   * Whether a rolling deployment can make progress at every desired count the service can have: its
   * {@code replicas}, or with {@code scale} every count between the bounds. ECS keeps at least
   * {@code ceil(count * min_healthy / 100)} tasks running and allows at most {@code floor(count *
   * max_percent / 100)}; a deployment moves only when the first is below the second (it can then
   * stop an old task, or start a new one beside the old), so equal or crossed bounds deadlock.
   */
  private static void progress(
      Service service, int minHealthy, int maxPercent, Span at, Diagnostics diagnostics) {
    int low;
    int high;
    Span countAt;
    if (service.scaling().isPresent()) {
      Scaling scaling = service.scaling().get();
      low = scaling.min().value();
      high = Math.min(scaling.max().value(), TASKS_PER_SERVICE);
      countAt = scaling.span();
    } else {
      low = service.replicas().map(Located::value).orElse(EcsDefaults.REPLICAS);
      high = low;
      countAt = service.replicas().map(Located::span).orElse(service.name().span());
    }
    Integer stuck = null;
    long neededMax = 0;
    long allowedMin = 100;
    for (int count = Math.max(1, low); count <= high; count++) {
      long keep = ceilDiv((long) count * minHealthy, 100);
      long allow = Math.floorDiv((long) count * maxPercent, 100);
      // The smallest max_percent that allows one task more than min_healthy keeps, and the largest
      // min_healthy that keeps one task fewer than max_percent allows, at this count.
      neededMax = Math.max(neededMax, ceilDiv((keep + 1) * 100, count));
      allowedMin = Math.min(allowedMin, allow < 1 ? -1 : Math.floorDiv((allow - 1) * 100, count));
      if (keep >= allow && stuck == null) {
        stuck = count;
      }
    }
    if (stuck == null) {
      return;
    }
    int count = stuck;
    String remedy =
        allowedMin < 0
            ? "Raise max_percent to at least " + neededMax + "%."
            : "Raise max_percent to at least "
                + neededMax
                + "%, or lower min_healthy to at most "
                + allowedMin
                + "%.";
    diagnostics.add(
        io.fgd.compiler.diag.Severity.ERROR,
        "deploy.noProgress",
        at,
        countAt.equals(service.name().span()) ? Optional.empty() : Optional.of(countAt),
        count,
        minHealthy,
        ceilDiv((long) count * minHealthy, 100),
        maxPercent,
        Math.floorDiv((long) count * maxPercent, 100),
        remedy);
  }

  private static long ceilDiv(long a, long b) {
    return -Math.floorDiv(-a, b);
  }

  private static void logs(Logs logs, Diagnostics diagnostics) {
    logs.group()
        .filter(g -> !AwsFormats.LOG_GROUP.matcher(g.value()).matches())
        .ifPresent(g -> diagnostics.error("logs.group", g.span(), g.value()));
    logs.retentionDays()
        .filter(d -> !AwsFormats.RETENTION_DAYS.contains(d.value()))
        .ifPresent(
            d ->
                diagnostics.error(
                    "logs.retention", d.span(), d.value(), nearestRetention(d.value())));
    logs.streamPrefix()
        .filter(
            p ->
                p.value().isEmpty()
                    || p.value().length() > 256
                    || p.value().contains(":")
                    || p.value().contains("*"))
        .ifPresent(p -> diagnostics.error("logs.streamPrefix", p.span(), p.value()));
  }

  /** The allowed retention periods either side of {@code days}, as "30 or 60". */
  static String nearestRetention(int days) {
    Integer below = null;
    Integer above = null;
    for (int allowed : AwsFormats.RETENTION_DAYS) {
      if (allowed < days) {
        below = allowed;
      } else if (allowed > days && above == null) {
        above = allowed;
      }
    }
    if (below == null) {
      return "Did you mean " + above + "d?";
    }
    if (above == null) {
      return "Did you mean " + below + "d?";
    }
    return "The nearest are " + below + "d and " + above + "d.";
  }
}
