package io.fgd.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;

/** Every command's {@code --help}, as a user reads it in an 80-column terminal. */
class HelpTest {
  private static final int WIDTH = 80;

  /** An option's first line in the option list: its short name, if any, then its long name. */
  private static final Pattern OPTION_LINE = Pattern.compile("^  (?:-\\w, |    )(--?[\\w-]+)");

  /** Every command path: [], [compile], ..., [sandbox, start], ... */
  private static List<List<String>> commands() {
    Terminal quiet =
        new Terminal(
            new PrintWriter(new StringWriter()),
            new PrintWriter(new StringWriter()),
            Map.of(),
            false);
    List<List<String>> all = new ArrayList<>();
    collect(Main.everything(new FgdCommand(quiet)), List.of(), all);
    return all;
  }

  private static void collect(CommandLine cli, List<String> path, List<List<String>> into) {
    into.add(path);
    cli.getSubcommands()
        .forEach(
            (name, sub) -> {
              List<String> next = new ArrayList<>(path);
              next.add(name);
              collect(sub, next, into);
            });
  }

  private static CommandLine model(List<String> path) {
    Terminal quiet =
        new Terminal(
            new PrintWriter(new StringWriter()),
            new PrintWriter(new StringWriter()),
            Map.of(),
            false);
    CommandLine cli = Main.everything(new FgdCommand(quiet));
    for (String name : path) {
      cli = cli.getSubcommands().get(name);
    }
    return cli;
  }

  @Test
  void everyCommandHasHelpWithinEightyColumnsListingEachOptionOnce() {
    List<List<String>> commands = commands();
    assertTrue(commands.size() > 10, "every command and sandbox subcommand: " + commands);
    for (List<String> path : commands) {
      List<String> args = new ArrayList<>(path);
      args.add("--help");
      MainTest.Run r = MainTest.run(args.toArray(String[]::new));
      String what = "fgd " + String.join(" ", args);
      assertEquals(0, r.code(), what + ": " + r.err());
      Set<String> listed = new HashSet<>();
      for (String line : r.out().split("\n", -1)) {
        assertTrue(line.length() <= WIDTH, what + ": a line over " + WIDTH + " columns: " + line);
        Matcher option = OPTION_LINE.matcher(line);
        if (option.find()) {
          assertTrue(listed.add(option.group(1)), what + " lists " + option.group(1) + " twice");
        }
      }
      assertTrue(listed.contains("--help"), what + ":\n" + r.out());
      assertTrue(r.out().contains("Exit codes:"), what + ":\n" + r.out());
    }
  }

  /**
   * picocli wraps each line of a description to the terminal; a line broken by hand before that
   * (for a width the source happened to have) leaves a short line and a ragged paragraph. So every
   * paragraph of a command's description is one string, and every option's description is one.
   */
  @Test
  void descriptionsAreParagraphsThatPicocliWraps() {
    for (List<String> path : commands()) {
      CommandLine cli = model(path);
      String what = "fgd " + String.join(" ", path);
      String[] lines = cli.getHelp().description().split("\\R");
      for (int i = 0; i + 1 < lines.length; i++) {
        String line = lines[i].stripTrailing();
        String next = lines[i + 1].strip();
        if (line.isEmpty() || next.isEmpty()) {
          continue;
        }
        String word = next.split(" ", 2)[0];
        // picocli fills a line to one column short of the width
        assertTrue(
            line.length() + 1 + word.length() >= WIDTH,
            what + ": the description breaks a line by hand before \"" + word + "\":\n" + line);
      }
      for (ArgSpec arg : cli.getCommandSpec().args()) {
        assertTrue(
            arg.description().length <= 1,
            what + ": the description of " + arg + " is broken into lines by hand");
      }
    }
  }
}
