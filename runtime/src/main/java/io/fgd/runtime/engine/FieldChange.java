package io.fgd.runtime.engine;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * One attribute that differs, such as {@code containers["api"].image}.
 *
 * @param path attribute path: {@code .name} for fields, {@code ["key"]} for list elements matched
 *     by their identity (container name, variable name, tag key, port)
 * @param before the live value; empty when the attribute is being added
 * @param after the wanted value; empty when the attribute is being removed
 */
public record FieldChange(String path, Optional<JsonNode> before, Optional<JsonNode> after) {
  public static FieldChange added(String path, JsonNode after) {
    return new FieldChange(path, Optional.empty(), Optional.of(after));
  }

  public static FieldChange removed(String path, JsonNode before) {
    return new FieldChange(path, Optional.of(before), Optional.empty());
  }

  public static FieldChange changed(String path, JsonNode before, JsonNode after) {
    return new FieldChange(path, Optional.of(before), Optional.of(after));
  }

  /** "+" added, "-" removed, "~" changed: the same symbols as resources. */
  public String symbol() {
    return before.isEmpty() ? "+" : after.isEmpty() ? "-" : "~";
  }
}
