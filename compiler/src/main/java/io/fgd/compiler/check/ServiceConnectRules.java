package io.fgd.compiler.check;

import io.fgd.compiler.diag.Diagnostics;
import io.fgd.compiler.diag.Suggestions;
import io.fgd.compiler.ir.App;
import io.fgd.compiler.ir.Located;
import io.fgd.compiler.ir.Port;
import io.fgd.compiler.ir.Service;
import io.fgd.compiler.ir.ServiceConnect;
import io.fgd.compiler.ir.Sidecar;
import io.fgd.compiler.ir.Spec;
import io.fgd.compiler.source.Span;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * ECS Service Connect: what ECS would refuse in a service's {@code serviceConnectConfiguration} or
 * in the port mappings it names, and what Cloud Map would refuse as a namespace name.
 *
 * <p>The rules, from the ECS API reference: {@code PortMapping.name} and {@code
 * ServiceConnectService.discoveryName} are up to 64 lowercase letters, numbers, underscores and
 * hyphens, not starting with a hyphen; the discovery name is unique in the namespace; {@code
 * ServiceConnectClientAlias.dnsName} is up to 127 lowercase letters, numbers, underscores, hyphens
 * and periods, not starting with a hyphen, and each name and port is unique in the namespace;
 * {@code PortMapping.appProtocol} is {@code http}, {@code http2} or {@code grpc}
 * (https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ServiceConnectService.html,
 * API_ServiceConnectClientAlias.html, API_PortMapping.html). Service Connect proxies TCP only: a
 * UDP port cannot be offered (developer guide, "Service Connect considerations"). Cloud Map's
 * {@code CreateHttpNamespace} takes a name matching {@code ^(?!arn:)[!-~]{1,1024}$}, and ECS's
 * namespace parameter refuses {@code > < " /} in a name
 * (https://docs.aws.amazon.com/cloud-map/latest/api/API_CreateHttpNamespace.html).
 */
final class ServiceConnectRules {
  private ServiceConnectRules() {}

  static final List<String> APP_PROTOCOLS = List.of("http", "http2", "grpc");
  private static final Pattern PORT_NAME = Pattern.compile("[a-z0-9_][a-z0-9_-]{0,63}");
  private static final Pattern DNS_NAME = Pattern.compile("[a-z0-9_.][a-z0-9_.-]{0,126}");
  private static final Pattern NAMESPACE_NAME = Pattern.compile("[!-~&&[^<>\"/]]{1,1024}");

  static void check(Spec spec, Diagnostics diagnostics) {
    spec.app().ifPresent(app -> app.namespace().ifPresent(ns -> namespace(app, ns, diagnostics)));
    Map<String, Span> aliases = new HashMap<>();
    Map<String, Span> discoveryNames = new HashMap<>();
    for (Service service : spec.services()) {
      for (Sidecar sidecar : service.sidecars()) {
        for (Port port : sidecar.container().ports()) {
          port.offer()
              .ifPresent(
                  o ->
                      diagnostics.error(
                          "offer.sidecar",
                          o.span(),
                          port.number().value(),
                          sidecar.name().value()));
        }
      }
      for (ServiceConnect.Endpoint e : ServiceConnect.endpoints(service)) {
        endpoint(service, e, aliases, discoveryNames, diagnostics);
      }
    }
  }

  private static void endpoint(
      Service service,
      ServiceConnect.Endpoint e,
      Map<String, Span> aliases,
      Map<String, Span> discoveryNames,
      Diagnostics diagnostics) {
    Port port = e.port();
    Span offer = port.offer().orElseThrow().span();
    if (port.protocol().value() != Port.Protocol.TCP) {
      diagnostics.error("offer.udp", port.protocol().span(), port.number().value());
    }
    e.appProtocol()
        .filter(p -> !APP_PROTOCOLS.contains(p.value()))
        .ifPresent(
            p ->
                diagnostics.error(
                    "offer.appProtocol",
                    p.span(),
                    p.value(),
                    Suggestions.didYouMean(p.value(), APP_PROTOCOLS)));
    if (!PORT_NAME.matcher(e.portName()).matches()) {
      diagnostics.error("offer.portName", service.name().span(), e.portName());
    }
    Located<String> dns = e.dnsName();
    boolean dnsValid = DNS_NAME.matcher(dns.value()).matches();
    if (!dnsValid) {
      boolean defaulted = port.offer().orElseThrow().alias().isEmpty();
      diagnostics.error(
          defaulted ? "offer.dnsNameDefault" : "offer.dnsName", dns.span(), dns.value());
    }
    if (e.aliasPort() < 1 || e.aliasPort() > 65535) {
      diagnostics.error("offer.aliasPortRange", offer, e.aliasPort());
    } else if (dnsValid) {
      String key = dns.value() + ":" + e.aliasPort();
      Span first = aliases.putIfAbsent(key, offer);
      if (first != null) {
        diagnostics.errorWithContext("offer.aliasDuplicate", offer, first, key, first.startLine());
      }
    }
    Span firstName = discoveryNames.putIfAbsent(e.discoveryName(), offer);
    if (firstName != null) {
      diagnostics.errorWithContext(
          "offer.discoveryDuplicate", offer, firstName, e.discoveryName(), firstName.startLine());
    }
  }

  private static void namespace(App app, Located<String> ns, Diagnostics diagnostics) {
    String value = ns.value();
    if (ServiceConnect.isArn(value)) {
      if (Arns.check(ns, Arns.Kind.NAMESPACE, "namespace", app.region(), diagnostics)) {
        Arns.Parts parts = Arns.Parts.of(value).orElseThrow();
        Optional<Located<String>> region = app.region();
        if (region.isPresent() && !parts.region().equals(region.get().value())) {
          diagnostics.errorWithContext(
              "namespace.region",
              ns.span(),
              region.get().span(),
              parts.region(),
              region.get().value());
        }
        Optional<Located<String>> account = app.account();
        if (account.isPresent() && !parts.account().equals(account.get().value())) {
          diagnostics.errorWithContext(
              "namespace.account",
              ns.span(),
              account.get().span(),
              parts.account(),
              account.get().value());
        }
      }
    } else if (!NAMESPACE_NAME.matcher(value).matches()) {
      diagnostics.error("namespace.name", ns.span(), value);
    }
  }
}
