package io.fgd.runtime.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.ecs.model.EcsException;

class AwsErrorsTest {
  private static final AwsSettings SETTINGS =
      new AwsSettings(Optional.empty(), Optional.of("us-west-1"), Optional.empty());

  private static String message(String code, String detail) {
    EcsException e =
        (EcsException)
            EcsException.builder()
                .statusCode(400)
                .awsErrorDetails(
                    AwsErrorDetails.builder().errorCode(code).errorMessage(detail).build())
                .build();
    return AwsErrors.translate(e, "reading service \"api\"", SETTINGS).getMessage();
  }

  @Test
  void accessDenied() {
    assertEquals(
        "AWS denied access while reading service \"api\" in us-west-1: User: arn:aws:iam::1:user/ci is not"
            + " authorized to perform: ecs:DescribeServices. Grant the identity fgd runs as this permission,"
            + " or use another --profile.",
        message(
            "AccessDeniedException",
            "User: arn:aws:iam::1:user/ci is not authorized to perform: ecs:DescribeServices."));
  }

  @Test
  void clusterNotFound() {
    assertEquals(
        "The ECS cluster was not found in us-west-1 while reading service \"api\". Check the app's cluster and"
            + " region, or create the cluster first.",
        message("ClusterNotFoundException", "Cluster not found."));
  }

  @Test
  void throttledAfterRetries() {
    assertEquals(
        "AWS kept throttling requests while reading service \"api\" in us-west-1, even after retries. Wait a"
            + " minute and run the command again.",
        message("ThrottlingException", "Rate exceeded"));
  }

  @Test
  void expiredCredentials() {
    assertEquals(
        "AWS rejected the credentials while reading service \"api\" in us-west-1 (ExpiredTokenException)."
            + " Refresh them (for example `aws sso login`) or choose another --profile.",
        message("ExpiredTokenException", "The security token included in the request is expired"));
  }

  @Test
  void missingCredentials() {
    var e =
        SdkClientException.create(
            "Unable to load credentials from any of the providers in the chain");
    assertEquals(
        "No AWS credentials were found while reading service \"api\". Set AWS_PROFILE or pass --profile, run"
            + " `aws configure` or `aws sso login`, or set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY.",
        AwsErrors.translate(e, "reading service \"api\"", SETTINGS).getMessage());
  }

  @Test
  void unreachableEndpointNamesIt() {
    var settings =
        new AwsSettings(
            Optional.empty(),
            Optional.of("us-west-1"),
            Optional.of(URI.create("http://127.0.0.1:9")));
    var e = SdkClientException.create("Unable to execute HTTP request: Connection refused");
    assertEquals(
        "Could not reach AWS at http://127.0.0.1:9 in us-west-1 while reading service \"api\": Unable to"
            + " execute HTTP request: Connection refused. Check the network connection and --endpoint-url.",
        AwsErrors.translate(e, "reading service \"api\"", settings).getMessage());
  }
}
