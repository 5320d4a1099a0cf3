package io.fgd.compiler.emit.docker;

import io.fgd.compiler.Artifact;
import io.fgd.compiler.ir.Service;
import io.fgd.compiler.ir.Spec;
import java.util.List;

/** Dockerfile and .dockerignore for each service with a build recipe. */
public final class DockerEmitter {
  private DockerEmitter() {}

  public static List<Artifact> emit(Spec spec, Service service) {
    return List.of(); // Written in the Dockerfile change.
  }
}
