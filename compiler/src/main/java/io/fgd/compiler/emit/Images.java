package io.fgd.compiler.emit;

import io.fgd.compiler.CompileOptions;
import io.fgd.compiler.ir.App;
import io.fgd.compiler.ir.Located;
import io.fgd.compiler.ir.Service;
import io.fgd.compiler.ir.Spec;
import java.util.Optional;

/** Which image a service runs. */
public final class Images {
  private Images() {}

  /**
   * The repository a service built from source is pushed to: the app's {@code registry}, or the
   * account's ECR registry in the app's region, then {@code <app>/<service>}.
   */
  public static String repository(App app, Service service) {
    String registry =
        app.registry()
            .map(Located::value)
            .orElseGet(
                () ->
                    app.account().map(Located::value).orElse("ACCOUNT")
                        + ".dkr.ecr."
                        + app.region().map(Located::value).orElse("REGION")
                        + ".amazonaws.com");
    return stripSlash(registry) + "/" + app.name().value() + "/" + service.name().value();
  }

  /**
   * The image reference of a service: its {@code image}, or its repository with the tag from {@code
   * --image-tag}. The checker guarantees the tag is present when it is needed.
   */
  public static String imageOf(Spec spec, Service service, CompileOptions options) {
    Optional<Located<String>> image = service.container().image();
    if (image.isPresent()) {
      return image.get().value();
    }
    String tag =
        options
            .imageTag()
            .orElseThrow(
                () -> new IllegalStateException("no --image-tag for " + service.name().value()));
    return repository(spec.app().orElseThrow(), service) + ":" + tag;
  }

  private static String stripSlash(String s) {
    return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
  }
}
