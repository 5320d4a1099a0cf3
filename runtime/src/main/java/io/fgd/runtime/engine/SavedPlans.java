package io.fgd.runtime.engine;

import io.fgd.runtime.FgdRuntimeException;
import io.fgd.runtime.aws.AwsClients;
import io.fgd.runtime.aws.AwsSettings;
import io.fgd.runtime.state.AwsStateReader;
import java.nio.file.Path;
import java.util.List;

/** {@code fgd apply FILE}: turns a saved plan back into a plan apply may run, or refuses it. */
public final class SavedPlans {
  private SavedPlans() {}

  /**
   * Reads the account again and plans the saved artifacts against it. The result is what was
   * reviewed only if every object the saved plan fingerprinted is unchanged; otherwise the plan is
   * refused, naming each object that changed. It reads as the plan did: with {@code --prune}'s
   * reads when it was made by {@code fgd plan --prune}.
   *
   * @param file where the plan was read from, for the message
   * @throws StalePlanException when the account moved since the plan was saved
   * @throws FgdRuntimeException when the account cannot be read
   */
  public static PlanResult replan(
      SavedPlan saved, Path file, AwsClients clients, AwsSettings settings)
      throws FgdRuntimeException {
    DesiredState desired =
        DesiredState.fromArtifacts(saved.app(), saved.artifacts()).withPrune(saved.prune());
    PlanResult now = Planner.plan(desired, new AwsStateReader(clients, settings));
    List<String> changed =
        Fingerprints.differences(saved.fingerprints(), Fingerprints.of(now.observed()));
    if (!changed.isEmpty()) {
      throw new StalePlanException(
          "The account changed since "
              + file
              + " was saved ("
              + String.join(", ", changed)
              + "), so it is not what was reviewed. Run `fgd plan "
              + (saved.prune() ? "--prune " : "")
              + "--out "
              + file
              + "` again and review the new plan.",
          changed);
    }
    return now;
  }
}
