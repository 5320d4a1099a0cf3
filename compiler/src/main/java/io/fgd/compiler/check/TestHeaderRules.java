package io.fgd.compiler.check;

import io.fgd.compiler.diag.Diagnostics;
import io.fgd.compiler.emit.ecs.RouteEmitter;
import io.fgd.compiler.emit.ecs.RouteTags;
import io.fgd.compiler.emit.ecs.TestRuleEmitter;
import io.fgd.compiler.ir.Located;
import io.fgd.compiler.ir.Route;
import io.fgd.compiler.ir.Service;
import java.util.regex.Pattern;

/**
 * A route's {@code test_header "NAME: VALUE"}: the header of the listener rule fgd makes for a
 * canary, linear or blue/green deployment's test traffic. Its limits are ELBv2's (ELBv2 API
 * reference, HttpHeaderConditionConfig).
 */
final class TestHeaderRules {
  /**
   * HttpHeaderName: "The maximum length is 40 characters. [...] The allowed characters are
   * specified by RFC 7230" (a token: letters, digits and ! # $ % &amp; ' * + - . ^ _ ` | ~).
   * Wildcards are not supported, so a name that holds * is refused although a token may hold it.
   */
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9!#$%&'+.^_`|~-]{1,40}");

  /**
   * Values: "The maximum length of each string is 128 characters" (HttpHeaderConditionConfig); *
   * and ? are wildcards there. fgd also refuses control characters, which no client sends in a
   * header.
   */
  private static final Pattern VALUE = Pattern.compile("[\\x20-\\x7E]{1,128}");

  private TestHeaderRules() {}

  static void check(Service service, Route route, Diagnostics diagnostics) {
    if (route.testHeader().isEmpty()) {
      return;
    }
    Located<String> header = route.testHeader().get();
    if (!RouteEmitter.shiftsTraffic(service)) {
      diagnostics.error("route.testHeaderStrategy", header.span(), service.name().value());
    } else {
      // A host and a path of 128 characters each fit the route's own rule's fgd:route tag, not
      // "test:" before them.
      String tag = RouteTags.value(TestRuleEmitter.testRoute(route));
      if (tag.length() > SchemaLimits.routeTagValue()) {
        diagnostics.error(
            "route.testHeaderTag",
            header.span(),
            tag.length(),
            SchemaLimits.routeTagValue(),
            tag.length() - SchemaLimits.routeTagValue());
      }
    }
    String name = route.testHeaderName().orElseThrow();
    String value = route.testHeaderValue().orElseThrow();
    if (!header.value().contains(":")) {
      diagnostics.error("route.testHeaderColon", header.span(), header.value());
    } else if (!NAME.matcher(name).matches()) {
      diagnostics.error("route.testHeaderName", header.span(), name);
    } else if (name.equalsIgnoreCase("host")) {
      diagnostics.error("route.testHeaderHost", header.span());
    } else if (!VALUE.matcher(value).matches()) {
      diagnostics.error("route.testHeaderValue", header.span(), value);
    }
  }
}
