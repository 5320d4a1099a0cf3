package io.fgd.runtime;

/**
 * A problem talking to AWS or reading fgd's own files that the user can act on. The message is one
 * or two sentences saying what went wrong and what to do; the CLI prints it as is, with no stack
 * trace.
 */
public class FgdRuntimeException extends Exception {
  private static final long serialVersionUID = 1L;

  public FgdRuntimeException(String message) {
    super(message);
  }

  public FgdRuntimeException(String message, Throwable cause) {
    super(message, cause);
  }
}
