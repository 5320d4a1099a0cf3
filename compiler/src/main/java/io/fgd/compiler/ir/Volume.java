package io.fgd.compiler.ir;

import static java.util.Objects.requireNonNull;

import io.fgd.compiler.source.Span;
import java.util.Optional;

/**
 * A volume of the task, which containers mount by name.
 *
 * @param name the volume's name, which {@code mount} statements give
 * @param efs the EFS file system it is; empty for a task-local volume (a Fargate bind mount: space
 *     on the task's ephemeral storage, shared by the containers that mount it, gone with the task)
 */
public record Volume(Located<String> name, Optional<Efs> efs, Span span) {
  public Volume {
    requireNonNull(name, "name is null");
    requireNonNull(efs, "efs is null");
    requireNonNull(span, "span is null");
  }

  /**
   * An Amazon EFS file system (ECS EFSVolumeConfiguration).
   *
   * @param fileSystemId {@code fs-...}
   * @param accessPoint {@code fsap-...}: the access point it is mounted through, which sets its
   *     root directory and POSIX user
   * @param root the directory of the file system mounted as the volume's root; the file system's
   *     root unless said
   * @param encrypted transit encryption (TLS between the task and EFS), present when written
   * @param port the transit encryption port; the EFS mount helper's choice unless said
   * @param iam mount with the task role's IAM authorisation, present when written
   */
  public record Efs(
      Located<String> fileSystemId,
      Optional<Located<String>> accessPoint,
      Optional<Located<String>> root,
      Optional<Span> encrypted,
      Optional<Located<Integer>> port,
      Optional<Span> iam,
      Span span) {
    public Efs {
      requireNonNull(fileSystemId, "fileSystemId is null");
      requireNonNull(accessPoint, "accessPoint is null");
      requireNonNull(root, "root is null");
      requireNonNull(encrypted, "encrypted is null");
      requireNonNull(port, "port is null");
      requireNonNull(iam, "iam is null");
      requireNonNull(span, "span is null");
    }
  }

  /**
   * Where a container sees a volume (ECS MountPoint).
   *
   * @param volume the volume's name
   * @param path the absolute path in the container
   * @param readOnly whether the container can only read it
   */
  public record Mount(Located<String> volume, Located<String> path, boolean readOnly, Span span) {
    public Mount {
      requireNonNull(volume, "volume is null");
      requireNonNull(path, "path is null");
      requireNonNull(span, "span is null");
    }
  }
}
