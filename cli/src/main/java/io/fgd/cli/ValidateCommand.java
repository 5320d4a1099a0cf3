package io.fgd.cli;

import io.fgd.compiler.Compiler;
import io.fgd.compiler.source.SourceFile;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    description = {
      "Check a spec and print every error and warning, without writing anything or calling AWS."
    },
    footerHeading = "%nExample:%n",
    footer = {"  fgd validate specs/examples/sheets.fgd", "  fgd validate --cost deploy/app.fgd"},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:the spec is valid (warnings may have been printed)",
      "1:the spec has errors, or could not be read",
      "64:usage error",
      "70:a bug in fgd",
    })
final class ValidateCommand implements Callable<Integer> {
  private final Terminal terminal;

  @ParentCommand FgdCommand parent;

  @Mixin StageOptions stageOptions;

  @picocli.CommandLine.Option(
      names = "--cost",
      description =
          "Also print what each service costs a month on Fargate, from the prices fgd carries (no"
              + " AWS call).")
  boolean cost;

  @Parameters(paramLabel = "SPEC", description = "The .fgd file to check.")
  Path spec;

  ValidateCommand(Terminal terminal) {
    this.terminal = terminal;
  }

  @Override
  public Integer call() {
    Optional<SourceFile> source = SpecInput.read(spec, terminal);
    if (source.isEmpty()) {
      return ExitCodes.ERROR;
    }
    Compiler.Validation result =
        Compiler.validate(source.get(), stageOptions.specOptions(terminal));
    Reports.diagnostics(terminal, parent.color(), result.diagnostics(), source.get());
    if (result.hasErrors()) {
      return ExitCodes.ERROR;
    }
    terminal.out().println(spec + " is valid" + Reports.warningSuffix(result.diagnostics()) + ".");
    if (cost) {
      terminal.out().print(io.fgd.compiler.cost.CostReport.render(result.spec().orElseThrow()));
    }
    return ExitCodes.OK;
  }
}
