package io.fgd.runtime.engine;

import io.fgd.runtime.FgdRuntimeException;

/**
 * A step that must succeed before the services are deployed did not (a {@link
 * Kind#beforeServices()} kind's task exited non-zero, never ran, or did not end in time): apply
 * stops, and no service is created or updated.
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

  public boolean timedOut() {
    return timedOut;
  }
}
