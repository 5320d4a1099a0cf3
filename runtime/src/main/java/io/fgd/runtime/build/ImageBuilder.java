package io.fgd.runtime.build;

import io.fgd.runtime.FgdRuntimeException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Builds (and pushes) the images of a spec's services with a builder run as a process: at most
 * {@code parallel} at a time, each line of their output prefixed with the service's name. Before
 * anything runs, every build's inputs are checked ({@link DockerfileInputs}); with {@code push}, an
 * image whose tag the registry already has is neither built nor pushed.
 *
 * <p>Everything it writes (Dockerfiles, the temporary registry credentials, digest files) goes to
 * one private temporary folder that is removed when it returns, or when the JVM exits early.
 */
public final class ImageBuilder {
  /**
   * How to build.
   *
   * @param registryEndpoint a stand-in HOST:PORT that receives what would go to an ECR registry
   *     (tests, a local mirror); the spec's reference is still what the services deploy
   * @param cache read and write a layer cache in the registry ({@code REPOSITORY/cache})
   */
  public record Options(
      Builder builder,
      boolean push,
      int parallel,
      boolean cache,
      Optional<String> registryEndpoint,
      Processes processes) {
    public Options {
      if (parallel < 1) {
        throw new IllegalArgumentException("parallel must be 1 or more");
      }
    }
  }

  /** The login fgd holds for a registry (ECR's token), or none: the builder's own login. */
  public interface Logins {
    Optional<RegistryProbe.Login> loginFor(ImageRef image) throws FgdRuntimeException;

    /**
     * Makes the ECR repository fgd owns for {@code build} ({@link ImageBuild#repository}) before
     * anything is pushed to it; true when it had to be created.
     */
    default boolean ensureRepository(ImageBuild build) throws FgdRuntimeException {
      return false;
    }
  }

  /** Why builds failed: one sentence per service, and nothing was pushed after the first. */
  public static final class BuildFailedException extends FgdRuntimeException {
    private static final long serialVersionUID = 1L;

    BuildFailedException(String message) {
      super(message);
    }
  }

  private final Options options;
  private final Logins logins;
  private final Consumer<String> out;
  private final RegistryProbe probe = new RegistryProbe();

  /**
   * @param out where the builder's lines (prefixed) and fgd's own go, one line per call
   */
  public ImageBuilder(Options options, Logins logins, Consumer<String> out) {
    this.options = options;
    this.logins = logins;
    this.out = out;
  }

  /**
   * Builds {@code builds} from {@code context} (the spec's folder) with tag {@code tag}.
   *
   * @throws BuildFailedException when an input is missing or a builder failed: nothing after it was
   *     pushed, and the message says which service and why
   */
  public List<BuiltImage> run(List<ImageBuild> builds, Path context, ImageTag tag)
      throws FgdRuntimeException, InterruptedException {
    List<String> problems = new ArrayList<>();
    for (ImageBuild b : builds) {
      DockerfileInputs.problem(b.service(), b.dockerfile(), context).ifPresent(problems::add);
    }
    if (!problems.isEmpty()) {
      throw new BuildFailedException(String.join("\n", problems) + "\nNothing was built.");
    }
    Path work = privateFolder();
    Thread cleanup = new Thread(() -> deleteQuietly(work), "fgd-build-cleanup");
    Runtime.getRuntime().addShutdownHook(cleanup);
    try {
      return runIn(work, builds, context, tag);
    } finally {
      deleteQuietly(work);
      try {
        Runtime.getRuntime().removeShutdownHook(cleanup);
      } catch (IllegalStateException e) {
        // shutting down: the hook removes it
      }
    }
  }

