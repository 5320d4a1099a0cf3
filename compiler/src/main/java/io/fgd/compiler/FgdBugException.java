package io.fgd.compiler;

/**
 * Something fgd got wrong, not the user: for example emitted JSON that fails its own schema. The
 * CLI prints "this is a bug in fgd, please report it" and the stack trace only with --debug.
 */
public final class FgdBugException extends RuntimeException {
  public FgdBugException(String message) {
    super(message);
  }

  public FgdBugException(String message, Throwable cause) {
    super(message, cause);
  }
}
