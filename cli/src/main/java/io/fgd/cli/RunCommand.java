package io.fgd.cli;

import io.fgd.compiler.diag.Suggestions;
import io.fgd.runtime.FgdRuntimeException;
import io.fgd.runtime.aws.AwsClients;
import io.fgd.runtime.aws.AwsErrors;
import io.fgd.runtime.aws.AwsSettings;
import io.fgd.runtime.deploy.Sleeper;
import io.fgd.runtime.engine.DesiredJob;
import io.fgd.runtime.engine.DesiredService;
import io.fgd.runtime.engine.DesiredState;
import io.fgd.runtime.operate.OneOffTask;
import io.fgd.runtime.operate.TaskRun;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import software.amazon.awssdk.core.exception.SdkException;

@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = {
      "Run one task of a service or a job once, and wait for it to end.",
      "",
      "Runs the spec's task definition of SERVICE (registered first if no revision the service"
          + " runs equals it; --live runs the one the service runs) with the service's network"
          + " and roles, and COMMAND instead of the image's command when given after --. A job"
          + " runs now as its schedule would run it (registered first unless the newest revision"
          + " of its family equals the spec's; --live runs the one its schedule runs). Prints"
          + " the container's log lines while it runs and exits with the container's exit code."
          + " Ctrl-C stops the task."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  fgd run deploy/app.fgd api -- ./manage.py migrate",
      "  fgd run deploy/app.fgd api --live -- sh -c 'echo hello'",
      "  fgd run deploy/app.fgd api --detach",
      "  fgd run deploy/app.fgd nightly-report"
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:the container exited 0 (with --detach: the task was started)",
      "1:the spec has errors, AWS refused, or the task stopped before its container ran (the"
          + " message says why)",
      "64:usage error",
      "70:a bug in fgd",
      "130:Ctrl-C: fgd stopped the task",
      "other:the container's own exit code",
    })
final class RunCommand implements Callable<Integer> {
  /** Ctrl-C: the task was stopped (128 + SIGINT, as shells report it). */
  static final int INTERRUPTED = 130;

  private static final Duration POLL = Duration.ofSeconds(3);

  private final Terminal terminal;

  @ParentCommand FgdCommand parent;

  @Mixin StageOptions stageOptions;

  @Parameters(index = "0", paramLabel = "SPEC", description = "The .fgd file.")
  Path spec;

  @Parameters(
      index = "1",
      paramLabel = "SERVICE",
      description = "The service (or job) to run a task of.")
  String name;

  @Parameters(
      index = "2..*",
      paramLabel = "COMMAND",
      description = "After --: the command and its arguments, instead of the image's command.")
  List<String> command = new ArrayList<>();

  @Option(
      names = "--image-tag",
      paramLabel = "TAG",
      description = "Tag of the image of a service built from source.")
  String imageTag;

  @Option(
      names = "--live",
      description = "Run the task definition the service runs in ECS, not the spec's.")
  boolean live;

  @Option(names = "--detach", description = "Print the task's ARN once started, and return.")
  boolean detach;

  @Mixin AwsOptions aws;

  RunCommand(Terminal terminal) {
    this.terminal = terminal;
  }

