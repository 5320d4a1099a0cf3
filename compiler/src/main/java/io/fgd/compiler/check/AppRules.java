package io.fgd.compiler.check;

import io.fgd.compiler.diag.Diagnostics;
import io.fgd.compiler.ir.Spec;

/** Rules for the app block: region, account, roles, network, tags. */
final class AppRules {
  private AppRules() {}

  static void check(Spec spec, Diagnostics diagnostics) {
    // Written in the checks change.
  }
}
