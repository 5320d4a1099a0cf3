package io.fgd.cli;

import io.fgd.compiler.Compiler;
import io.fgd.compiler.ir.Located;
import io.fgd.compiler.ir.Spec;
import io.fgd.runtime.FgdRuntimeException;
import io.fgd.runtime.aws.AwsClients;
import io.fgd.runtime.aws.AwsSettings;
import io.fgd.runtime.deploy.DeploymentOutcome;
import io.fgd.runtime.deploy.LiveProgress;
import io.fgd.runtime.deploy.PlainProgress;
import io.fgd.runtime.deploy.ProgressListener;
import io.fgd.runtime.deploy.WatchOptions;
import io.fgd.runtime.engine.AppliedChange;
import io.fgd.runtime.engine.Applier;
import io.fgd.runtime.engine.ApplyListener;
import io.fgd.runtime.engine.ApplyOptions;
import io.fgd.runtime.engine.ApplyResult;
import io.fgd.runtime.engine.DesiredState;
import io.fgd.runtime.engine.PlanResult;
import io.fgd.runtime.engine.Planner;
import io.fgd.runtime.engine.SavedPlan;
import io.fgd.runtime.engine.SavedPlans;
import io.fgd.runtime.engine.StalePlanException;
import io.fgd.runtime.render.TextRenderer;
import io.fgd.runtime.state.AwsStateReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.TypeConversionException;

@Command(
    name = "apply",
    mixinStandardHelpOptions = true,
    description = {
      "Make ECS match a spec, or apply exactly a plan saved with 'fgd plan --out'.",
      "",
      "With a SPEC: compiles it, plans, shows the plan and, on a terminal, asks before changing"
          + " anything (--auto-approve skips the question; it is required when not on a"
          + " terminal).",
      "",
      "With a saved PLAN file: reads the account again and applies the plan only if nothing it"
          + " was computed from changed since (otherwise exit 5, naming what changed).",
      "",
      "Creates what is missing in dependency order: cluster, log groups, task definitions,"
          + " services (rolling deployment, circuit breaker with rollback), autoscaling. Reuses"
          + " an ACTIVE revision equal to the spec instead of registering a new one, so an apply"
          + " with nothing to do changes nothing. Then waits until every changed service runs"
          + " its new revision: PRIMARY deployment on that revision, rollout COMPLETED, all"
          + " desired tasks running. A rollout an earlier apply left unfinished is waited for"
          + " too, also when there is nothing to change; a service is not created or updated"
          + " while a service it depends_on is failed or still deploying.",
      "",
      "A service's before_deploy command (a migration) runs in one task of its new revision,"
          + " after the task definitions are registered and before any service is created or"
          + " updated, when the service is to run another revision; apply waits for it (also"
          + " with --no-wait), and a non-zero exit stops the apply (exit 7)."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  fgd apply specs/examples/sheets.fgd --sandbox",
      "  fgd apply deploy/app.fgd --image-tag \"$GITHUB_SHA\" --auto-approve",
      "  fgd plan deploy/app.fgd --out app.plan && fgd apply app.plan"
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:applied, or nothing to do, and every rollout of the spec's services is steady",
      "1:the spec has errors, AWS refused, apply was not confirmed, or it refused a change (see the message)",
      "3:a deployment failed: ECS rolled it back (circuit breaker), or its tasks kept stopping for the same reason (--max-task-failures) and the breaker will",
      "4:timed out (--timeout) before every changed service (or one an earlier apply left deploying) reached steady state; ECS goes on deploying",
      "5:the saved plan is stale: the account changed since it was made",
      "7:a service's before_deploy task exited non-zero or never ran (its exit code, stop reason and last lines in the message); no service was created or updated",
      "64:usage error",
      "70:a bug in fgd",
    })
final class ApplyCommand implements Callable<Integer> {
  private final Terminal terminal;

  @ParentCommand FgdCommand parent;

  @Parameters(
      paramLabel = "SPEC|PLAN",
      description = "A .fgd spec, or a plan saved with 'fgd plan --out'.")
  Path input;

  @Option(
      names = "--image-tag",
      paramLabel = "TAG",
      description =
          "Tag of the images of services built from source (default: keep the image each runs).")
  String imageTag;

