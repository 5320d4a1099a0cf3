package io.fgd.compiler.parse;

import io.fgd.compiler.SpecOptions;
import io.fgd.compiler.diag.Diagnostics;
import io.fgd.compiler.diag.Suggestions;
import io.fgd.compiler.ir.App;
import io.fgd.compiler.ir.Build;
import io.fgd.compiler.ir.BuildStep;
import io.fgd.compiler.ir.CapacityShare;
import io.fgd.compiler.ir.Command;
import io.fgd.compiler.ir.Container;
import io.fgd.compiler.ir.ContainerSettings;
import io.fgd.compiler.ir.Deployment;
import io.fgd.compiler.ir.DeploymentAlarms;
import io.fgd.compiler.ir.EarlySuccess;
import io.fgd.compiler.ir.EnvVar;
import io.fgd.compiler.ir.Health;
import io.fgd.compiler.ir.HealthCheck;
import io.fgd.compiler.ir.ImageSettings;
import io.fgd.compiler.ir.Job;
import io.fgd.compiler.ir.LifecycleHook;
import io.fgd.compiler.ir.LoadBalancer;
import io.fgd.compiler.ir.Located;
import io.fgd.compiler.ir.Logs;
import io.fgd.compiler.ir.Network;
import io.fgd.compiler.ir.NoHealthCheck;
import io.fgd.compiler.ir.Offer;
import io.fgd.compiler.ir.Port;
import io.fgd.compiler.ir.PresetBuild;
import io.fgd.compiler.ir.RollbackAlarm;
import io.fgd.compiler.ir.Route;
import io.fgd.compiler.ir.Scaling;
import io.fgd.compiler.ir.SecretRef;
import io.fgd.compiler.ir.Service;
import io.fgd.compiler.ir.Sidecar;
import io.fgd.compiler.ir.Spec;
import io.fgd.compiler.ir.SpecFile;
import io.fgd.compiler.ir.Stage;
import io.fgd.compiler.ir.StepsBuild;
import io.fgd.compiler.ir.Strategy;
import io.fgd.compiler.ir.Tag;
import io.fgd.compiler.ir.TaskSettings;
import io.fgd.compiler.ir.TrafficShift;
import io.fgd.compiler.ir.Variable;
import io.fgd.compiler.ir.Volume;
import io.fgd.compiler.source.Span;
import io.fgd.grammar.FgdLexer;
import io.fgd.grammar.FgdParser.*;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.tree.TerminalNode;

/**
 * Parse tree to IR (Trino's AstBuilder): the one class that sees ANTLR's types. It converts units,
 * unescapes strings, substitutes variables into them and reports what the grammar cannot: an
 * attribute given twice, a number with the wrong unit, an undefined variable. Whether values make
 * sense for AWS is the checker's business; choosing a stage is {@code stage.Stages}'.
 */
final class AstBuilder {
  /** What may follow {@code var}: the characters of a variable name. */
  static final Pattern VARIABLE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  private final String file;
  private final Diagnostics diagnostics;
  private final SpecOptions options;

  /** Declared variables by name, in declaration order. */
  private final Map<String, Variable> variables = new LinkedHashMap<>();

  private final Set<String> referenced = new TreeSet<>();

  AstBuilder(String file, Diagnostics diagnostics, SpecOptions options) {
    this.file = file;
    this.diagnostics = diagnostics;
    this.options = options;
  }

  SpecFile build(FileContext tree) {
    // Variables first: a string may use a variable declared further down.
    for (DeclarationContext declaration : tree.declaration()) {
      if (declaration instanceof VarDeclarationContext v) {
        variable(v);
      }
    }
    commandLineVariables();
    Optional<App> app = Optional.empty();
    List<Service> services = new ArrayList<>();
    List<Job> jobs = new ArrayList<>();
    List<Stage> stages = new ArrayList<>();
    Map<String, Span> stageNames = new HashMap<>();
    for (DeclarationContext declaration : tree.declaration()) {
      if (declaration instanceof AppDeclarationContext a) {
        if (app.isPresent()) {
          diagnostics.errorWithContext(
              "app.duplicate", span(a.name), app.get().name().span(), app.get().name().value());
          continue;
        }
        app = Optional.of(app(a));
      } else if (declaration instanceof ServiceDeclarationContext s) {
        services.add(service(s));
      } else if (declaration instanceof JobDeclarationContext j) {
        jobs.add(job(j));
      } else if (declaration instanceof StageDeclarationContext s) {
        Stage stage = stage(s);
        Span first = stageNames.putIfAbsent(stage.name().value(), stage.name().span());
        if (first != null) {
          diagnostics.errorWithContext(
              "stage.duplicate",
              stage.name().span(),
              first,
              stage.name().value(),
              first.startLine());
          continue;
        }
        stages.add(stage);
      }
    }
    if (app.isEmpty()) {
      diagnostics.error("app.missing", Span.point(file, 1, 1));
    }
    for (Variable v : variables.values()) {
      if (!referenced.contains(v.name().value())) {
        diagnostics.warning("var.unused", v.name().span(), v.name().value());
      }
    }
    return new SpecFile(
        new Spec(app, services, jobs, span(tree)), List.copyOf(variables.values()), stages);
  }

  // ------------------------------------------------------------------ variables

  /** A declaration, with its value for this run: --var, then FGD_VAR_NAME, then the default. */
  private void variable(VarDeclarationContext ctx) {
    Located<String> name = identifier(ctx.name);
    Variable earlier = variables.get(name.value());
    if (earlier != null) {
      diagnostics.errorWithContext(
          "var.duplicate",
          name.span(),
          earlier.name().span(),
          name.value(),
          earlier.span().startLine());
      return;
    }
    if (!VARIABLE_NAME.matcher(name.value()).matches()) {
      diagnostics.error("var.nameFormat", name.span(), name.value());
      return;
    }
    if (ctx.value != null && ctx.value.getText().replace("\\$", "").contains("${")) {
      diagnostics.error("var.defaultReference", span(ctx.value), name.value());
    }
    Optional<Located<String>> defaultValue =
        ctx.value == null
            ? Optional.empty()
            : Optional.of(new Located<>(unescape(ctx.value), span(ctx.value)));
    Optional<String> value =
        Optional.ofNullable(options.variables().get(name.value()))
            .or(
                () ->
                    Optional.ofNullable(
                        options.environment().get(SpecOptions.ENV_PREFIX + name.value())))
            .or(() -> defaultValue.map(Located::value));
    if (value.isEmpty()) {
      diagnostics.error("var.unset", name.span(), name.value());
    }
    variables.put(name.value(), new Variable(name, defaultValue, value, span(ctx)));
  }

  /** A --var must name a declared variable: a misspelt one would otherwise be silently ignored. */
  private void commandLineVariables() {
    for (String given : new TreeSet<>(options.variables().keySet())) {
      if (variables.containsKey(given)) {
        continue;
      }
      Span where =
          variables.isEmpty()
              ? Span.point(file, 1, 1)
              : variables.values().iterator().next().name().span();
      String declared =
          variables.isEmpty()
              ? "This spec declares no variables."
              : "This spec declares " + quotedList(variables.keySet()) + ".";
      diagnostics.error(
          "var.undeclaredOption",
          where,
          given,
          declared,
          Suggestions.didYouMean(given, variables.keySet()));
    }
  }

  static String quotedList(java.util.Collection<String> names) {
    List<String> quoted = names.stream().map(n -> "\"" + n + "\"").toList();
    if (quoted.size() == 1) {
      return quoted.get(0);
    }
    return String.join(", ", quoted.subList(0, quoted.size() - 1))
        + " and "
        + quoted.get(quoted.size() - 1);
  }

  // ------------------------------------------------------------------ stages

  private Stage stage(StageDeclarationContext ctx) {
    AppParts app = new AppParts();
    List<Stage.ServiceOverrides> services = new ArrayList<>();
    Map<String, Span> seen = new HashMap<>();
    for (StageStatementContext statement : ctx.stageBody().stageStatement()) {
      if (statement instanceof StageAppStatementContext c) {
        app.add(c.appStatement());
      } else if (statement instanceof StageServiceStatementContext c) {
        Stage.ServiceOverrides overrides = serviceOverrides(c);
        Span first = seen.putIfAbsent(overrides.name().value(), overrides.name().span());
        if (first != null) {
          diagnostics.errorWithContext(
              "stage.serviceDuplicate",
              overrides.name().span(),
              first,
              overrides.name().value(),
              first.startLine());
          continue;
        }
        services.add(overrides);
      }
    }
    Stage.AppOverrides overrides =
        new Stage.AppOverrides(
            app.region.get(),
            app.account.get(),
            app.cluster.get(),
            app.executionRole.get(),
            app.taskRole.get(),
            app.registry.get(),
            app.network.value(),
            app.tags.value().orElse(List.of()),
            app.images.value(),
            app.schedulerRole.get(),
            app.loadBalancer.value(),
            app.namespace.get());
    return new Stage(identifier(ctx.name), overrides, services, span(ctx));
  }

