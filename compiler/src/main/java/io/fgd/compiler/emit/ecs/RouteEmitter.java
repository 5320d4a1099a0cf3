package io.fgd.compiler.emit.ecs;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fgd.compiler.FgdBugException;
import io.fgd.compiler.emit.Json;
import io.fgd.compiler.ir.App;
import io.fgd.compiler.ir.LoadBalancer;
import io.fgd.compiler.ir.Located;
import io.fgd.compiler.ir.Port;
import io.fgd.compiler.ir.Route;
import io.fgd.compiler.ir.Service;
import io.fgd.compiler.ir.Spec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code routes.json}: the target groups of a service's routes (one per routed port) and the
 * listener rules that forward to them, as CreateTargetGroup and CreateRule requests in the ELBv2
 * wire shape (PascalCase, as {@code aws elbv2 create-target-group --cli-input-json} takes them).
 * Two values are known only at apply: the target group's {@code VpcId} (the VPC of the app's
 * subnets, which the runtime reads) and, in a rule's forward action and in service.json's {@code
 * loadBalancers}, the target group's ARN, written {@code fgd:targetgroup/NAME} until apply knows
 * it.
 *
 * <p>Priorities: every route of the app is sorted from the most specific to the least (an exact
 * host before a wildcard host before none; a longer literal path prefix before a shorter one; then
 * by text) and numbered from the first priority of the app's band of {@value #BAND} (derived from
 * the app's name, so that two apps on one listener rarely meet): the same spec always gives the
 * same priorities, and a more specific route is always tried first. A route with a test rule
 * (TestRuleEmitter) takes two priorities, its test rule's just before its own.
 */
public final class RouteEmitter {
  public static final String ROUTES_FILE = "routes.json";

  /** How apply finds the ARN of a target group it creates: {@code fgd:targetgroup/NAME}. */
  public static final String TARGET_GROUP_REF = "fgd:targetgroup/";

  /**
   * How apply finds the ARN of the listener rule of a route: {@code fgd:listenerrule/SERVICE/ROUTE}
   * (a service's name holds no slash, so the first one ends it).
   */
  public static final String LISTENER_RULE_REF = "fgd:listenerrule/";

  /** The reference of the listener rule of a service's route. */
  public static String listenerRuleRef(String service, String route) {
    return LISTENER_RULE_REF + service + "/" + route;
  }

  /**
   * The name of the alternate target group of a service's port, for a canary, linear or blue/green
   * strategy: the same prefix as {@link #targetGroupName}'s and another hash (of app, service, port
   * and "alternate"), so the two are told apart and both fit ELBv2's 32 characters.
   */
  public static String alternateTargetGroupName(String app, String service, int port) {
    String first = targetGroupName(app, service, port);
    String hash = sha256(app + "/" + service + "/" + port + "/alternate").substring(0, 8);
    return first.substring(0, first.length() - 8) + hash;
  }

  /** Whether the service's routes shift traffic between two target groups in a deployment. */
  public static boolean shiftsTraffic(Service service) {
    return !service.routes().isEmpty()
        && service.deployment().map(d -> d.strategyKind().shiftsTraffic()).orElse(false);
  }

  /**
   * Rules per Application Load Balancer, excluding default rules: 100 by default (Elastic Load
   * Balancing quotas, "Quotas for your Application Load Balancers"). A band of as many priorities
   * per app.
   */
  public static final int BAND = 100;

  /** Listener rule priorities are 1 to 50000 (ELBv2 API reference, CreateRule: Priority). */
  public static final int MAX_PRIORITY = 50_000;

  /** fgd's defaults: fast deploys (README, "Routes"); ELBv2's are 30 s, 5 and 300 s. */
  public static final int DEFAULT_INTERVAL_SECONDS = 10;

  public static final int DEFAULT_HEALTHY_THRESHOLD = 2;
  public static final int DEFAULT_DEREGISTRATION_DELAY_SECONDS = 30;
  public static final String DEFAULT_HEALTH_PATH = "/";
  public static final String DEFAULT_MATCHER = "200";

  private RouteEmitter() {}

