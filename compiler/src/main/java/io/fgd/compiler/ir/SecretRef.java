package io.fgd.compiler.ir;

import static java.util.Objects.requireNonNull;

import io.fgd.compiler.source.Span;
import java.util.Optional;

/**
 * {@code secret NAME from "arn:..." [key "field"] [version_stage "S"] [version_id "ID"]} or {@code
 * secret NAME from ssm "/param"}: an environment variable whose value ECS reads at task start. Only
 * the reference is ever known to fgd; the value is never read.
 *
 * @param name the environment variable's name inside the container
 * @param source where the reference points
 * @param reference a Secrets Manager secret ARN, an SSM parameter ARN, or (for {@code ssm}) a
 *     parameter name
 * @param jsonKey for a Secrets Manager secret holding JSON, the one field to inject
 * @param versionStage for a Secrets Manager secret, the staging label of the version to read
 *     ({@code AWSPREVIOUS}); none means the current version
 * @param versionId for a Secrets Manager secret, the id of the version to read; none means the
 *     current version (with a stage too, both must name the same version)
 */
public record SecretRef(
    Located<String> name,
    Source source,
    Located<String> reference,
    Optional<Located<String>> jsonKey,
    Optional<Located<String>> versionStage,
    Optional<Located<String>> versionId,
    Span span) {
  public SecretRef {
    requireNonNull(name, "name is null");
    requireNonNull(source, "source is null");
    requireNonNull(reference, "reference is null");
    requireNonNull(jsonKey, "jsonKey is null");
    requireNonNull(versionStage, "versionStage is null");
    requireNonNull(versionId, "versionId is null");
    requireNonNull(span, "span is null");
  }

  /** How the reference was written. */
  public enum Source {
    /** {@code from "arn:aws:..."}: a Secrets Manager or SSM Parameter Store ARN. */
    ARN,
    /** {@code from ssm "/name"}: an SSM parameter in the app's own account and region. */
    SSM_PARAMETER_NAME
  }
}
