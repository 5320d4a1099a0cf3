package io.fgd.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.io.OutputStreamWriter;
import picocli.CommandLine;

/** The fgd command line. Only {@link #main} exits; everything else returns an exit code. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
    PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
    var in = new java.io.BufferedReader(new java.io.InputStreamReader(System.in, StandardCharsets.UTF_8));
    int code = run(new Terminal(out, err, System.getenv(), System.console() != null, in), args);
    out.flush();
    err.flush();
    System.exit(code);
  }

  public static int run(Terminal terminal, String... args) {
    FgdCommand root = new FgdCommand(terminal);
    CommandLine cli = new CommandLine(root);
    cli.addSubcommand(new CompileCommand(terminal));
    cli.addSubcommand(new ValidateCommand(terminal));
    cli.addSubcommand(new PlanCommand(terminal));
    cli.addSubcommand(new ApplyCommand(terminal));
    cli.addSubcommand(new ImportCommand(terminal));
    cli.addSubcommand(new SandboxCommand(terminal));
    cli.addSubcommand(new FmtCommand(terminal));
    cli.setOut(terminal.out());
    cli.setErr(terminal.err());
    cli.setCaseInsensitiveEnumValuesAllowed(true);
    cli.setColorScheme(
        CommandLine.Help.defaultColorScheme(
            terminal.color(false) ? CommandLine.Help.Ansi.ON : CommandLine.Help.Ansi.OFF));
    cli.setParameterExceptionHandler(
        (e, arguments) -> {
          PrintWriter err = e.getCommandLine().getErr();
          err.println("Error: " + e.getMessage());
          CommandLine.UnmatchedArgumentException.printSuggestions(e, err);
          err.println("Try '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help'.");
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
            err.println("Run again with --debug to see the stack trace, and include it in the report.");
          }
          return ExitCodes.BUG;
        });
    return cli.execute(args);
  }
}
