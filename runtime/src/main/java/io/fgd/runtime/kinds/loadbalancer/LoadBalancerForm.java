package io.fgd.runtime.kinds.loadbalancer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fgd.compiler.emit.ecs.RouteEmitter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The normal form of fgd's load balancer and of its listeners: routes.json's CreateLoadBalancer and
 * CreateListener requests and DescribeLoadBalancers' and DescribeListeners' answers compare equal
 * exactly when SetSubnets, AddTags and ModifyListener would change nothing. ELBv2 answers with what
 * fgd does not set (DNS name, zones, a redirect's "#{host}", "/#{path}" and "#{query}", an action's
 * Order); the redirect's defaults are filled on both sides, the rest is left out.
 */
public final class LoadBalancerForm {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** Fields a load balancer cannot change in place. */
  static final List<String> REPLACE_FIELDS = List.of(".Scheme", ".Type", ".IpAddressType");

  private LoadBalancerForm() {}

  /** The name of fgd's load balancer of the app. */
  public static String name(String app) {
    return RouteEmitter.loadBalancerName(app);
  }

  /** routes.json's CreateLoadBalancer request, normalised. */
  static ObjectNode wanted(JsonNode create) {
    List<String> subnets = new ArrayList<>();
    create.path("Subnets").forEach(s -> subnets.add(s.asText()));
    return form(create, subnets, tags(create.path("Tags")));
  }

  static void securityGroups(ObjectNode form, JsonNode list) {
    ArrayNode g = form.putArray("SecurityGroups");
    List<String> ids = new ArrayList<>();
    list.forEach(x -> ids.add(x.asText()));
    ids.stream().sorted().forEach(g::add);
  }

  /** DescribeLoadBalancers' entry and its tags, normalised. */
  static ObjectNode live(JsonNode lb, Map<String, String> tags) {
    List<String> subnets = new ArrayList<>();
    lb.path("AvailabilityZones").forEach(z -> subnets.add(z.path("SubnetId").asText()));
    return form(lb, subnets, tags);
  }

  private static ObjectNode form(JsonNode lb, List<String> subnets, Map<String, String> tags) {
    ObjectNode out = NODES.objectNode();
    out.put("Type", lb.path("Type").asText("application"));
    out.put("Scheme", lb.path("Scheme").asText("internet-facing"));
    out.put("IpAddressType", lb.path("IpAddressType").asText("ipv4"));
    ArrayNode s = out.putArray("Subnets");
    subnets.stream().sorted().forEach(s::add);
    securityGroups(out, lb.path("SecurityGroups"));
    ObjectNode t = out.putObject("Tags");
    new TreeMap<>(tags).forEach(t::put);
    return out;
  }

  /** A CreateListener request or DescribeListeners' entry, normalised (tags are not compared). */
  static ObjectNode listener(JsonNode l) {
    ObjectNode out = NODES.objectNode();
    out.put("Protocol", l.path("Protocol").asText());
    out.put("Port", l.path("Port").asInt());
    if (l.path("Protocol").asText().equals("HTTPS")) {
      out.put("Certificate", l.path("Certificates").path(0).path("CertificateArn").asText());
      out.put("SslPolicy", l.path("SslPolicy").asText());
    }
    JsonNode a = l.path("DefaultActions").path(0);
    ObjectNode action = out.putObject("DefaultAction");
    action.put("Type", a.path("Type").asText());
    JsonNode fixed = a.path("FixedResponseConfig");
    if (!fixed.isMissingNode()) {
      action.put("StatusCode", fixed.path("StatusCode").asText());
      action.put("ContentType", fixed.path("ContentType").asText());
      action.put("MessageBody", fixed.path("MessageBody").asText());
    }
    JsonNode redirect = a.path("RedirectConfig");
    if (!redirect.isMissingNode()) {
      action.put("Protocol", redirect.path("Protocol").asText("#{protocol}"));
      action.put("Port", redirect.path("Port").asText("#{port}"));
      action.put("Host", redirect.path("Host").asText("#{host}"));
      action.put("Path", redirect.path("Path").asText("/#{path}"));
      action.put("Query", redirect.path("Query").asText("#{query}"));
      action.put("StatusCode", redirect.path("StatusCode").asText());
    }
    return out;
  }

  /** [{"Key":..,"Value":..}] as a map. */
  static Map<String, String> tags(JsonNode list) {
    Map<String, String> out = new TreeMap<>();
    list.forEach(t -> out.put(t.path("Key").asText(), t.path("Value").asText()));
    return out;
  }
}
