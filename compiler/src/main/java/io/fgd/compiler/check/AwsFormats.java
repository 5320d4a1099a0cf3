package io.fgd.compiler.check;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The shapes of AWS identifiers and names, as AWS documents them. Each pattern matches a whole
 * value. ARNs are checked part by part in {@link Arns}, regions against {@code Regions}' data.
 */
final class AwsFormats {
  private AwsFormats() {}

  private static final String ACCOUNT_PART = "\\d{12}";

  static final Pattern ACCOUNT = Pattern.compile(ACCOUNT_PART);

  /** ECS cluster names: up to 255 letters, digits, hyphens and underscores. */
  static final Pattern CLUSTER = Pattern.compile("[A-Za-z0-9_-]{1,255}");

  /** Subnet and security group ids: the old 8-hex-digit form or the current 17-digit one. */
  static final Pattern SUBNET = Pattern.compile("subnet-(?:[0-9a-f]{8}|[0-9a-f]{17})");

  static final Pattern SECURITY_GROUP = Pattern.compile("sg-(?:[0-9a-f]{8}|[0-9a-f]{17})");

  /** An SSM parameter name: {@code name} or {@code /path/to/name}. */
  static final Pattern SSM_NAME = Pattern.compile("/?[A-Za-z0-9_.-]+(?:/[A-Za-z0-9_.-]+)*");

  /** A private ECR registry host: ACCOUNT.dkr.ecr.REGION.amazonaws.com[.cn]. */
  static final Pattern ECR_HOST =
      Pattern.compile("\\d{12}\\.dkr\\.ecr(?:-fips)?\\.[a-z0-9-]+\\.amazonaws\\.com(?:\\.cn)?");

  /** CloudWatch Logs group names. */
  static final Pattern LOG_GROUP = Pattern.compile("[.\\-_/#A-Za-z0-9]{1,512}");

  /** The day counts CloudWatch Logs accepts as a retention period (PutRetentionPolicy). */
  static final List<Integer> RETENTION_DAYS =
      List.of(
          1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557,
          2922, 3288, 3653);

  /**
   * The host of an image reference, if it names one (a first part with a dot, a colon or
   * localhost).
   */
  static Optional<String> imageHost(String image) {
    int slash = image.indexOf('/');
    if (slash < 0) {
      return Optional.empty();
    }
    String first = image.substring(0, slash);
    if (first.contains(".") || first.contains(":") || first.equals("localhost")) {
      return Optional.of(first.contains(":") ? first.substring(0, first.indexOf(':')) : first);
    }
    return Optional.empty();
  }

  static boolean isPrivateEcr(String image) {
    return imageHost(image).map(h -> ECR_HOST.matcher(h).matches()).orElse(false);
  }

  /** Whether an image reference is pinned by digest ({@code name@sha256:...}). */
  static boolean hasDigest(String image) {
    return image.contains("@");
  }

  /** The tag of an image reference: the part after the last colon of its last path component. */
  static Optional<String> imageTag(String image) {
    String last = image.substring(image.lastIndexOf('/') + 1);
    int colon = last.lastIndexOf(':');
    return colon < 0 ? Optional.empty() : Optional.of(last.substring(colon + 1));
  }
}
