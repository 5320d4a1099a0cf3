package io.fgd.runtime;

import java.util.Optional;
import software.amazon.awssdk.arns.Arn;

/**
 * The one place the runtime takes ARNs apart, with the AWS SDK's parser. What AWS sends back is
 * trusted to be well formed; the compiler's checks keep their strict patterns for what users write.
 */
public final class Arns {
  private Arns() {}

  /** The ARN, or empty when {@code s} is not one. */
  public static Optional<Arn> parse(String s) {
    if (s == null || !s.startsWith("arn:")) {
      return Optional.empty();
    }
    try {
      return Optional.of(Arn.fromString(s));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /**
   * The resource after its type: {@code sheets-api:42} for a task definition ARN, {@code
   * sheets/api} for a service ARN, {@code sheets} for a cluster ARN; anything that is not an ARN as
   * it is (a task definition given as {@code family:revision}).
   */
  public static String resource(String s) {
    return parse(s)
        .map(
            arn -> {
              String resource = arn.resourceAsString();
              int slash = resource.indexOf('/');
              return slash < 0 ? resource : resource.substring(slash + 1);
            })
        .orElse(s);
  }

  /**
   * The last segment of the resource: {@code sheets-api:42} for a task definition ARN, the service
   * name for a service ARN in the old ({@code service/NAME}) and the new ({@code
   * service/CLUSTER/NAME}) format, the task id for a task ARN. For anything else, what follows its
   * last slash.
   */
  public static String lastSegment(String s) {
    String resource = parse(s).map(Arn::resourceAsString).orElse(s);
    return resource.substring(resource.lastIndexOf('/') + 1);
  }

  /** The 12-digit account of an ARN, if it has one. */
  public static Optional<String> account(String s) {
    return parse(s).flatMap(Arn::accountId).filter(a -> a.matches("\\d{12}"));
  }
}
