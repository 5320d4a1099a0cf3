package io.fgd.runtime.kinds.predeploy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fgd.runtime.FgdRuntimeException;
import io.fgd.runtime.aws.AwsErrors;
import io.fgd.runtime.engine.Action;
import io.fgd.runtime.engine.ApplyRun;
import io.fgd.runtime.engine.DesiredService;
import io.fgd.runtime.engine.DiffStep;
import io.fgd.runtime.engine.FieldChange;
import io.fgd.runtime.engine.Kind;
import io.fgd.runtime.engine.ResourceChange;
import io.fgd.runtime.engine.ServiceStep;
import io.fgd.runtime.engine.StepFailedException;
import io.fgd.runtime.kinds.service.ServiceReads;
import io.fgd.runtime.kinds.taskdefinition.TaskDefinitionForm;
import io.fgd.runtime.kinds.taskdefinition.TaskDefinitionKind;
import io.fgd.runtime.operate.OneOffTask;
import io.fgd.runtime.operate.TaskRun;
import io.fgd.runtime.operate.TaskRunException;
import io.fgd.runtime.state.ObservedService;
import io.fgd.runtime.state.ObservedState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * A service's {@code before_deploy} task: one task of the service's new revision, its main
 * container's command replaced, run to completion before any service is created or updated (a
 * database migration). It is planned when the service is to run another revision than it does (a
 * new one, or a service created), and applied through {@code operate}'s {@link TaskRun}: RunTask
 * with the service's network, the container's log lines as they come, its exit code. Exit 0 lets
 * the apply go on; anything else stops it before any service changes ({@link StepFailedException}).
 * Nothing of it is left in AWS but the stopped task, so it has no reads, no fingerprint and no
 * import: the plan decides from the task definition's change and the spec alone.
 */
public final class BeforeDeployKind implements Kind {
  public static final BeforeDeployKind INSTANCE = new BeforeDeployKind();

  /** ECS's startedBy of the task, so it is told from a service's and from fgd run's. */
  public static final String STARTED_BY = "fgd-apply";

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private BeforeDeployKind() {}

  @Override
  public String label() {
    return "task before deploy";
  }

  @Override
  public String id() {
    return "before_deploy";
  }

  @Override
  public List<String> dependsOn() {
    return List.of("task_definition");
  }

  @Override
  public boolean beforeServices() {
    return true;
  }

  /** The command of {@code before_deploy.json}; empty when the service has none. */
  static List<String> command(DesiredService want) {
    List<String> out = new ArrayList<>();
    want.beforeDeploy()
        .map(d -> d.path("overrides").path("containerOverrides").path(0).path("command"))
        .ifPresent(c -> c.forEach(n -> out.add(n.asText())));
    return out;
  }

  /** Planned when the service is to run a revision it does not run now (or is created). */
  @Override
  public List<ResourceChange> diff(DesiredService want, ObservedState observed, DiffStep step) {
    List<String> command = command(want);
    if (command.isEmpty() || !step.context().getOrDefault(TaskDefinitionKind.NEW_REVISION, false)) {
      return List.of();
    }
    ObservedService live = ServiceReads.services(observed).get(want.name());
    boolean exists = live != null && !live.isGone();
    List<FieldChange> fields = new ArrayList<>();
    var list = NODES.arrayNode();
    command.forEach(list::add);
    fields.add(FieldChange.added(".command", list));
    fields.add(
        FieldChange.added(
            ".taskDefinition",
            NODES.textNode(want.family() + ":" + TaskDefinitionKind.NEW_REVISION_TEXT)));
    return List.of(
        new ResourceChange(
            this,
            want.name(),
            Optional.of(want.name()),
            Action.RUN,
            fields,
            Optional.of(
                "with "
                    + want.name()
                    + "'s new revision, to completion, before service \""
                    + want.name()
                    + "\" is "
                    + (exists ? "updated" : "created")
                    + " or any other service changes; a non-zero exit stops the apply")));
  }

  @Override
  public void apply(List<ResourceChange> changes, ServiceStep step) throws FgdRuntimeException {
    if (changes.isEmpty()) {
      return;
    }
    DesiredService want = step.want();
    ApplyRun run = step.run();
    String arn = step.context().get(TaskDefinitionKind.ARN).orElseThrow();
    String revision = TaskDefinitionForm.familyRevision(arn);
    ObjectNode taskDefinition = want.taskDefinition();
    TaskRun.Request request =
        OneOffTask.request(run.cluster(), want, arn, taskDefinition, command(want), STARTED_BY);
    TaskRun task =
        new TaskRun(
            run.clients().ecs(),
            run.clients().logs(),
            run.sleeper(),
            run.options().watch().pollInterval());
    String what = "The task before deploying service \"" + want.name() + "\"";
    String nothingChanged =
        " No service was created or updated"
            + (step.context().getOrDefault(TaskDefinitionKind.REGISTERED, false)
                ? "; " + revision + " was registered for it, and the next apply reuses it."
                : ".");
    String taskArn;
    try {
      taskArn = task.start(request);
    } catch (TaskRunException e) {
      throw new StepFailedException(
          what + " did not start: " + e.getMessage() + "." + nothingChanged, false);
    } catch (SdkException e) {
      throw AwsErrors.translate(
          e, "starting the task before deploying " + want.name(), run.settings());
    }
    String taskId = taskArn.substring(taskArn.lastIndexOf('/') + 1);
    run.note(
        "Running the task before deploying service \""
            + want.name()
            + "\" ("
            + String.join(" ", command(want))
            + ") as task "
            + taskId
            + " of "
            + revision
            + "; waiting for it to end.");
    Optional<TaskRun.Outcome> outcome;
    try {
      outcome =
          task.followUntil(
              request,
              taskArn,
              new TaskRun.Listener() {
                @Override
                public void line(Instant at, String message) {
                  run.output(want.name(), message);
                }
              },
              run.clock(),
              run.deadline());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new FgdRuntimeException(
          "Interrupted while task "
              + taskId
              + " ran before deploying service \""
              + want.name()
              + "\"; it may still run (fgd logs shows its lines)."
              + nothingChanged);
    } catch (SdkException e) {
      throw AwsErrors.translate(e, "following task " + taskId, run.settings());
    }
    if (outcome.isEmpty()) {
      throw new StepFailedException(
          what
              + " (task "
              + taskId
              + ") had not ended when the timeout (--timeout "
              + run.options().watch().timeout()
              + ") passed; fgd left it running."
              + nothingChanged,
          true);
    }
    TaskRun.Outcome o = outcome.get();
    if (o.exitCode().isPresent() && o.exitCode().getAsInt() == 0) {
      step.changed(this, want.name(), "ran", "task " + taskId + " of " + revision + " exited 0");
      return;
    }
    String ended =
        o.exitCode().isPresent()
            ? " exited " + o.exitCode().getAsInt() + " (task " + taskId + " of " + revision + ")."
            : " stopped before its container ran (task "
                + taskId
                + " of "
                + revision
                + "): "
                + o.stopReason()
                + ".";
    StringBuilder message = new StringBuilder(what).append(ended).append(nothingChanged);
    if (!o.lastLines().isEmpty()) {
      message.append(" Its last lines:");
      for (String line : o.lastLines()) {
        message.append("\n  ").append(line);
      }
    }
    throw new StepFailedException(message.toString(), false);
  }
}
