package io.fgd.cli;

import io.fgd.compiler.WarmUp;
import io.fgd.compiler.diag.Suggestions;
import io.fgd.runtime.aws.KeepAlive;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import picocli.CommandLine;

/** The fgd command line. Only {@link #main} exits; everything else returns an exit code. */
public final class Main {
  private Main() {}

  /** fgd's commands, in the order its help lists them. */
  static final List<String> COMMANDS =
      List.of(
          "compile",
          "validate",
          "build",
          "plan",
          "apply",
          "import",
          "sandbox",
          "fmt",
          "lsp",
          "status",
          "run",
          "logs");

  static Object command(String name, Terminal terminal) {
    if (name == null) {
      return null;
    }
    return switch (name) {
      case "compile" -> new CompileCommand(terminal);
      case "validate" -> new ValidateCommand(terminal);
      case "build" -> new BuildCommand(terminal);
      case "plan" -> new PlanCommand(terminal);
      case "apply" -> new ApplyCommand(terminal);
      case "import" -> new ImportCommand(terminal);
      case "sandbox" -> new SandboxCommand(terminal);
      case "fmt" -> new FmtCommand(terminal);
      case "lsp" -> new LspCommand(terminal);
      case "status" -> new StatusCommand(terminal);
      case "run" -> new RunCommand(terminal);
      case "logs" -> new LogsCommand(terminal);
      default -> null;
    };
  }

  public static void main(String[] args) {
    KeepAlive.configure(); // before any HTTP: the JDK reads it once
    PrintWriter out =
        new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
    PrintWriter err =
        new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
    var in =
        new java.io.BufferedReader(
            new java.io.InputStreamReader(System.in, StandardCharsets.UTF_8));
    int code = run(new Terminal(out, err, System.getenv(), System.console() != null, in), args);
    out.flush();
    err.flush();
    System.exit(code);
  }

  public static int run(Terminal terminal, String... args) {
    OptionalInt rootHelp = RootHelp.print(terminal, args);
    if (rootHelp.isPresent()) {
      return rootHelp.getAsInt();
    }
    return runPicocli(terminal, args);
  }

  /** {@link #run} without the prerendered root help: picocli parses and answers everything. */
  static int runPicocli(Terminal terminal, String... args) {
    String name = commandNamed(args);
    Object named = command(name, terminal);
    if (named != null) {
      warmUp(name, args); // first, so that it overlaps as much of picocli's set-up as it can
    }
    FgdCommand root = new FgdCommand(terminal);
    // picocli's model of a command is built by CommandModels, written at compile time from the
    // commands' annotations (io.fgd.climodel), not by picocli's reflection. When the first word
    // after fgd's own flags names a command, only that one can run, so only that one is built;
    // otherwise (fgd --help, fgd --version) all are, for the list.
    CommandLine cli =
        named != null
            ? CommandModels.commandLine(root).addSubcommand(CommandModels.of(named))
            : everything(root);
    cli.setOut(terminal.out());
    cli.setErr(terminal.err());
    cli.setCaseInsensitiveEnumValuesAllowed(true);
    // Help and usage errors are printed while picocli parses, before it has set --no-color on
    // the command, so the flag is looked for here.
    cli.setColorScheme(
        CommandLine.Help.defaultColorScheme(
            terminal.color(noColorFlag(args))
                ? CommandLine.Help.Ansi.ON
                : CommandLine.Help.Ansi.OFF));
    cli.setParameterExceptionHandler(
        (e, arguments) -> {
          PrintWriter err = e.getCommandLine().getErr();
          String command = e.getCommandLine().getCommandSpec().qualifiedName();
          Optional<String> unknown = unknownCommand(e);
          if (unknown.isPresent()) {
            Set<String> names = e.getCommandLine().getSubcommands().keySet();
            err.println(
                "Error: '"
                    + unknown.get()
                    + "' is not a command of "
                    + command
                    + "."
                    + Suggestions.didYouMean(unknown.get(), names)
                    + " The commands are: "
                    + String.join(", ", names)
                    + ".");
          } else {
            err.println("Error: " + e.getMessage());
            CommandLine.UnmatchedArgumentException.printSuggestions(e, err);
          }
          err.println("Try '" + command + " --help'.");
          return ExitCodes.USAGE;
        });
    cli.setExecutionExceptionHandler(
        (e, commandLine, parseResult) -> {
          PrintWriter err = commandLine.getErr();
          err.println("Error: this is a bug in fgd, please report it: " + e);
          if (root.debug) {
            StringWriter trace = new StringWriter();
            e.printStackTrace(new PrintWriter(trace));
            err.print(trace);
          } else {
            err.println(
                "Run again with --debug to see the stack trace, and include it in the report.");
          }
          return ExitCodes.BUG;
        });
    return cli.execute(args);
  }

  /** The whole command line: fgd and every command, from the generated models. */
  static CommandLine everything(FgdCommand root) {
    CommandLine cli = CommandModels.commandLine(root);
    for (String each : COMMANDS) {
      cli.addSubcommand(CommandModels.of(command(each, root.terminal())));
    }
    return cli;
  }

  /**
   * Has a second core load and initialise the compiler while this one sets up picocli, for the
   * commands that compile a spec (WarmUp; about a third of their start-up, bench/RESULTS.md).
   */
  private static void warmUp(String command, String[] args) {
    for (String arg : args) {
      if (arg.equals("--help") || arg.equals("-h")) {
        return;
      }
    }
    switch (command) {
      case "compile", "build", "plan", "apply" -> WarmUp.inBackground(WarmUp.Depth.COMPILE);
      case "validate" -> WarmUp.inBackground(WarmUp.Depth.VALIDATE);
      default -> {}
    }
  }

  /**
   * The word given where a command (fgd's, or a sandbox subcommand) was expected, when it names
   * none: picocli reports it as an unmatched argument of a command that takes no arguments of its
   * own, only subcommands.
   */
  private static Optional<String> unknownCommand(CommandLine.ParameterException e) {
    if (!(e instanceof CommandLine.UnmatchedArgumentException unmatched)) {
      return Optional.empty();
    }
    CommandLine where = e.getCommandLine();
    if (where.getSubcommands().isEmpty()
        || !where.getCommandSpec().positionalParameters().isEmpty()
        || unmatched.getUnmatched().isEmpty()) {
      return Optional.empty();
    }
    String word = unmatched.getUnmatched().get(0);
    return word.startsWith("-") ? Optional.empty() : Optional.of(word);
  }

  /** Whether --no-color is among the options (before a {@code --} that ends them). */
  private static boolean noColorFlag(String[] args) {
    for (String arg : args) {
      if (arg.equals("--")) {
        return false;
      }
      if (arg.equals("--no-color")) {
        return true;
      }
    }
    return false;
  }

  /** The first argument that is not one of the root command's own flags, or null. */
  private static String commandNamed(String[] args) {
    for (String arg : args) {
      if (!arg.equals("--debug") && !arg.equals("--no-color")) {
        return arg;
      }
    }
    return null;
  }
}
