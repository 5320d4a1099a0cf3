package io.fgd.runtime.aws;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.util.Optional;

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
 */
public record AwsSettings(
    Optional<String> profile, Optional<String> region, Optional<URI> endpointUrl, boolean sandbox) {
  public AwsSettings {
    requireNonNull(profile, "profile is null");
    requireNonNull(region, "region is null");
    requireNonNull(endpointUrl, "endpointUrl is null");
    if (sandbox && endpointUrl.isEmpty()) {
      throw new IllegalArgumentException("a sandbox needs its endpoint");
    }
  }

  public AwsSettings(Optional<String> profile, Optional<String> region, Optional<URI> endpointUrl) {
    this(profile, region, endpointUrl, false);
  }

  /** The local sandbox at {@code endpoint}, in {@code region}. */
  public static AwsSettings sandbox(String region, URI endpoint) {
    return new AwsSettings(Optional.empty(), Optional.of(region), Optional.of(endpoint), true);
  }

  public static AwsSettings defaults() {
    return new AwsSettings(Optional.empty(), Optional.empty(), Optional.empty());
  }

  public AwsSettings withRegion(String region) {
    return new AwsSettings(profile, Optional.of(region), endpointUrl, sandbox);
  }
}