  /** What a stage may change in a service: its size, its count, its image and its variables. */
  private Stage.ServiceOverrides serviceOverrides(StageServiceStatementContext ctx) {
    ContainerParts container = new ContainerParts();
    Once<Integer> replicas = new Once<>("replicas");
    Once<Scaling> scaling = new Once<>("scale");
    for (ServiceStatementContext statement : ctx.serviceBody().serviceStatement()) {
      Span keyword = span(statement.getStart());
      if (statement instanceof ServiceContainerStatementContext c
          && (c.containerStatement() instanceof ImageStatementContext
              || c.containerStatement() instanceof EnvStatementContext
              || c.containerStatement() instanceof SecretStatementContext
              || c.containerStatement() instanceof CpuStatementContext
              || c.containerStatement() instanceof MemoryStatementContext)) {
        container.add(c.containerStatement());
      } else if (statement instanceof ReplicasStatementContext c) {
        wholeNumber(c.value, "replicas").ifPresent(r -> replicas.set(keyword, r));
      } else if (statement instanceof ScaleStatementContext c) {
        scaling.set(keyword, new Located<>(scaling(c), span(c)));
      } else {
        diagnostics.error("stage.notOverridable", keyword, statement.getStart().getText());
      }
    }
    return new Stage.ServiceOverrides(
        identifier(ctx.name),
        container.image.get(),
        replicas.get(),
        container.cpu.get(),
        container.memory.get(),
        scaling.value(),
        container.env,
        container.secrets,
        span(ctx));
  }

  // ------------------------------------------------------------------ app

  private App app(AppDeclarationContext ctx) {
    AppParts parts = new AppParts();
    for (AppStatementContext statement : ctx.appBody().appStatement()) {
      parts.add(statement);
    }
    return new App(
        identifier(ctx.name),
        parts.region.get(),
        parts.account.get(),
        parts.cluster.get(),
        parts.executionRole.get(),
        parts.taskRole.get(),
        parts.registry.get(),
        parts.network.value(),
        parts.tags.value().orElse(List.of()),
        parts.images.value(),
        parts.schedulerRole.get(),
        parts.loadBalancer.value(),
        parts.namespace.get(),
        span(ctx));
  }

  /** Collects app statements, for the app block or a stage. */
  private final class AppParts {
    final Once<String> region = new Once<>("region");
    final Once<String> account = new Once<>("account");
    final Once<String> cluster = new Once<>("cluster");
    final Once<String> executionRole = new Once<>("execution_role");
    final Once<String> taskRole = new Once<>("task_role");
    final Once<String> registry = new Once<>("registry");
    final Once<Network> network = new Once<>("network");
    final Once<List<Tag>> tags = new Once<>("tags");
    final Once<ImageSettings> images = new Once<>("images");
    final Once<String> schedulerRole = new Once<>("scheduler_role");
    final Once<LoadBalancer> loadBalancer = new Once<>("load_balancer");
    final Once<String> namespace = new Once<>("namespace");

    void add(AppStatementContext statement) {
      Span keyword = span(statement.getStart());
      if (statement instanceof RegionStatementContext c) {
        region.set(keyword, word(c.value));
      } else if (statement instanceof AccountStatementContext c) {
        account.set(keyword, word(c.value));
      } else if (statement instanceof ClusterStatementContext c) {
        cluster.set(keyword, word(c.value));
      } else if (statement instanceof ExecutionRoleStatementContext c) {
        executionRole.set(keyword, text(c.value));
      } else if (statement instanceof TaskRoleStatementContext c) {
        taskRole.set(keyword, text(c.value));
      } else if (statement instanceof RegistryStatementContext c) {
        registry.set(keyword, text(c.value));
      } else if (statement instanceof NetworkSettingsContext c) {
        network.set(keyword, new Located<>(network(c.networkBody(), span(c)), span(c)));
      } else if (statement instanceof AppTagsStatementContext c) {
        tags.set(keyword, new Located<>(tags(c.tagsBody()), span(c)));
      } else if (statement instanceof ImagesSettingsContext c) {
        images.set(keyword, new Located<>(images(c.imagesBody(), span(c)), span(c)));
      } else if (statement instanceof SchedulerRoleStatementContext c) {
        schedulerRole.set(keyword, text(c.value));
      } else if (statement instanceof LoadBalancerSettingsContext c) {
        loadBalancer.set(
            keyword, new Located<>(loadBalancer(c.loadBalancerBody(), span(c)), span(c)));
      } else if (statement instanceof NamespaceStatementContext c) {
        namespace.set(keyword, text(c.value));
      }
    }
  }

  private ImageSettings images(ImagesBodyContext ctx, Span span) {
    Once<Integer> keep = new Once<>("keep");
    for (ImagesStatementContext statement : ctx.imagesStatement()) {
      Span keyword = span(statement.getStart());
      if (statement instanceof KeepImagesStatementContext c) {
        wholeNumber(c.value, "keep").ifPresent(n -> keep.set(keyword, n));
      }
    }
    return new ImageSettings(keep.get(), span);
  }

  private LoadBalancer loadBalancer(LoadBalancerBodyContext ctx, Span span) {
    Once<String> listener = new Once<>("listener");
    Once<String> scheme = new Once<>("internet_facing/internal");
    Once<List<Located<String>>> subnets = new Once<>("subnets");
    Once<String> certificate = new Once<>("certificate");
    Once<String> tlsPolicy = new Once<>("tls_policy");
    Once<List<Located<String>>> allow = new Once<>("allow");
    for (LoadBalancerStatementContext statement : ctx.loadBalancerStatement()) {
      Span keyword = span(statement.getStart());
      if (statement instanceof ListenerStatementContext c) {
        listener.set(keyword, text(c.value));
      } else if (statement instanceof InternetFacingStatementContext) {
        scheme.set(keyword, new Located<>(LoadBalancer.INTERNET_FACING, keyword));
      } else if (statement instanceof InternalStatementContext) {
        scheme.set(keyword, new Located<>(LoadBalancer.INTERNAL, keyword));
      } else if (statement instanceof LoadBalancerSubnetsStatementContext c) {
        subnets.set(keyword, new Located<>(words(c.wordList()), span(c.wordList())));
      } else if (statement instanceof CertificateStatementContext c) {
        certificate.set(keyword, text(c.value));
      } else if (statement instanceof TlsPolicyStatementContext c) {
        tlsPolicy.set(keyword, text(c.value));
      } else if (statement instanceof AllowStatementContext c) {
        List<Located<String>> cidrs = new java.util.ArrayList<>();
        for (TerminalNode t : c.STRING()) {
          cidrs.add(new Located<>(string(t.getSymbol()), span(t.getSymbol())));
        }
        allow.set(keyword, new Located<>(List.copyOf(cidrs), span(c)));
      }
    }
    return new LoadBalancer(
        listener.get(),
        scheme.get(),
        subnets.get(),
        certificate.get(),
        tlsPolicy.get(),
        allow.get(),
        span);
  }

  private Route route(RouteStatementContext ctx) {
    Once<String> matcher = new Once<>("matcher");
    Once<Duration> interval = new Once<>("interval");
    Once<Integer> healthyThreshold = new Once<>("healthy_threshold");
    Once<Duration> deregistrationDelay = new Once<>("deregistration_delay");
    Once<String> testHeader = new Once<>("test_header");
    if (ctx.routeBody() != null) {
      for (RouteSettingContext setting : ctx.routeBody().routeSetting()) {
        Span keyword = span(setting.getStart());
        if (setting instanceof RouteMatcherContext c) {
          matcher.set(keyword, text(c.value));
        } else if (setting instanceof RouteIntervalContext c) {
          duration(c.value).ifPresent(d -> interval.set(keyword, d));
        } else if (setting instanceof RouteHealthyThresholdContext c) {
          wholeNumber(c.value, "healthy_threshold")
              .ifPresent(n -> healthyThreshold.set(keyword, n));
        } else if (setting instanceof RouteDeregistrationDelayContext c) {
          duration(c.value).ifPresent(d -> deregistrationDelay.set(keyword, d));
        } else if (setting instanceof RouteTestHeaderContext c) {
          testHeader.set(keyword, text(c.value));
        }
      }
    }
    return new Route(
        text(ctx.target),
        ctx.port == null ? Optional.empty() : wholeNumber(ctx.port, "port"),
        ctx.health == null ? Optional.empty() : Optional.of(text(ctx.health)),
        matcher.get(),
        interval.get(),
        healthyThreshold.get(),
        deregistrationDelay.get(),
        testHeader.get(),
        span(ctx));
  }

