package io.fgd.runtime.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fgd.compiler.CompileOptions;
import io.fgd.compiler.Compiler;
import io.fgd.compiler.source.SourceFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --cache} for real: buildah builds with {@code --layers --cache-to REPO/cache} into a local
 * registry, then a second build, after a one-line source change and in a fresh buildah storage (a
 * new CI runner: no local layers at all), reads the cache with {@code --cache-from}: its slow
 * dependency step, which prints a marker when it runs, does not run again, and the step after the
 * changed file does.
 */
class BuildCacheIT {
  @TempDir Path tmp;

  LocalRegistry registry;

  @BeforeEach
  void start() throws Exception {
    Buildah.assumeInstalled();
    registry = LocalRegistry.start(tmp.resolve("registry"));
  }

  @AfterEach
  void stop() throws Exception {
    if (registry != null) {
      registry.close();
    }
  }

  List<String> build(Path spec, String tag, Map<String, String> env, boolean cache)
      throws Exception {
    var compiled = Compiler.compile(SourceFile.read(spec), new CompileOptions(Optional.of(tag)));
    assertFalse(compiled.hasErrors(), compiled.diagnostics().toString());
    List<ImageBuild> builds =
        ImageBuilds.of(compiled.spec().orElseThrow(), compiled.artifacts(), tag, List.of());
    List<String> output = Collections.synchronizedList(new ArrayList<>());
    new ImageBuilder(
            new ImageBuilder.Options(
                Builder.BUILDAH,
                true,
                1,
                cache,
                Optional.empty(),
                Processes.plain().withEnvironment(env)),
            image -> Optional.empty(),
            output::add)
        .run(builds, spec.getParent(), ImageTag.given(tag));
    return output;
  }

  @Test
  void aSecondBuildInAFreshStorageReusesTheCachedDependencyStep() throws Exception {
    Map<String, String> first = Buildah.environment(tmp.resolve("buildah-1"));
    String base = Buildah.pushBusyboxBase(tmp, first, registry.address());
    Path folder = Files.createDirectories(tmp.resolve("app"));
    Files.writeString(folder.resolve("deps.txt"), "dependency list\n");
    Files.writeString(folder.resolve("main.txt"), "version 1\n");
    Path spec = folder.resolve("shop.fgd");
    Files.writeString(
        spec,
        ImageBuilderIT.APP.formatted(registry.address())
            + ImageBuilderIT.service(
                "api",
                "    from \""
                    + base
                    + "\"\n"
                    + "    copy deps.txt /srv/deps.txt\n"
                    + "    run  \"echo DEPENDENCY-STEP-RAN && date > /srv/installed\"\n"
                    + "    copy main.txt /srv/main.txt\n"
                    + "    run  \"echo SOURCE-STEP-RAN\"\n"
                    + "    cmd  [\"/bin/sh\", \"-c\", \"cat /srv/main.txt\"]\n"));

    List<String> cold = build(spec, "c1", first, true);
    assertTrue(cold.contains("api | DEPENDENCY-STEP-RAN"), String.join("\n", cold));

    // A one-line source change, built where no layer is stored locally.
    Files.writeString(folder.resolve("main.txt"), "version 2\n");
    List<String> warm = build(spec, "c2", Buildah.environment(tmp.resolve("buildah-2")), true);
    assertFalse(warm.contains("api | DEPENDENCY-STEP-RAN"), String.join("\n", warm));
    assertTrue(warm.contains("api | SOURCE-STEP-RAN"), String.join("\n", warm));
    assertTrue(
        warm.stream().anyMatch(l -> l.startsWith("api | ") && l.contains("Using cache")),
        String.join("\n", warm));

    // Without --cache the same fresh start runs the dependency step again: the cache was it.
    List<String> uncached = build(spec, "c3", Buildah.environment(tmp.resolve("buildah-3")), false);
    assertTrue(uncached.contains("api | DEPENDENCY-STEP-RAN"), String.join("\n", uncached));
    assertEquals(1, cold.stream().filter(l -> l.equals("api | DEPENDENCY-STEP-RAN")).count());
  }
}
