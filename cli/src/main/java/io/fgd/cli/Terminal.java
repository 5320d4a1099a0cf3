package io.fgd.cli;

import java.io.PrintWriter;
import java.util.Map;

/**
 * Where output goes and how it may look: the two streams, whether they reach a terminal, and
 * the environment. Colour is used only on a terminal, never when NO_COLOR is set (any value,
 * see no-color.org) or with --no-color.
 */
public record Terminal(PrintWriter out, PrintWriter err, Map<String, String> env, boolean interactive) {
  public Terminal {
    env = Map.copyOf(env);
  }

  boolean color(boolean noColorFlag) {
    return interactive && !noColorFlag && !env.containsKey("NO_COLOR");
  }
}
