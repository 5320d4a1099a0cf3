package io.fgd.runtime.kinds.ecrrepository;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * An ECR repository as DescribeRepositories returned it.
 *
 * @param encryptionType AES256, KMS or KMS_DSSE
 * @param kmsKey the KMS key's ARN, for KMS encryption
 */
public record ObservedRepository(
    String registryId,
    String name,
    String arn,
    String imageTagMutability,
    boolean scanOnPush,
    String encryptionType,
    Optional<String> kmsKey) {
  public ObservedRepository {
    requireNonNull(registryId, "registryId is null");
    requireNonNull(name, "name is null");
    requireNonNull(arn, "arn is null");
    requireNonNull(imageTagMutability, "imageTagMutability is null");
    requireNonNull(encryptionType, "encryptionType is null");
    requireNonNull(kmsKey, "kmsKey is null");
  }

  /**
   * What the second wave reads of a repository: its lifecycle policy text (none when it has none)
   * and its tags.
   */
  public record Details(Optional<String> lifecyclePolicy, java.util.Map<String, String> tags) {
    public Details {
      requireNonNull(lifecyclePolicy, "lifecyclePolicy is null");
      tags = java.util.Map.copyOf(tags);
    }
  }

  /** The repository of a service that left the spec, when it carries this app's tag. */
  public record Orphan(String registryId, String name, boolean hasImages) {}
}
