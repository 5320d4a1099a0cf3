package io.fgd.runtime.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
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
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * fgd's builds with a real builder and a real registry: buildah (chroot isolation, vfs storage, no
 * daemon) builds the Dockerfiles fgd generates from a spec, and pushes them to Debian's
 * docker-registry on 127.0.0.1.
 */
class ImageBuilderIT {
  @TempDir Path tmp;

  LocalRegistry registry;
  Map<String, String> env;
  final List<Processes.Launch> launches = Collections.synchronizedList(new ArrayList<>());
  final List<String> output = Collections.synchronizedList(new ArrayList<>());

  @BeforeEach
  void start() throws Exception {
    Buildah.assumeInstalled();
    registry = LocalRegistry.start(tmp.resolve("registry"));
    env = Buildah.environment(tmp.resolve("buildah"));
  }

  @AfterEach
  void stop() throws Exception {
    if (registry != null) {
      registry.close();
    }
  }

  static final String APP =
      """
      app shop {
        region         us-west-1
        account        123456789012
        cluster        shop
        execution_role "arn:aws:iam::123456789012:role/exec"
        registry       "%s"
        network {
          subnets         subnet-0a1b2c3d
          security_groups sg-0123456789abcdef0
        }
      }
      """;

  static String service(String name, String steps) {
    return "\nservice " + name + " {\n  build {\n" + steps + "  }\n  health none\n}\n";
  }

  static final String SCRATCH =
      "    from \"scratch\"\n    copy hello.txt /hello.txt\n    cmd  [\"/hello\"]\n";

  Path spec(String services) throws Exception {
    Path folder = Files.createDirectories(tmp.resolve("app"));
    Files.writeString(folder.resolve("hello.txt"), "hello\n");
    Path spec = folder.resolve("shop.fgd");
    Files.writeString(spec, APP.formatted(registry.address()) + services);
    return spec;
  }

  List<ImageBuild> builds(Path spec, String tag) throws Exception {
    var compiled = Compiler.compile(SourceFile.read(spec), new CompileOptions(Optional.of(tag)));
    assertFalse(compiled.hasErrors(), compiled.diagnostics().toString());
    return ImageBuilds.of(compiled.spec().orElseThrow(), compiled.artifacts(), tag, List.of());
  }

  ImageBuilder builder(boolean push, int parallel) {
    Processes processes = new Processes(env, launches::add);
    return new ImageBuilder(
        new ImageBuilder.Options(
            Builder.BUILDAH, push, parallel, false, Optional.empty(), processes),
        image -> Optional.empty(),
        output::add);
  }

  List<String> commands() {
    return launches.stream().map(l -> String.join(" ", l.argv().subList(0, 2))).toList();
  }

  @Test
  void buildsAndPushesEveryServiceThenARerunSkipsBoth() throws Exception {
    Path spec = spec(service("web", SCRATCH) + service("worker", SCRATCH));
    List<BuiltImage> built =
        builder(true, 2).run(builds(spec, "t1"), spec.getParent(), ImageTag.given("t1"));
    assertEquals(List.of("web", "worker"), built.stream().map(BuiltImage::service).toList());
    for (BuiltImage b : built) {
      assertEquals(BuiltImage.Outcome.PUSHED, b.outcome());
      assertEquals(registry.address() + "/shop/" + b.service() + ":t1", b.image().toString());
      // the digest fgd reports is the registry's
      var there = new RegistryProbe().probe(b.image(), Optional.empty());
      assertEquals(new RegistryProbe.Exists(b.digest().orElseThrow()), there);
    }
    assertTrue(output.stream().anyMatch(l -> l.startsWith("web | ")), String.join("\n", output));
    assertTrue(output.stream().anyMatch(l -> l.startsWith("worker | ")));
    // the builder ran as a process with an argument list: no shell anywhere
    assertTrue(launches.stream().noneMatch(l -> l.argv().get(0).endsWith("sh")));

    launches.clear();
    output.clear();
    List<BuiltImage> again =
        builder(true, 2).run(builds(spec, "t1"), spec.getParent(), ImageTag.given("t1"));
    assertEquals(List.of(), commands(), "a re-run of an existing tag ran the builder");
    for (int i = 0; i < again.size(); i++) {
      assertEquals(BuiltImage.Outcome.ALREADY_THERE, again.get(i).outcome());
      assertEquals(built.get(i).digest(), again.get(i).digest());
    }
    assertTrue(
        output.stream().anyMatch(l -> l.contains("is already in the registry")),
        String.join("\n", output));
  }

  @Test
  void runStepsExecuteOnABaseBuiltFromBusybox() throws Exception {
    String base = Buildah.pushBusyboxBase(tmp, env, registry.address());
    Path spec =
        spec(
            service(
                "api",
                "    from \""
                    + base
                    + "\"\n    copy hello.txt /srv/hello.txt\n"
                    + "    run  \"echo built-by-fgd > /srv/marker && cat /srv/hello.txt\"\n"
                    + "    cmd  [\"/bin/sh\", \"-c\", \"cat /srv/marker\"]\n"));
    List<BuiltImage> built =
        builder(true, 1).run(builds(spec, "b1"), spec.getParent(), ImageTag.given("b1"));
    assertEquals(BuiltImage.Outcome.PUSHED, built.get(0).outcome());
    // the run step's output came through, prefixed
    assertTrue(output.contains("api | hello"), String.join("\n", output));
    // and its file is in the image: run it with buildah
    List<String> lines = new ArrayList<>();
    Processes p = Processes.plain().withEnvironment(env);
    String image = built.get(0).image().toString();
    Processes.Result from =
        p.run(List.of("buildah", "from", "--tls-verify=false", image), null, null, lines::add, 120);
    assertTrue(from.ok(), String.join("\n", lines));
    String container = lines.get(lines.size() - 1).strip();
    lines.clear();
    Processes.Result cat =
        p.run(
            List.of("buildah", "run", container, "--", "/bin/sh", "-c", "cat /srv/marker"),
            null,
            null,
            lines::add,
            120);
    assertTrue(cat.ok(), String.join("\n", lines));
    assertEquals("built-by-fgd", lines.get(lines.size() - 1).strip());
  }

