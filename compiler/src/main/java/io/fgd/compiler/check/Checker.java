package io.fgd.compiler.check;

import io.fgd.compiler.CompileOptions;
import io.fgd.compiler.diag.Diagnostic;
import io.fgd.compiler.diag.Diagnostics;
import io.fgd.compiler.ir.Service;
import io.fgd.compiler.ir.Spec;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Everything AWS would reject at register time, and what is probably wrong, found before any AWS
 * call. Each rule family is its own class; all of them run, so every problem is reported at once.
 */
public final class Checker {
  private Checker() {}

  public static List<Diagnostic> check(Spec spec) {
    Diagnostics diagnostics = new Diagnostics();
    AppRules.check(spec, diagnostics);
    ServiceRules.check(spec, diagnostics);
    BuildRules.check(spec, diagnostics);
    SettingsRules.check(spec, diagnostics);
    CapacityRules.check(spec, diagnostics);
    VolumeRules.check(spec, diagnostics);
    JobRules.check(spec, diagnostics);
    BeforeDeployRules.check(spec, diagnostics);
    RouteRules.check(spec, diagnostics);
    LoadBalancerRules.check(spec, diagnostics);
    ServiceConnectRules.check(spec, diagnostics);
    return diagnostics.sorted();
  }

  /** A Docker tag: up to 128 word characters, dots and dashes, not starting with a dot or dash. */
  private static final Pattern IMAGE_TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");

  /** What compilation needs beyond a valid spec: an image tag for services built from source. */
  public static List<Diagnostic> checkCompileOptions(Spec spec, CompileOptions options) {
    Diagnostics diagnostics = new Diagnostics();
    List<Service> tasks = new java.util.ArrayList<>(spec.services());
    spec.jobs().forEach(j -> tasks.add(j.task()));
    for (Service service : tasks) {
      if (service.build().isPresent() && service.container().image().isEmpty()) {
        if (options.imageTag().isEmpty()) {
          diagnostics.error(
              "compile.imageTagRequired", service.build().get().span(), service.name().value());
        } else if (!IMAGE_TAG.matcher(options.imageTag().get()).matches()) {
          diagnostics.error(
              "compile.imageTagInvalid", service.build().get().span(), options.imageTag().get());
        } else {
          spec.app()
              .ifPresent(
                  app -> ServiceRules.builtImage(app, service, options.imageTag(), diagnostics));
        }
      }
    }
    return diagnostics.sorted();
  }
}
