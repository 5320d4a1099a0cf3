package io.fgd.runtime.engine;

import java.util.List;
import java.util.Optional;

/**
 * One resource the plan would change.
 *
 * @param name the resource's own name (task definition family, service name, log group name)
 * @param service the spec service it belongs to; empty for the cluster
 * @param fields for create, every attribute; for update and replace, the ones that differ; for
 *     destroy, none
 * @param reason why, when the fields alone do not say: "not in the spec any more"
 */
public record ResourceChange(
    Kind type,
    String name,
    Optional<String> service,
    Action action,
    List<FieldChange> fields,
    Optional<String> reason) {
  public ResourceChange {
    fields = List.copyOf(fields);
  }

  /** {@code task definition "sheets-api"}. */
  public String address() {
    return type.label() + " \"" + name + "\"";
  }
}
