package io.fgd.runtime.aws;

import io.fgd.runtime.FgdRuntimeException;
import java.util.Locale;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;

/** Turns SDK failures into one sentence the user can act on. */
public final class AwsErrors {
  private static final Set<String> ACCESS_DENIED =
      Set.of(
          "AccessDenied",
          "AccessDeniedException",
          "UnauthorizedOperation",
          "UnauthorizedException");
  private static final Set<String> BAD_CREDENTIALS =
      Set.of(
          "UnrecognizedClientException",
          "InvalidClientTokenId",
          "InvalidSignatureException",
          "SignatureDoesNotMatch",
          "ExpiredToken",
          "ExpiredTokenException",
          "RequestExpired");
  private static final Set<String> THROTTLED =
      Set.of(
          "Throttling",
          "ThrottlingException",
          "TooManyRequestsException",
          "RequestLimitExceeded",
          "LimitExceededException",
          "RateExceeded");

  private AwsErrors() {}

  /**
   * @param action what fgd was doing, as a gerund phrase: "reading service \"api\""
   * @param settings to name the region and endpoint in the message
   */
  public static FgdRuntimeException translate(SdkException e, String action, AwsSettings settings) {
    String where =
        settings.endpointUrl().map(u -> " at " + u).orElse("")
            + settings.region().map(r -> " in " + r).orElse("");
    if (e instanceof AwsServiceException service) {
      String code = service.awsErrorDetails() == null ? "" : service.awsErrorDetails().errorCode();
      code = code == null ? "" : code;
      String detail =
          service.awsErrorDetails() == null ? "" : service.awsErrorDetails().errorMessage();
      if (code.equals("ClusterNotFoundException")) {
        return new FgdRuntimeException(
            "The ECS cluster was not found"
                + where
                + " while "
                + action
                + ". Check the app's cluster and region, or create the cluster first.",
            e);
      }
      if (ACCESS_DENIED.contains(code)) {
        return new FgdRuntimeException(
            "AWS denied access while "
                + action
                + where
                + ": "
                + oneLine(detail)
                + ". Grant the identity fgd runs as this permission, or use another --profile.",
            e);
      }
      if (BAD_CREDENTIALS.contains(code)) {
        return new FgdRuntimeException(
            "AWS rejected the credentials while "
                + action
                + where
                + " ("
                + code
                + "). Refresh them (for example `aws sso login`) or choose another --profile.",
            e);
      }
      if (THROTTLED.contains(code) || service.isThrottlingException()) {
        return new FgdRuntimeException(
            "AWS kept throttling requests while "
                + action
                + where
                + ", even after retries. Wait a minute and run the command again.",
            e);
      }
      if (service.statusCode() >= 500) {
        return new FgdRuntimeException(
            "AWS kept failing with "
                + (code.isEmpty() ? "a server error" : code)
                + " (HTTP "
                + service.statusCode()
                + ") while "
                + action
                + where
                + ", even after retries. This is on AWS's side: wait a few minutes and run the command"
                + " again.",
            e);
      }
      return new FgdRuntimeException(
          "AWS returned "
              + (code.isEmpty() ? "an error" : code)
              + " while "
              + action
              + where
              + (detail == null || detail.isBlank() ? "" : ": " + oneLine(detail))
              + ".",
          e);
    }
    String message = e.getMessage() == null ? "" : e.getMessage();
    String lower = message.toLowerCase(Locale.ROOT);
    if (e instanceof SdkClientException && lower.contains("credentials")) {
      return new FgdRuntimeException(
          "No AWS credentials were found while "
              + action
              + ". Set AWS_PROFILE or pass --profile, run `aws configure` or `aws sso login`, or set"
              + " AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY.",
          e);
    }
    if (e instanceof SdkClientException && lower.contains("region")) {
      return new FgdRuntimeException(
          "No AWS region is set while "
              + action
              + ". Give the app a region in the spec, set AWS_REGION, or pass --region.",
          e);
    }
    return new FgdRuntimeException(
        "Could not reach AWS"
            + where
            + " while "
            + action
            + ": "
            + oneLine(message)
            + ". Check the network connection and --endpoint-url.",
        e);
  }

  private static String oneLine(String s) {
    String t = s == null ? "" : s.strip().replaceAll("\\s+", " ");
    while (t.endsWith(".")) {
      t = t.substring(0, t.length() - 1);
    }
    return t;
  }
}
