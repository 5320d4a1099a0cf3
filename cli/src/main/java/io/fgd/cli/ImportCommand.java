package io.fgd.cli;

import io.fgd.compiler.Compiler;
import io.fgd.compiler.output.AtomicFiles;
import io.fgd.compiler.source.SourceFile;
import io.fgd.runtime.FgdRuntimeException;
import io.fgd.runtime.aws.AwsSettings;
import io.fgd.runtime.importer.ImportResult;
import io.fgd.runtime.importer.Importer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(
    name = "import",
    mixinStandardHelpOptions = true,
    description = {
      "Write a .fgd spec for services that already run in ECS.",
      "",
      "Reads each service, the task definition it runs, its autoscaling and its log"
          + " configuration, and writes the spec that describes them, so that 'fgd plan' on it"
          + " shows no changes. What the language cannot say is a warning: a '# fgd import:'"
          + " comment in the spec, where it belongs, and a line on stderr. The written spec is"
          + " then planned against the same account, and every change that first plan would"
          + " make is announced on stderr. Makes no change."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  fgd import --cluster sheets-prod --region us-west-1 --out deploy/sheets.fgd",
      "  fgd import --cluster sheets-prod --service api --service server --app sheets",
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:imported (warnings and the first plan's changes, if any, are on stderr)",
      "1:AWS could not be read, the output exists, or the spec has errors (see the message)",
      "64:usage error",
      "70:a bug in fgd",
    })
final class ImportCommand implements Callable<Integer> {
  private final Terminal terminal;

  @ParentCommand FgdCommand parent;

  @Option(
      names = "--cluster",
      required = true,
      paramLabel = "CLUSTER",
      description = "The ECS cluster the services run in.")
  String cluster;

  @Option(
      names = "--service",
      paramLabel = "NAME",
      description =
          "A service to import; repeat for several (default: every service of the cluster).")
  List<String> services = new ArrayList<>();

  @Option(
      names = "--app",
      paramLabel = "NAME",
      description =
          "The app name (default: the prefix the task definition families share, such as sheets for sheets-api).")
  String app;

  @Option(
      names = "--out",
      paramLabel = "FILE",
      description = "Write the spec to FILE (default: stdout).")
  Path out;

  @Option(names = "--force", description = "Replace FILE if it exists.")
  boolean force;

  @Mixin AwsOptions aws;

  ImportCommand(Terminal terminal) {
    this.terminal = terminal;
  }

  @Override
  public Integer call() {
    try {
      if (out != null && !force && Files.exists(out)) {
        throw new FgdRuntimeException(
            out + " exists; choose another --out, or add --force to replace it.");
      }
      AwsSettings settings = aws.settings(null, terminal, parent.debug);
      String region = settings.region().orElseThrow();
      ImportResult result =
          Importer.run(
              new Importer.Request(cluster, services, Optional.ofNullable(app), region), settings);
      if (parent.debug) {
        terminal
            .err()
            .println(
                "fgd: "
                    + result.apiCalls()
                    + " AWS API calls ("
                    + result.firstPlanCalls()
                    + " of them to plan the written spec)");
      }
      String where = out == null ? "<stdout>" : out.toString();
      for (ImportResult.Located w : result.warnings()) {
        terminal
            .err()
            .println(
                "Warning: "
                    + where
                    + ":"
                    + w.line()
                    + ": "
                    + w.warning().subject()
                    + ": "
                    + w.warning().message());
      }
      for (ImportResult.Announcement a : result.firstPlan()) {
        terminal.err().println("Warning: " + a.subject() + ": " + a.message());
      }
      if (out == null) {
        terminal.out().print(result.spec());
        terminal.out().flush();
      } else {
        write(out, result.spec());
        terminal
            .out()
            .println(
                "Imported "
                    + Reports.count(result.services().size(), "service")
                    + " of cluster "
                    + cluster
                    + " into "
                    + out
                    + ".");
      }
      // The import is checked as any spec is; an error here is something the language could not
      // say.
      SourceFile source = new SourceFile(where, result.spec());
      Compiler.Validation validation = Compiler.validate(source);
      Reports.diagnostics(terminal, parent.color(), validation.diagnostics(), source);
      if (validation.hasErrors()) {
        terminal
            .err()
            .println("Error: the imported spec has errors (above); fix them before planning it.");
        return ExitCodes.ERROR;
      }
      if (!result.warnings().isEmpty()) {
        terminal
            .err()
            .println(
                Reports.count(result.warnings().size(), "warning")
                    + ": what they name "
                    + "was not imported exactly; each is also a '# fgd import:' comment in the spec.");
      }
      if (!result.firstPlan().isEmpty()) {
        terminal
            .err()
            .println(
                Reports.count(result.firstPlan().size(), "change")
                    + " announced: 'fgd plan' on this spec will show "
                    + (result.firstPlan().size() == 1 ? "it" : "them")
                    + " (the spec cannot say what runs now); nothing is changed until you apply.");
      }
      return ExitCodes.OK;
    } catch (FgdRuntimeException e) {
      terminal.err().println("Error: " + e.getMessage());
      return ExitCodes.ERROR;
    } catch (IOException e) {
      terminal.err().println("Error: could not write " + out + ": " + e.getMessage());
      return ExitCodes.ERROR;
    }
  }

  /** Writes next to the target, then renames: a failed import never leaves half a spec. */
  private void write(Path target, String text) throws IOException, FgdRuntimeException {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    if (force) {
      AtomicFiles.write(target, bytes);
      return;
    }
    try {
      AtomicFiles.create(target, bytes);
    } catch (FileAlreadyExistsException e) {
      throw new FgdRuntimeException(
          target + " exists; choose another --out, or add --force to replace it.");
    }
  }
}
