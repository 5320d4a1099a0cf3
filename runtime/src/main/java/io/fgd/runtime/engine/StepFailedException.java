package io.fgd.runtime.engine;

import io.fgd.runtime.FgdRuntimeException;

/**
 * A step of apply that did not succeed, and whether only because --timeout passed. Before the
 * services are deployed (a {@link Kind#beforeServices()} kind's task exited non-zero, never ran, or
 * did not end in time) apply stops, and no service is created or updated; in a prune (an object
 * still in use when the timeout passed) it is the apply's error, and exit 4 when it timed out.
 */
public final class StepFailedException extends FgdRuntimeException {
  private static final long serialVersionUID = 1L;

  private final boolean timedOut;

  /**
   * @param timedOut whether the step was still running when the apply's timeout passed
   */
  public StepFailedException(String message, boolean timedOut) {
    super(message);
    this.timedOut = timedOut;
  }

  /**
   * @param timedOut whether the step was still failing when the apply's timeout passed
   * @param cause the last error, shown with --debug
   */
  public StepFailedException(String message, boolean timedOut, Throwable cause) {
    super(message, cause);
    this.timedOut = timedOut;
  }

  public boolean timedOut() {
    return timedOut;
  }
}