  private Network network(NetworkBodyContext ctx, Span span) {
    Once<List<Located<String>>> subnets = new Once<>("subnets");
    Once<List<Located<String>>> securityGroups = new Once<>("security_groups");
    Once<Boolean> publicIp = new Once<>("public_ip");
    for (NetworkStatementContext statement : ctx.networkStatement()) {
      Span keyword = span(statement.getStart());
      if (statement instanceof SubnetsStatementContext c) {
        subnets.set(keyword, new Located<>(words(c.wordList()), span(c.wordList())));
      } else if (statement instanceof SecurityGroupsStatementContext c) {
        securityGroups.set(keyword, new Located<>(words(c.wordList()), span(c.wordList())));
      } else if (statement instanceof PublicIpStatementContext c) {
        publicIp.set(keyword, toggle(c.value));
      }
    }
    return new Network(
        subnets.value().orElse(List.of()),
        securityGroups.value().orElse(List.of()),
        publicIp.get(),
        span);
  }

  private List<Tag> tags(TagsBodyContext ctx) {
    List<Tag> tags = new ArrayList<>();
    Map<String, Span> seen = new HashMap<>();
    for (TagContext tag : ctx.tag()) {
      Located<String> key = text(tag.key);
      Span first = seen.putIfAbsent(key.value(), key.span());
      if (first != null) {
        diagnostics.errorWithContext(
            "tag.duplicate", key.span(), first, key.value(), first.startLine());
        continue;
      }
      tags.add(new Tag(key, scalar(tag.value), span(tag)));
    }
    return tags;
  }

  // ------------------------------------------------------------------ services

  private Service service(ServiceDeclarationContext ctx) {
    return service(identifier(ctx.name), ctx.serviceBody().serviceStatement(), span(ctx));
  }

  /** A service, or a job's task, from its statements. */
  private Service service(
      Located<String> name, List<ServiceStatementContext> statements, Span span) {
    ContainerParts container = new ContainerParts();
    Once<Build> build = new Once<>("build");
    Once<Integer> replicas = new Once<>("replicas");
    Once<Scaling> scaling = new Once<>("scale");
    Once<Deployment> deployment = new Once<>("deploy");
    Once<Logs> logs = new Once<>("logs");
    Once<List<Tag>> tags = new Once<>("tags");
    Once<List<Located<String>>> dependsOn = new Once<>("depends_on");
    Once<List<String>> beforeDeploy = new Once<>("before_deploy");
    TaskSettingsParts settings = new TaskSettingsParts();
    List<Sidecar> sidecars = new ArrayList<>();
    List<Route> routes = new ArrayList<>();
    for (ServiceStatementContext statement : statements) {
      Span keyword = span(statement.getStart());
      if (statement instanceof ServiceContainerStatementContext c) {
        container.add(c.containerStatement());
      } else if (statement instanceof RouteStatementContext c) {
        routes.add(route(c));
      } else if (statement instanceof BuildStatementContext c) {
        build.set(keyword, new Located<>(build(c.buildRecipe(), span(c)), span(c)));
      } else if (statement instanceof ReplicasStatementContext c) {
        wholeNumber(c.value, "replicas").ifPresent(r -> replicas.set(keyword, r));
      } else if (statement instanceof ScaleStatementContext c) {
        scaling.set(keyword, new Located<>(scaling(c), span(c)));
      } else if (statement instanceof DeploySettingsContext c) {
        deployment.set(keyword, new Located<>(deployment(c.deployBody()), span(c)));
      } else if (statement instanceof LogsSettingsContext c) {
        logs.set(keyword, new Located<>(logs(c.logsBody(), span(c)), span(c)));
      } else if (statement instanceof LogsOffStatementContext c) {
        logs.set(
            keyword,
            new Located<>(
                new Logs(false, Optional.empty(), Optional.empty(), Optional.empty(), span(c)),
                span(c)));
      } else if (statement instanceof ServiceTagsStatementContext c) {
        tags.set(keyword, new Located<>(tags(c.tagsBody()), span(c)));
      } else if (statement instanceof SidecarDeclarationContext c) {
        sidecars.add(sidecar(c));
      } else if (statement instanceof DependsOnStatementContext c) {
        List<Located<String>> names = new ArrayList<>();
        for (IdentifierContext id : c.identifierList().identifier()) {
          names.add(identifier(id));
        }
        dependsOn.set(keyword, new Located<>(names, span(c)));
      } else if (statement instanceof BeforeDeployStatementContext c) {
        beforeDeploy.set(keyword, stringList(c.value));
      } else {
        settings.add(statement);
      }
    }
    return new Service(
        name,
        container.build(span),
        build.value(),
        replicas.get(),
        scaling.value(),
        deployment.value(),
        logs.value(),
        tags.value().orElse(List.of()),
        sidecars,
        dependsOn.value().orElse(List.of()),
        settings.build(),
        beforeDeploy.get(),
        routes,
        span);
  }

  // ------------------------------------------------------------------ jobs

  /**
   * A job: its schedule statements, and its task from the service statements a job may hold (a
   * service's statement that only makes sense for tasks kept running is an error that says so).
   */
  private Job job(JobDeclarationContext ctx) {
    Located<String> name = identifier(ctx.name);
    Once<Job.Schedule> schedule = new Once<>("schedule");
    Once<Boolean> enabled = new Once<>("enabled");
    Once<Duration> window = new Once<>("flexible_window");
    Once<Integer> retries = new Once<>("retries");
    Once<Duration> maxAge = new Once<>("max_age");
    List<ServiceStatementContext> task = new ArrayList<>();
    for (JobStatementContext statement : ctx.jobBody().jobStatement()) {
      Span keyword = span(statement.getStart());
      if (statement instanceof ScheduleStatementContext c) {
        Optional<Located<String>> zone =
            c.zone == null ? Optional.empty() : Optional.of(text(c.zone));
        schedule.set(
            keyword, new Located<>(new Job.Schedule(text(c.expression), zone, span(c)), span(c)));
      } else if (statement instanceof EnabledStatementContext c) {
        enabled.set(keyword, toggle(c.value));
      } else if (statement instanceof FlexibleWindowStatementContext c) {
        duration(c.value).ifPresent(d -> window.set(keyword, d));
      } else if (statement instanceof JobRetriesStatementContext c) {
        wholeNumber(c.value, "retries").ifPresent(r -> retries.set(keyword, r));
      } else if (statement instanceof MaxAgeStatementContext c) {
        duration(c.value).ifPresent(d -> maxAge.set(keyword, d));
      } else if (statement instanceof JobTaskStatementContext c) {
        ServiceStatementContext s = c.serviceStatement();
        String notInJob = notInJob(s);
        if (notInJob != null) {
          diagnostics.error("job.serviceOnly", keyword, notInJob, name.value());
        } else {
          task.add(s);
        }
      }
    }
    return new Job(
        name,
        service(name, task, span(ctx)),
        schedule.value(),
        enabled.get(),
        window.get(),
        retries.get(),
        maxAge.get(),
        span(ctx));
  }

  /** The keyword of a service statement a job cannot hold, or null. */
  private static String notInJob(ServiceStatementContext s) {
    if (s instanceof ReplicasStatementContext
        || s instanceof ScaleStatementContext
        || s instanceof DeploySettingsContext
        || s instanceof DependsOnStatementContext) {
      return s.getStart().getText();
    }
    if (s instanceof ServiceContainerStatementContext c
        && c.containerStatement() instanceof PortStatementContext p
        && p.targetGroup != null) {
      return "target_group";
    }
    return null;
  }

  /** Collects a service's architecture, ephemeral storage and ECS Exec statements. */
  private final class TaskSettingsParts {
    final Once<String> architecture = new Once<>("architecture");
    final Once<Integer> ephemeralStorage = new Once<>("ephemeral_storage");
    final Once<Boolean> exec = new Once<>("exec");
    final Once<List<CapacityShare>> capacity = new Once<>("capacity");
    final List<Volume> volumes = new ArrayList<>();