  /** The port a route sends traffic to: its own, or the service's only TCP port. */
  public static Optional<Integer> port(Service service, Route route) {
    if (route.port().isPresent()) {
      return Optional.of(route.port().get().value());
    }
    List<Integer> tcp =
        service.container().ports().stream()
            .filter(p -> p.protocol().value() == Port.Protocol.TCP)
            .map(p -> p.number().value())
            .toList();
    return tcp.size() == 1 ? Optional.of(tcp.get(0)) : Optional.empty();
  }

  /**
   * The name of the target group of a service's port: {@code <app>-<service>} cut to fit, a dash
   * and 8 hex digits of a hash of app, service and port. Target group names are at most 32 letters,
   * digits and hyphens, not starting or ending with a hyphen (CreateTargetGroup: Name).
   */
  public static String targetGroupName(String app, String service, int port) {
    String hash = sha256(app + "/" + service + "/" + port).substring(0, 8);
    String prefix = (app + "-" + service).replaceAll("[^A-Za-z0-9-]", "-");
    if (prefix.length() > 23) {
      prefix = prefix.substring(0, 23);
    }
    prefix = prefix.replaceAll("^-+|-+$", "");
    return prefix.isEmpty() ? "fgd-" + hash : prefix + "-" + hash;
  }

  /** The first priority of the app's band. */
  public static int firstPriority(String app) {
    int bands = MAX_PRIORITY / BAND;
    int band = Integer.parseUnsignedInt(sha256(app).substring(0, 7), 16) % bands;
    return 1 + band * BAND;
  }

  /** Every route of the app with its priority, most specific first. */
  public static Map<Route, Integer> priorities(Spec spec) {
    String app = spec.app().map(a -> a.name().value()).orElse("");
    List<Route> all = new ArrayList<>();
    Set<Route> tested = new HashSet<>();
    for (Service s : spec.services()) {
      for (Route r : s.routes()) {
        all.add(r);
        if (TestRuleEmitter.has(s, r)) {
          tested.add(r);
        }
      }
    }
    all.sort(
        Comparator.comparingInt(RouteEmitter::hostRank)
            .thenComparing(Comparator.comparingInt(RouteEmitter::literalPathLength).reversed())
            .thenComparing(r -> r.target().value()));
    Map<Route, Integer> out = new LinkedHashMap<>();
    int next = firstPriority(app);
    for (Route r : all) {
      if (tested.contains(r)) {
        next++; // the route's test rule comes just before it (TestRuleEmitter)
      }
      out.put(r, next++);
    }
    return out;
  }

  private static int hostRank(Route r) {
    return r.host().map(h -> h.contains("*") || h.contains("?") ? 1 : 0).orElse(2);
  }

  private static int literalPathLength(Route r) {
    String path = r.path().orElse("");
    int wildcard = path.replace('?', '*').indexOf('*');
    return wildcard < 0 ? path.length() + 1 : wildcard;
  }

  /** service.json's loadBalancers entries of the service's routes, one per routed port. */
  static void addLoadBalancers(ArrayNode into, App app, Service service) {
    String a = app.name().value();
    String s = service.name().value();
    for (int port : ports(service)) {
      ObjectNode lb =
          into.addObject()
              .put("targetGroupArn", TARGET_GROUP_REF + targetGroupName(a, s, port))
              .put("containerName", s)
              .put("containerPort", port);
      if (shiftsTraffic(service)) {
        // ECS's advancedConfiguration (ECS API reference, AdvancedConfiguration): the route's
        // second target group, its listener rule (whose forward ECS re-weights) and the role.
        ObjectNode advanced = lb.putObject("advancedConfiguration");
        advanced.put(
            "alternateTargetGroupArn", TARGET_GROUP_REF + alternateTargetGroupName(a, s, port));
        Route route = routesOf(service, port).get(0);
        advanced.put("productionListenerRule", listenerRuleRef(s, route.target().value()));
        if (TestRuleEmitter.has(service, route)) {
          advanced.put("testListenerRule", listenerRuleRef(s, TestRuleEmitter.testRoute(route)));
        }
        service
            .deployment()
            .flatMap(io.fgd.compiler.ir.Deployment::role)
            .ifPresent(r -> advanced.put("roleArn", r.value()));
      }
    }
  }

  private static List<Route> routesOf(Service service, int port) {
    return service.routes().stream().filter(r -> port(service, r).orElseThrow() == port).toList();
  }