  @Option(
      names = "--auto-approve",
      description = "Apply without asking. Needed when not on a terminal (CI).")
  boolean autoApprove;

  @Option(
      names = "--prune",
      description =
          "Delete services that carry the app's fgd:app tag but left the spec (scaled to 0 first).")
  boolean prune;

  @Option(
      names = "--keep-revisions",
      paramLabel = "N",
      defaultValue = "10",
      description =
          "Keep the newest N revisions of each task definition; deregister older ones fgd registered (0 keeps all). Default: ${DEFAULT-VALUE}.")
  int keepRevisions;

  @Option(
      names = "--timeout",
      paramLabel = "DURATION",
      defaultValue = "15m",
      converter = DurationConverter.class,
      description =
          "How long the whole apply may wait for steady state, such as 15m, 90s or 1h. Default: ${DEFAULT-VALUE}.")
  Duration timeout;

  @Option(
      names = "--max-task-failures",
      paramLabel = "N",
      defaultValue = "3",
      description =
          "Stop waiting when N tasks of a new deployment stop in a row for the same reason (0: wait for the circuit breaker). Default: ${DEFAULT-VALUE}.")
  int maxTaskFailures;

  @Option(
      names = "--no-wait",
      description = "Do not wait for the deployments to reach steady state.")
  boolean noWait;

  @Option(
      names = "--skip-before-deploy",
      description =
          "Do not run the services' before_deploy tasks (migrations), even for a new revision.")
  boolean skipBeforeDeploy;

  @Mixin AwsOptions aws;

  @Mixin StageOptions stageOptions;

  @Option(
      names = "--build",
      description =
          "Build and push the images of services built from source before applying (see fgd"
              + " build); a failed build applies nothing.")
  boolean build;

  @Mixin BuilderOptions builderOptions;

  ApplyCommand(Terminal terminal) {
    this.terminal = terminal;
  }

  Terminal terminal() {
    return terminal;
  }

  @Override
  public Integer call() {
    if (keepRevisions < 0 || maxTaskFailures < 0) {
      terminal.err().println("Error: --keep-revisions and --max-task-failures must be 0 or more.");
      return ExitCodes.USAGE;
    }
    boolean savedPlan = isSavedPlan(input);
    try {
      return savedPlan ? applySavedPlan() : applySpec();
    } catch (StalePlanException e) {
      terminal.err().println("Error: " + e.getMessage());
      return ExitCodes.STALE_PLAN;
    } catch (FgdRuntimeException e) {
      terminal.err().println("Error: " + e.getMessage());
      return ExitCodes.ERROR;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      terminal
          .err()
          .println("Error: interrupted. Run fgd apply again: it continues from where it stopped.");
      return ExitCodes.ERROR;
    }
  }

