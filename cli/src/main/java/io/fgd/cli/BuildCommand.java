package io.fgd.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fgd.compiler.CompileOptions;
import io.fgd.runtime.FgdRuntimeException;
import io.fgd.runtime.aws.AwsClients;
import io.fgd.runtime.aws.AwsSettings;
import io.fgd.runtime.build.Builder;
import io.fgd.runtime.build.Builders;
import io.fgd.runtime.build.BuiltImage;
import io.fgd.runtime.build.EcrLogin;
import io.fgd.runtime.build.ImageBuild;
import io.fgd.runtime.build.ImageBuilder;
import io.fgd.runtime.build.ImageBuilds;
import io.fgd.runtime.build.ImageTag;
import io.fgd.runtime.build.Processes;
import io.fgd.runtime.build.RegistryProbe;
import io.fgd.runtime.kinds.ecrrepository.EcrRepositoryCalls;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(
    name = "build",
    mixinStandardHelpOptions = true,
    description = {
      "Build the images of the services built from source, and push them with --push.",
      "",
      "Builds each service that has a 'build' from the Dockerfile fgd generates, with the spec's"
          + " folder as the context, tagged REGISTRY/APP/SERVICE:TAG. The tag is --image-tag, or"
          + " in a git work tree the commit's short SHA (with -dirty when tracked files changed)."
          + " With --push, an image whose tag the registry already has is neither built nor"
          + " pushed. An ECR registry is logged in to with the AWS credentials; any other with"
          + " the builder's own login."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  fgd build deploy/app.fgd",
      "  fgd build deploy/app.fgd --stage prod --push",
      "  fgd build deploy/app.fgd --service api --image-tag 1.4.2 --builder buildah"
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:built (and pushed), or already in the registry",
      "1:the spec has errors, a build input is missing, a builder failed or the registry refused a push (see the message)",
      "64:usage error",
      "70:a bug in fgd",
    })
final class BuildCommand implements Callable<Integer> {
  /** A HOST:PORT that receives what would go to an ECR registry (a test's local registry). */
  static final String REGISTRY_ENDPOINT = "FGD_REGISTRY_ENDPOINT";

  private final Terminal terminal;

  @ParentCommand FgdCommand parent;

  @Parameters(paramLabel = "SPEC", description = "The .fgd file whose images to build.")
  Path spec;

  @Mixin StageOptions stageOptions;

  @Option(
      names = "--image-tag",
      paramLabel = "TAG",
      description =
          "Tag of the images (default: in a git work tree, the commit's short SHA, -dirty when"
              + " tracked files changed; elsewhere required).")
  String imageTag;

  @Option(names = "--push", description = "Push the images (after logging in to ECR).")
  boolean push;

  @Option(
      names = "--service",
      paramLabel = "NAME",
      description = "Build only this service; repeatable. Default: every service with a build.")
  List<String> services = new ArrayList<>();

  @Option(
      names = "--json",
      description = "Print what was built as JSON on stdout (the builders' output goes to stderr).")
  boolean json;

  @Mixin BuilderOptions builderOptions;

  @Mixin AwsOptions aws;

  BuildCommand(Terminal terminal) {
    this.terminal = terminal;
  }

