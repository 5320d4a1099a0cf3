package io.fgd.compiler.ir;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What ECS Service Connect makes of a spec: the app's namespace and, per service, the ports it
 * offers to the app's other services. The names ECS needs are derived here, in one place, so the
 * checker checks exactly what the emitter writes.
 *
 * <p>A port {@code 8080} offered by service {@code worker} becomes the port mapping {@code
 * worker-8080} (its {@code name}), the Cloud Map service {@code worker-8080} (the {@code
 * discoveryName}, unique in the namespace) and the client alias {@code worker:8080}, so that every
 * other service of the app calls {@code http://worker:8080}.
 */
public final class ServiceConnect {
  private ServiceConnect() {}

  /**
   * One offered port.
   *
   * @param port the port statement that offers it
   * @param portName the port mapping's name in the task definition ({@code portMappings[].name})
   * @param discoveryName the Cloud Map service ECS creates for it, unique in the namespace
   * @param dnsName the name clients use ({@code clientAliases[].dnsName})
   * @param aliasPort the port clients use ({@code clientAliases[].port})
   * @param appProtocol {@code http}, {@code http2} or {@code grpc}, when said
   */
  public record Endpoint(
      Port port,
      String portName,
      String discoveryName,
      Located<String> dnsName,
      int aliasPort,
      Optional<Located<String>> appProtocol) {
    public Endpoint {
      requireNonNull(port, "port is null");
      requireNonNull(portName, "portName is null");
      requireNonNull(discoveryName, "discoveryName is null");
      requireNonNull(dnsName, "dnsName is null");
      requireNonNull(appProtocol, "appProtocol is null");
    }
  }

  /** Whether the app uses Service Connect: it names a namespace, or a service offers a port. */
  public static boolean used(Spec spec) {
    return spec.app().flatMap(App::namespace).isPresent()
        || spec.services().stream().anyMatch(s -> !endpoints(s).isEmpty());
  }

  /** The namespace's name or ARN as the spec gives it, else the app's name; empty when unused. */
  public static Optional<String> namespace(Spec spec) {
    if (!used(spec) || spec.app().isEmpty()) {
      return Optional.empty();
    }
    App app = spec.app().get();
    return Optional.of(app.namespace().map(Located::value).orElse(app.name().value()));
  }

  /** Whether a namespace given in a spec is an existing one named by its ARN. */
  public static boolean isArn(String namespace) {
    return namespace.startsWith("arn:");
  }

  /** The ports of the service's main container that it offers, in the order written. */
  public static List<Endpoint> endpoints(Service service) {
    List<Endpoint> endpoints = new ArrayList<>();
    String name = service.name().value();
    for (Port port : service.container().ports()) {
      if (port.offer().isEmpty()) {
        continue;
      }
      Offer offer = port.offer().get();
      String portName = portName(name, port.number().value());
      endpoints.add(
          new Endpoint(
              port,
              portName,
              portName,
              offer.alias().orElse(new Located<>(name, offer.span())),
              offer.aliasPort().map(Located::value).orElse(port.number().value()),
              offer.appProtocol()));
    }
    return List.copyOf(endpoints);
  }

  /** The container ports the service offers through Service Connect (for security group rules). */
  public static List<Integer> ports(Service service) {
    return endpoints(service).stream().map(e -> e.port().number().value()).toList();
  }

  /** The port mapping name of port {@code number} of service {@code service}: lowercase. */
  public static String portName(String service, int number) {
    return service.toLowerCase(Locale.ROOT) + "-" + number;
  }
}
