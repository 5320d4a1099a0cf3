package io.fgd.runtime.build;

import io.fgd.runtime.FgdRuntimeException;
import io.fgd.runtime.aws.AwsClients;
import io.fgd.runtime.aws.AwsErrors;
import io.fgd.runtime.aws.AwsSettings;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ecr.model.AuthorizationData;
import software.amazon.awssdk.services.ecr.model.GetAuthorizationTokenResponse;

/**
 * The login to an ECR registry: ECR's {@code GetAuthorizationToken} through the SDK, with the
 * caller's AWS credentials. The token is a base64 {@code AWS:PASSWORD}; the password is held in
 * memory only and handed to the builder on its standard input ({@link Builder#login}).
 */
public final class EcrLogin {
  private EcrLogin() {}

  public static RegistryProbe.Login login(AwsClients clients, AwsSettings settings, String account)
      throws FgdRuntimeException {
    GetAuthorizationTokenResponse answer;
    try {
      answer = clients.ecr().getAuthorizationToken(r -> {});
    } catch (SdkException e) {
      throw AwsErrors.translate(
          e, "logging in to the ECR registry of account " + account, settings);
    }
    if (!answer.hasAuthorizationData() || answer.authorizationData().isEmpty()) {
      throw new FgdRuntimeException(
          "ECR's GetAuthorizationToken gave no token for account " + account + ".");
    }
    AuthorizationData data = answer.authorizationData().get(0);
    String decoded;
    try {
      decoded =
          new String(Base64.getDecoder().decode(data.authorizationToken()), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new FgdRuntimeException("ECR's GetAuthorizationToken gave a token that is not base64.");
    }
    int colon = decoded.indexOf(':');
    if (colon <= 0) {
      throw new FgdRuntimeException(
          "ECR's GetAuthorizationToken gave a token that is not USER:PASSWORD.");
    }
    return new RegistryProbe.Login(decoded.substring(0, colon), decoded.substring(colon + 1));
  }
}