    void add(ServiceStatementContext statement) {
      Span keyword = span(statement.getStart());
      if (statement instanceof ArchitectureStatementContext c) {
        architecture.set(keyword, word(c.value));
      } else if (statement instanceof EphemeralStorageStatementContext c) {
        gibibytes(c.memoryAmount()).ifPresent(v -> ephemeralStorage.set(keyword, v));
      } else if (statement instanceof ExecStatementContext c) {
        exec.set(keyword, toggle(c.value));
      } else if (statement instanceof CapacityStatementContext c) {
        List<CapacityShare> shares = new ArrayList<>();
        for (CapacityShareContext share : c.capacityShare()) {
          shares.add(
              new CapacityShare(
                  word(share.provider),
                  share.weight == null
                      ? Optional.empty()
                      : wholeNumber(share.weight, "capacity weight"),
                  share.base == null ? Optional.empty() : wholeNumber(share.base, "capacity base"),
                  span(share)));
        }
        capacity.set(keyword, new Located<>(shares, span(c)));
      } else if (statement instanceof VolumeStatementContext c) {
        volumes.add(new Volume(identifier(c.name), efs(c), span(c)));
      }
    }

    TaskSettings build() {
      return new TaskSettings(
          architecture.get(),
          ephemeralStorage.get(),
          exec.get(),
          capacity.get().map(Located::value).orElse(List.of()),
          volumes);
    }

    /** The EFS file system of a volume statement, if it names one. */
    private Optional<Volume.Efs> efs(VolumeStatementContext c) {
      if (c.fileSystem == null) {
        return Optional.empty();
      }
      Once<String> accessPoint = new Once<>("access_point");
      Once<String> root = new Once<>("root");
      Once<Boolean> encrypted = new Once<>("encrypted");
      Optional<Located<Integer>> port = Optional.empty();
      Once<Boolean> iam = new Once<>("iam");
      for (EfsOptionContext option : c.efsOption()) {
        Span keyword = span(option.getStart());
        if (option instanceof EfsAccessPointContext o) {
          accessPoint.set(keyword, word(o.value));
        } else if (option instanceof EfsRootContext o) {
          root.set(keyword, text(o.value));
        } else if (option instanceof EfsEncryptedContext o) {
          encrypted.set(keyword, new Located<>(true, span(o)));
          if (o.port != null) {
            port = wholeNumber(o.port, "transit encryption port");
          }
        } else if (option instanceof EfsIamContext o) {
          iam.set(keyword, new Located<>(true, span(o)));
        }
      }
      return Optional.of(
          new Volume.Efs(
              word(c.fileSystem),
              accessPoint.get(),
              root.get(),
              encrypted.get().map(Located::span),
              port,
              iam.get().map(Located::span),
              span(c)));
    }
  }

  /** A disk size in GiB: {@code 50 GiB}, {@code 50GB} or a bare {@code 50}. */
  private Optional<Located<Integer>> gibibytes(MemoryAmountContext ctx) {
    Amount amount = amount(ctx);
    String number = amount.number();
    String unit = amount.unit();
    Span s = span(ctx);
    if (!List.of("", "gib", "gb").contains(unit.toLowerCase(Locale.ROOT))) {
      diagnostics.error(
          "unit.unknown", s, unit, "ephemeral storage", "GiB (GB means GiB, as in ECS)", "");
      return Optional.empty();
    }
    BigDecimal value = new BigDecimal(number).stripTrailingZeros();
    if (value.scale() > 0) {
      diagnostics.error("number.whole", s, "Ephemeral storage", number);
      return Optional.empty();
    }
    return bounded(value, s, "ephemeral storage");
  }

  private Sidecar sidecar(SidecarDeclarationContext ctx) {
    ContainerParts container = new ContainerParts();
    Once<Boolean> essential = new Once<>("essential");
    for (SidecarStatementContext statement : ctx.sidecarBody().sidecarStatement()) {
      if (statement instanceof SidecarContainerStatementContext c) {
        container.add(c.containerStatement());
      } else if (statement instanceof EssentialStatementContext c) {
        essential.set(span(c.getStart()), toggle(c.value));
      }
    }
    return new Sidecar(
        identifier(ctx.name), container.build(span(ctx)), essential.get(), span(ctx));
  }

  /** Collects the statements that describe one container, for a service or a sidecar. */
  private final class ContainerParts {
    final Once<String> image = new Once<>("image");
    final List<Port> ports = new ArrayList<>();
    final List<EnvVar> env = new ArrayList<>();
    final List<SecretRef> secrets = new ArrayList<>();
    final Once<Integer> cpu = new Once<>("cpu");
    final Once<Integer> memory = new Once<>("memory");
    final Once<Health> health = new Once<>("health");
    final Once<List<String>> command = new Once<>("command");
    final Once<List<String>> entrypoint = new Once<>("entrypoint");
    final Once<Duration> stopTimeout = new Once<>("stop_timeout");
    final Once<Boolean> readOnly = new Once<>("read_only");
    final Once<Boolean> init = new Once<>("init");
    final List<ContainerSettings.Ulimit> ulimits = new ArrayList<>();
    final List<ContainerSettings.StartsAfter> startsAfter = new ArrayList<>();
    final List<Volume.Mount> mounts = new ArrayList<>();

    void add(ContainerStatementContext statement) {
      Span keyword = span(statement.getStart());
      if (statement instanceof ImageStatementContext c) {
        image.set(keyword, text(c.value));
      } else if (statement instanceof PortStatementContext c) {
        port(c).ifPresent(ports::add);
      } else if (statement instanceof EnvStatementContext c) {
        env.add(new EnvVar(word(c.name), scalar(c.value), span(c)));
      } else if (statement instanceof SecretStatementContext c) {
        secrets.add(secret(c));
      } else if (statement instanceof CpuStatementContext c) {
        cpu(c.cpuAmount()).ifPresent(v -> cpu.set(keyword, v));
      } else if (statement instanceof MemoryStatementContext c) {
        memory(c.memoryAmount()).ifPresent(v -> memory.set(keyword, v));
      } else if (statement instanceof HealthStatementContext c) {
        health.set(keyword, new Located<>(healthCheck(c), span(c)));
      } else if (statement instanceof HealthNoneStatementContext c) {
        health.set(keyword, new Located<>(new NoHealthCheck(span(c)), span(c)));
      } else if (statement instanceof CommandStatementContext c) {
        command.set(keyword, stringList(c.value));
      } else if (statement instanceof EntrypointStatementContext c) {
        entrypoint.set(keyword, stringList(c.value));
      } else if (statement instanceof StopTimeoutStatementContext c) {
        duration(c.value).ifPresent(d -> stopTimeout.set(keyword, d));
      } else if (statement instanceof ReadOnlyStatementContext c) {
        readOnly.set(keyword, toggle(c.value));
      } else if (statement instanceof InitStatementContext c) {
        init.set(keyword, toggle(c.value));
      } else if (statement instanceof UlimitStatementContext c) {
        Optional<Located<Long>> soft = limit(c.soft);
        Optional<Located<Long>> hard = c.hard == null ? soft : limit(c.hard);
        if (soft.isPresent() && hard.isPresent()) {
          ulimits.add(new ContainerSettings.Ulimit(word(c.name), soft.get(), hard.get(), span(c)));
        }
      } else if (statement instanceof StartsAfterStatementContext c) {
        Located<String> condition =
            c.condition == null ? new Located<>("start", span(c.container)) : word(c.condition);
        startsAfter.add(
            new ContainerSettings.StartsAfter(identifier(c.container), condition, span(c)));
      } else if (statement instanceof MountStatementContext c) {
        mounts.add(
            new Volume.Mount(identifier(c.volume), text(c.path), c.readOnly != null, span(c)));
      }
    }

    Container build(Span span) {
      return new Container(
          image.get(),
          ports,
          env,
          secrets,
          cpu.get(),
          memory.get(),
          health.value(),
          command.get(),
          entrypoint.get(),
          new ContainerSettings(
              stopTimeout.get(), readOnly.get(), init.get(), ulimits, startsAfter, mounts),
          span);
    }
  }

