package io.fgd.cli;

import io.fgd.runtime.FgdRuntimeException;
import io.fgd.runtime.aws.AwsSettings;
import io.fgd.runtime.sandbox.Sandbox;
import java.net.URI;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * Where commands that talk to AWS send their calls: AWS itself, or the local sandbox.
 *
 * <p>Plain options, not an {@code @ArgGroup}: picocli 4.7.6 lists the options of an argument group
 * that comes from a mixin twice in the help (remkop/picocli#2309), and the group checked nothing
 * that {@link #settings} does not.
 */
final class AwsOptions {
  @Option(
      names = "--sandbox",
      description =
          "Use a local ECS-compatible server (moto) on 127.0.0.1 instead of AWS: no account"
              + " needed. Started (and installed) on first use, then reused; stop it with 'fgd"
              + " sandbox stop'.")
  boolean sandbox;

  @Option(
      names = "--profile",
      paramLabel = "NAME",
      description =
          "AWS profile from the shared config files (default: the standard AWS credential chain).")
  String profile;

  @Option(
      names = "--region",
      paramLabel = "REGION",
      description = "AWS region (default: the spec's region).")
  String region;

  @Option(
      names = "--endpoint-url",
      paramLabel = "URL",
      description = "Send every AWS call to this endpoint, such as an ECS-compatible test server.")
  URI endpointUrl;

  /**
   * The settings for a command, in {@code region} unless --region is given.
   *
   * @param region the spec's region; null when there is no spec (import): then the environment's
   */
  AwsSettings settings(String region, Terminal terminal, boolean debug) throws FgdRuntimeException {
    if (sandbox && (profile != null || endpointUrl != null)) {
      throw new FgdRuntimeException(
          "--sandbox cannot be combined with --profile or --endpoint-url.");
    }
    String chosen = this.region != null ? this.region : region;
    if (chosen == null) {
      chosen =
          AwsSettings.defaultRegion(terminal.env(), Optional.ofNullable(profile))
              .orElseThrow(
                  () ->
                      new FgdRuntimeException(
                          "No region: add --region REGION (or set AWS_REGION or"
                              + " AWS_DEFAULT_REGION, or a region in your AWS profile)."));
    }
    if (sandbox) {
      return AwsSettings.sandbox(chosen, Sandbox.ensureRunning(terminal.err())).withDebug(debug);
    }
    return new AwsSettings(
            Optional.ofNullable(profile), Optional.of(chosen), Optional.ofNullable(endpointUrl))
        .withDebug(debug);
  }
}
