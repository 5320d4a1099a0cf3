package io.fgd.compiler.check;

import io.fgd.compiler.diag.Diagnostics;
import io.fgd.compiler.ir.Spec;

/** Rules for build recipes: step order, required steps, presets and their settings. */
final class BuildRules {
  private BuildRules() {}

  static void check(Spec spec, Diagnostics diagnostics) {
    // Written in the Dockerfile change.
  }
}
