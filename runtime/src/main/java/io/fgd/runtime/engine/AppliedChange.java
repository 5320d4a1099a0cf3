package io.fgd.runtime.engine;

import java.util.Objects;
import java.util.Optional;

/**
 * One change apply made to the account, for the summary: {@code registered task definition
 * "sheets-api" (sheets-api:4)}.
 *
 * @param verb past tense: created, registered, updated, tagged, untagged, deleted, deregistered,
 *     scaled to 0
 * @param service the spec service it belongs to; empty for the cluster
 * @param detail what exactly, when the name alone does not say ("sheets-api:4"); may be empty
 */
public record AppliedChange(
    Kind type, String name, Optional<String> service, String verb, String detail) {
  public AppliedChange {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(verb, "verb");
    Objects.requireNonNull(detail, "detail");
  }

  /** {@code registered task definition "sheets-api" (sheets-api:4)}. */
  public String describe() {
    return verb
        + " "
        + type.label()
        + " \""
        + name
        + "\""
        + (detail.isEmpty() ? "" : " (" + detail + ")");
  }
}
