package io.fgd.compiler.ir;

import static java.util.Objects.requireNonNull;

import io.fgd.compiler.source.Span;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * How one container is started and stopped, beyond what it runs.
 *
 * @param stopTimeout how long ECS waits after SIGTERM before it kills the container (at most 120 s
 *     on Fargate); ECS's 30 s unless said
 * @param readOnly the container's root filesystem is read-only (readonlyRootFilesystem)
 * @param init run an init process as PID 1 that forwards signals and reaps zombies
 *     (linuxParameters.initProcessEnabled)
 * @param ulimits resource limits of the container's processes, such as {@code nofile}
 * @param startsAfter containers of the same task this one waits for (dependsOn)
 * @param mounts the task's volumes this container mounts, and where (mountPoints)
 */
public record ContainerSettings(
    Optional<Located<Duration>> stopTimeout,
    Optional<Located<Boolean>> readOnly,
    Optional<Located<Boolean>> init,
    List<Ulimit> ulimits,
    List<StartsAfter> startsAfter,
    List<Volume.Mount> mounts) {
  public static final ContainerSettings NONE =
      new ContainerSettings(
          Optional.empty(), Optional.empty(), Optional.empty(), List.of(), List.of(), List.of());

  /** Settings without mounts. */
  public ContainerSettings(
      Optional<Located<Duration>> stopTimeout,
      Optional<Located<Boolean>> readOnly,
      Optional<Located<Boolean>> init,
      List<Ulimit> ulimits,
      List<StartsAfter> startsAfter) {
    this(stopTimeout, readOnly, init, ulimits, startsAfter, List.of());
  }

  public ContainerSettings {
    requireNonNull(stopTimeout, "stopTimeout is null");
    requireNonNull(readOnly, "readOnly is null");
    requireNonNull(init, "init is null");
    ulimits = List.copyOf(ulimits);
    startsAfter = List.copyOf(startsAfter);
    mounts = List.copyOf(mounts);
  }

  /**
   * A resource limit.
   *
   * @param name the limit's name as ECS spells it ({@code nofile}, {@code nproc}, ...)
   * @param soft the soft limit
   * @param hard the hard limit; the soft one when the spec gives one number
   */
  public record Ulimit(Located<String> name, Located<Long> soft, Located<Long> hard, Span span) {
    public Ulimit {
      requireNonNull(name, "name is null");
      requireNonNull(soft, "soft is null");
      requireNonNull(hard, "hard is null");
      requireNonNull(span, "span is null");
    }
  }

  /**
   * A container this one waits for before it starts.
   *
   * @param container the other container's name (the service's name for its main container)
   * @param condition {@code start}, {@code complete}, {@code success} or {@code healthy}; start
   *     unless said
   */
  public record StartsAfter(Located<String> container, Located<String> condition, Span span) {
    public StartsAfter {
      requireNonNull(container, "container is null");
      requireNonNull(condition, "condition is null");
      requireNonNull(span, "span is null");
    }
  }
}
