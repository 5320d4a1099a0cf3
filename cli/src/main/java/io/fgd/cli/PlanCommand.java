package io.fgd.cli;

import io.fgd.compiler.Compiler;
import io.fgd.runtime.FgdRuntimeException;
import io.fgd.runtime.engine.PlanResult;
import io.fgd.runtime.engine.Planner;
import io.fgd.runtime.engine.SavedPlan;
import io.fgd.runtime.render.JsonRenderer;
import io.fgd.runtime.render.MarkdownRenderer;
import io.fgd.runtime.render.TextRenderer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(
    name = "plan",
    mixinStandardHelpOptions = true,
    description = {
      "Show what applying a spec would change in ECS.",
      "",
      "Reads the cluster, services, task definitions, autoscaling and log groups the spec"
          + " describes, and services that carry the app's fgd:app tag but left the spec, and"
          + " compares them with what the spec compiles to. Makes no change. Without"
          + " --image-tag, services built from source keep the image they run."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  fgd plan specs/examples/sheets.fgd --sandbox",
      "  fgd plan deploy/app.fgd --image-tag \"$GITHUB_SHA\" --markdown > plan.md",
      "  fgd plan deploy/app.fgd --out app.plan --detailed-exitcode",
      "  fgd plan deploy/app.fgd --stage prod --var image_tag=\"$GITHUB_SHA\""
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:planned (with --detailed-exitcode: no changes)",
      "1:the spec has errors, or AWS could not be read (see the message)",
      "2:with --detailed-exitcode: the plan has changes",
      "64:usage error",
      "70:a bug in fgd",
    })
final class PlanCommand implements Callable<Integer> {
  static final int CHANGES = 2;

  private final Terminal terminal;

  @ParentCommand FgdCommand parent;

  @Mixin StageOptions stageOptions;

  @Parameters(paramLabel = "SPEC", description = "The .fgd file to plan.")
  Path spec;

  @Option(
      names = "--image-tag",
      paramLabel = "TAG",
      description = "Tag of the images of services built from source.")
  String imageTag;

  @ArgGroup(exclusive = true)
  Format format = new Format();

  static final class Format {
    @Option(
        names = "--json",
        description = "Print the plan as JSON (schema: specs/schemas/plan.schema.json).")
    boolean json;

    @Option(
        names = "--markdown",
        description = "Print the plan as Markdown, for a pull-request comment.")
    boolean markdown;
  }

  @Option(
      names = "--out",
      paramLabel = "FILE",
      description = "Also save the plan, for 'fgd apply FILE'.")
  Path out;

  @Option(
      names = "--prune",
      description =
          "Plan as apply --prune does: also look for what only --prune deletes, such as fgd's load"
              + " balancer once the app's last route is gone (save with --out for apply --prune).")
  boolean prune;

  @Option(
      names = "--detailed-exitcode",
      description = "Exit 2 when there are changes, 0 when there are none.")
  boolean detailedExitCode;

  @Option(
      names = "--skip-before-deploy",
      description =
          "Plan without the services' before_deploy tasks (migrations), as apply --skip-before-deploy"
              + " runs; a plan saved with it applies without them.")
  boolean skipBeforeDeploy;

  @Mixin AwsOptions aws;

  PlanCommand(Terminal terminal) {
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
    Compiler.Compilation compiled = input.get().compilation();
    var artifacts = ApplyCommand.withoutBeforeDeploy(compiled.artifacts(), skipBeforeDeploy);
    var app = input.get().app();
    try {
      var settings = aws.settings(app.region().orElseThrow().value(), terminal, parent.debug);
      PlanResult result = Planner.plan(app.name().value(), artifacts, settings, prune);
      if (parent.debug) {
        terminal.err().println("fgd: " + result.apiCalls() + " AWS API calls");
      }
      var cost =
          io.fgd.runtime.cost.PlanCost.of(
              result, settings.region().orElse(app.region().orElseThrow().value()));
      String rendered =
          format.json
              ? JsonRenderer.render(result.plan(), cost)
              : format.markdown
                  ? MarkdownRenderer.render(result.plan(), cost)
                  : TextRenderer.render(result.plan(), parent.color(), cost);
      terminal.out().print(rendered);
      terminal.out().flush();
      if (out != null) {
        byte[] specBytes = input.get().source().text().getBytes(StandardCharsets.UTF_8);
        SavedPlan.of(
                result,
                specBytes,
                artifacts,
                settings.region(),
                ApplyCommand.dependsOn(input.get().spec()))
            .write(out);
        terminal
            .err()
            .println(
                "Saved the plan to " + out + ". Apply exactly this plan with: fgd apply " + out);
      }
      return detailedExitCode && result.plan().hasChanges() ? CHANGES : ExitCodes.OK;
    } catch (FgdRuntimeException e) {
      terminal.err().println("Error: " + e.getMessage());
      return ExitCodes.ERROR;
    }
  }
}
