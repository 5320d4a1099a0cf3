package io.fgd.runtime.render;

/** Attribute paths as people read them: {@code containers["api"].image}. */
final class Paths {
  private Paths() {}

  static String display(String path) {
    return path.startsWith(".") ? path.substring(1) : path;
  }
}
