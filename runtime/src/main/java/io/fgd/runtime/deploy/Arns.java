package io.fgd.runtime.deploy;

/** Short, readable forms of ECS ARNs for progress lines. */
final class Arns {
  private Arns() {}

  /**
   * The last path segment: {@code api:42} for a task definition ARN, the task id for a task ARN
   * (both the old {@code task/<id>} and the new {@code task/<cluster>/<id>} format).
   */
  static String shortName(String arn) {
    if (arn == null) {
      return "?";
    }
    return io.fgd.runtime.Arns.lastSegment(arn);
  }
}