  private List<BuiltImage> runIn(Path work, List<ImageBuild> builds, Path context, ImageTag tag)
      throws FgdRuntimeException, InterruptedException {
    Builder builder = options.builder();
    // Log in once per registry fgd holds a login for, into one temporary credentials file.
    Map<String, Path> credentials = new LinkedHashMap<>();
    Map<String, Optional<RegistryProbe.Login>> loginOf = new LinkedHashMap<>();
    Path credentialFile =
        builder == Builder.DOCKER ? work.resolve("docker-config") : work.resolve("auth.json");
    if (options.push()) {
      for (ImageBuild b : builds) {
        if (b.repository().isPresent() && logins.ensureRepository(b)) {
          say(b.service() + ": created the ECR repository " + b.image().repository());
        }
      }
    }
    if (options.push() || options.cache()) {
      for (ImageBuild b : builds) {
        ImageRef target = target(b.image());
        if (loginOf.containsKey(target.host())) {
          continue;
        }
        Optional<RegistryProbe.Login> login = logins.loginFor(b.image());
        loginOf.put(target.host(), login);
        if (login.isPresent()) {
          prepareCredentials(credentialFile);
          login(builder, target, login.get(), credentialFile);
          credentials.put(target.host(), credentialFile);
        }
      }
    }

    List<Future<BuiltImage>> futures = new ArrayList<>();
    AtomicBoolean failed = new AtomicBoolean();
    List<String> failures = java.util.Collections.synchronizedList(new ArrayList<>());
    ExecutorService pool =
        Executors.newFixedThreadPool(
            Math.min(options.parallel(), Math.max(1, builds.size())),
            r -> {
              Thread t = new Thread(r, "fgd-build");
              t.setDaemon(true);
              return t;
            });
    try {
      for (ImageBuild b : builds) {
        futures.add(
            pool.submit(
                () -> {
                  if (failed.get()) {
                    return null;
                  }
                  try {
                    return one(b, work, context, tag, credentials, loginOf);
                  } catch (BuildFailedException e) {
                    failed.set(true);
                    failures.add(e.getMessage());
                    return null;
                  }
                }));
      }
      List<BuiltImage> done = new ArrayList<>();
      for (Future<BuiltImage> f : futures) {
        BuiltImage result = get(f);
        if (result != null) {
          done.add(result);
        }
      }
      if (!failures.isEmpty()) {
        List<String> notStarted =
            builds.stream()
                .map(ImageBuild::service)
                .filter(s -> done.stream().noneMatch(d -> d.service().equals(s)))
                .filter(
                    s -> failures.stream().noneMatch(m -> m.startsWith("service \"" + s + "\"")))
                .toList();
        StringBuilder message = new StringBuilder(String.join("\n", failures));
        if (!notStarted.isEmpty()) {
          message
              .append("\nNot built, since a build had failed: ")
              .append(String.join(", ", notStarted))
              .append('.');
        }
        throw new BuildFailedException(message.toString());
      }
      done.sort(Comparator.comparing(BuiltImage::service));
      return done;
    } finally {
      pool.shutdownNow();
    }
  }

  /** Where the image goes: the spec's reference, or the stand-in registry for an ECR one. */
  ImageRef target(ImageRef image) {
    return image.isEcr() && options.registryEndpoint().isPresent()
        ? image.at(options.registryEndpoint().get())
        : image;
  }

