package io.fgd.compiler.check;

import io.fgd.compiler.diag.Diagnostics;
import io.fgd.compiler.emit.ecs.RouteEmitter;
import io.fgd.compiler.emit.ecs.RouteTags;
import io.fgd.compiler.emit.ecs.TestRuleEmitter;
import io.fgd.compiler.ir.App;
import io.fgd.compiler.ir.LoadBalancer;
import io.fgd.compiler.ir.Located;
import io.fgd.compiler.ir.Port;
import io.fgd.compiler.ir.Route;
import io.fgd.compiler.ir.Service;
import io.fgd.compiler.ir.Spec;
import io.fgd.compiler.source.Span;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The app's load balancer and the services' routes, checked against the ELBv2 limits before any AWS
 * call (ELBv2 API reference: CreateTargetGroup, CreateRule, HostHeaderConditionConfig,
 * PathPatternConditionConfig; "Condition types for listener rules" in the Application Load Balancer
 * guide for the characters a host or path may hold).
 */
final class RouteRules {
  private RouteRules() {}

  /** Host conditions: up to 128 characters of A-Z a-z 0-9 - . and the wildcards * and ?. */
  private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.*?-]{1,128}");

  /**
   * Path conditions: up to 128 characters of A-Z a-z 0-9 _ - . $ / ~ " ' @ : + & and the wildcards
   * * and ?, starting with /.
   */
  private static final Pattern PATH = Pattern.compile("/[A-Za-z0-9_.$/~\"'@:+&*?-]{0,127}");

  /** A health check path: no spaces, at most 1024 characters, starting with /. */
  private static final Pattern HEALTH_PATH = Pattern.compile("/\\S{0,1023}");

  /** Matcher HttpCode for HTTP target groups: codes 200 to 499, ranges, comma-separated. */
  private static final Pattern MATCHER =
      Pattern.compile("(?:[2-4]\\d\\d(?:-[2-4]\\d\\d)?)(?:,[2-4]\\d\\d(?:-[2-4]\\d\\d)?)*");

  static void check(Spec spec, Diagnostics diagnostics) {
    Optional<App> app = spec.app();
    Optional<Located<String>> listener =
        app.flatMap(App::loadBalancer).flatMap(LoadBalancer::listener);
    listener.ifPresent(l -> listener(l, app.get(), diagnostics));
    Map<String, Span> claimed = new HashMap<>();
    int count = 0;
    Span last = null;
    for (Service service : spec.services()) {
      for (Route route : service.routes()) {
        count++;
        last = route.span();
        if (listener.isEmpty()
            && app.flatMap(App::loadBalancer).filter(LoadBalancer::owned).isEmpty()) {
          diagnostics.error("route.noListener", route.span(), service.name().value());
        }
        target(route, diagnostics);
        port(service, route, diagnostics);
        settings(route, diagnostics);
        TestHeaderRules.check(service, route, diagnostics);
        if (TestRuleEmitter.has(service, route)) {
          count++; // its test rule is a rule of the listener too
        }
        String key = route.host().orElse("") + route.path().orElse("");
        Span first = claimed.putIfAbsent(key, route.target().span());
        if (first != null) {
          diagnostics.errorWithContext(
              "route.duplicate",
              route.target().span(),
              first,
              route.target().value(),
              first.startLine());
        }
      }
      sharedTargetGroups(service, diagnostics);
      tooManyTargetGroups(service, diagnostics);
    }
    if (count > RouteEmitter.BAND) {
      diagnostics.error("route.tooMany", last, count, RouteEmitter.BAND);
    }
  }

  private static void listener(Located<String> arn, App app, Diagnostics diagnostics) {
    Optional<Located<String>> appRegion = AppRules.knownRegion(Optional.of(app));
    if (!Arns.check(arn, Arns.Kind.LISTENER, "listener", appRegion, diagnostics)) {
      return;
    }
    Arns.Parts parts = Arns.Parts.of(arn.value()).orElseThrow();
    if (appRegion.isPresent() && !parts.region().equals(appRegion.get().value())) {
      diagnostics.errorWithContext(
          "route.listenerRegion",
          arn.span(),
          appRegion.get().span(),
          parts.region(),
          appRegion.get().value());
    }
    app.account()
        .filter(a -> !a.value().equals(parts.account()))
        .ifPresent(
            a ->
                diagnostics.errorWithContext(
                    "route.listenerAccount", arn.span(), a.span(), parts.account(), a.value()));
  }

  private static void target(Route route, Diagnostics diagnostics) {
    Located<String> target = route.target();
    String problem = null;
    if (route.host().isEmpty() && route.path().isEmpty()) {
      problem = "A route names a host, a path or both, such as \"api.example.com/v1/*\".";
    } else if (route.host().isPresent() && !HOST.matcher(route.host().get()).matches()) {
      problem =
          "The host \""
              + route.host().get()
              + "\" may hold only letters, digits, - . and the wildcards * and ?, up to 128"
              + " characters (ELBv2 host-header condition).";
    } else if (route.path().isPresent() && !PATH.matcher(route.path().get()).matches()) {
      problem =
          "The path \""
              + route.path().get()
              + "\" may hold only letters, digits, _ - . $ / ~ \" ' @ : + & and the wildcards * and"
              + " ?, up to 128 characters (ELBv2 path-pattern condition).";
    }
    if (problem != null) {
      diagnostics.error("route.target", target.span(), problem);
      return;
    }
    // Its rule's fgd:route tag holds the route with each character ELBv2 tag values do not allow
    // (the wildcards, $ ~ " ' &) written in three (RouteTags): a host and a path of 128 characters
    // each may not fit.
    int tag = RouteTags.value(target.value()).length();
    if (tag > SchemaLimits.routeTagValue()) {
      diagnostics.error(
          "route.tag",
          target.span(),
          tag,
          SchemaLimits.routeTagValue(),
          tag - SchemaLimits.routeTagValue());
    }
  }

  private static void port(Service service, Route route, Diagnostics diagnostics) {
    List<Port> ports = service.container().ports();
    if (route.port().isEmpty()) {
      long tcp = ports.stream().filter(p -> p.protocol().value() == Port.Protocol.TCP).count();
      if (tcp != 1) {
        diagnostics.error("route.portNeeded", route.span(), service.name().value(), tcp);
      }
      return;
    }
    Located<Integer> number = route.port().get();
    List<Port> same =
        ports.stream().filter(p -> p.number().value().equals(number.value())).toList();
    if (same.isEmpty()) {
      diagnostics.error("route.portUnknown", number.span(), number.value(), service.name().value());
    } else if (same.stream().noneMatch(p -> p.protocol().value() == Port.Protocol.TCP)) {
      diagnostics.errorWithContext("route.udp", number.span(), same.get(0).span(), number.value());
    }
  }

  private static void settings(Route route, Diagnostics diagnostics) {
    route
        .health()
        .filter(h -> !HEALTH_PATH.matcher(h.value()).matches())
        .ifPresent(h -> diagnostics.error("route.healthPath", h.span(), h.value()));
    route
        .matcher()
        .filter(m -> !MATCHER.matcher(m.value()).matches())
        .ifPresent(m -> diagnostics.error("route.matcher", m.span(), m.value()));
    route.interval().ifPresent(d -> seconds(d, "interval", 5, 300, diagnostics));
    route
        .deregistrationDelay()
        .ifPresent(d -> seconds(d, "deregistration_delay", 0, 3600, diagnostics));
    route
        .healthyThreshold()
        .filter(n -> n.value() < 2 || n.value() > 10)
        .ifPresent(
            n ->
                diagnostics.error(
                    "route.range", n.span(), "healthy_threshold", 2, 10, "", n.value()));
  }

  private static void seconds(
      Located<Duration> d, String what, int min, int max, Diagnostics diagnostics) {
    Duration v = d.value();
    if (v.toMillis() % 1000 != 0 || v.toSeconds() < min || v.toSeconds() > max) {
      diagnostics.error(
          "route.range",
          d.span(),
          what,
          min,
          max,
          " whole seconds",
          v.toMillis() % 1000 == 0 ? v.toSeconds() + "s" : v.toMillis() + "ms");
    }
  }

  /** Routes to one port share its target group: each health setting may be given once. */
  private static void sharedTargetGroups(Service service, Diagnostics diagnostics) {
    Map<Integer, List<Route>> byPort = new HashMap<>();
    for (Route r : service.routes()) {
      RouteEmitter.port(service, r)
          .ifPresent(p -> byPort.computeIfAbsent(p, k -> new ArrayList<>()).add(r));
    }
    byPort.forEach(
        (port, routes) -> {
          once(port, routes, "health", Route::health, diagnostics);
          once(port, routes, "matcher", Route::matcher, diagnostics);
          once(port, routes, "interval", Route::interval, diagnostics);
          once(port, routes, "healthy_threshold", Route::healthyThreshold, diagnostics);
          once(port, routes, "deregistration_delay", Route::deregistrationDelay, diagnostics);
        });
  }

  private static <T> void once(
      int port,
      List<Route> routes,
      String what,
      Function<Route, Optional<Located<T>>> setting,
      Diagnostics diagnostics) {
    Located<T> first = null;
    for (Route r : routes) {
      Optional<Located<T>> v = setting.apply(r);
      if (v.isEmpty()) {
        continue;
      }
      if (first == null) {
        first = v.get();
      } else if (!first.value().equals(v.get().value())) {
        diagnostics.errorWithContext(
            "route.healthConflict",
            v.get().span(),
            first.span(),
            port,
            first.span().startLine(),
            what);
      }
    }
  }

  private static void tooManyTargetGroups(Service service, Diagnostics diagnostics) {
    long arns =
        AppRules.containers(service).stream()
            .flatMap(c -> c.ports().stream())
            .filter(p -> p.targetGroup().isPresent())
            .count();
    List<Integer> routed = new ArrayList<>();
    for (Route r : service.routes()) {
      Optional<Integer> port = RouteEmitter.port(service, r);
      if (port.isPresent() && !routed.contains(port.get())) {
        routed.add(port.get());
        if (arns + routed.size() == ServiceRules.MAX_TARGET_GROUPS + 1) {
          diagnostics.error(
              "service.tooManyTargetGroups",
              r.span(),
              service.name().value(),
              arns + service.routes().size(),
              ServiceRules.MAX_TARGET_GROUPS);
        }
      }
    }
  }
}
