package io.fgd.cli;

import io.fgd.runtime.FgdRuntimeException;
import io.fgd.runtime.engine.DesiredState;
import io.fgd.runtime.operate.StatusReader;
import io.fgd.runtime.operate.StatusRenderer;
import io.fgd.runtime.operate.StatusReport;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description = {
      "Show how the spec's services are doing in ECS.",
      "",
      "Per service: desired, running and pending tasks; each deployment with its rollout state"
          + " and age; the newest service events; recently stopped tasks with ECS's reasons; per"
          + " load balancer target group, its targets' health (healthy, unhealthy, initial,"
          + " draining) and the reasons of those not healthy. Changes nothing."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  fgd status specs/examples/sheets.fgd --sandbox",
      "  fgd status deploy/app.fgd --stage prod --json"
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:every service is steady",
      "1:the spec has errors, or AWS could not be read (see the message)",
      "6:a service is not steady: its rollout is in progress or failed, a target behind its load balancer is not healthy, or it does not exist",
      "64:usage error",
      "70:a bug in fgd",
    })
final class StatusCommand implements Callable<Integer> {
  private final Terminal terminal;

  @ParentCommand FgdCommand parent;

  @Mixin StageOptions stageOptions;

  @Parameters(paramLabel = "SPEC", description = "The .fgd file whose services to show.")
  Path spec;

  @Option(names = "--json", description = "Print the status as JSON.")
  boolean json;

  @Mixin AwsOptions aws;

  StatusCommand(Terminal terminal) {
    this.terminal = terminal;
  }

  @Override
  public Integer call() {
    Optional<SpecInput.Compiled> input =
        SpecInput.compileForDeploy(
            spec, terminal, parent.color(), stageOptions.specOptions(terminal), null);
    if (input.isEmpty()) {
      return ExitCodes.ERROR;
    }
    var app = input.get().app();
    try {
      DesiredState desired =
          DesiredState.fromArtifacts(app.name().value(), input.get().compilation().artifacts());
      var settings = aws.settings(app.region().orElseThrow().value(), terminal, parent.debug);
      StatusReport report =
          StatusReader.read(
              settings,
              desired.app(),
              desired.cluster(),
              new ArrayList<>(desired.services().keySet()),
              Instant.now());
      terminal
          .out()
          .print(json ? StatusRenderer.json(report) : StatusRenderer.text(report, parent.color()));
      terminal.out().flush();
      return report.allSteady() ? ExitCodes.OK : ExitCodes.NOT_STEADY;
    } catch (FgdRuntimeException e) {
      terminal.err().println("Error: " + e.getMessage());
      return ExitCodes.ERROR;
    }
  }
}
