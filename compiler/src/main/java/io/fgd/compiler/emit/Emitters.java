package io.fgd.compiler.emit;

import io.fgd.compiler.Artifact;
import io.fgd.compiler.CompileOptions;
import io.fgd.compiler.emit.docker.DockerEmitter;
import io.fgd.compiler.emit.ecs.EcrEmitter;
import io.fgd.compiler.emit.ecs.EcsEmitter;
import io.fgd.compiler.emit.ecs.JobEmitter;
import io.fgd.compiler.ir.Job;
import io.fgd.compiler.ir.Service;
import io.fgd.compiler.ir.Spec;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Runs every backend over a checked spec. Output order is by path, so it never varies. */
public final class Emitters {
  private Emitters() {}

  public static List<Artifact> emit(Spec spec, CompileOptions options) {
    List<Artifact> artifacts = new ArrayList<>();
    for (Service service : spec.services()) {
      artifacts.addAll(DockerEmitter.emit(spec, service));
      artifacts.addAll(EcsEmitter.emit(spec, service, options));
      EcrEmitter.emit(spec, service).ifPresent(artifacts::add);
    }
    for (Job job : spec.jobs()) {
      artifacts.addAll(DockerEmitter.emit(spec, job.task()));
      artifacts.addAll(JobEmitter.emit(spec, job, options));
    }
    artifacts.sort(Comparator.comparing(Artifact::path));
    return List.copyOf(artifacts);
  }
}
