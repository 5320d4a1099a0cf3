package io.fgd.runtime.engine;

import io.fgd.runtime.FgdRuntimeException;
import java.util.List;

/** A saved plan no longer describes the account: something it was computed from changed. */
public final class StalePlanException extends FgdRuntimeException {
  private static final long serialVersionUID = 1L;

  private final List<String> changed;

  StalePlanException(String message, List<String> changed) {
    super(message);
    this.changed = List.copyOf(changed);
  }

  /** One line per object that changed, such as {@code service/api changed}. */
  public List<String> changed() {
    return changed;
  }
}
