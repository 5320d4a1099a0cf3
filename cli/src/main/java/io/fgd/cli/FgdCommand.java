package io.fgd.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

@Command(
    name = "fgd",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description = "Declarative deployments to AWS ECS Fargate: one .fgd spec per application.",
    synopsisSubcommandLabel = "COMMAND",
    footerHeading = "%nExamples:%n",
    footer = {
      "  fgd validate specs/examples/sheets.fgd",
      "  fgd plan specs/examples/sheets.fgd --sandbox",
      "  fgd apply specs/examples/sheets.fgd --sandbox",
      "  fgd compile specs/examples/sheets.fgd --image-tag 3f9c2e1",
      "",
      "Documentation: README.md, section 'The .fgd language'."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:success",
      "1:errors in the spec, unreadable input, or AWS refused (see the messages)",
      "2:plan --detailed-exitcode: there are changes",
      "3:apply: a deployment failed and ECS rolled it back (or its tasks kept failing)",
      "4:apply: timed out waiting for the services to reach steady state",
      "5:apply FILE: the saved plan is stale, the account changed since it was made",
      "6:status: a service is not steady (rollout in progress or failed, or missing)",
      "64:usage error (unknown command or option, missing argument)",
      "70:a bug in fgd (run again with --debug and report it)",
    })
final class FgdCommand implements Callable<Integer> {
  private final Terminal terminal;

  @Spec CommandSpec spec;

  @Option(
      names = "--no-color",
      scope = ScopeType.INHERIT,
      description =
          "Never colour output (also when NO_COLOR is set). Colour is only used on a terminal.")
  boolean noColor;

  @Option(
      names = "--debug",
      scope = ScopeType.INHERIT,
      description = "Show stack traces of internal errors and extra diagnostic detail.")
  boolean debug;

  FgdCommand(Terminal terminal) {
    this.terminal = terminal;
  }

  Terminal terminal() {
    return terminal;
  }

  boolean color() {
    return terminal.color(noColor);
  }

  @Override
  public Integer call() {
    spec.commandLine().usage(terminal.err());
    return ExitCodes.USAGE;
  }
}
