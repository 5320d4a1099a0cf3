package io.fgd.runtime.importer;

import java.util.List;

/**
 * What {@code fgd import} wrote.
 *
 * @param spec the {@code .fgd} text, ending in a newline
 * @param app the app name the spec uses
 * @param services the imported services, in the order they appear in the spec
 * @param warnings everything not imported, each with the line of its comment in {@code spec}
 * @param apiCalls AWS calls made, for {@code --debug}
 */
public record ImportResult(
    String spec, String app, List<String> services, List<Located> warnings, int apiCalls) {
  public ImportResult {
    services = List.copyOf(services);
    warnings = List.copyOf(warnings);
  }

  /** A warning and the 1-based line of its comment in the spec. */
  public record Located(ImportWarning warning, int line) {}
}
