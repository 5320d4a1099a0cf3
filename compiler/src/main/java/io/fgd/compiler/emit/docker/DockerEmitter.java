package io.fgd.compiler.emit.docker;

import io.fgd.compiler.Artifact;
import io.fgd.compiler.FgdBugException;
import io.fgd.compiler.ir.Build;
import io.fgd.compiler.ir.BuildStep;
import io.fgd.compiler.ir.PresetBuild;
import io.fgd.compiler.ir.Service;
import io.fgd.compiler.ir.Spec;
import io.fgd.compiler.ir.StepsBuild;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The Dockerfile of each service with a build recipe, and the ignore file that keeps its build
 * context small.
 *
 * <p>The build context is the folder that holds the spec, so every service builds with the same
 * command from there: {@code docker build -f <out>/<service>/Dockerfile .}. The ignore file is
 * named {@code Dockerfile.dockerignore} next to the Dockerfile: that is the name BuildKit reads for
 * a Dockerfile outside the context root (a plain {@code .dockerignore} would only count at the
 * context root, which fgd does not own).
 */
public final class DockerEmitter {
  private DockerEmitter() {}

  public static List<Artifact> emit(Spec spec, Service service) {
    Optional<Build> build = service.build();
    if (build.isEmpty()) {
      return List.of();
    }
    String dir = service.name().value() + "/";
    String dockerfile;
    String ignore;
    if (build.get() instanceof StepsBuild steps) {
      dockerfile = steps(service, steps);
      ignore = DockerIgnore.forSteps(service, steps);
    } else {
      PresetBuild preset = (PresetBuild) build.get();
      switch (preset.preset().value()) {
        case "rust" -> {
          dockerfile = RustPreset.dockerfile(service, preset);
          ignore = DockerIgnore.forRust(service);
        }
        case "node" -> {
          dockerfile = NodePreset.dockerfile(service, preset);
          ignore = DockerIgnore.forNode(service);
        }
        default ->
            throw new FgdBugException(
                "the checker let through unknown preset " + preset.preset().value());
      }
    }
    return List.of(
        Artifact.text(dir + "Dockerfile", dockerfile),
        Artifact.text(dir + "Dockerfile.dockerignore", ignore));
  }

  /** The steps in the order written, with EXPOSE from the ports just before CMD/ENTRYPOINT. */
  static String steps(Service service, StepsBuild build) {
    List<String> lines = new ArrayList<>();
    String expose = Dockerfiles.expose(service);
    boolean exposed = expose.isEmpty();
    for (BuildStep step : build.steps()) {
      boolean runs = step instanceof BuildStep.Cmd || step instanceof BuildStep.Entrypoint;
      if (runs && !exposed) {
        lines.add(expose.strip());
        exposed = true;
      }
      lines.add(instruction(step));
    }
    if (!exposed) {
      lines.add(expose.strip());
    }
    return Dockerfiles.header(service) + "\n" + String.join("\n", lines) + "\n";
  }

  private static String instruction(BuildStep step) {
    if (step instanceof BuildStep.From s) {
      return "FROM " + s.image().value();
    } else if (step instanceof BuildStep.Workdir s) {
      return "WORKDIR " + Dockerfiles.word(s.path().value());
    } else if (step instanceof BuildStep.Copy s) {
      List<String> args = new ArrayList<>();
      s.sources().forEach(source -> args.add(source.value()));
      args.add(s.destination().value());
      return "COPY " + Dockerfiles.copyArguments(args);
    } else if (step instanceof BuildStep.Run s) {
      return "RUN " + Dockerfiles.runForm(s.command().value());
    } else if (step instanceof BuildStep.Env s) {
      return "ENV " + s.name().value() + "=" + Dockerfiles.quoted(s.value().value());
    } else if (step instanceof BuildStep.Arg s) {
      return "ARG "
          + s.name().value()
          + s.defaultValue().map(v -> "=" + Dockerfiles.quoted(v.value())).orElse("");
    } else if (step instanceof BuildStep.User s) {
      return "USER " + Dockerfiles.word(s.user().value());
    } else if (step instanceof BuildStep.Cmd s) {
      return "CMD " + Dockerfiles.execForm(s.command().value());
    } else if (step instanceof BuildStep.Entrypoint s) {
      return "ENTRYPOINT " + Dockerfiles.execForm(s.command().value());
    }
    throw new FgdBugException("no Dockerfile instruction for " + step.getClass().getSimpleName());
  }
}
