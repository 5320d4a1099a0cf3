package io.fgd.runtime.operate;

import io.fgd.runtime.FgdRuntimeException;

/** A task that could not be run: ECS would not place it, or there was nothing to run. */
public final class TaskRunException extends FgdRuntimeException {
  private static final long serialVersionUID = 1L;

  public TaskRunException(String message) {
    super(message);
  }
}
