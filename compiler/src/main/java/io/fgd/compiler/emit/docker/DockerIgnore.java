package io.fgd.compiler.emit.docker;

import io.fgd.compiler.ir.BuildStep;
import io.fgd.compiler.ir.Located;
import io.fgd.compiler.ir.Service;
import io.fgd.compiler.ir.StepsBuild;
import java.util.ArrayList;
import java.util.List;

/**
 * What stays out of a service's build context: version control, fgd's own output and specs, local
 * secrets, and the stack's build output, which is large and rebuilt inside the image.
 */
final class DockerIgnore {
  private DockerIgnore() {}

  /** Excluded from every build: none of these belongs in an image. */
  private static final List<String> COMMON =
      List.of(".git", "build/fgd", "**/*.fgd", "**/.env", "**/.DS_Store");

  private static final String RUST_TARGET = "**/target";
  private static final String NODE_MODULES = "**/node_modules";

  static String forRust(Service service) {
    return text(service, List.of(RUST_TARGET));
  }

  static String forNode(Service service) {
    return text(service, List.of(NODE_MODULES, "**/npm-debug.log*"));
  }

  /**
   * Build steps may be any stack: Cargo's target and npm's node_modules are left out unless a copy
   * step names them, as a step that ships a prebuilt binary would.
   */
  static String forSteps(Service service, StepsBuild build) {
    List<String> extra = new ArrayList<>();
    if (!copies(build, "target")) {
      extra.add(RUST_TARGET);
    }
    if (!copies(build, "node_modules")) {
      extra.add(NODE_MODULES);
    }
    return text(service, extra);
  }

  private static boolean copies(StepsBuild build, String folder) {
    for (BuildStep step : build.steps()) {
      if (step instanceof BuildStep.Copy copy) {
        for (Located<String> source : copy.sources()) {
          if (("/" + source.value() + "/").contains("/" + folder + "/")) {
            return true;
          }
        }
      }
    }
    return false;
  }

  private static String text(Service service, List<String> extra) {
    StringBuilder out =
        new StringBuilder(Dockerfiles.header(service))
            .append("# BuildKit reads this file for the Dockerfile beside it.\n\n");
    COMMON.forEach(line -> out.append(line).append('\n'));
    extra.forEach(line -> out.append(line).append('\n'));
    return out.toString();
  }
}
