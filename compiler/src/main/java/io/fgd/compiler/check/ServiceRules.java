package io.fgd.compiler.check;

import io.fgd.compiler.diag.Diagnostics;
import io.fgd.compiler.ir.Spec;

/** Rules for services and sidecars: names, ports, env, secrets, sizes, health, scaling, deployment, logs. */
final class ServiceRules {
  private ServiceRules() {}

  static void check(Spec spec, Diagnostics diagnostics) {
    // Written in the checks change.
  }
}