  /** A saved plan is a JSON object; a spec never starts with "{". */
  static boolean isSavedPlan(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      int c;
      do {
        c = in.read();
      } while (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == 0xEF || c == 0xBB
          || c == 0xBF);
      return c == '{';
    } catch (IOException e) {
      return false; // SpecInput says what is wrong with the file
    }
  }

  private int applySpec() throws FgdRuntimeException, InterruptedException {
    Optional<SpecInput.Compiled> input =
        SpecInput.compileForDeploy(
            this.input, terminal, parent.color(), stageOptions.specOptions(terminal), imageTag);
    if (input.isEmpty()) {
      return ExitCodes.ERROR;
    }
    // Inputs first, then the question: what is wrong with the spec is said before anything about
    // confirming. Never wait for an answer nobody can type (CI), and never apply unasked. A saved
    // plan was reviewed when it was made: applying it is the confirmation.
    if (!autoApprove && !terminal.interactive()) {
      terminal
          .err()
          .println(
              "Error: fgd apply asks for confirmation, but this is not a terminal. Pass --auto-approve"
                  + " to apply without asking, or run `fgd plan` to only see the changes.");
      return ExitCodes.ERROR;
    }
    Compiler.Compilation compiled = input.get().compilation();
    Spec checked = input.get().spec();
    var app = input.get().app();
    AwsSettings settings = aws.settings(app.region().orElseThrow().value(), terminal, parent.debug);
    DesiredState desired =
        DesiredState.fromArtifacts(
                app.name().value(), withoutBeforeDeploy(compiled.artifacts(), skipBeforeDeploy))
            .withPrune(prune);
    try (AwsClients clients = AwsClients.connect(settings)) {
      PlanResult planned = Planner.plan(desired, new AwsStateReader(clients, settings));
      Optional<BuildCommand.ForApply> images =
          build ? BuildCommand.ForApply.prepare(this, input.get()) : Optional.empty();
      if (build && images.isEmpty()) {
        return ExitCodes.ERROR;
      }
      return showConfirmAndApply(
          planned, clients, settings, dependsOn(checked), true, images.orElse(null));
    }
  }

  private int applySavedPlan() throws FgdRuntimeException, InterruptedException {
    if (build) {
      terminal
          .err()
          .println(
              "Error: --build cannot change a saved plan: build and push first (fgd build --push),"
                  + " then apply the plan.");
      return ExitCodes.USAGE;
    }
    if (imageTag != null) {
      terminal
          .err()
          .println(
              "Error: --image-tag cannot change a saved plan: its images were fixed when it was made. Plan again with --image-tag.");
      return ExitCodes.USAGE;
    }
    if (skipBeforeDeploy) {
      terminal
          .err()
          .println(
              "Error: --skip-before-deploy cannot change a saved plan: plan again with"
                  + " --skip-before-deploy --out FILE.");
      return ExitCodes.USAGE;
    }
    SavedPlan saved = SavedPlan.read(input);
    if (saved.prune() && !prune) {
      // its deletions were reviewed: without --prune they would be shown and then not made
      terminal
          .err()
          .println(
              "Error: "
                  + input
                  + " was made by fgd plan --prune, and what it deletes is only deleted with"
                  + " --prune: apply it as it was reviewed, with fgd apply --prune "
                  + input
                  + ".");
      return ExitCodes.USAGE;
    }
    if (prune && !saved.prune()) {
      // its deletions were planned without --prune's reads: what a foreign rule still forwards
      // to, the rules fgd left on a listener the spec no longer names, were never looked for
      terminal
          .err()
          .println(
              "Error: "
                  + input
                  + " was made by fgd plan without --prune, so what --prune deletes was planned"
                  + " without the reads it needs: apply it as it was reviewed, with fgd apply "
                  + input
                  + ", or make it again with fgd plan --prune --out "
                  + input
                  + ".");
      return ExitCodes.USAGE;
    }
    String region = saved.region().orElse(null);
    if (region == null && aws.region == null) {
      throw new FgdRuntimeException(
          input + " does not record its region (it was saved by an older fgd). Pass --region.");
    }
    AwsSettings settings = aws.settings(region, terminal, parent.debug);
    try (AwsClients clients = AwsClients.connect(settings)) {
      // Read what the plan read when it was reviewed: with --prune's reads if it was made by fgd
      // plan --prune, which this apply's --prune matches (above).
      PlanResult fresh = SavedPlans.replan(saved, input, clients, settings);
      // The plan was reviewed when it was saved: apply it without asking again.
      return showConfirmAndApply(fresh, clients, settings, saved.dependsOn(), false, null);
    }
  }

  private int showConfirmAndApply(
      PlanResult planned,
      AwsClients clients,
      AwsSettings settings,
      Map<String, List<String>> dependsOn,
      boolean ask,
      BuildCommand.ForApply images)
      throws InterruptedException, FgdRuntimeException {
    boolean color = parent.color();
    boolean pruning =
        planned.plan().changes().stream()
            .anyMatch(
                c ->
                    c.action() == io.fgd.runtime.engine.Action.DESTROY
                        && c.service()
                            .map(planned.observed().orphans()::containsKey)
                            .orElse(false));
    if (planned.plan().hasChanges()) {
      terminal.out().print(TextRenderer.render(planned.plan(), color));
      if (pruning && !prune) {
        terminal
            .out()
            .println(
                "Services that left the spec are only deleted with --prune; this apply leaves them running.");
      }
      terminal.out().flush();
    }
    if (images != null) {
      images.announce();
    }
    // The sandbox runs no containers, so its deployments never reach steady state: waiting would
    // only end in a timeout. Say so rather than pretend.
    boolean wait = !noWait && !aws.sandbox;
    if (aws.sandbox && !noWait) {
      terminal
          .err()
          .println(
              "fgd: the sandbox runs no containers, so apply does not wait for deployments there.");
    }
    if (!planned.plan().hasChanges() && wait && !planned.plan().rollouts().isEmpty()) {
      // Nothing to change, but rollouts an earlier apply started are not finished: apply waits
      // for them as for its own (the plan shows them when it has changes).
      terminal.out().print(TextRenderer.rollouts(planned.plan(), java.time.Instant.now()));
      terminal.out().flush();
    }
    ApplyOptions options =
        new ApplyOptions(
            prune,
            keepRevisions,
            wait,
            WatchOptions.DEFAULTS.withTimeout(timeout).withMaxTaskFailures(maxTaskFailures),
            dependsOn);
    boolean work =
        planned.plan().changes().stream()
            .anyMatch(
                c ->
                    prune
                        || !(c.action() == io.fgd.runtime.engine.Action.DESTROY
                            && c.service()
                                .map(planned.observed().orphans()::containsKey)
                                .orElse(false)));
    if (work && ask && !autoApprove) {
      terminal.out().print("Apply these changes? Only 'yes' is accepted: ");
      terminal.out().flush();
      String answer;
      try {
        answer = terminal.in().readLine();
      } catch (IOException e) {
        answer = null;
      }
      if (answer == null || !answer.strip().equals("yes")) {
        terminal.out().println();
        terminal.err().println("Apply cancelled: nothing was changed.");
        return ExitCodes.ERROR;
      }
    }

    // Images first: a build that fails stops the apply before it changes anything.
    if (images != null && !images.run()) {
      return ExitCodes.ERROR;
    }
    ApplyListener listener =
        new ApplyListener() {
          @Override
          public synchronized void changed(AppliedChange change) {
            terminal
                .out()
                .println(change.service().map(s -> s + ": ").orElse("") + change.describe());
            terminal.out().flush();
          }

          @Override
          public synchronized void note(String message) {
            terminal.out().println(message);
            terminal.out().flush();
          }

          @Override
          public synchronized void output(String service, String line) {
            terminal.out().println(service + " | " + line);
            terminal.out().flush();
          }
        };
    ProgressListener progress =
        terminal.interactive()
            ? LiveProgress.forConsole(terminal.out(), color)
            : new PlainProgress(terminal.out());
    Thread warning =
        new Thread(
            () ->
                terminal
                    .err()
                    .println(
                        "fgd apply was interrupted. What it changed stays changed; run fgd apply again to finish."));
    Runtime.getRuntime().addShutdownHook(warning);
    ApplyResult result;
    try {
      result = new Applier(clients, settings, options, listener, progress).apply(planned);
    } finally {
      try {
        Runtime.getRuntime().removeShutdownHook(warning);
      } catch (IllegalStateException e) {
        // shutting down already: the hook runs
      }
    }
    if (parent.debug) {
      terminal.err().println("fgd: AWS calls that changed something: " + result.mutatingCalls());
    }
    return report(result);
  }

  private int report(ApplyResult result) {
    var out = terminal.out();
    var err = terminal.err();
    int made = result.changes().size();
    String changes = Reports.count(made, "change");
    switch (result.status()) {
      case NOTHING_TO_DO -> {
        out.println(
            result.outcomes().isEmpty()
                ? "No changes. The account already matches the spec; fgd made no change."
                : "No changes. fgd made no change, and the rollouts in flight reached steady"
                    + " state.");
        out.flush();
        return ExitCodes.OK;
      }
      case APPLIED -> {
        out.println(
            "Apply complete: "
                + changes
                + " made"
                + (result.waited()
                    ? ", every changed service reached steady state."
                    : aws.sandbox
                        ? ". The sandbox runs no containers, so there were no deployments to wait for."
                        : ". Did not wait for the deployments to finish (--no-wait)."));
        out.flush();
        return ExitCodes.OK;
      }
      case REFUSED -> {
        result.errors().forEach(e -> err.println("Error: " + e));
        err.println("Nothing was changed.");
        return ExitCodes.ERROR;
      }
      case FAILED -> {
        result.errors().forEach(e -> err.println("Error: " + e));
        err.println(
            "Apply failed after "
                + changes
                + ". Fix the cause and run fgd apply again: it continues from where it stopped.");
        return ExitCodes.ERROR;
      }
      case DEPLOYMENT_FAILED -> {
        for (DeploymentOutcome o : result.outcomes()) {
          if (o.kind() == DeploymentOutcome.Kind.ROLLED_BACK
              || o.kind() == DeploymentOutcome.Kind.TASKS_FAILING) {
            err.println(
                "Error: the deployment of service \""
                    + o.service()
                    + "\" failed: "
                    + o.explanation());
          }
        }
        err.println(
            "Apply failed: "
                + changes
                + " made, but not every deployment succeeded"
                + (made == 0
                    ? " (the rollouts in flight were started by an earlier apply)."
                    : "."));
        return ExitCodes.DEPLOYMENT_FAILED;
      }
      case STEP_FAILED -> {
        result.errors().forEach(e -> err.println("Error: " + e));
        err.println(
            "Apply stopped before deploying: "
                + changes
                + " made, and no service was created or updated. Fix the cause and run fgd apply"
                + " again.");
        return ExitCodes.BEFORE_DEPLOY_FAILED;
      }
      case TIMED_OUT -> {
        // A step still failing at the timeout: a before_deploy task still running (no service was
        // changed), or a security group a network interface still held.
        result.errors().forEach(e -> err.println("Error: " + e));
        if (result.outcomes().stream()
            .noneMatch(o -> o.kind() == DeploymentOutcome.Kind.TIMED_OUT)) {
          err.println("Apply timed out after --timeout " + human(timeout) + ".");
          return ExitCodes.TIMED_OUT;
        }
        for (DeploymentOutcome o : result.outcomes()) {
          if (o.kind() == DeploymentOutcome.Kind.TIMED_OUT) {
            err.println("Error: service \"" + o.service() + "\": " + o.explanation());
          }
        }
        err.println(
            "Apply timed out after --timeout "
                + human(timeout)
                + ": ECS goes on deploying; check with fgd plan or run fgd apply again to wait.");
        return ExitCodes.TIMED_OUT;
      }
      default -> throw new IllegalStateException("unknown status " + result.status());
    }
  }

  /** The artifacts, without the before_deploy tasks when they are skipped. */
  static List<io.fgd.compiler.Artifact> withoutBeforeDeploy(
      List<io.fgd.compiler.Artifact> artifacts, boolean skip) {
    if (!skip) {
      return artifacts;
    }
    String suffix = "/" + io.fgd.compiler.emit.ecs.EcsEmitter.BEFORE_DEPLOY_FILE;
    return artifacts.stream().filter(a -> !a.path().endsWith(suffix)).toList();
  }

  /** The spec's depends_on, by service. */
  static Map<String, List<String>> dependsOn(Spec spec) {
    Map<String, List<String>> out = new TreeMap<>();
    for (var s : spec.services()) {
      if (!s.dependsOn().isEmpty()) {
        out.put(s.name().value(), s.dependsOn().stream().map(Located::value).toList());
      }
    }
    return out;
  }

  static String human(Duration d) {
    long s = d.toSeconds();
    if (s % 3600 == 0) {
      return s / 3600 + "h";
    }
    return s % 60 == 0 ? s / 60 + "m" : s + "s";
  }

  /** 15m, 90s, 1h, 1h30m. */
  static final class DurationConverter implements ITypeConverter<Duration> {
    private static final Pattern FORMAT = Pattern.compile("(?:(\\d+)h)?(?:(\\d+)m)?(?:(\\d+)s)?");

    @Override
    public Duration convert(String value) {
      Matcher m = FORMAT.matcher(value.strip());
      if (value.isBlank() || !m.matches()) {
        throw new TypeConversionException(
            "'" + value + "' is not a duration; write it like 15m, 90s or 1h30m");
      }
      Duration d = Duration.ZERO;
      if (m.group(1) != null) {
        d = d.plusHours(Long.parseLong(m.group(1)));
      }
      if (m.group(2) != null) {
        d = d.plusMinutes(Long.parseLong(m.group(2)));
      }
      if (m.group(3) != null) {
        d = d.plusSeconds(Long.parseLong(m.group(3)));
      }
      if (d.isZero()) {
        throw new TypeConversionException("the timeout must be longer than 0s");
      }
      return d;
    }
  }
}
