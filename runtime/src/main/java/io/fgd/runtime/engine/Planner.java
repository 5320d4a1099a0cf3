package io.fgd.runtime.engine;

import io.fgd.compiler.Artifact;
import io.fgd.runtime.FgdRuntimeException;
import io.fgd.runtime.aws.AwsClients;
import io.fgd.runtime.aws.AwsSettings;
import io.fgd.runtime.state.AwsStateReader;
import io.fgd.runtime.state.LiveState;
import java.util.List;
import java.util.concurrent.ExecutorService;

/**
 * {@code fgd plan}: compiled artifacts plus the live account in, a {@link Plan} out.
 *
 * <pre>{@code
 * PlanResult result = Planner.plan("sheets", compilation.artifacts(), settings);
 * System.out.print(PlanRenderers.text(result.plan(), false));
 * }</pre>
 */
public final class Planner {
  /** Concurrent AWS reads; ECS Describe* rate limits are per account, so stay modest. */
  static final int READ_THREADS = 8;

  private Planner() {}

  /**
   * Plans against the account {@code settings} point at.
   *
   * @param app the spec's app name (the value of the fgd:app ownership tag)
   * @param artifacts everything the compiler emitted; only the ECS JSON is read
   * @throws FgdRuntimeException with a message for the user: no credentials, access denied, ...
   */
  public static PlanResult plan(String app, List<Artifact> artifacts, AwsSettings settings)
      throws FgdRuntimeException {
    return plan(app, artifacts, settings, false);
  }

  /** {@link #plan(String, List, AwsSettings)}, planned for {@code --prune} when {@code prune}. */
  public static PlanResult plan(
      String app, List<Artifact> artifacts, AwsSettings settings, boolean prune)
      throws FgdRuntimeException {
    DesiredState desired = DesiredState.fromArtifacts(app, artifacts).withPrune(prune);
    try (AwsClients clients = AwsClients.connect(settings)) {
      return plan(desired, new AwsStateReader(clients, settings));
    }
  }

  /** Plans against any {@link LiveState}. */
  public static PlanResult plan(DesiredState desired, LiveState live) throws FgdRuntimeException {
    return plan(desired, live, READ_THREADS);
  }

  /**
   * Plans with at most {@code readThreads} reads in flight; the benchmarks compare 1 (every read
   * after the previous one) with the default.
   */
  public static PlanResult plan(DesiredState desired, LiveState live, int readThreads)
      throws FgdRuntimeException {
    if (readThreads < 1) {
      throw new IllegalArgumentException("readThreads must be at least 1, not " + readThreads);
    }
    ExecutorService executor = io.fgd.runtime.DaemonPools.fixed("read", readThreads);
    try {
      var observed = new Observer(live, executor).observe(desired);
      return new PlanResult(Differ.diff(desired, observed), desired, observed, live.apiCalls());
    } finally {
      executor.shutdownNow();
    }
  }
}
