package io.fgd.cli;

import java.io.BufferedReader;
import java.io.PrintWriter;
import java.io.StringReader;
import java.util.Map;

/**
 * Where output goes and how it may look: the two streams, whether they reach a terminal, and the
 * environment. Colour is used only on a terminal, never when NO_COLOR is set (any value, see
 * no-color.org) or with --no-color.
 *
 * @param in what the user types, for {@code fgd apply}'s confirmation; read only when {@code
 *     interactive}
 */
public record Terminal(
    PrintWriter out,
    PrintWriter err,
    Map<String, String> env,
    boolean interactive,
    BufferedReader in) {
  public Terminal {
    env = Map.copyOf(env);
  }

  /** A terminal on which nobody types: a confirmation question reads end of input. */
  public Terminal(PrintWriter out, PrintWriter err, Map<String, String> env, boolean interactive) {
    this(out, err, env, interactive, new BufferedReader(new StringReader("")));
  }

  boolean color(boolean noColorFlag) {
    return interactive && !noColorFlag && !env.containsKey("NO_COLOR");
  }
}
