package io.fgd.cli;

import io.fgd.compiler.Artifact;
import io.fgd.compiler.CompileOptions;
import io.fgd.compiler.Compiler;
import io.fgd.compiler.output.OutputFolder;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(
    name = "compile",
    mixinStandardHelpOptions = true,
    description = {
      "Compile a spec to Dockerfiles and ECS JSON.",
      "",
      "For each service: SERVICE/Dockerfile and SERVICE/Dockerfile.dockerignore (with a"
          + " build), SERVICE/taskdef.json, SERVICE/service.json, SERVICE/scaling.json (when it"
          + " scales) and SERVICE/logs.json (unless logs are off). Writes nothing at all if the"
          + " spec has errors; the output folder is replaced whole, and a folder fgd did not"
          + " write is never replaced."
    },
    footerHeading = "%nExample:%n",
    footer = {
      "  fgd compile specs/examples/sheets.fgd --out build/fgd --image-tag 3f9c2e1",
      "  fgd compile specs/examples/staged.fgd --stage prod --var image_tag=v1.4.2"
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:compiled; the files were written",
      "1:the spec has errors, could not be read, or the output could not be written",
      "64:usage error",
      "70:a bug in fgd",
    })
final class CompileCommand implements Callable<Integer> {
  private final Terminal terminal;

  @ParentCommand FgdCommand parent;

  @Mixin StageOptions stageOptions;

  @Parameters(paramLabel = "SPEC", description = "The .fgd file to compile.")
  Path spec;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      defaultValue = "build/fgd",
      description = "Output folder, replaced whole (default: ${DEFAULT-VALUE}).")
  Path out;

  @Option(
      names = "--image-tag",
      paramLabel = "TAG",
      description = "Tag of the images of services built from source, such as the git commit SHA.")
  String imageTag;

  CompileCommand(Terminal terminal) {
    this.terminal = terminal;
  }

  @Override
  public Integer call() {
    Optional<SpecInput.Compiled> compiled =
        SpecInput.compile(
            spec,
            terminal,
            parent.color(),
            stageOptions.specOptions(terminal),
            new CompileOptions(Optional.ofNullable(imageTag)));
    if (compiled.isEmpty()) {
      return ExitCodes.ERROR;
    }
    Compiler.Compilation result = compiled.get().compilation();
    try {
      OutputFolder.replace(out, result.artifacts());
    } catch (OutputFolder.OutputException e) {
      terminal.err().println("Error: " + e.getMessage());
      return ExitCodes.ERROR;
    }
    terminal.out().println("Compiled " + spec + " to " + out + "/:");
    for (Artifact artifact : result.artifacts()) {
      terminal.out().println("  " + artifact.path());
    }
    return ExitCodes.OK;
  }
}