  private BuiltImage one(
      ImageBuild b,
      Path work,
      Path context,
      ImageTag tag,
      Map<String, Path> credentials,
      Map<String, Optional<RegistryProbe.Login>> loginOf)
      throws BuildFailedException, InterruptedException {
    ImageRef target = target(b.image());
    String service = b.service();
    if (options.push()) {
      RegistryProbe.Answer there =
          probe.probe(target, loginOf.getOrDefault(target.host(), Optional.empty()));
      if (there instanceof RegistryProbe.Exists exists) {
        if (!tag.dirty()) {
          BuiltImage done =
              new BuiltImage(
                  service,
                  b.image(),
                  BuiltImage.Outcome.ALREADY_THERE,
                  Optional.of(exists.digest()));
          say(done.describe());
          return done;
        }
        if (b.image().isEcr()) {
          throw new BuildFailedException(
              "service \""
                  + service
                  + "\": "
                  + b.image()
                  + " already exists with digest "
                  + exists.digest()
                  + ", and fgd's ECR repositories have immutable tags, so the image of the"
                  + " changed work tree cannot be pushed under the same tag: commit the changes"
                  + " (a new tag), or pass --image-tag.");
        }
        say(
            service
                + ": "
                + target
                + " exists, but the work tree changed since: building and pushing over it.");
      } else if (there instanceof RegistryProbe.Unknown unknown) {
        say(
            service
                + ": cannot tell whether "
                + target
                + " is already in the registry ("
                + unknown.reason()
                + "): building it.");
      }
    }
    Path folder = work.resolve("services").resolve(service);
    Path dockerfile = folder.resolve("Dockerfile");
    Path ignore = folder.resolve("Dockerfile.dockerignore");
    Path metadata =
        folder.resolve(options.builder() == Builder.DOCKER ? "metadata.json" : "digest");
    try {
      Files.createDirectories(folder);
      Files.writeString(dockerfile, b.dockerfile(), StandardCharsets.UTF_8);
      Files.writeString(ignore, b.dockerignore(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new BuildFailedException(
          "service \"" + service + "\": cannot write its Dockerfile to " + folder + ": " + e);
    }
    Builder.Job job =
        new Builder.Job(
            target.toString(),
            dockerfile,
            ignore,
            context,
            target.onLoopback(),
            Optional.ofNullable(credentials.get(target.host())),
            options.cache() ? Optional.of(target.name() + "/cache") : Optional.empty(),
            metadata);
    Builder builder = options.builder();
    List<String> build = builder.build(job, options.push());
    say(service + ": building " + target + " with " + builder.command());
    Processes.Result built =
        options.processes().run(build, context, null, line -> say(service + " | " + line), 0);
    if (!built.ok()) {
      throw new BuildFailedException(
          "service \""
              + service
              + "\": "
              + String.join(" ", build.subList(0, builder == Builder.DOCKER ? 3 : 2))
              + " failed with exit code "
              + built.exitCode()
              + "; its last lines:\n"
              + built.indentedTail());
    }
    if (!options.push()) {
      BuiltImage done =
          new BuiltImage(service, b.image(), BuiltImage.Outcome.BUILT, Optional.empty());
      say(done.describe());
      return done;
    }
    Optional<List<String>> push = builder.push(job);
    if (push.isPresent()) {
      Processes.Result pushed =
          options
              .processes()
              .run(push.get(), context, null, line -> say(service + " | " + line), 0);
      if (!pushed.ok()) {
        throw new BuildFailedException(
            "service \""
                + service
                + "\": the registry refused the push of "
                + target
                + " ("
                + builder.command()
                + " push exit code "
                + pushed.exitCode()
                + "); its last lines:\n"
                + pushed.indentedTail());
      }
    }
    Optional<String> digest = digest(metadata);
    BuiltImage done = new BuiltImage(service, b.image(), BuiltImage.Outcome.PUSHED, digest);
    say(done.describe());
    return done;
  }

  /** The digest the builder wrote: buildah's and podman's digest file, buildx's metadata. */
  static Optional<String> digest(Path metadata) {
    try {
      String text = Files.readString(metadata, StandardCharsets.UTF_8).strip();
      if (text.startsWith("{")) {
        var node = new com.fasterxml.jackson.databind.ObjectMapper().readTree(text);
        text = node.path("containerimage.digest").asText("");
      }
      return text.startsWith("sha256:") ? Optional.of(text) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private void login(Builder builder, ImageRef target, RegistryProbe.Login login, Path file)
      throws FgdRuntimeException, InterruptedException {
    List<String> argv = builder.login(target.host(), login.user(), file, target.onLoopback());
    Processes.Result r =
        options
            .processes()
            .run(argv, null, login.password().getBytes(StandardCharsets.UTF_8), line -> {}, 120);
    if (!r.ok()) {
      throw new BuildFailedException(
          "Logging in to the registry "
              + target.host()
              + " failed ("
              + builder.command()
              + " login exit code "
              + r.exitCode()
              + "); its last lines:\n"
              + r.indentedTail()
              + "\nNothing was built.");
    }
  }

  /**
   * The temporary credentials: buildah and podman write an auth file; docker a configuration folder
   * that still finds the user's CLI plugins (buildx).
   */
  private static void prepareCredentials(Path file) throws FgdRuntimeException {
    try {
      if (file.getFileName().toString().equals("docker-config") && !Files.isDirectory(file)) {
        Files.createDirectories(file);
        Path home = Path.of(System.getProperty("user.home"), ".docker", "cli-plugins");
        Files.writeString(
            file.resolve("config.json"),
            "{\"cliPluginsExtraDirs\": ["
                + new com.fasterxml.jackson.databind.ObjectMapper()
                    .writeValueAsString(home.toString())
                + "]}\n");
      }
    } catch (IOException e) {
      throw new FgdRuntimeException("Cannot prepare the registry login in " + file + ": " + e);
    }
  }

  private synchronized void say(String line) {
    out.accept(line);
  }

  private static Path privateFolder() throws FgdRuntimeException {
    try {
      try {
        return Files.createTempDirectory(
            "fgd-build-",
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      } catch (UnsupportedOperationException e) {
        return Files.createTempDirectory("fgd-build-");
      }
    } catch (IOException e) {
      throw new FgdRuntimeException(
          "Cannot make a temporary folder for the build: " + e.getMessage());
    }
  }

  static void deleteQuietly(Path folder) {
    if (!Files.exists(folder)) {
      return;
    }
    try (Stream<Path> all = Files.walk(folder)) {
      all.sorted(Comparator.reverseOrder())
          .forEach(
              p -> {
                try {
                  Files.deleteIfExists(p);
                } catch (IOException e) {
                  // best effort: the rest goes
                }
              });
    } catch (IOException e) {
      // gone already
    }
  }

  private static <T> T get(Future<T> f) throws InterruptedException, FgdRuntimeException {
    try {
      return f.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      if (e.getCause() instanceof InterruptedException i) {
        throw i;
      }
      if (e.getCause() instanceof FgdRuntimeException x) {
        throw x;
      }
      throw new IllegalStateException(e.getCause());
    }
  }
}
