package io.fgd.runtime.importer;

import com.fasterxml.jackson.databind.JsonNode;
import io.fgd.runtime.engine.Action;
import java.util.List;
import java.util.Optional;

/**
 * What {@code fgd import} wrote.
 *
 * @param spec the {@code .fgd} text, ending in a newline
 * @param app the app name the spec uses
 * @param services the imported services, in the order they appear in the spec
 * @param warnings everything not imported, each with the line of its comment in {@code spec}
 * @param firstPlan every change the first {@code fgd plan} of {@code spec} will make, found by
 *     planning the written spec against the account import read: one per changed attribute, one per
 *     object created or destroyed; empty when the spec plans no changes or does not compile
 * @param apiCalls AWS calls made, for {@code --debug}: the import's reads and the first plan's
 * @param firstPlanCalls of those, the ones the first plan's reads made
 */
public record ImportResult(
    String spec,
    String app,
    List<String> services,
    List<Located> warnings,
    List<Announcement> firstPlan,
    int apiCalls,
    int firstPlanCalls) {
  public ImportResult {
    services = List.copyOf(services);
    warnings = List.copyOf(warnings);
    firstPlan = List.copyOf(firstPlan);
  }

  /** A warning and the 1-based line of its comment in the spec. */
  public record Located(ImportWarning warning, int line) {}

  /**
   * One change the first plan will make.
   *
   * @param subject the object, as the plan names it: {@code service "api"}
   * @param path the attribute as the plan names it ({@code .enableECSManagedTags}); empty when the
   *     whole object is created or destroyed
   * @param action what the plan does to the object
   * @param before the live value; empty when the attribute is added (or the object created)
   * @param after the value the plan sets; empty when the attribute is removed
   * @param message a sentence for people: what changes from what to what, and why
   */
  public record Announcement(
      String subject,
      String path,
      Action action,
      Optional<JsonNode> before,
      Optional<JsonNode> after,
      String message) {}
}
