package io.fgd.runtime.aws;

import io.fgd.runtime.FgdRuntimeException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;

/** Turns SDK failures into one sentence the user can act on. */
public final class AwsErrors {
  /** The error code ECS, Application Auto Scaling and CloudWatch Logs give a reached quota. */
  private static final String QUOTA = "LimitExceededException";

  /**
   * Whether a failure is a reached quota. The SDK's standard retry strategy treats {@code
   * LimitExceededException} as throttling (some services use the name for a rate) and 2.59.1
   * retries it (2.57.8 did not); for the services fgd calls it is a quota that waiting does not
   * lift, so {@link AwsClients} does not retry it.
   */
  public static boolean isQuota(Throwable failure) {
    return failure instanceof software.amazon.awssdk.awscore.exception.AwsServiceException e
        && e.awsErrorDetails() != null
        && QUOTA.equals(e.awsErrorDetails().errorCode());
  }

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
          "RateExceeded");

  /** How much of an unreadable response --debug shows. */
  static final int BODY_SHOWN = 500;

  /**
   * What looks like a credential in a response body (a proxy or test server echoing the signed
   * request, say): AWS key ids, the signature and credential scope of the Authorization header,
   * security tokens, and any long run of base64 (secret keys, session tokens), and the value of any
   * field named like a secret.
   */
  private static final List<Pattern> CREDENTIALS =
      List.of(
          Pattern.compile("(?:AKIA|ASIA)[A-Z0-9]{16}"),
          Pattern.compile("(?i)(Signature=|Credential=)[^,\\s\"'&<]+"),
          Pattern.compile(
              "(?i)((?:token|secret|password|passwd|authorization|credential)[\\w-]*\"?\\s*[:=]\\s*\"?)"
                  + "[^\\s\",&<]+"),
          Pattern.compile("[A-Za-z0-9/+=_-]{40,}"));

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
      if (code.equals(QUOTA)) {
        // A quota (services per cluster, log groups per region, scalable targets...), not a
        // rate: it stays reached until something is deleted or the quota raised. AwsClients
        // tells the SDK not to retry it (see isQuota).
        String quota = serviceName(service);
        return new FgdRuntimeException(
            "AWS refused a request while "
                + action
                + where
                + " because "
                + (quota.isEmpty()
                    ? "an AWS"
                    : ("AEIOU".indexOf(quota.charAt(0)) >= 0 ? "an " : "a ") + quota)
                + " quota is reached"
                + (detail == null || detail.isBlank() ? "" : ": " + oneLine(detail))
                + ". Waiting does not help: delete what the account no longer uses, or ask AWS"
                + " for a higher quota in the Service Quotas console"
                + (quota.isEmpty() ? "" : " (" + quota + ")")
                + ".",
            e);
      }
      if (code.isEmpty()) {
        return unreadable(service, action, where, settings);
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
    if (e instanceof SdkClientException && lower.contains("unable to unmarshall response")) {
      // It answered, with a success fgd cannot read: not a network problem.
      return new FgdRuntimeException(
          "AWS answered"
              + where
              + " while "
              + action
              + " with a response fgd could not read ("
              + oneLine(message)
              + ")."
              + (settings.endpointUrl().isPresent()
                  ? " Check that --endpoint-url is an AWS-compatible server."
                  : ""),
          e);
    }
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

  /**
   * An error response that is not one of AWS's (no error code in it): from a proxy, a load
   * balancer, or a server that is not AWS. Its HTTP status is all there is to go on, so it is
   * always said; the body only with --debug (it can be long, and it is not AWS's wording).
   */
  private static FgdRuntimeException unreadable(
      AwsServiceException e, String action, String where, AwsSettings settings) {
    int status = e.statusCode();
    StringBuilder message =
        new StringBuilder("AWS answered HTTP ")
            .append(status)
            .append(" while ")
            .append(action)
            .append(where)
            .append(", with a response that is not an AWS error");
    if (status >= 500) {
      message.append(" (the SDK tried again and got the same): wait a few minutes and try again");
    } else {
      message.append(
          settings.endpointUrl().isPresent()
              ? ": check that --endpoint-url is an AWS-compatible server"
              : ": a proxy between fgd and AWS may have answered");
    }
    message.append('.');
    Optional<String> body = body(e);
    if (settings.debug()) {
      message
          .append(" The response body")
          .append(
              body.map(b -> ", with anything like a credential masked: " + b)
                  .orElse(" was empty."));
    } else if (body.isPresent()) {
      message.append(" Run again with --debug to see the response.");
    }
    return new FgdRuntimeException(message.toString(), e);
  }

  /** The body of an error response, on one line, cut short, with credentials masked. */
  static Optional<String> body(AwsServiceException e) {
    if (e.awsErrorDetails() == null || e.awsErrorDetails().rawResponse() == null) {
      return Optional.empty();
    }
    String text = e.awsErrorDetails().rawResponse().asUtf8String().strip().replaceAll("\\s+", " ");
    if (text.isEmpty()) {
      return Optional.empty();
    }
    text = masked(text);
    if (text.codePointCount(0, text.length()) > BODY_SHOWN) {
      int cut = text.offsetByCodePoints(0, BODY_SHOWN);
      text = text.substring(0, cut) + "… (" + (text.length() - cut) + " more characters)";
    }
    return Optional.of(text);
  }

  static String masked(String text) {
    for (Pattern p : CREDENTIALS) {
      Matcher m = p.matcher(text);
      StringBuilder out = new StringBuilder();
      while (m.find()) {
        String keep = m.groupCount() > 0 && m.group(1) != null ? m.group(1) : "";
        m.appendReplacement(out, Matcher.quoteReplacement(keep + "****"));
      }
      m.appendTail(out);
      text = out.toString();
    }
    return text;
  }

  /** The AWS service of an error, as its console names it; empty when the SDK does not say. */
  private static String serviceName(AwsServiceException e) {
    String name = e.awsErrorDetails() == null ? null : e.awsErrorDetails().serviceName();
    if (name == null) {
      return "";
    }
    return switch (name) {
      case "Ecs", "ECS" -> "Amazon ECS";
      case "CloudWatchLogs", "CloudWatch Logs" -> "CloudWatch Logs";
      case "ApplicationAutoScaling", "Application Auto Scaling" -> "Application Auto Scaling";
      default -> name;
    };
  }

  private static String oneLine(String s) {
    String t = s == null ? "" : s.strip().replaceAll("\\s+", " ");
    while (t.endsWith(".")) {
      t = t.substring(0, t.length() - 1);
    }
    return t;
  }
}
