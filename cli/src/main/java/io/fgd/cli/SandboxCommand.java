package io.fgd.cli;

import io.fgd.runtime.FgdRuntimeException;
import io.fgd.runtime.sandbox.Sandbox;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(
    name = "sandbox",
    mixinStandardHelpOptions = true,
    description = {
      "Start, check or stop the local sandbox that --sandbox uses.",
      "",
      "The sandbox is moto, an open-source AWS emulator, on 127.0.0.1 (port 5807, or"
          + " $FGD_SANDBOX_PORT). It keeps its state in memory until it stops."
    },
    subcommands = {
      SandboxCommand.Start.class,
      SandboxCommand.Status.class,
      SandboxCommand.Stop.class
    },
    footerHeading = "%nExample:%n",
    footer = {"  fgd sandbox stop"},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:done: started, running (status), or stopped",
      "1:it could not be started or stopped, or (status) it is not running",
      "64:usage error",
      "70:a bug in fgd",
    })
final class SandboxCommand implements Callable<Integer> {
  private final Terminal terminal;

  SandboxCommand(Terminal terminal) {
    this.terminal = terminal;
  }

  @Override
  public Integer call() {
    terminal.err().println("Error: say start, status or stop. Try 'fgd sandbox --help'.");
    return ExitCodes.USAGE;
  }

  @Command(
      name = "start",
      mixinStandardHelpOptions = true,
      description = "Start the sandbox (installing it on first use).",
      exitCodeListHeading = "%nExit codes:%n",
      exitCodeList = {
        "0:the sandbox is running",
        "1:it could not be installed or started (see the message)",
        "64:usage error",
        "70:a bug in fgd",
      })
  static final class Start implements Callable<Integer> {
    @picocli.CommandLine.ParentCommand SandboxCommand parent;

    @Override
    public Integer call() {
      try {
        parent
            .terminal
            .out()
            .println("Sandbox running at " + Sandbox.ensureRunning(parent.terminal.err()));
        return ExitCodes.OK;
      } catch (FgdRuntimeException e) {
        parent.terminal.err().println("Error: " + e.getMessage());
        return ExitCodes.ERROR;
      }
    }
  }

  @Command(
      name = "status",
      mixinStandardHelpOptions = true,
      description = "Say whether the sandbox is running (exit 0) or not (exit 1).",
      exitCodeListHeading = "%nExit codes:%n",
      exitCodeList = {
        "0:it is running",
        "1:it is not running",
        "64:usage error",
        "70:a bug in fgd"
      })
  static final class Status implements Callable<Integer> {
    @picocli.CommandLine.ParentCommand SandboxCommand parent;

    @Override
    public Integer call() {
      boolean running =
          io.fgd.runtime.sandbox.Moto.answers(io.fgd.runtime.sandbox.Moto.endpoint(Sandbox.port()));
      parent
          .terminal
          .out()
          .println(
              running
                  ? "Sandbox running at " + io.fgd.runtime.sandbox.Moto.endpoint(Sandbox.port())
                  : "Sandbox not running.");
      return running ? ExitCodes.OK : ExitCodes.ERROR;
    }
  }

  @Command(
      name = "stop",
      mixinStandardHelpOptions = true,
      description = "Stop the sandbox; everything in it is forgotten.",
      exitCodeListHeading = "%nExit codes:%n",
      exitCodeList = {
        "0:it stopped, or was not running",
        "1:what answers on its port is not the moto fgd started: nothing was stopped",
        "64:usage error",
        "70:a bug in fgd",
      })
  static final class Stop implements Callable<Integer> {
    @picocli.CommandLine.ParentCommand SandboxCommand parent;

    @Override
    public Integer call() {
      switch (Sandbox.stop()) {
        case STOPPED -> parent.terminal.out().println("Sandbox stopped.");
        case NOT_RUNNING -> parent.terminal.out().println("Sandbox was not running.");
        case NOT_OURS -> {
          parent
              .terminal
              .err()
              .println(
                  "Error: something answers on the sandbox's port "
                      + Sandbox.port()
                      + ", but it is not the moto process fgd started (its recorded pid is gone,"
                      + " or now another program's), so fgd stopped nothing. Stop it yourself, or"
                      + " set FGD_SANDBOX_PORT to use another port.");
          return ExitCodes.ERROR;
        }
      }
      return ExitCodes.OK;
    }
  }
}
