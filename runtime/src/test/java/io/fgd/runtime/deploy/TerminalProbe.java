package io.fgd.runtime.deploy;

import java.io.PrintWriter;

/** Run by {@link TerminalWidthTest} on a pseudo terminal: what progress view fgd would choose. */
public final class TerminalProbe {
  private TerminalProbe() {}

  public static void main(String[] args) {
    ProgressListener chosen = LiveProgress.forConsole(new PrintWriter(System.out), false);
    System.out.println(
        chosen instanceof LiveProgress live
            ? "live width=" + live.width() + " colour=" + live.colour()
            : "plain");
  }
}
