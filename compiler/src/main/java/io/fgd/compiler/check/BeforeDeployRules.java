package io.fgd.compiler.check;

import io.fgd.compiler.diag.Diagnostics;
import io.fgd.compiler.emit.ecs.EcsEmitter;
import io.fgd.compiler.ir.Located;
import io.fgd.compiler.ir.Logs;
import io.fgd.compiler.ir.Service;
import io.fgd.compiler.ir.Spec;
import java.util.List;

/** Rules for {@code before_deploy}: the task {@code fgd apply} runs before a service changes. */
final class BeforeDeployRules {
  private BeforeDeployRules() {}

  /**
   * RunTask's {@code overrides}: "A total of 8192 characters are allowed for overrides. This limit
   * includes the JSON formatting characters of the override structure." (ECS API reference,
   * RunTask, request parameter overrides).
   */
  static final int MAX_OVERRIDES_CHARACTERS = 8192;

  static void check(Spec spec, Diagnostics diagnostics) {
    for (Service service : spec.services()) {
      if (service.beforeDeploy().isEmpty()) {
        continue;
      }
      Located<List<String>> command = service.beforeDeploy().get();
      String name = service.name().value();
      if (command.value().isEmpty()) {
        diagnostics.error("beforeDeploy.empty", command.span(), name);
        continue;
      }
      if (command.value().get(0).isBlank()) {
        diagnostics.error("beforeDeploy.programEmpty", command.span(), name);
      }
      int length = EcsEmitter.overridesLength(service);
      if (length > MAX_OVERRIDES_CHARACTERS) {
        diagnostics.error("beforeDeploy.tooLong", command.span(), length, MAX_OVERRIDES_CHARACTERS);
      }
      if (!service.logs().map(Logs::enabled).orElse(true)) {
        diagnostics.warning("beforeDeploy.logsOff", command.span(), name);
      }
    }
  }
}
