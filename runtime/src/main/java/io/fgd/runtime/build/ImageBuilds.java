package io.fgd.runtime.build;

import io.fgd.compiler.Artifact;
import io.fgd.compiler.emit.Images;
import io.fgd.compiler.ir.App;
import io.fgd.compiler.ir.Service;
import io.fgd.compiler.ir.Spec;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The images a compiled spec builds from source: one per service with a build and no image. */
public final class ImageBuilds {
  private ImageBuilds() {}

  /**
   * @param artifacts the compilation's files, with {@code SERVICE/Dockerfile}
   * @param only the services to build; empty for all
   */
  public static List<ImageBuild> of(
      Spec spec, List<Artifact> artifacts, String tag, Collection<String> only) {
    Map<String, String> files = new TreeMap<>();
    for (Artifact a : artifacts) {
      files.put(a.path(), a.text());
    }
    App app = spec.app().orElseThrow();
    List<ImageBuild> out = new ArrayList<>();
    for (Service s : spec.services()) {
      String name = s.name().value();
      if (s.build().isEmpty()
          || s.container().image().isPresent()
          || (!only.isEmpty() && !only.contains(name))) {
        continue;
      }
      String dockerfile = files.get(name + "/Dockerfile");
      if (dockerfile == null) {
        throw new IllegalStateException("the compilation wrote no Dockerfile for " + name);
      }
      out.add(
          new ImageBuild(
              name,
              ImageRef.parse(Images.repository(app, s) + ":" + tag),
              dockerfile,
              files.getOrDefault(name + "/Dockerfile.dockerignore", ""),
              java.util.Optional.ofNullable(files.get(name + "/ecr.json"))));
    }
    return out;
  }

  /** The services of the spec that build from source, in spec order. */
  public static List<String> services(Spec spec) {
    return spec.services().stream()
        .filter(s -> s.build().isPresent() && s.container().image().isEmpty())
        .map(s -> s.name().value())
        .toList();
  }
}
