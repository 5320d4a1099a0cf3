package io.fgd.compiler.ir;

import java.util.List;

/** A command as written: a string for the shell, or a list run directly (exec form). */
public sealed interface Command permits Command.Shell, Command.Exec {
  /** {@code "npm start"}: run through {@code /bin/sh -c}. */
  record Shell(String line) implements Command {
    public Shell {
      java.util.Objects.requireNonNull(line, "line is null");
    }
  }

  /** {@code ["node", "main.js"]}: run directly, no shell. */
  record Exec(List<String> argv) implements Command {
    public Exec {
      argv = List.copyOf(argv);
    }
  }
}
