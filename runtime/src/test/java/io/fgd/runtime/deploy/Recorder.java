package io.fgd.runtime.deploy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Keeps what the watcher reported, for assertions. */
final class Recorder implements ProgressListener {
  final List<DeploymentState> states = new ArrayList<>();
  final List<String> events = new ArrayList<>();
  final List<StoppedTask> stopped = new ArrayList<>();
  final List<String> pollFailures = new ArrayList<>();
  final List<DeploymentOutcome> finished = new ArrayList<>();
  final List<StageView> stages = new ArrayList<>();

  @Override
  public synchronized void stageChanged(StageView stage) {
    stages.add(stage);
  }

  @Override
  public synchronized void stateChanged(DeploymentState state) {
    states.add(state);
  }

  @Override
  public synchronized void serviceEvent(String service, Instant createdAt, String message) {
    events.add(service + ": " + message);
  }

  @Override
  public synchronized void taskStopped(String service, StoppedTask task) {
    stopped.add(task);
  }

  @Override
  public synchronized void pollFailed(String service, String message) {
    pollFailures.add(service + ": " + message);
  }

  @Override
  public synchronized void finished(DeploymentOutcome outcome) {
    finished.add(outcome);
  }

  synchronized List<String> summaries() {
    return states.stream().map(DeploymentState::summary).toList();
  }
}
