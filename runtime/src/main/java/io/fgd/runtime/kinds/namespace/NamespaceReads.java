package io.fgd.runtime.kinds.namespace;

import com.fasterxml.jackson.databind.JsonNode;
import io.fgd.runtime.FgdRuntimeException;
import io.fgd.runtime.engine.DesiredService;
import io.fgd.runtime.engine.DesiredState;
import io.fgd.runtime.engine.KindRead;
import io.fgd.runtime.engine.ReadScope;
import io.fgd.runtime.kinds.service.ServiceReads;
import io.fgd.runtime.state.AwsStateReader;
import io.fgd.runtime.state.LiveState;
import io.fgd.runtime.state.ObservedService;
import io.fgd.runtime.state.ObservedState;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import software.amazon.awssdk.services.servicediscovery.model.NamespaceFilterName;
import software.amazon.awssdk.services.servicediscovery.model.NamespaceSummary;
import software.amazon.awssdk.services.servicediscovery.model.Tag;

/**
 * How the plan reads the app's Cloud Map namespaces: the one the spec names, and the ones fgd
 * created for the app (to prune). ListNamespaces (HTTP namespaces, 100 a page), then
 * ListTagsForResource of the namespace the spec names and of those whose description says fgd
 * created them for this app (the tag decides; the description only spares a tag read of every
 * namespace of the account).
 */
public final class NamespaceReads {
  /** The key of the namespaces read, by name. */
  public static final String KEY = "cloudmap_namespace";

  /** The key of the same read made when the spec has no Service Connect, after the services. */
  static final String KEY_UNUSED = "cloudmap_namespace_unused";

  private NamespaceReads() {}

  /** How fgd reads namespaces; tests fake it. */
  public interface Api {
    /**
     * The HTTP namespaces named {@code name} (whoever owns them) or created by fgd for {@code app},
     * with their tags, by name.
     */
    Map<String, ObservedNamespace> readNamespaces(String app, Optional<String> name)
        throws FgdRuntimeException;
  }

  public static Api api(LiveState live) {
    return live.reads(Api.class, reader -> (app, name) -> read(reader, app, name));
  }

  /** The namespaces read, by name (empty when the plan read none). */
  public static Map<String, ObservedNamespace> namespaces(ObservedState observed) {
    Map<String, ObservedNamespace> all = new LinkedHashMap<>(observed.get(KEY, Map.of()));
    all.putAll(observed.get(KEY_UNUSED, Map.of()));
    return all;
  }

  /** The description fgd gives the namespaces it creates for {@code app}. */
  static String description(String app) {
    return "Service Connect names of the fgd app " + app;
  }

  /**
   * The namespace the spec's services use, as their service.json names it (a name, or an ARN of an
   * existing namespace); empty when no service uses Service Connect.
   */
  public static Optional<String> desired(DesiredState desired) {
    for (DesiredService s : desired.services().values()) {
      JsonNode sc = s.service().path("serviceConnectConfiguration");
      if (sc.path("enabled").asBoolean(false) && sc.hasNonNull("namespace")) {
        return Optional.of(sc.get("namespace").asText());
      }
    }
    return Optional.empty();
  }

  /** The name of a namespace named by its ARN, when the plan read it. */
  public static Optional<String> nameOfArn(ObservedState observed, String arn) {
    return namespaces(observed).values().stream()
        .filter(n -> n.arn().equals(arn))
        .map(ObservedNamespace::name)
        .findFirst();
  }

  /**
   * Two reads, one of which runs. With Service Connect in the spec: in the first wave, beside the
   * services. Without it, after the services, and only when a live service of the app still has
   * Service Connect on (the namespace fgd created may then have to be pruned): an app that never
   * used Service Connect makes no Cloud Map call.
   */
  static final List<KindRead> READS =
      List.of(
          new KindRead() {
            @Override
            public String key() {
              return KEY;
            }

            @Override
            public ReadScope.Pending<?> start(ReadScope scope) {
              Optional<String> name = desired(scope.desired());
              if (name.isEmpty()) {
                return ReadScope.done(Map.of());
              }
              String app = scope.desired().app();
              Optional<String> byName = name.filter(n -> !n.startsWith("arn:"));
              return scope.fork(() -> api(scope.live()).readNamespaces(app, byName));
            }
          },
          new KindRead() {
            @Override
            public String key() {
              return KEY_UNUSED;
            }

            @Override
            public List<String> after() {
              return List.of(ServiceReads.KEY, ObservedState.ORPHANS);
            }

            @Override
            public ReadScope.Pending<?> start(ReadScope scope) {
              ObservedState observed = scope.observed();
              boolean liveUse =
                  Stream.concat(
                          ServiceReads.services(observed).values().stream(),
                          observed.orphans().values().stream())
                      .anyMatch(NamespaceReads::usesServiceConnect);
              if (desired(scope.desired()).isPresent() || !liveUse) {
                return ReadScope.done(Map.of());
              }
              String app = scope.desired().app();
              return scope.fork(() -> api(scope.live()).readNamespaces(app, Optional.empty()));
            }
          });

  static boolean usesServiceConnect(ObservedService s) {
    for (JsonNode d : s.json().path("deployments")) {
      if (d.path("serviceConnectConfiguration").path("enabled").asBoolean(false)) {
        return true;
      }
    }
    return false;
  }

  static Map<String, ObservedNamespace> read(
      AwsStateReader reader, String app, Optional<String> name) throws FgdRuntimeException {
    Map<String, NamespaceSummary> wanted = new LinkedHashMap<>();
    String marker = description(app);
    reader.eachPage(
        "reading Cloud Map namespaces",
        reader
            .clients()
            .cloudMap()
            .listNamespacesPaginator(
                r ->
                    r.maxResults(100)
                        .filters(
                            f -> f.name(NamespaceFilterName.TYPE).values("HTTP").condition("EQ"))),
        page -> {
          for (NamespaceSummary n : page.namespaces()) {
            // Filtered again here: an endpoint that ignores the filter (moto) answers every type.
            if ("HTTP".equals(n.typeAsString())
                && (name.map(n.name()::equals).orElse(false) || marker.equals(n.description()))) {
              wanted.put(n.name(), n);
            }
          }
          return true;
        });
    Map<String, ObservedNamespace> out = new HashMap<>();
    for (NamespaceSummary n : wanted.values()) {
      Map<String, String> tags = new HashMap<>();
      List<Tag> list =
          reader
              .call(
                  "reading the tags of Cloud Map namespace " + n.name(),
                  () ->
                      reader.clients().cloudMap().listTagsForResource(r -> r.resourceARN(n.arn())))
              .tags();
      list.forEach(t -> tags.put(t.key(), t.value()));
      out.put(
          n.name(),
          new ObservedNamespace(
              n.id(),
              n.arn(),
              n.name(),
              n.typeAsString(),
              tags,
              n.serviceCount() == null ? 0 : n.serviceCount()));
    }
    return out;
  }
}