  @Override
  public Integer call() {
    if (builderOptions.parallel < 1) {
      terminal.err().println("Error: --parallel must be 1 or more.");
      return ExitCodes.USAGE;
    }
    Optional<ImageTag> tag = SpecInput.buildTag(spec, terminal, imageTag);
    if (tag.isEmpty()) {
      return ExitCodes.ERROR;
    }
    Optional<SpecInput.Compiled> input =
        SpecInput.compile(
            spec,
            terminal,
            parent.color(),
            stageOptions.specOptions(terminal),
            new CompileOptions(Optional.of(tag.get().value())));
    if (input.isEmpty()) {
      return ExitCodes.ERROR;
    }
    List<String> all = ImageBuilds.services(input.get().spec());
    List<String> unknown = services.stream().filter(s -> !all.contains(s)).toList();
    if (!unknown.isEmpty()) {
      terminal
          .err()
          .println(
              "Error: --service "
                  + String.join(", ", unknown)
                  + ": "
                  + (all.isEmpty()
                      ? "no service of " + spec + " builds from source."
                      : "not a service built from source; those are: " + String.join(", ", all))
                  + ".");
      return ExitCodes.ERROR;
    }
    List<ImageBuild> builds =
        ImageBuilds.of(
            input.get().spec(), input.get().compilation().artifacts(), tag.get().value(), services);
    if (builds.isEmpty()) {
      terminal.out().println("No service of " + spec + " builds from source: nothing to build.");
      terminal.out().flush();
      return ExitCodes.OK;
    }
    Consumer<String> lines = json ? this::err : compact() ? progress(builds) : this::out;
    try (Ecr ecr =
        new Ecr(aws, input.get().app().region().orElseThrow().value(), terminal, parent.debug)) {
      List<BuiltImage> built =
          build(
              terminal,
              builds,
              SpecInput.folderOf(spec),
              tag.get(),
              push,
              builderOptions,
              ecr,
              lines);
      if (json) {
        terminal.out().print(json(built, tag.get()));
        terminal.out().flush();
      }
      return ExitCodes.OK;
    } catch (FgdRuntimeException e) {
      terminal.err().println("Error: " + e.getMessage());
      return ExitCodes.ERROR;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      terminal.err().println("Error: interrupted; nothing more was built.");
      return ExitCodes.ERROR;
    }
  }

  /** The compact view: on a terminal that can move the cursor, not in CI. */
  private boolean compact() {
    String term = terminal.env().get("TERM");
    return terminal.interactive()
        && term != null
        && !term.equals("dumb")
        && terminal.env().get("CI") == null;
  }

  private Consumer<String> progress(List<ImageBuild> builds) {
    return new io.fgd.runtime.build.BuildProgress(
        terminal.out(),
        io.fgd.runtime.deploy.LiveProgress.columns(
            io.fgd.runtime.deploy.LiveProgress.terminalColumns(), terminal.env()),
        builds.stream().map(ImageBuild::service).toList());
  }

  private void out(String line) {
    terminal.out().println(line);
    terminal.out().flush();
  }

  private void err(String line) {
    terminal.err().println(line);
    terminal.err().flush();
  }

  /** The builds of {@code fgd build} and {@code fgd apply --build}. */
  static List<BuiltImage> build(
      Terminal terminal,
      List<ImageBuild> builds,
      Path context,
      ImageTag tag,
      boolean push,
      BuilderOptions how,
      Ecr ecr,
      Consumer<String> lines)
      throws FgdRuntimeException, InterruptedException {
    // The builder gets fgd's environment as the terminal holds it (the same as the JVM's, except
    // in tests, which set up a builder of their own there).
    Processes processes = Processes.plain().withEnvironment(terminal.env());
    Builder builder = Builders.choose(Optional.ofNullable(how.builder), terminal.env(), processes);
    ImageBuilder.Options options =
        new ImageBuilder.Options(
            builder,
            push,
            how.parallel,
            how.cache,
            Optional.ofNullable(terminal.env().get(REGISTRY_ENDPOINT)).filter(s -> !s.isBlank()),
            processes);
    return new ImageBuilder(options, ecr, lines).run(builds, context, tag);
  }

