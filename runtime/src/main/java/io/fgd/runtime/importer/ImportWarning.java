package io.fgd.runtime.importer;

/**
 * Something live that the imported spec does not say, or says differently, with where it is.
 *
 * @param subject what it concerns: {@code app}, {@code service "api"}, {@code service "api",
 *     container "envoy"}
 * @param message a sentence: what was not imported and why (and what the first plan will show)
 */
public record ImportWarning(String subject, String message) {
  /** How every warning's comment in the written spec starts, so they are easy to find. */
  public static final String COMMENT_PREFIX = "fgd import: ";
}