  @Override
  public Integer call() {
    Optional<SpecInput.Compiled> input =
        SpecInput.compileForDeploy(
            spec, terminal, parent.color(), stageOptions.specOptions(terminal), imageTag);
    if (input.isEmpty()) {
      return ExitCodes.ERROR;
    }
    var app = input.get().app();
    AwsSettings settings;
    DesiredService want;
    DesiredJob job;
    String cluster;
    try {
      DesiredState desired =
          DesiredState.fromArtifacts(app.name().value(), input.get().compilation().artifacts());
      want = desired.services().get(name);
      job = desired.jobs().get(name);
      if (want == null && job == null) {
        java.util.List<String> names = new java.util.ArrayList<>(desired.services().keySet());
        names.addAll(desired.jobs().keySet());
        terminal
            .err()
            .println(
                "Error: \""
                    + name
                    + "\" is not a service or job of "
                    + spec
                    + "."
                    + Suggestions.didYouMean(name, names)
                    + (desired.services().isEmpty()
                        ? ""
                        : " Its services are: "
                            + String.join(", ", desired.services().keySet())
                            + ".")
                    + (desired.jobs().isEmpty()
                        ? ""
                        : " Its jobs are: " + String.join(", ", desired.jobs().keySet()) + "."));
        return ExitCodes.ERROR;
      }
      cluster = desired.cluster();
      settings = aws.settings(app.region().orElseThrow().value(), terminal, parent.debug);
    } catch (FgdRuntimeException e) {
      terminal.err().println("Error: " + e.getMessage());
      return ExitCodes.ERROR;
    }
    try (AwsClients clients = AwsClients.connect(settings)) {
      TaskRun.Request request;
      TaskRun run = new TaskRun(clients.ecs(), clients.logs(), Sleeper.system(), POLL);
      String taskArn;
      try {
        request =
            want != null
                ? OneOffTask.prepare(
                    clients.ecs(), cluster, want, command, live, terminal.err()::println)
                : OneOffTask.prepareJob(
                    clients.ecs(),
                    cluster,
                    job,
                    live ? scheduledArn(clients, job) : Optional.empty(),
                    command,
                    live,
                    terminal.err()::println);
        taskArn = run.start(request);
      } catch (SdkException e) {
        throw AwsErrors.translate(e, "starting a task of \"" + name + "\"", settings);
      }
      if (detach) {
        terminal.out().println(taskArn);
        return ExitCodes.OK;
      }
      return follow(run, request, taskArn, settings);
    } catch (FgdRuntimeException e) {
      terminal.err().println("Error: " + e.getMessage());
      return ExitCodes.ERROR;
    }
  }

  /** The revision a job's schedule runs, for --live; empty when it has no schedule. */
  private static Optional<String> scheduledArn(AwsClients clients, DesiredJob job) {
    try {
      return Optional.of(
          clients
              .scheduler()
              .getSchedule(r -> r.groupName(job.group()).name(job.name()))
              .target()
              .ecsParameters()
              .taskDefinitionArn());
    } catch (software.amazon.awssdk.services.scheduler.model.ResourceNotFoundException e) {
      return Optional.empty();
    }
  }

  private int follow(TaskRun run, TaskRun.Request request, String taskArn, AwsSettings settings)
      throws FgdRuntimeException {
    String taskId = taskArn.substring(taskArn.lastIndexOf('/') + 1);
    CountDownLatch done = new CountDownLatch(1);
    // Ctrl-C: ask the run to stop the task, and hold the JVM until it has (or 30 seconds).
    Thread hook =
        new Thread(
            () -> {
              run.cancel();
              try {
                done.await(30, TimeUnit.SECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "fgd-run-stop");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      if (request.logs().isEmpty()) {
        terminal
            .err()
            .println(
                "Container \""
                    + request.container()
                    + "\" does not log to CloudWatch (awslogs), so its lines cannot be shown.");
      }
      TaskRun.Outcome outcome =
          run.follow(
              request,
              taskArn,
              new TaskRun.Listener() {
                @Override
                public void started(String arn) {
                  terminal
                      .err()
                      .println(
                          "Started task " + taskId + "; Ctrl-C stops it. Waiting for it to end.");
                }

                @Override
                public void line(Instant at, String message) {
                  terminal.out().println(message);
                }

                @Override
                public void stopping() {
                  terminal.err().println("Stopping task " + taskId + " (Ctrl-C)...");
                }
              });
      terminal.out().flush();
      if (outcome.cancelled()) {
        terminal.err().println("Stopped task " + taskId + ": it was interrupted (Ctrl-C).");
        return INTERRUPTED;
      }
      if (outcome.exitCode().isEmpty()) {
        terminal
            .err()
            .println(
                "Error: task "
                    + taskId
                    + " stopped before its container ran: "
                    + outcome.stopReason());
        return ExitCodes.ERROR;
      }
      int code = outcome.exitCode().getAsInt();
      terminal
          .err()
          .println(
              "Task "
                  + taskId
                  + ": container \""
                  + request.container()
                  + "\" exited "
                  + code
                  + ".");
      return code;
    } catch (SdkException e) {
      throw AwsErrors.translate(e, "following task " + taskId, settings);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      terminal.err().println("Interrupted: task " + taskId + " may still run.");
      return INTERRUPTED;
    } finally {
      done.countDown();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException e) {
        // the JVM is already shutting down: the hook is running
      }
    }
  }
}
