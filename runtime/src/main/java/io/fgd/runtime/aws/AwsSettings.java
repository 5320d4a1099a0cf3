package io.fgd.runtime.aws;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;

/**
 * Where and as whom fgd talks to AWS.
 *
 * @param profile a named profile from the shared AWS config ({@code --profile}); empty means the
 *     SDK's default chain (environment, profile "default", SSO, container and instance roles)
 * @param region the region; empty means the SDK's default chain (AWS_REGION, profile)
 * @param endpointUrl one endpoint for every service, for local emulators such as moto or LocalStack
 *     ({@code --endpoint-url}); empty means the real AWS endpoints
 * @param sandbox talking to fgd's local sandbox, which takes fixed dummy credentials instead of the
 *     user's real ones (they are never sent to an emulator)
 * @param debug {@code --debug}: errors also show what AWS answered (an unreadable response's body,
 *     cut short, with anything that looks like a credential masked)
 */
public record AwsSettings(
    Optional<String> profile,
    Optional<String> region,
    Optional<URI> endpointUrl,
    boolean sandbox,
    boolean debug) {
  public AwsSettings {
    requireNonNull(profile, "profile is null");
    requireNonNull(region, "region is null");
    requireNonNull(endpointUrl, "endpointUrl is null");
    if (sandbox && endpointUrl.isEmpty()) {
      throw new IllegalArgumentException("a sandbox needs its endpoint");
    }
  }

  public AwsSettings(
      Optional<String> profile,
      Optional<String> region,
      Optional<URI> endpointUrl,
      boolean sandbox) {
    this(profile, region, endpointUrl, sandbox, false);
  }

  public AwsSettings(Optional<String> profile, Optional<String> region, Optional<URI> endpointUrl) {
    this(profile, region, endpointUrl, false, false);
  }

  /** The local sandbox at {@code endpoint}, in {@code region}. */
  public static AwsSettings sandbox(String region, URI endpoint) {
    return new AwsSettings(Optional.empty(), Optional.of(region), Optional.of(endpoint), true);
  }

  public static AwsSettings defaults() {
    return new AwsSettings(Optional.empty(), Optional.empty(), Optional.empty());
  }

  public AwsSettings withRegion(String region) {
    return new AwsSettings(profile, Optional.of(region), endpointUrl, sandbox, debug);
  }

  public AwsSettings withDebug(boolean debug) {
    return new AwsSettings(profile, region, endpointUrl, sandbox, debug);
  }

  /**
   * The region when neither a spec nor {@code --region} gives one, found as the AWS CLI finds it:
   * {@code AWS_REGION}, then {@code AWS_DEFAULT_REGION} (CI set-ups set either), then the region of
   * the profile in the shared config files (and, on EC2, the instance's). Empty when none is set.
   *
   * @param env the environment variables
   * @param profile {@code --profile}, else the SDK's ({@code AWS_PROFILE}, then "default")
   */
  public static Optional<String> defaultRegion(Map<String, String> env, Optional<String> profile) {
    for (String variable : new String[] {"AWS_REGION", "AWS_DEFAULT_REGION"}) {
      String value = env.get(variable);
      if (value != null && !value.isBlank()) {
        return Optional.of(value.strip());
      }
    }
    try {
      DefaultAwsRegionProviderChain.Builder chain = DefaultAwsRegionProviderChain.builder();
      profile.ifPresent(chain::profileName);
      return Optional.of(chain.build().getRegion().id());
    } catch (SdkClientException e) {
      return Optional.empty();
    }
  }
}
