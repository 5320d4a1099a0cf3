package io.fgd.runtime.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.exception.SdkServiceException;

/** What the watchers share about ECS's answers: which failures are transient, and durations. */
final class Polls {
  private Polls() {}

  /** Throttling, 5xx and I/O failures: worth asking again at the next poll. */
  static boolean isTransient(SdkException e) {
    if (e.retryable()) {
      return true;
    }
    if (e instanceof SdkServiceException service) {
      return service.isThrottlingException() || service.statusCode() >= 500;
    }
    for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
      if (c instanceof IOException || c instanceof UncheckedIOException) {
        return true;
      }
    }
    return false;
  }

  static String describe(SdkException e) {
    if (e instanceof AwsServiceException aws && aws.awsErrorDetails() != null) {
      String code = aws.awsErrorDetails().errorCode();
      String message = aws.awsErrorDetails().errorMessage();
      return (code == null ? "" : code + ": ") + (message == null ? "" : message);
    }
    return e.getMessage();
  }

  /** 15m, 90s, 1m30s. */
  static String human(Duration d) {
    long seconds = d.toSeconds();
    if (seconds == 0) {
      return d.toMillis() + "ms";
    }
    if (seconds < 60) {
      return seconds + "s";
    }
    long minutes = seconds / 60;
    long rest = seconds % 60;
    return minutes + "m" + (rest == 0 ? "" : rest + "s");
  }
}