  /** A ulimit value: a whole number that fits ECS's 32-bit field. */
  private Optional<Located<Long>> limit(Token token) {
    Span s = span(token);
    String text = token.getText();
    if (text.contains(".")) {
      diagnostics.error("number.whole", s, "A ulimit", text);
      return Optional.empty();
    }
    BigDecimal value = new BigDecimal(text);
    if (value.compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) > 0) {
      diagnostics.error("number.tooLarge", s, "ulimit");
      return Optional.empty();
    }
    return Optional.of(new Located<>(value.longValue(), s));
  }

  private Optional<Port> port(PortStatementContext ctx) {
    Located<Integer> number;
    Port.Protocol protocol = Port.Protocol.TCP;
    Span protocolSpan;
    if (ctx.value instanceof PlainPortContext p) {
      Optional<Located<Integer>> n = wholeNumber(p.NUMBER(), "A port");
      if (n.isEmpty()) {
        return Optional.empty();
      }
      number = n.get();
      protocolSpan = number.span();
    } else {
      Token token = ((PortWithProtocolContext) ctx.value).QUANTITY().getSymbol();
      Quantity q = Quantity.of(token.getText());
      Span s = span(token);
      String unit = q.unit().toLowerCase(Locale.ROOT);
      if (!unit.equals("/tcp") && !unit.equals("/udp")) {
        diagnostics.error("port.protocol", s, token.getText());
        return Optional.empty();
      }
      protocol = unit.equals("/udp") ? Port.Protocol.UDP : Port.Protocol.TCP;
      Optional<Integer> n = q.wholeNumber();
      if (n.isEmpty()) {
        diagnostics.error("number.whole", s, "A port", q.number());
        return Optional.empty();
      }
      number = new Located<>(n.get(), s);
      protocolSpan = s;
    }
    Optional<Located<String>> targetGroup =
        ctx.targetGroup == null ? Optional.empty() : Optional.of(text(ctx.targetGroup));
    Optional<Offer> offer =
        ctx.offer() == null ? Optional.empty() : Optional.of(offer(ctx.offer()));
    return Optional.of(
        new Port(
            number,
            new Located<>(protocol, protocolSpan),
            targetGroup,
            trafficShift(ctx.trafficOption()),
            offer,
            span(ctx)));
  }

  private Optional<TrafficShift> trafficShift(List<TrafficOptionContext> options) {
    if (options.isEmpty()) {
      return Optional.empty();
    }
    Once<String> alternate = new Once<>("alternate");
    Once<String> rule = new Once<>("rule");
    Once<String> testRule = new Once<>("test_rule");
    Once<String> role = new Once<>("role");
    for (TrafficOptionContext option : options) {
      Span keyword = span(option.getStart());
      if (option instanceof AlternateTargetGroupOptionContext c) {
        alternate.set(keyword, text(c.value));
      } else if (option instanceof ProductionRuleOptionContext c) {
        rule.set(keyword, text(c.value));
      } else if (option instanceof TestRuleOptionContext c) {
        testRule.set(keyword, text(c.value));
      } else if (option instanceof TrafficRoleOptionContext c) {
        role.set(keyword, text(c.value));
      }
    }
    Span span = span(options.get(0).getStart()).to(span(options.get(options.size() - 1).getStop()));
    return Optional.of(
        new TrafficShift(alternate.get(), rule.get(), testRule.get(), role.get(), span));
  }

  /** {@code offer [as NAME[:PORT]] [PROTOCOL]}; the alias's port follows its last colon. */
  private Offer offer(OfferContext ctx) {
    Optional<Located<String>> alias = Optional.empty();
    Optional<Located<Integer>> aliasPort = Optional.empty();
    if (ctx.alias != null) {
      Located<String> written = word(ctx.alias);
      String text = written.value();
      int colon = text.lastIndexOf(':');
      if (colon < 0) {
        alias = Optional.of(written);
      } else {
        alias = Optional.of(new Located<>(text.substring(0, colon), written.span()));
        String port = text.substring(colon + 1);
        if (port.matches("[0-9]{1,5}")) {
          aliasPort = Optional.of(new Located<>(Integer.parseInt(port), written.span()));
        } else {
          diagnostics.error("offer.aliasPort", written.span(), text, port);
        }
      }
    }
    Optional<Located<String>> appProtocol =
        ctx.appProtocol == null ? Optional.empty() : Optional.of(word(ctx.appProtocol));
    return new Offer(alias, aliasPort, appProtocol, span(ctx));
  }

  private SecretRef secret(SecretStatementContext ctx) {
    SecretRef.Source source;
    Located<String> reference;
    if (ctx.secretSource() instanceof SsmSecretContext s) {
      source = SecretRef.Source.SSM_PARAMETER_NAME;
      reference = text(s.parameter);
    } else {
      source = SecretRef.Source.ARN;
      reference = text(((ArnSecretContext) ctx.secretSource()).reference);
    }
    Optional<Located<String>> key =
        ctx.jsonKey == null ? Optional.empty() : Optional.of(text(ctx.jsonKey));
    Optional<Located<String>> stage =
        ctx.versionStage == null ? Optional.empty() : Optional.of(text(ctx.versionStage));
    Optional<Located<String>> id =
        ctx.versionId == null ? Optional.empty() : Optional.of(text(ctx.versionId));
    return new SecretRef(word(ctx.name), source, reference, key, stage, id, span(ctx));
  }

  /**
   * A number and its unit as written: one token ({@code 2GiB}, {@code 2 GiB}) or two ({@code 2}).
   */
  private record Amount(String number, String unit) {
    static Amount of(TerminalNode quantity) {
      Quantity q = Quantity.of(quantity.getText());
      return new Amount(q.number(), q.unit());
    }

    static Amount of(TerminalNode number, ParserRuleContext unit) {
      return new Amount(number.getText(), unit == null ? "" : unit.getText());
    }
  }

  private static Amount amount(MemoryAmountContext ctx) {
    return ctx instanceof MemoryWithUnitContext c
        ? Amount.of(c.QUANTITY())
        : Amount.of(((MemoryNumberContext) ctx).NUMBER(), ((MemoryNumberContext) ctx).unit);
  }

  private static Amount amount(CpuAmountContext ctx) {
    return ctx instanceof CpuWithUnitContext c
        ? Amount.of(c.QUANTITY())
        : Amount.of(((CpuNumberContext) ctx).NUMBER(), ((CpuNumberContext) ctx).unit);
  }

  private Optional<Located<Integer>> cpu(CpuAmountContext ctx) {
    Amount amount = amount(ctx);
    String number = amount.number();
    String unit = amount.unit();
    Span s = span(ctx);
    BigDecimal value = new BigDecimal(number);
    switch (unit.toLowerCase(Locale.ROOT)) {
      case "" -> {
        if (value.stripTrailingZeros().scale() > 0) {
          diagnostics.error("cpu.fractionalUnits", s, number);
          return Optional.empty();
        }
        return bounded(value, s, "cpu");
      }
      case "vcpu", "vcpus" -> {
        return bounded(value.multiply(BigDecimal.valueOf(1024)), s, "cpu");
      }
      default -> {
        diagnostics.error(
            "unit.unknown",
            s,
            unit,
            "cpu",
            "vcpu, such as 0.5 vcpu, or no unit for CPU units (1024 units = 1 vcpu)",
            "");
        return Optional.empty();
      }
    }
  }

  private Optional<Located<Integer>> memory(MemoryAmountContext ctx) {
    Amount amount = amount(ctx);
    String number = amount.number();
    String unit = amount.unit();
    Span s = span(ctx);
    BigDecimal value = new BigDecimal(number);
    // As in ECS task definitions, GB means GiB: "1GB" registers as 1024 MiB.
    BigDecimal mib =
        switch (unit.toLowerCase(Locale.ROOT)) {
          case "", "mib", "mb" -> value;
          case "gib", "gb" -> value.multiply(BigDecimal.valueOf(1024));
          default -> null;
        };
    if (mib == null) {
      diagnostics.error(
          "unit.unknown", s, unit, "memory", "MiB, GiB, MB or GB (GB means GiB, as in ECS)", "");
      return Optional.empty();
    }
    if (mib.stripTrailingZeros().scale() > 0) {
      diagnostics.error("memory.fractional", s, number + unit);
      return Optional.empty();
    }
    return bounded(mib, s, "memory");
  }

  private Optional<Located<Integer>> bounded(BigDecimal value, Span span, String what) {
    BigDecimal whole = value.stripTrailingZeros();
    if (whole.scale() > 0) {
      diagnostics.error("cpu.fractionalUnits", span, value.toPlainString());
      return Optional.empty();
    }
    if (whole.compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) > 0) {
      diagnostics.error("number.tooLarge", span, what);
      return Optional.empty();
    }
    return Optional.of(new Located<>(whole.intValueExact(), span));
  }

  private HealthCheck healthCheck(HealthStatementContext ctx) {
    Once<Duration> interval = new Once<>("every");
    Once<Duration> timeout = new Once<>("timeout");
    Once<Integer> retries = new Once<>("retries");
    Once<Duration> grace = new Once<>("grace");
    for (HealthOptionContext option : ctx.healthOption()) {
      Span keyword = span(option.getStart());
      if (option instanceof HealthIntervalContext c) {
        duration(c.value).ifPresent(d -> interval.set(keyword, d));
      } else if (option instanceof HealthTimeoutContext c) {
        duration(c.value).ifPresent(d -> timeout.set(keyword, d));
      } else if (option instanceof HealthRetriesContext c) {
        wholeNumber(c.value, "retries").ifPresent(r -> retries.set(keyword, r));
      } else if (option instanceof HealthGraceContext c) {
        duration(c.value).ifPresent(d -> grace.set(keyword, d));
      }
    }
    return new HealthCheck(
        command(ctx.command), interval.get(), timeout.get(), retries.get(), grace.get(), span(ctx));
  }

  private Scaling scaling(ScaleStatementContext ctx) {
    List<Scaling.Target> targets = new ArrayList<>();
    for (ScaleTargetContext target : ctx.scaleTarget()) {
      percent(target.value)
          .ifPresent(p -> targets.add(new Scaling.Target(word(target.metric), p, span(target))));
    }
    Optional<Located<Duration>> cooldown =
        ctx.cooldown == null ? Optional.empty() : duration(ctx.cooldown);
    Optional<Located<Integer>> min = wholeNumber(ctx.min, "The lower bound");
    Optional<Located<Integer>> max = wholeNumber(ctx.max, "The upper bound");
    return new Scaling(
        min.orElse(new Located<>(0, span(ctx.min))),
        max.orElse(new Located<>(0, span(ctx.max))),
        targets,
        cooldown,
        span(ctx));
  }

  private Deployment deployment(DeployBodyContext ctx) {
    Once<Integer> minHealthy = new Once<>("min_healthy");
    Once<Integer> maxPercent = new Once<>("max_percent");
    Once<Boolean> breaker = new Once<>("circuit_breaker");
    Once<Boolean> rollback = new Once<>("rollback");
    Once<Duration> grace = new Once<>("health_grace");
    Once<Duration> bake = new Once<>("bake");
    Once<String> role = new Once<>("role");
    Optional<Strategy> strategy = Optional.empty();
    Optional<DeploymentAlarms> alarms = Optional.empty();
    List<RollbackAlarm> ownAlarms = new ArrayList<>();
    List<LifecycleHook> hooks = new ArrayList<>();
    Once<EarlySuccess> earlySuccess = new Once<>("early_success");
    for (DeployStatementContext statement : ctx.deployStatement()) {
      Span keyword = span(statement.getStart());
      if (statement instanceof MinHealthyStatementContext c) {
        wholePercent(c.value).ifPresent(p -> minHealthy.set(keyword, p));
      } else if (statement instanceof MaxPercentStatementContext c) {
        wholePercent(c.value).ifPresent(p -> maxPercent.set(keyword, p));
      } else if (statement instanceof CircuitBreakerStatementContext c) {
        breaker.set(keyword, toggle(c.value));
      } else if (statement instanceof RollbackStatementContext c) {
        rollback.set(keyword, toggle(c.value));
      } else if (statement instanceof HealthGraceStatementContext c) {
        duration(c.value).ifPresent(d -> grace.set(keyword, d));
      } else if (statement instanceof BakeStatementContext c) {
        duration(c.value).ifPresent(d -> bake.set(keyword, d));
      } else if (statement instanceof DeployRoleStatementContext c) {
        role.set(keyword, text(c.value));
      } else if (statement instanceof StrategyStatementContext c) {
        if (strategy.isPresent()) {
          diagnostics.errorWithContext(
              "attribute.duplicate",
              keyword,
              strategy.get().span(),
              "strategy",
              strategy.get().span().startLine());
        } else {
          strategy = strategy(c);
        }
      } else if (statement instanceof AlarmsStatementContext c) {
        if (alarms.isPresent()) {
          diagnostics.errorWithContext(
              "attribute.duplicate",
              keyword,
              alarms.get().span(),
              "alarms",
              alarms.get().span().startLine());
        } else {
          alarms =
              Optional.of(
                  new DeploymentAlarms(
                      c.names.stream().map(this::text).toList(),
                      c.rollback == null ? Optional.empty() : Optional.of(toggle(c.rollback)),
                      span(c)));
        }
      } else if (statement instanceof AlarmStatementContext c) {
        rollbackAlarm(c)
            .ifPresent(
                a -> {
                  Optional<RollbackAlarm> same =
                      ownAlarms.stream().filter(o -> o.key().equals(a.key())).findFirst();
                  if (same.isPresent()) {
                    diagnostics.errorWithContext(
                        "attribute.duplicate",
                        keyword,
                        same.get().span(),
                        "alarm " + a.written(),
                        same.get().span().startLine());
                  } else {
                    ownAlarms.add(a);
                  }
                });
      } else if (statement instanceof HookStatementContext c) {
        hooks.add(hook(c));
      } else if (statement instanceof EarlySuccessStatementContext c) {
        wholePercent(c.value)
            .ifPresent(
                p ->
                    earlySuccess.set(
                        keyword,
                        new Located<>(
                            new EarlySuccess(
                                p,
                                c.cleanup == null ? Optional.empty() : Optional.of(word(c.cleanup)),
                                span(c)),
                            span(c))));
      }
    }
    return new Deployment(
        minHealthy.get(),
        maxPercent.get(),
        breaker.get(),
        rollback.get(),
        grace.get(),
        strategy,
        bake.get(),
        alarms,
        role.get(),
        ownAlarms,
        hooks,
        earlySuccess.value(),
        span(ctx));
  }

  /**
   * {@code hook post_scale_up, post_test_traffic_shift lambda "arn:…" role "arn:…" timeout 10m}.
   */
  private LifecycleHook hook(HookStatementContext ctx) {
    Once<String> role = new Once<>("role");
    Once<Duration> timeout = new Once<>("timeout");
    for (HookOptionContext option : ctx.hookOption()) {
      Span keyword = span(option.getStart());
      if (option instanceof HookRoleOptionContext r) {
        role.set(keyword, text(r.value));
      } else if (option instanceof HookTimeoutOptionContext t) {
        duration(t.value).ifPresent(d -> timeout.set(keyword, d));
      }
    }
    return new LifecycleHook(
        ctx.stages.stream().map(this::word).toList(),
        text(ctx.target),
        role.get(),
        timeout.get(),
        span(ctx));
  }

  /**
   * {@code alarm 5xx > 5% for 2m}, {@code alarm 5xx > 10 for 1m}, {@code alarm latency > 500ms for
   * 3m}, {@code alarm latency p99 > 1s for 5m}.
   */
  private Optional<RollbackAlarm> rollbackAlarm(AlarmStatementContext ctx) {
    Span metricSpan = span(ctx.metric);
    RollbackAlarm.Metric metric = null;
    List<String> words = new ArrayList<>();
    for (RollbackAlarm.Metric m : RollbackAlarm.Metric.values()) {
      words.add(m.word());
      if (m.word().equals(ctx.metric.getText())) {
        metric = m;
      }
    }
    if (metric == null) {
      diagnostics.error(
          "deploy.alarmMetricUnknown",
          metricSpan,
          ctx.metric.getText(),
          Suggestions.didYouMean(ctx.metric.getText(), words));
      return Optional.empty();
    }
    Optional<Located<String>> percentile = Optional.empty();
    if (ctx.statistic != null) {
      percentile = percentile(metric, ctx.statistic);
      if (percentile.isEmpty()) {
        return Optional.empty();
      }
    }
    Optional<Located<Double>> threshold;
    boolean percent = false;
    if (metric == RollbackAlarm.Metric.LATENCY) {
      threshold = latency(ctx.threshold);
    } else if (ctx.threshold.getType() == FgdLexer.QUANTITY) {
      percent = true;
      threshold = percent(ctx.threshold);
    } else {
      threshold =
          Optional.of(
              new Located<>(Double.parseDouble(ctx.threshold.getText()), span(ctx.threshold)));
    }
    Optional<Located<Duration>> period = duration(ctx.period);
    if (threshold.isEmpty() || period.isEmpty()) {
      return Optional.empty();
    }
    Optional<Located<Integer>> port = Optional.empty();
    if (ctx.port != null) {
      port = wholeNumber(ctx.port, "port");
      if (port.isEmpty()) {
        return Optional.empty();
      }
    }
    return Optional.of(
        new RollbackAlarm(
            new Located<>(metric, metricSpan),
            percentile,
            threshold.get(),
            percent,
            period.get(),
            port,
            span(ctx)));
  }

  /**
   * {@code p99} after {@code alarm latency}: a percentile CloudWatch takes as an ExtendedStatistic,
   * "between p0.0 and p100" (CloudWatch API reference, PutMetricAlarm: ExtendedStatistic), with at
   * most two decimals as the load balancer's metrics are published (pNN.NN: Elastic Load Balancing
   * user guide, "CloudWatch metrics for your Application Load Balancer", TargetResponseTime).
   * Written back without trailing zeros, so that {@code p99.0} and {@code p99} are one alarm.
   */
  private Optional<Located<String>> percentile(RollbackAlarm.Metric metric, Token token) {
    Span s = span(token);
    if (metric != RollbackAlarm.Metric.LATENCY) {
      diagnostics.error("deploy.alarmStatistic", s, token.getText(), metric.word());
      return Optional.empty();
    }
    String text = token.getText();
    if (!text.matches("p[0-9]{1,3}(\\.[0-9]{1,2})?")) {
      diagnostics.error("deploy.alarmPercentile", s, text);
      return Optional.empty();
    }
    BigDecimal p = new BigDecimal(text.substring(1));
    if (p.compareTo(BigDecimal.valueOf(100)) > 0) {
      diagnostics.error("deploy.alarmPercentile", s, text);
      return Optional.empty();
    }
    return Optional.of(new Located<>("p" + p.stripTrailingZeros().toPlainString(), s));
  }

  /**
   * A latency threshold, a duration ({@code 500ms}, {@code 1.5s}) as the seconds of
   * TargetResponseTime's unit.
   */
  private Optional<Located<Double>> latency(Token token) {
    if (token.getType() != FgdLexer.QUANTITY) {
      diagnostics.error("deploy.alarmLatencyUnit", span(token), token.getText());
      return Optional.empty();
    }
    return duration(token)
        .map(
            d ->
                new Located<>(BigDecimal.valueOf(d.value().toMillis(), 3).doubleValue(), d.span()));
  }

  /** {@code strategy canary 10% bake 5m}, {@code strategy linear 20% every 2m}, ... */
  private Optional<Strategy> strategy(StrategyStatementContext ctx) {
    Located<String> name = word(ctx.name);
    Strategy.Kind kind = null;
    List<String> words = new ArrayList<>();
    for (Strategy.Kind k : Strategy.Kind.values()) {
      words.add(k.word());
      if (k.word().equals(name.value())) {
        kind = k;
      }
    }
    if (kind == null) {
      diagnostics.error(
          "deploy.strategyUnknown",
          name.span(),
          name.value(),
          Suggestions.didYouMean(name.value(), words));
      return Optional.empty();
    }
    Optional<Located<Double>> percent =
        ctx.percent == null ? Optional.empty() : percent(ctx.percent);
    Once<Duration> stepBake = new Once<>(kind == Strategy.Kind.LINEAR ? "every" : "bake");
    for (StrategyOptionContext option : ctx.strategyOption()) {
      Span keyword = span(option.getStart());
      Token value =
          option instanceof StrategyBakeOptionContext b
              ? b.value
              : ((StrategyEveryOptionContext) option).value;
      boolean fits =
          (kind == Strategy.Kind.CANARY && option instanceof StrategyBakeOptionContext)
              || (kind == Strategy.Kind.LINEAR && option instanceof StrategyEveryOptionContext);
      if (!fits) {
        diagnostics.error(
            "deploy.strategyOption", keyword, option.getStart().getText(), kind.word());
        continue;
      }
      duration(value).ifPresent(d -> stepBake.set(keyword, d));
    }
    return Optional.of(
        new Strategy(new Located<>(kind, name.span()), percent, stepBake.get(), span(ctx)));
  }

  private Logs logs(LogsBodyContext ctx, Span span) {
    Once<String> group = new Once<>("group");
    Once<Integer> retention = new Once<>("retention");
    Once<String> prefix = new Once<>("stream_prefix");
    for (LogsStatementContext statement : ctx.logsStatement()) {
      Span keyword = span(statement.getStart());
      if (statement instanceof LogGroupStatementContext c) {
        group.set(keyword, text(c.value));
      } else if (statement instanceof LogRetentionStatementContext c) {
        days(c.value).ifPresent(d -> retention.set(keyword, d));
      } else if (statement instanceof LogStreamPrefixStatementContext c) {
        prefix.set(keyword, text(c.value));
      }
    }
    return new Logs(true, group.get(), retention.get(), prefix.get(), span);
  }

  // ------------------------------------------------------------------ build recipes

  private Build build(BuildRecipeContext ctx, Span span) {
    if (ctx instanceof PresetRecipeContext p) {
      List<PresetBuild.Setting> settings = new ArrayList<>();
      Map<String, Span> seen = new HashMap<>();
      for (PresetSettingContext s : p.presetBody().presetSetting()) {
        Located<String> name = identifier(s.name);
        Span first = seen.putIfAbsent(name.value(), name.span());
        if (first != null) {
          diagnostics.errorWithContext(
              "attribute.duplicate", name.span(), first, name.value(), first.startLine());
          continue;
        }
        settings.add(new PresetBuild.Setting(name, scalar(s.value), span(s)));
      }
      return new PresetBuild(identifier(p.preset), settings, span);
    }
    List<BuildStep> steps = new ArrayList<>();
    for (BuildStepContext step : ((StepsRecipeContext) ctx).stepsBody().buildStep()) {
      Span s = span(step);
      if (step instanceof FromStepContext c) {
        steps.add(new BuildStep.From(text(c.image), s));
      } else if (step instanceof WorkdirStepContext c) {
        steps.add(new BuildStep.Workdir(text(c.path), s));
      } else if (step instanceof CopyStepContext c) {
        List<Located<String>> all = new ArrayList<>();
        for (TextContext t : c.sources) {
          all.add(text(t));
        }
        if (all.size() < 2) {
          diagnostics.error("build.copyArguments", s);
          continue;
        }
        steps.add(new BuildStep.Copy(all.subList(0, all.size() - 1), all.get(all.size() - 1), s));
      } else if (step instanceof RunStepContext c) {
        steps.add(new BuildStep.Run(command(c.command), s));
      } else if (step instanceof EnvStepContext c) {
        steps.add(new BuildStep.Env(word(c.name), scalar(c.value), s));
      } else if (step instanceof ArgStepContext c) {
        steps.add(
            new BuildStep.Arg(
                word(c.name),
                c.value == null ? Optional.empty() : Optional.of(scalar(c.value)),
                s));
      } else if (step instanceof UserStepContext c) {
        steps.add(new BuildStep.User(text(c.name), s));
      } else if (step instanceof CmdStepContext c) {
        steps.add(new BuildStep.Cmd(command(c.command), s));
      } else if (step instanceof EntrypointStepContext c) {
        steps.add(new BuildStep.Entrypoint(command(c.command), s));
      }
    }
    return new StepsBuild(steps, span);
  }

  private Located<Command> command(CommandFormContext ctx) {
    if (ctx instanceof ShellFormContext s) {
      return new Located<>(new Command.Shell(string(s.STRING().getSymbol())), span(ctx));
    }
    return new Located<>(
        new Command.Exec(stringList(((ExecFormContext) ctx).stringList()).value()), span(ctx));
  }

  // ------------------------------------------------------------------ values

  private Located<List<String>> stringList(StringListContext ctx) {
    List<String> values = new ArrayList<>();
    for (TerminalNode s : ctx.STRING()) {
      values.add(string(s.getSymbol()));
    }
    return new Located<>(values, span(ctx));
  }

  private List<Located<String>> words(WordListContext ctx) {
    List<Located<String>> values = new ArrayList<>();
    for (WordContext w : ctx.word()) {
      values.add(word(w));
    }
    return values;
  }

  private Located<String> scalar(ScalarContext ctx) {
    if (ctx instanceof StringValueContext s) {
      return new Located<>(string(s.STRING().getSymbol()), span(ctx));
    }
    return new Located<>(ctx.getText(), span(ctx));
  }

  private Located<String> text(TextContext ctx) {
    if (ctx instanceof QuotedTextContext q) {
      return new Located<>(string(q.STRING().getSymbol()), span(ctx));
    }
    return new Located<>(ctx.getText(), span(ctx));
  }

  private Located<String> word(WordContext ctx) {
    return new Located<>(ctx.getText(), span(ctx));
  }

  private Located<String> identifier(IdentifierContext ctx) {
    return new Located<>(ctx.getText(), span(ctx));
  }

  private Located<Boolean> toggle(ToggleContext ctx) {
    String t = ctx.getText();
    return new Located<>(t.equals("on") || t.equals("true"), span(ctx));
  }

  private Optional<Located<Integer>> wholeNumber(Token token, String what) {
    Span s = span(token);
    String text = token.getText();
    if (text.contains(".")) {
      diagnostics.error("number.whole", s, what, text);
      return Optional.empty();
    }
    try {
      return Optional.of(new Located<>(Integer.parseInt(text), s));
    } catch (NumberFormatException e) {
      diagnostics.error("number.tooLarge", s, what);
      return Optional.empty();
    }
  }

  private Optional<Located<Integer>> wholeNumber(TerminalNode node, String what) {
    return wholeNumber(node.getSymbol(), what);
  }

  private Optional<Located<Duration>> duration(Token token) {
    Quantity q = Quantity.of(token.getText());
    Span s = span(token);
    BigDecimal value = new BigDecimal(q.number());
    BigDecimal millis =
        switch (q.unit()) {
          case "ms" -> value;
          case "s" -> value.multiply(BigDecimal.valueOf(1000));
          case "m" -> value.multiply(BigDecimal.valueOf(60_000));
          case "h" -> value.multiply(BigDecimal.valueOf(3_600_000));
          default -> null;
        };
    if (millis == null) {
      diagnostics.error(
          "unit.unknown",
          s,
          q.unit(),
          "a duration",
          "ms, s, m or h (such as 30s)",
          io.fgd.compiler.diag.Suggestions.didYouMean(q.unit(), List.of("ms", "s", "m", "h")));
      return Optional.empty();
    }
    if (millis.compareTo(BigDecimal.valueOf(Long.MAX_VALUE / 1000)) > 0) {
      diagnostics.error("number.tooLarge", s, "A duration");
      return Optional.empty();
    }
    return Optional.of(new Located<>(Duration.ofMillis(millis.longValue()), s));
  }

  private Optional<Located<Integer>> days(Token token) {
    Quantity q = Quantity.of(token.getText());
    Span s = span(token);
    if (!q.unit().equals("d")) {
      diagnostics.error("unit.unknown", s, q.unit(), "log retention", "d (days, such as 30d)", "");
      return Optional.empty();
    }
    Optional<Integer> n = q.wholeNumber();
    if (n.isEmpty()) {
      diagnostics.error("number.whole", s, "Log retention", q.number());
      return Optional.empty();
    }
    return Optional.of(new Located<>(n.get(), s));
  }

  private Optional<Located<Double>> percent(Token token) {
    Quantity q = Quantity.of(token.getText());
    Span s = span(token);
    if (!q.unit().equals("%")) {
      diagnostics.error("unit.unknown", s, q.unit(), "a percentage", "% (such as 60%)", "");
      return Optional.empty();
    }
    return Optional.of(new Located<>(Double.parseDouble(q.number()), s));
  }

  private Optional<Located<Integer>> wholePercent(Token token) {
    return percent(token)
        .flatMap(
            p -> {
              if (p.value() != Math.rint(p.value())) {
                diagnostics.error("number.whole", p.span(), "This percentage", token.getText());
                return Optional.empty();
              }
              if (p.value() > Integer.MAX_VALUE) {
                diagnostics.error("number.tooLarge", p.span(), "percentage");
                return Optional.empty();
              }
              return Optional.of(new Located<>(p.value().intValue(), p.span()));
            });
  }

  /**
   * The value of a string literal: escapes resolved and each {@code ${NAME}} replaced by the
   * variable's value. An escaped {@code \$} is a plain dollar sign. A string is one line, so a
   * reference's column is the string's column plus its offset.
   */
  private String string(Token token) {
    return literal(token, true);
  }

  /** The text of a string literal without its quotes, escapes resolved, no substitution. */
  private String unescape(Token token) {
    return literal(token, false);
  }

  private String literal(Token token, boolean substitute) {
    String raw = token.getText();
    String body = raw.substring(1, raw.length() - 1);
    if (body.indexOf('\\') < 0 && !(substitute && body.contains("${"))) {
      return body;
    }
    int line = token.getLine();
    int bodyColumn = token.getCharPositionInLine() + 2;
    StringBuilder out = new StringBuilder(body.length());
    for (int i = 0; i < body.length(); i++) {
      char c = body.charAt(i);
      if (substitute && c == '$' && i + 1 < body.length() && body.charAt(i + 1) == '{') {
        int close = body.indexOf('}', i + 2);
        String name = close < 0 ? "" : body.substring(i + 2, close);
        int end = close < 0 ? body.length() : close + 1;
        Span where = new Span(file, line, bodyColumn + i, line, bodyColumn + end);
        if (close < 0 || !VARIABLE_NAME.matcher(name).matches()) {
          diagnostics.error("var.badReference", where, body.substring(i, end));
        } else {
          reference(name, where).ifPresent(out::append);
        }
        i = end - 1;
        continue;
      }
      if (c != '\\') {
        out.append(c);
        continue;
      }
      char next = body.charAt(++i);
      switch (next) {
        case 'n' -> out.append('\n');
        case 't' -> out.append('\t');
        case 'u' -> {
          out.append((char) Integer.parseInt(body.substring(i + 1, i + 5), 16));
          i += 4;
        }
        default -> out.append(next);
      }
    }
    return out.toString();
  }

  /**
   * The value of {@code ${name}}; empty when undefined (reported here) or unset (reported at the
   * declaration).
   */
  private Optional<String> reference(String name, Span where) {
    Variable variable = variables.get(name);
    if (variable == null) {
      String suggestion = Suggestions.didYouMean(name, variables.keySet());
      String declared =
          variables.isEmpty() || !suggestion.isEmpty()
              ? ""
              : " This spec declares " + quotedList(variables.keySet()) + ".";
      diagnostics.error("var.undefined", where, name, declared, suggestion);
      return Optional.empty();
    }
    referenced.add(name);
    return variable.value();
  }

  // ------------------------------------------------------------------ spans

  /** The one place ANTLR's 0-based columns become 1-based. */
  static Span span(String file, Token token) {
    int line = Math.max(1, token.getLine());
    int column = token.getCharPositionInLine() + 1;
    if (token.getType() == Token.EOF || token.getStartIndex() > token.getStopIndex()) {
      return Span.point(file, line, column);
    }
    String text = token.getText();
    int lastBreak = Math.max(text.lastIndexOf('\n'), text.lastIndexOf('\r'));
    if (lastBreak < 0) {
      return new Span(file, line, column, line, column + text.codePointCount(0, text.length()));
    }
    int lines = (int) text.chars().filter(ch -> ch == '\n').count();
    return new Span(file, line, column, line + Math.max(1, lines), text.length() - lastBreak);
  }

  private Span span(Token token) {
    return span(file, token);
  }

  private Span span(ParserRuleContext ctx) {
    Span start = span(ctx.getStart());
    Token stop = ctx.getStop();
    if (stop == null || stop.getTokenIndex() < ctx.getStart().getTokenIndex()) {
      return start;
    }
    Span end = span(stop);
    return new Span(file, start.startLine(), start.startColumn(), end.endLine(), end.endColumn());
  }

  /**
   * An attribute that may be given once per block. A second one is an error pointing at both, and
   * the first one wins, so later checks still run.
   */
  private final class Once<T> {
    private final String name;
    private Located<T> value;

    Once(String name) {
      this.name = name;
    }

    void set(Span keyword, Located<T> v) {
      if (value != null) {
        diagnostics.errorWithContext(
            "attribute.duplicate", keyword, value.span(), name, value.span().startLine());
        return;
      }
      value = v;
    }

    Optional<Located<T>> get() {
      return Optional.ofNullable(value);
    }

    Optional<T> value() {
      return Optional.ofNullable(value).map(Located::value);
    }
  }

  /** {@code 30s}: the digits and the unit of a QUANTITY token. */
  record Quantity(String number, String unit) {
    static Quantity of(String text) {
      int i = 0;
      while (i < text.length() && (Character.isDigit(text.charAt(i)) || text.charAt(i) == '.')) {
        i++;
      }
      return new Quantity(text.substring(0, i), text.substring(i));
    }

    Optional<Integer> wholeNumber() {
      if (number.contains(".")) {
        return Optional.empty();
      }
      try {
        return Optional.of(Integer.parseInt(number));
      } catch (NumberFormatException e) {
        return Optional.empty();
      }
    }
  }
}
