package io.fgd.runtime.kinds.namespace;

import static java.util.Objects.requireNonNull;

import io.fgd.runtime.state.AwsStateReader;
import java.util.Map;
import java.util.TreeMap;

/**
 * A live Cloud Map namespace, as ListNamespaces and ListTagsForResource returned it.
 *
 * @param id the namespace id ({@code ns-...}), what GetNamespace and DeleteNamespace take
 * @param arn what ECS may answer in a deployment's Service Connect configuration
 * @param type {@code HTTP}, {@code DNS_PRIVATE} or {@code DNS_PUBLIC}
 * @param tags its tags; {@code fgd:app} says which app owns it
 * @param serviceCount the Cloud Map services in it (ECS creates one per offered port); 0 when Cloud
 *     Map did not say
 */
public record ObservedNamespace(
    String id, String arn, String name, String type, Map<String, String> tags, int serviceCount) {
  public ObservedNamespace {
    requireNonNull(id, "id is null");
    requireNonNull(arn, "arn is null");
    requireNonNull(name, "name is null");
    requireNonNull(type, "type is null");
    tags = Map.copyOf(tags);
  }

  /** Whether fgd created it for {@code app}: only then does fgd ever delete it. */
  public boolean ownedBy(String app) {
    return app.equals(tags.get(AwsStateReader.OWNER_TAG));
  }

  /** What the saved-plan fingerprint keeps: id, type, tags and whether services use it. */
  String fingerprint() {
    return id + " " + type + " " + new TreeMap<>(tags) + " services=" + serviceCount;
  }
}