  private static List<Integer> ports(Service service) {
    List<Integer> ports = new ArrayList<>();
    for (Route r : service.routes()) {
      int port = port(service, r).orElseThrow(() -> bug("a checked route has no port"));
      if (!ports.contains(port)) {
        ports.add(port);
      }
    }
    return ports;
  }

  /** routes.json, for a service with routes. */
  static Optional<ObjectNode> routes(Spec spec, App app, Service service, ArrayNode tags) {
    if (service.routes().isEmpty()) {
      return Optional.empty();
    }
    LoadBalancer lb =
        app.loadBalancer().orElseThrow(() -> bug("a checked spec with routes has no listener"));
    String listener =
        lb.owned()
            ? LISTENER_REF + "https"
            : lb.listener()
                .map(Located::value)
                .orElseThrow(() -> bug("a checked spec with routes has no listener"));
    Map<Route, Integer> priorities = priorities(spec);
    ObjectNode document = Json.object();
    if (lb.owned()) {
      document.set("loadBalancer", loadBalancer(spec, app, lb, tags));
    }
    ArrayNode groups = document.putArray("targetGroups");
    List<String[]> named = new ArrayList<>();
    for (int port : ports(service)) {
      named.add(
          new String[] {
            String.valueOf(port), targetGroupName(app.name().value(), service.name().value(), port)
          });
      if (shiftsTraffic(service)) {
        named.add(
            new String[] {
              String.valueOf(port),
              alternateTargetGroupName(app.name().value(), service.name().value(), port)
            });
      }
    }
    for (String[] n : named) {
      int port = Integer.parseInt(n[0]);
      List<Route> routes = routesOf(service, port);
      ObjectNode entry = groups.addObject();
      ObjectNode tg = entry.putObject("targetGroup");
      tg.put("Name", n[1]);
      tg.put("Protocol", "HTTP");
      tg.put("Port", port);
      tg.put("HealthCheckProtocol", "HTTP");
      tg.put(
          "HealthCheckPath",
          first(routes, Route::health).map(Located::value).orElse(DEFAULT_HEALTH_PATH));
      tg.put(
          "HealthCheckIntervalSeconds",
          first(routes, Route::interval)
              .map(d -> seconds(d.value()))
              .orElse(DEFAULT_INTERVAL_SECONDS));
      tg.put(
          "HealthyThresholdCount",
          first(routes, Route::healthyThreshold)
              .map(Located::value)
              .orElse(DEFAULT_HEALTHY_THRESHOLD));
      tg.putObject("Matcher")
          .put(
              "HttpCode",
              first(routes, Route::matcher).map(Located::value).orElse(DEFAULT_MATCHER));
      tg.put("TargetType", "ip");
      ArrayNode tgTags = pascalTags(tags);
      tgTags.addObject().put("Key", SERVICE_TAG_KEY).put("Value", service.name().value());
      tg.set("Tags", tgTags);
      entry
          .putArray("attributes")
          .addObject()
          .put("Key", "deregistration_delay.timeout_seconds")
          .put(
              "Value",
              String.valueOf(
                  first(routes, Route::deregistrationDelay)
                      .map(d -> seconds(d.value()))
                      .orElse(DEFAULT_DEREGISTRATION_DELAY_SECONDS)));
    }
    ArrayNode rules = document.putArray("rules");
    for (Route r : service.routes()) {
      ObjectNode rule = rules.addObject().putObject("rule");
      rule.put("ListenerArn", listener);
      ArrayNode conditions = rule.putArray("Conditions");
      r.host()
          .ifPresent(
              h ->
                  conditions
                      .addObject()
                      .put("Field", "host-header")
                      .putObject("HostHeaderConfig")
                      .putArray("Values")
                      .add(h));
      r.path()
          .ifPresent(
              p ->
                  conditions
                      .addObject()
                      .put("Field", "path-pattern")
                      .putObject("PathPatternConfig")
                      .putArray("Values")
                      .add(p));
      rule.put("Priority", priorities.get(r));
      int port = port(service, r).orElseThrow();
      String primary =
          TARGET_GROUP_REF + targetGroupName(app.name().value(), service.name().value(), port);
      ObjectNode action = rule.putArray("Actions").addObject().put("Type", "forward");
      if (shiftsTraffic(service)) {
        // The production listener rule of a canary, linear or blue/green deployment is a forward
        // whose weights ECS moves between the two target groups (ECS Developer Guide,
        // "Application Load Balancer resources for blue/green, linear, and canary deployments");
        // it starts with all traffic on the primary one, weight 100 and the alternate 0, as the
        // published examples set it up (terraform-aws-modules/terraform-aws-ecs, its blue/green
        // example's "production" rule).
        ArrayNode pair = action.putObject("ForwardConfig").putArray("TargetGroups");
        pair.addObject().put("TargetGroupArn", primary).put("Weight", 100);
        pair.addObject()
            .put(
                "TargetGroupArn",
                TARGET_GROUP_REF
                    + alternateTargetGroupName(app.name().value(), service.name().value(), port))
            .put("Weight", 0);
      } else {
        action.put("TargetGroupArn", primary);
      }
      ArrayNode ruleTags = pascalTags(tags);
      ruleTags
          .addObject()
          .put("Key", ROUTE_TAG_KEY)
          .put("Value", RouteTags.value(r.target().value()));
      ruleTags.addObject().put("Key", SERVICE_TAG_KEY).put("Value", service.name().value());
      rule.set("Tags", ruleTags);
      if (TestRuleEmitter.has(service, r)) {
        rules.addObject().set("rule", TestRuleEmitter.rule(rule, r));
      }
    }
    return Optional.of(document);
  }