  @Test
  void aFailingBuilderNamesTheServiceItsExitCodeAndItsLastLines() throws Exception {
    String base = Buildah.pushBusyboxBase(tmp, env, registry.address());
    Path spec =
        spec(
            service(
                    "bad",
                    "    from \""
                        + base
                        + "\"\n    run  \"echo the-last-words && exit 3\"\n    cmd  [\"/bin/sh\"]\n")
                + service("later", SCRATCH));
    ImageBuilder.BuildFailedException e =
        assertThrows(
            ImageBuilder.BuildFailedException.class,
            () -> builder(true, 1).run(builds(spec, "f1"), spec.getParent(), ImageTag.given("f1")));
    String message = e.getMessage();
    assertTrue(message.startsWith("service \"bad\": buildah build failed with exit code"), message);
    assertTrue(message.contains("the-last-words"), message);
    assertTrue(message.contains("Not built, since a build had failed: later."), message);
    // nothing was pushed
    assertInstanceOf(
        RegistryProbe.Absent.class,
        new RegistryProbe()
            .probe(ImageRef.parse(registry.address() + "/shop/later:f1"), Optional.empty()));
    assertTrue(commands().stream().noneMatch(c -> c.equals("buildah push")), commands().toString());
  }

  @Test
  void aRefusedPushIsOneSentenceWithTheRegistrysWords() throws Exception {
    registry.close();
    registry = LocalRegistry.start(tmp.resolve("read-only"), Optional.empty(), true);
    Path spec = spec(service("web", SCRATCH));
    ImageBuilder.BuildFailedException e =
        assertThrows(
            ImageBuilder.BuildFailedException.class,
            () -> builder(true, 1).run(builds(spec, "r1"), spec.getParent(), ImageTag.given("r1")));
    assertTrue(
        e.getMessage()
            .startsWith(
                "service \"web\": the registry refused the push of "
                    + registry.address()
                    + "/shop/web:r1 (buildah push exit code"),
        e.getMessage());
    assertTrue(e.getMessage().contains("405"), e.getMessage());
  }

  @Test
  void aCopyOfAMissingPathStopsEveryBuildBeforeAnyBuilderRuns() throws Exception {
    Path spec =
        spec(
            service("web", SCRATCH)
                + service(
                    "api",
                    "    from \"scratch\"\n    copy missing.txt /m.txt\n    cmd  [\"/x\"]\n"));
    ImageBuilder.BuildFailedException e =
        assertThrows(
            ImageBuilder.BuildFailedException.class,
            () -> builder(true, 2).run(builds(spec, "m1"), spec.getParent(), ImageTag.given("m1")));
    assertTrue(
        e.getMessage()
            .startsWith(
                "service \"api\": its build copies \"missing.txt\", which does not exist in the"
                    + " build context"),
        e.getMessage());
    assertTrue(e.getMessage().endsWith("Nothing was built."), e.getMessage());
    assertEquals(List.of(), launches);
  }

  @Test
  void aLinkOutOfTheSpecsFolderIsRefused() throws Exception {
    Path outside = Files.writeString(tmp.resolve("secret.txt"), "not yours\n");
    Path spec =
        spec(
            service(
                "web", "    from \"scratch\"\n    copy leak.txt /leak.txt\n    cmd  [\"/x\"]\n"));
    Files.createSymbolicLink(spec.getParent().resolve("leak.txt"), outside);
    ImageBuilder.BuildFailedException e =
        assertThrows(
            ImageBuilder.BuildFailedException.class,
            () ->
                builder(false, 1).run(builds(spec, "l1"), spec.getParent(), ImageTag.given("l1")));
    assertTrue(e.getMessage().contains("which is outside the build context"), e.getMessage());
    assertEquals(List.of(), launches);
  }

  @Test
  void withoutPushItOnlyBuildsAndAsksTheRegistryNothing() throws Exception {
    Path spec = spec(service("web", SCRATCH));
    List<BuiltImage> built =
        builder(false, 1).run(builds(spec, "n1"), spec.getParent(), ImageTag.given("n1"));
    assertEquals(BuiltImage.Outcome.BUILT, built.get(0).outcome());
    assertEquals(List.of("buildah build"), commands());
    assertInstanceOf(
        RegistryProbe.Absent.class,
        new RegistryProbe().probe(built.get(0).image(), Optional.empty()));
  }

  @Test
  void theTemporaryFolderIsGoneAfterwards() throws Exception {
    Path spec = spec(service("web", SCRATCH));
    builder(false, 1).run(builds(spec, "d1"), spec.getParent(), ImageTag.given("d1"));
    String dockerfile = launches.get(0).argv().get(launches.get(0).argv().indexOf("--file") + 1);
    assertFalse(Files.exists(Path.of(dockerfile)), dockerfile);
    assertFalse(Files.exists(Path.of(dockerfile).getParent().getParent().getParent()));
  }
}
