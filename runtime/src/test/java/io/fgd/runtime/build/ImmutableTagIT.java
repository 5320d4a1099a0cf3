package io.fgd.runtime.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fgd.compiler.CompileOptions;
import io.fgd.compiler.Compiler;
import io.fgd.compiler.source.SourceFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A tag that exists with another image in an ECR repository, whose tags fgd makes immutable: the
 * image of a changed work tree ({@code -dirty}) cannot be pushed under it, so fgd refuses in one
 * sentence before building, and nothing is pushed. A local registry stands in for the ECR host
 * (what {@code FGD_REGISTRY_ENDPOINT} does); it does not enforce immutability itself, which is why
 * fgd checks first rather than relying on ECR's ImageTagAlreadyExistsException.
 */
class ImmutableTagIT {
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

  @Test
  void aDirtyTagThatExistsInEcrIsRefusedBeforeAnyBuild() throws Exception {
    Path folder = Files.createDirectories(tmp.resolve("app"));
    Files.writeString(folder.resolve("hello.txt"), "hello\n");
    Path spec = folder.resolve("shop.fgd");
    // No registry: the account's ECR, whose host the local registry stands in for.
    Files.writeString(
        spec,
        ImageBuilderIT.APP.replace("  registry       \"%s\"\n", "")
            + ImageBuilderIT.service("web", ImageBuilderIT.SCRATCH));
    ImageTag dirty = new ImageTag("abc123abc123-dirty", true, true);
    var compiled =
        Compiler.compile(SourceFile.read(spec), new CompileOptions(Optional.of(dirty.value())));
    assertFalse(compiled.hasErrors(), compiled.diagnostics().toString());
    List<ImageBuild> builds =
        ImageBuilds.of(
            compiled.spec().orElseThrow(), compiled.artifacts(), dirty.value(), List.of());
    List<Processes.Launch> launches = Collections.synchronizedList(new ArrayList<>());
    ImageBuilder builder =
        new ImageBuilder(
            new ImageBuilder.Options(
                Builder.BUILDAH,
                true,
                1,
                false,
                Optional.of(registry.address()),
                new Processes(Buildah.environment(tmp.resolve("buildah")), launches::add)),
            image -> Optional.empty(),
            line -> {});

    List<BuiltImage> first = builder.run(builds, folder, dirty);
    assertEquals(BuiltImage.Outcome.PUSHED, first.get(0).outcome());
    String digest = first.get(0).digest().orElseThrow();

    Files.writeString(folder.resolve("hello.txt"), "hello again\n");
    launches.clear();
    ImageBuilder.BuildFailedException e =
        assertThrows(
            ImageBuilder.BuildFailedException.class, () -> builder.run(builds, folder, dirty));
    assertTrue(
        e.getMessage()
            .startsWith(
                "service \"web\": 123456789012.dkr.ecr.us-west-1.amazonaws.com/shop/web:"
                    + dirty.value()
                    + " already exists with digest "
                    + digest
                    + ", and fgd's ECR repositories have immutable tags"),
        e.getMessage());
    assertEquals(List.of(), launches, "the builder ran although the push was refused");
    var there =
        new RegistryProbe()
            .probe(
                ImageRef.parse(registry.address() + "/shop/web:" + dirty.value()),
                Optional.empty());
    assertEquals(new RegistryProbe.Exists(digest), there, "the image in the registry changed");
  }
}
