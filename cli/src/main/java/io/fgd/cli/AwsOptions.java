package io.fgd.cli;

import io.fgd.runtime.FgdRuntimeException;
import io.fgd.runtime.aws.AwsSettings;
import io.fgd.runtime.sandbox.Sandbox;
import java.net.URI;
import java.util.Optional;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/** Where commands that talk to AWS send their calls: AWS itself, or the local sandbox. */
final class AwsOptions {
  @Option(
      names = "--sandbox",
      description = {
        "Use a local ECS-compatible server (moto) on 127.0.0.1 instead of AWS: no account needed.",
        "Started (and installed) on first use, then reused; stop it with 'fgd sandbox stop'."
      })
  boolean sandbox;

  @ArgGroup(exclusive = false)
  Real real = new Real();

  static final class Real {
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
        description =
            "Send every AWS call to this endpoint, such as an ECS-compatible test server.")
    URI endpointUrl;
  }

  AwsSettings settings(String specRegion, Terminal terminal) throws FgdRuntimeException {
    if (sandbox) {
      if (real.profile != null || real.endpointUrl != null) {
        throw new FgdRuntimeException(
            "--sandbox cannot be combined with --profile or --endpoint-url.");
      }
      URI endpoint = Sandbox.ensureRunning(terminal.err());
      return AwsSettings.sandbox(real.region != null ? real.region : specRegion, endpoint);
    }
    return new AwsSettings(
        Optional.ofNullable(real.profile),
        Optional.of(real.region != null ? real.region : specRegion),
        Optional.ofNullable(real.endpointUrl));
  }
}