  static String json(List<BuiltImage> built, ImageTag tag) {
    ObjectMapper mapper = new ObjectMapper();
    ObjectNode root = mapper.createObjectNode();
    root.put("formatVersion", 1);
    root.put("imageTag", tag.value());
    root.put("dirty", tag.dirty());
    ArrayNode images = root.putArray("images");
    for (BuiltImage b : built) {
      ObjectNode o = images.addObject();
      o.put("service", b.service());
      o.put("image", b.image().toString());
      o.put("outcome", b.outcome().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
      b.digest().ifPresentOrElse(d -> o.put("digest", d), () -> o.putNull("digest"));
    }
    try {
      return mapper.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The ECR login, asked for only when an image goes to ECR: the AWS clients are made on first use,
   * so a build for another registry needs no AWS credentials.
   */
  static final class Ecr implements AutoCloseable, ImageBuilder.Logins {
    private final AwsOptions options;
    private final String region;
    private final Terminal terminal;
    private final boolean debug;
    private AwsClients clients;
    private AwsSettings settings;

    Ecr(AwsOptions options, String region, Terminal terminal, boolean debug) {
      this.options = options;
      this.region = region;
      this.terminal = terminal;
      this.debug = debug;
    }

    @Override
    public Optional<RegistryProbe.Login> loginFor(io.fgd.runtime.build.ImageRef image)
        throws FgdRuntimeException {
      if (!image.isEcr()) {
        return Optional.empty();
      }
      return Optional.of(EcrLogin.login(clients(), settings, image.ecrAccount()));
    }

    /** The ECR repository the image is pushed to, made by the same calls as apply's. */
    @Override
    public boolean ensureRepository(ImageBuild build) throws FgdRuntimeException {
      if (build.repository().isEmpty()) {
        return false;
      }
      com.fasterxml.jackson.databind.JsonNode ecrJson;
      try {
        ecrJson = new ObjectMapper().readTree(build.repository().get());
      } catch (java.io.IOException e) {
        throw new IllegalStateException("the compiler wrote an ecr.json that is not JSON", e);
      }
      AwsClients c = clients();
      return EcrRepositoryCalls.of(c, settings).ensure(ecrJson);
    }

    synchronized AwsClients clients() throws FgdRuntimeException {
      if (clients == null) {
        settings = options.settings(region, terminal, debug);
        clients = AwsClients.connect(settings);
      }
      return clients;
    }

    @Override
    public synchronized void close() {
      if (clients != null) {
        clients.close();
      }
    }
  }

  /** {@code fgd apply --build}: the images the spec builds, announced with the plan, then built. */
  static final class ForApply {
    private final ApplyCommand apply;
    private final SpecInput.Compiled input;
    private final List<ImageBuild> builds;
    private final ImageTag tag;

    private ForApply(
        ApplyCommand apply, SpecInput.Compiled input, List<ImageBuild> builds, ImageTag tag) {
      this.apply = apply;
      this.input = input;
      this.builds = builds;
      this.tag = tag;
    }

    /**
     * The builds of a compiled spec, with the tag it was compiled with; empty, with the reason on
     * stderr, when there is no tag to build (no --image-tag, not in a git work tree).
     */
    static Optional<ForApply> prepare(ApplyCommand apply, SpecInput.Compiled input) {
      Terminal terminal = apply.terminal();
      ImageTag tag;
      if (apply.imageTag != null) {
        tag = ImageTag.given(apply.imageTag);
      } else {
        try {
          Optional<ImageTag> fromGit =
              ImageTag.fromGit(SpecInput.folderOf(apply.input), Processes.plain());
          if (fromGit.isEmpty()) {
            if (ImageBuilds.services(input.spec()).isEmpty()) {
              tag = ImageTag.given("unused");
            } else {
              terminal
                  .err()
                  .println(
                      "Error: --build needs an image tag: "
                          + apply.input
                          + " is not in a git work tree with a commit, so pass --image-tag TAG.");
              return Optional.empty();
            }
          } else {
            tag = fromGit.get();
          }
        } catch (FgdRuntimeException e) {
          terminal.err().println("Error: " + e.getMessage());
          return Optional.empty();
        }
      }
      List<ImageBuild> builds =
          ImageBuilds.of(input.spec(), input.compilation().artifacts(), tag.value(), List.of());
      return Optional.of(new ForApply(apply, input, builds, tag));
    }

    /** The images the apply builds and pushes first, after the plan. */
    void announce() {
      Terminal terminal = apply.terminal();
      if (builds.isEmpty()) {
        return;
      }
      terminal.out().println("Images to build and push before applying (--build):");
      for (ImageBuild b : builds) {
        terminal.out().println("  " + b.service() + ": " + b.image());
      }
      terminal.out().flush();
    }

    /** Builds and pushes; false (with the reason said) when any build failed. */
    boolean run() throws InterruptedException {
      Terminal terminal = apply.terminal();
      if (builds.isEmpty()) {
        return true;
      }
      try (Ecr ecr =
          new Ecr(
              apply.aws,
              input.app().region().orElseThrow().value(),
              terminal,
              apply.parent.debug)) {
        build(
            terminal,
            builds,
            SpecInput.folderOf(apply.input),
            tag,
            true,
            apply.builderOptions,
            ecr,
            line -> {
              terminal.out().println(line);
              terminal.out().flush();
            });
        return true;
      } catch (FgdRuntimeException e) {
        terminal.err().println("Error: " + e.getMessage());
        terminal
            .err()
            .println("Nothing was applied: the images the spec deploys are not all pushed.");
        return false;
      }
    }
  }
}
