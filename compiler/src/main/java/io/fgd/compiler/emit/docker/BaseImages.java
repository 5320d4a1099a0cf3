package io.fgd.compiler.emit.docker;

import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The base images presets build on, pinned to exact tags, in one place: moving a preset to a newer
 * toolchain or Debian snapshot is a change to this file and to the expected Dockerfiles in the
 * tests, nothing else. Every tag here exists on Docker Hub; none floats.
 */
public final class BaseImages {
  private BaseImages() {}

  /** The Rust toolchain a rust preset builds with unless it says {@code toolchain}. */
  public static final String RUST_DEFAULT = "1.83.0";

  /** What a short {@code toolchain 1.83} means: the newest patch release fgd knows of. */
  static final Map<String, String> RUST_RELEASES =
      Map.of("1.83", "1.83.0", "1.82", "1.82.0", "1.81", "1.81.0", "1.80", "1.80.1");

  /** The Node.js release a node preset runs unless it says {@code node}. */
  public static final String NODE_DEFAULT = "22.12.0";

  /** What a short {@code node 22} means: the release of that line fgd pins to. */
  static final Map<String, String> NODE_RELEASES = Map.of("22", "22.12.0", "20", "20.18.1");

  /**
   * The runtime stage of compiled programs: Debian 12 slim from a dated snapshot, the same Debian
   * release the Rust builder image is made from, so the binary's glibc matches.
   */
  public static final String DEBIAN_RUNTIME = "debian:bookworm-20241202-slim";

  private static final Pattern FULL_VERSION = Pattern.compile("\\d+\\.\\d+\\.\\d+");

  /** The builder image for a Rust toolchain version as checked by the build rules. */
  static String rustBuilder(String toolchain) {
    return "rust:" + pinRust(toolchain).orElseThrow() + "-slim-bookworm";
  }

  /** The image of a Node.js version, for both the build and the runtime stage. */
  static String node(String version) {
    return "node:" + pinNode(version).orElseThrow() + "-bookworm-slim";
  }

  /** A full {@code 1.83.0} as is; a known {@code 1.83} to its pinned patch; else empty. */
  public static Optional<String> pinRust(String toolchain) {
    return pin(toolchain, RUST_RELEASES);
  }

  /** A full {@code 22.12.0} as is; a known {@code 22} to its pinned release; else empty. */
  public static Optional<String> pinNode(String version) {
    return pin(version, NODE_RELEASES);
  }

  /** The short versions fgd can pin, for messages: "1.80, 1.81, 1.82 or 1.83". */
  public static String knownRust() {
    return orList(RUST_RELEASES.keySet());
  }

  public static String knownNode() {
    return orList(NODE_RELEASES.keySet());
  }

  private static String orList(java.util.Set<String> versions) {
    java.util.List<String> sorted = new java.util.ArrayList<>(new java.util.TreeSet<>(versions));
    String last = sorted.remove(sorted.size() - 1);
    return sorted.isEmpty() ? last : String.join(", ", sorted) + " or " + last;
  }

  private static Optional<String> pin(String version, Map<String, String> releases) {
    if (FULL_VERSION.matcher(version).matches()) {
      return Optional.of(version);
    }
    return Optional.ofNullable(releases.get(version));
  }
}
