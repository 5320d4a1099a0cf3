package io.fgd.compiler.ir;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * Task and service settings that change what a task runs on, not what it runs.
 *
 * @param architecture {@code arm64} or {@code x86_64}: the CPU architecture of the task
 *     (runtimePlatform.cpuArchitecture); x86_64 unless said. ARM is cheaper per vCPU-hour on
 *     Fargate, and the image must be built for it
 * @param ephemeralStorageGib the task's scratch disk in GiB (21–200); Fargate's 20 GiB unless said
 * @param exec ECS Exec (enableExecuteCommand): shell access to running tasks through SSM; off
 *     unless said. The task role must allow the SSM messages actions
 * @param capacity the capacity provider strategy: which tasks run on Fargate Spot and which
 *     on-demand; empty for the Fargate launch type (all on-demand)
 * @param volumes the task's volumes: EFS file systems and task-local space its containers share
 */
public record TaskSettings(
    Optional<Located<String>> architecture,
    Optional<Located<Integer>> ephemeralStorageGib,
    Optional<Located<Boolean>> exec,
    List<CapacityShare> capacity,
    List<Volume> volumes) {
  public static final TaskSettings NONE =
      new TaskSettings(Optional.empty(), Optional.empty(), Optional.empty(), List.of(), List.of());

  /** Settings without a capacity provider strategy. */
  public TaskSettings(
      Optional<Located<String>> architecture,
      Optional<Located<Integer>> ephemeralStorageGib,
      Optional<Located<Boolean>> exec) {
    this(architecture, ephemeralStorageGib, exec, List.of(), List.of());
  }

  public TaskSettings {
    requireNonNull(architecture, "architecture is null");
    requireNonNull(ephemeralStorageGib, "ephemeralStorageGib is null");
    requireNonNull(exec, "exec is null");
    capacity = List.copyOf(capacity);
    volumes = List.copyOf(volumes);
  }
}
