package io.fgd.runtime.build;

import java.util.Optional;

/**
 * What became of one image.
 *
 * @param image the reference the spec deploys
 * @param digest the manifest digest in the registry, when it was pushed or was already there
 */
public record BuiltImage(String service, ImageRef image, Outcome outcome, Optional<String> digest) {
  public enum Outcome {
    /** Built, not pushed (no --push). */
    BUILT,
    /** Built and pushed. */
    PUSHED,
    /** The tag was already in the registry: neither built nor pushed. */
    ALREADY_THERE
  }

  /** One line for the output: {@code api: pushed …/sheets/api:1a2b3c (sha256:…)}. */
  public String describe() {
    String where = image.toString();
    return service
        + ": "
        + switch (outcome) {
          case BUILT -> "built " + where;
          case PUSHED -> "built and pushed " + where + digest.map(d -> " (" + d + ")").orElse("");
          case ALREADY_THERE ->
              where
                  + " is already in the registry"
                  + digest.map(d -> " (" + d + ")").orElse("")
                  + ": not built, not pushed";
        };
  }
}
