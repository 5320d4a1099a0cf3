package io.fgd.compiler.emit.ecs;

import io.fgd.compiler.Artifact;
import io.fgd.compiler.CompileOptions;
import io.fgd.compiler.ir.Service;
import io.fgd.compiler.ir.Spec;
import java.util.List;

/** taskdef.json, service.json and scaling.json for each service. */
public final class EcsEmitter {
  private EcsEmitter() {}

  public static List<Artifact> emit(Spec spec, Service service, CompileOptions options) {
    return List.of(); // Written in the ECS JSON change.
  }
}