  /** How a rule names the listener of fgd's load balancer until apply knows its ARN. */
  public static final String LISTENER_REF = "fgd:listener/";

  /**
   * The name of fgd's load balancer of an app: {@code <app>} cut to fit, a dash and 8 hex digits of
   * a hash of the app's name. A load balancer's name is at most 32 letters, digits and hyphens,
   * does not start or end with a hyphen and does not start with "internal-" (CreateLoadBalancer:
   * Name).
   */
  public static String loadBalancerName(String app) {
    String hash = sha256("load_balancer/" + app).substring(0, 8);
    String prefix = app.replaceAll("[^A-Za-z0-9-]", "-");
    if (prefix.length() > 23) {
      prefix = prefix.substring(0, 23);
    }
    prefix = prefix.replaceAll("^-+|-+$", "");
    if (prefix.isEmpty() || prefix.toLowerCase(java.util.Locale.ROOT).startsWith("internal")) {
      prefix = "fgd";
    }
    return prefix + "-" + hash;
  }

  /**
   * routes.json's {@code loadBalancer}: fgd's Application Load Balancer (a CreateLoadBalancer
   * request), its HTTPS listener (the certificate, the TLS policy, a fixed 404 for what no rule
   * takes) and its HTTP listener (a permanent redirect to HTTPS), as CreateListener requests
   * without their LoadBalancerArn, and the CIDRs its security group admits.
   */
  static ObjectNode loadBalancer(Spec spec, App app, LoadBalancer lb, ArrayNode tags) {
    ObjectNode out = Json.object();
    ObjectNode create = out.putObject("loadBalancer");
    String appName = app.name().value();
    create.put("Name", loadBalancerName(app.name().value()));
    create.put("Type", "application");
    create.put("Scheme", lb.internetFacing() ? "internet-facing" : "internal");
    create.put("IpAddressType", "ipv4");
    ArrayNode subnets = create.putArray("Subnets");
    lb.subnets()
        .map(Located::value)
        .or(() -> app.network().map(n -> n.subnets()))
        .orElse(List.of())
        .forEach(subnet -> subnets.add(subnet.value()));
    create.putArray("SecurityGroups").add(SECURITY_GROUP_REF + loadBalancerGroupName(appName));
    create.set("Tags", pascalTags(tags));
    ObjectNode https = out.putObject("https");
    https.put("Protocol", "HTTPS");
    https.put("Port", 443);
    https
        .putArray("Certificates")
        .addObject()
        .put(
            "CertificateArn",
            lb.certificate().map(Located::value).orElseThrow(() -> bug("no certificate")));
    https.put(
        "SslPolicy", lb.tlsPolicy().map(Located::value).orElse(LoadBalancer.DEFAULT_TLS_POLICY));
    https
        .putArray("DefaultActions")
        .addObject()
        .put("Type", "fixed-response")
        .putObject("FixedResponseConfig")
        .put("StatusCode", "404")
        .put("ContentType", "text/plain")
        .put("MessageBody", "Not Found");
    https.set("Tags", pascalTags(tags));
    ObjectNode http = out.putObject("http");
    http.put("Protocol", "HTTP");
    http.put("Port", 80);
    http.putArray("DefaultActions")
        .addObject()
        .put("Type", "redirect")
        .putObject("RedirectConfig")
        .put("Protocol", "HTTPS")
        .put("Port", "443")
        .put("StatusCode", "HTTP_301");
    http.set("Tags", pascalTags(tags));
    ArrayNode allow = out.putArray("allow");
    lb.allow()
        .map(Located::value)
        .filter(l -> !l.isEmpty())
        .ifPresentOrElse(l -> l.forEach(c -> allow.add(c.value())), () -> allow.add("0.0.0.0/0"));
    ObjectNode groups = out.putObject("securityGroups");
    ObjectNode lbGroup = groups.putObject("loadBalancer");
    lbGroup.put("GroupName", loadBalancerGroupName(appName));
    lbGroup.put("Description", "fgd: the load balancer of app " + appName);
    ArrayNode lbIngress = lbGroup.putArray("Ingress");
    for (int port : List.of(443, 80)) {
      allow.forEach(c -> lbIngress.add("tcp " + port + " from " + c.asText()));
    }
    lbGroup.set("Tags", pascalTags(tags));
    ObjectNode tasks = groups.putObject("tasks");
    tasks.put("GroupName", tasksGroupName(appName));
    tasks.put("Description", "fgd: the tasks of app " + appName);
    ArrayNode taskIngress = tasks.putArray("Ingress");
    java.util.TreeSet<Integer> routed = new java.util.TreeSet<>();
    java.util.TreeSet<Integer> offered = new java.util.TreeSet<>();
    for (Service s : spec.services()) {
      routed.addAll(ports(s));
      offered.addAll(s.serviceConnectPorts());
    }
    String lbRef = SECURITY_GROUP_REF + loadBalancerGroupName(appName);
    String tasksRef = SECURITY_GROUP_REF + tasksGroupName(appName);
    routed.forEach(p -> taskIngress.add("tcp " + p + " from " + lbRef));
    offered.forEach(p -> taskIngress.add("tcp " + p + " from " + tasksRef));
    tasks.set("Tags", pascalTags(tags));
    return out;
  }

