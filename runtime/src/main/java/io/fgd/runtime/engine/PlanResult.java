package io.fgd.runtime.engine;

import io.fgd.runtime.state.ObservedState;

/**
 * A plan with what it was computed from.
 *
 * @param apiCalls AWS requests made to read the account, for {@code --debug}
 */
public record PlanResult(Plan plan, DesiredState desired, ObservedState observed, int apiCalls) {}
