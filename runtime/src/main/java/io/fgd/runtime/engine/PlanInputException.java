package io.fgd.runtime.engine;

import io.fgd.runtime.FgdRuntimeException;

/** The compiled artifacts handed to the planner are not what it expects: a bug upstream in fgd. */
public final class PlanInputException extends FgdRuntimeException {
  private static final long serialVersionUID = 1L;

  public PlanInputException(String message) {
    super(message);
  }
}
