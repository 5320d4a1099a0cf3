package io.fgd.runtime.kinds.namespace;

import com.fasterxml.jackson.databind.JsonNode;
import io.fgd.compiler.ir.ServiceConnect;
import io.fgd.runtime.importer.ImportRun;
import io.fgd.runtime.importer.SpecText;
import io.fgd.runtime.importer.SpecText.Block;
import io.fgd.runtime.state.ObservedService;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Import of ECS Service Connect: a service's configuration (on its PRIMARY deployment) becomes
 * {@code offer} on its ports, and the namespace the app's services share the app's {@code
 * namespace}. What the language cannot say (a proxy log configuration, TLS, timeouts, an ingress
 * port override, names other than those fgd derives) is a warning naming what the first plan
 * changes.
 */
public final class NamespaceImport {
  private NamespaceImport() {}

  /** The Service Connect configuration of the service's PRIMARY deployment, when enabled. */
  public static Optional<JsonNode> configuration(JsonNode service) {
    for (JsonNode d : service.path("deployments")) {
      if ("PRIMARY".equals(d.path("status").asText())) {
        JsonNode sc = d.path("serviceConnectConfiguration");
        return sc.path("enabled").asBoolean(false) ? Optional.of(sc) : Optional.empty();
      }
    }
    return Optional.empty();
  }

  /**
   * What follows {@code port N} for each offered port of the main container, by {@code ":" + N}
   * (the key the port statements are written by): {@code offer [as NAME[:PORT]] [PROTOCOL]}.
   */
  public static Map<String, String> offers(
      ImportRun run, Block block, String subject, String service, JsonNode svc, JsonNode main) {
    Map<String, String> out = new LinkedHashMap<>();
    Optional<JsonNode> sc = configuration(svc);
    if (sc.isEmpty()) {
      return out;
    }
    for (String field : List.of("logConfiguration", "accessLogConfiguration")) {
      if (present(sc.get().path(field))) {
        run.warn(
            block,
            subject,
            "Service Connect "
                + field
                + " was not imported: fgd leaves the proxy's logs to ECS's default; the first"
                + " plan removes it.");
      }
    }
    for (JsonNode entry : sc.get().path("services")) {
      String portName = entry.path("portName").asText();
      JsonNode mapping = null;
      for (JsonNode p : main.path("portMappings")) {
        if (portName.equals(p.path("name").asText())) {
          mapping = p;
        }
      }
      if (mapping == null) {
        run.warn(
            block,
            subject,
            "Service Connect port \""
                + portName
                + "\" was not imported: it is not a port of the main container, and fgd offers"
                + " only those; the first plan stops offering it.");
        continue;
      }
      int port = mapping.path("containerPort").asInt();
      String derived = ServiceConnect.portName(service, port);
      if (!portName.equals(derived)) {
        run.warn(
            block,
            subject,
            "port name \""
                + portName
                + "\" was not imported: fgd names an offered port \""
                + derived
                + "\"; the first plan registers a revision with that name.");
      }
      String discovery = entry.path("discoveryName").asText(portName);
      if (!discovery.equals(derived)) {
        run.warn(
            block,
            subject,
            "discovery name \""
                + discovery
                + "\" was not imported: fgd names the Cloud Map service \""
                + derived
                + "\"; the first plan changes it.");
      }
      for (String field : List.of("ingressPortOverride", "timeout", "tls")) {
        if (present(entry.path(field))) {
          run.warn(
              block,
              subject,
              "Service Connect "
                  + field
                  + " of port "
                  + port
                  + " was not imported: fgd has no statement for it; the first plan removes it.");
        }
      }
      StringBuilder offer = new StringBuilder("offer");
      JsonNode alias = entry.path("clientAliases").path(0);
      if (present(alias)) {
        String dns = alias.path("dnsName").asText(service);
        int aliasPort = alias.path("port").asInt(port);
        if (!dns.equals(service) || aliasPort != port) {
          offer
              .append(" as ")
              .append(SpecText.text(aliasPort == port ? dns : dns + ":" + aliasPort));
        }
      }
      if (present(mapping.path("appProtocol"))) {
        offer.append(' ').append(mapping.path("appProtocol").asText());
      }
      out.put(":" + port, offer.toString());
    }
    return out;
  }

  /**
   * The app's {@code namespace}, when some service uses Service Connect: the one they share, as ECS
   * names it (an ARN is an existing namespace, which fgd uses and never changes). Services without
   * Service Connect, or with another namespace, are warned about.
   */
  public static void namespace(ImportRun run, Block app, List<ObservedService> services) {
    Map<String, String> namespaceOf = new LinkedHashMap<>();
    for (ObservedService s : services) {
      configuration(s.json())
          .ifPresent(sc -> namespaceOf.put(s.name(), sc.path("namespace").asText()));
    }
    if (namespaceOf.isEmpty()) {
      return;
    }
    Set<String> namespaces = new LinkedHashSet<>(namespaceOf.values());
    String chosen = namespaces.iterator().next();
    app.add(
        "namespace", chosen.startsWith("arn:") ? SpecText.quote(chosen) : SpecText.text(chosen));
    for (ObservedService s : services) {
      String ns = namespaceOf.get(s.name());
      if (ns == null) {
        run.warn(
            app,
            "app",
            "service \""
                + s.name()
                + "\" has no Service Connect: fgd gives every service of an app that uses it a"
                + " client configuration, so the first plan turns it on for that service.");
      } else if (!ns.equals(chosen)) {
        run.warn(
            app,
            "app",
            "namespace "
                + ns
                + " of service \""
                + s.name()
                + "\" was not imported: an app's services share one namespace; the first plan"
                + " moves it to "
                + chosen
                + ".");
      }
    }
  }

  private static boolean present(JsonNode n) {
    return n != null && !n.isMissingNode() && !n.isNull();
  }
}
