package io.fgd.compiler.emit.ecs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fgd.compiler.ir.Route;
import io.fgd.compiler.ir.Service;

/**
 * The test listener rule of a route with {@code test_header "NAME: VALUE"} on a canary, linear or
 * blue/green service: ECS's {@code advancedConfiguration.testListenerRule} (ECS API reference,
 * AdvancedConfiguration), the rule through which the new revision gets test traffic before
 * production traffic moves. It is the route's own rule (the same listener, host, path and forward
 * to the port's two target groups, weights 100 and 0, as the production rule starts; whatever
 * weights ECS gives it while it deploys, the runtime compares it without them, as it does the
 * production rule) with one more condition, the header (ELBv2 http-header condition), and the
 * priority just before the route's, so a request that carries the header is the test rule's and
 * every other request of the route the production rule's. A request with the header is one anybody
 * can send: the test rule hides the new revision from nobody who knows the header.
 *
 * <p>Its {@code fgd:route} tag is {@code test:HOST/PATH}, which no route's target can be (a host
 * holds no ":" and a path starts with "/"), so the runtime plans, applies, prunes and fingerprints
 * it as one more rule of the service, and apply finds its ARN by {@code
 * fgd:listenerrule/SERVICE/test:HOST/PATH}.
 */
public final class TestRuleEmitter {
  /** What the {@code fgd:route} tag of a test rule starts with, before the route's target. */
  public static final String TEST_ROUTE_PREFIX = "test:";

  private TestRuleEmitter() {}

  /** Whether fgd makes a test rule for this route of this service. */
  public static boolean has(Service service, Route route) {
    return route.testHeader().isPresent() && RouteEmitter.shiftsTraffic(service);
  }

  /**
   * The {@code fgd:route} tag value, and the route part of the reference, of a route's test rule.
   */
  public static String testRoute(Route route) {
    return TEST_ROUTE_PREFIX + route.target().value();
  }

  /**
   * The test rule of a route, from the route's production rule as routes.json holds it: one more
   * condition (the header), the priority before the route's, the test route's tag.
   */
  static ObjectNode rule(JsonNode production, Route route) {
    ObjectNode rule = production.deepCopy();
    ObjectNode header = ((ArrayNode) rule.get("Conditions")).addObject();
    header.put("Field", "http-header");
    ObjectNode config = header.putObject("HttpHeaderConfig");
    config.put("HttpHeaderName", route.testHeaderName().orElseThrow());
    config.putArray("Values").add(route.testHeaderValue().orElseThrow());
    rule.put("Priority", production.path("Priority").asInt() - 1);
    for (JsonNode tag : rule.path("Tags")) {
      if (tag.path("Key").asText().equals(RouteEmitter.ROUTE_TAG_KEY)) {
        ((ObjectNode) tag).put("Value", RouteTags.value(testRoute(route)));
      }
    }
    return rule;
  }
}