  /** How a spec names a security group fgd creates until apply knows its id. */
  public static final String SECURITY_GROUP_REF = "fgd:securitygroup/";

  /** The security group of fgd's load balancer: admits 443 and 80 from the allowed CIDRs. */
  public static String loadBalancerGroupName(String app) {
    return "fgd-" + app + "-lb";
  }

  /** The security group of the app's tasks: admits the load balancer's group on routed ports. */
  public static String tasksGroupName(String app) {
    return "fgd-" + app + "-tasks";
  }

  /** The tag that names the route a listener rule serves: its target as written. */
  public static final String ROUTE_TAG_KEY = "fgd:route";

  /** The tag that names the service a listener rule or target group belongs to. */
  public static final String SERVICE_TAG_KEY = "fgd:service";

  private static ArrayNode pascalTags(ArrayNode tags) {
    ArrayNode out = Json.array();
    for (var t : tags) {
      out.addObject().put("Key", t.path("key").asText()).put("Value", t.path("value").asText());
    }
    return out;
  }

  private static <T> Optional<T> first(
      List<Route> routes, java.util.function.Function<Route, Optional<T>> setting) {
    return routes.stream().map(setting).flatMap(Optional::stream).findFirst();
  }

  private static int seconds(Duration d) {
    if (d.toMillis() % 1000 != 0) {
      throw bug("duration " + d + " is not whole seconds");
    }
    return Math.toIntExact(d.toSeconds());
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static FgdBugException bug(String what) {
    return new FgdBugException("This is a bug in fgd: " + what);
  }

  /** The ports a service's routes send traffic to, in the order the routes name them. */
  public static List<Integer> routedPorts(Service service) {
    return ports(service);
  }
}
