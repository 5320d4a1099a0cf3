package io.fgd.cli;

import io.fgd.compiler.output.AtomicFiles;
import io.fgd.compiler.parse.Formatter;
import io.fgd.compiler.source.SourceFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(
    name = "fmt",
    mixinStandardHelpOptions = true,
    description = {
      "Rewrite specs in the canonical layout: indentation, aligned values, blank lines.",
      "",
      "Only whitespace changes; comments stay where they are. A file with syntax errors is"
          + " left untouched and its errors are printed. A folder means every .fgd file under"
          + " it. Prints the files it changed (with --check: the files it would change)."
    },
    footerHeading = "%nExamples:%n",
    footer = {"  fgd fmt specs/examples/sheets.fgd", "  fgd fmt --check specs/"},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:every file is formatted (now, or already with --check)",
      "1:with --check: a file is not formatted; or a file has syntax errors, or cannot be read or written",
      "64:usage error",
      "70:a bug in fgd",
    })
final class FmtCommand implements Callable<Integer> {
  private final Terminal terminal;

  @ParentCommand FgdCommand parent;

  @Option(
      names = "--check",
      description = "Change nothing; list the files that are not formatted and exit 1 if any.")
  boolean check;

  @Parameters(
      paramLabel = "FILE",
      arity = "1..*",
      description = "The .fgd files, or folders of them, to format.")
  List<Path> files;

  FmtCommand(Terminal terminal) {
    this.terminal = terminal;
  }

  @Override
  public Integer call() {
    boolean failed = false;
    boolean unformatted = false;
    for (Path path : expand()) {
      Optional<SourceFile> source = SpecInput.read(path, terminal);
      if (source.isEmpty()) {
        failed = true;
        continue;
      }
      Formatter.Result result = Formatter.format(source.get());
      if (result.text().isEmpty()) {
        Reports.diagnostics(terminal, parent.color(), result.diagnostics(), source.get());
        failed = true;
        continue;
      }
      String formatted = result.text().get();
      if (formatted.equals(raw(path))) {
        continue;
      }
      unformatted = true;
      if (!check) {
        try {
          write(path, formatted);
        } catch (IOException e) {
          terminal.err().println("Error: cannot write " + path + ": " + e.getMessage());
          failed = true;
          continue;
        }
      }
      terminal.out().println(path);
    }
    terminal.out().flush();
    return failed || (check && unformatted) ? ExitCodes.ERROR : ExitCodes.OK;
  }

  /** The files given, with folders replaced by the .fgd files under them, in name order. */
  private List<Path> expand() {
    List<Path> all = new ArrayList<>();
    for (Path path : files) {
      if (!Files.isDirectory(path)) {
        all.add(path);
        continue;
      }
      try (Stream<Path> walk = Files.walk(path)) {
        walk.filter(p -> p.toString().endsWith(".fgd") && Files.isRegularFile(p))
            .sorted()
            .forEach(all::add);
      } catch (IOException e) {
        terminal.err().println("Error: cannot list " + path + ": " + e.getMessage());
      }
    }
    return all;
  }

  /** The file exactly as stored (byte-order mark and line endings included). */
  private static String raw(Path path) {
    try {
      return new String(Files.readAllBytes(path), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }

  /** Replaces the file in one step, so an interrupted run never leaves half a spec. */
  private static void write(Path path, String text) throws IOException {
    AtomicFiles.write(path, text.getBytes(StandardCharsets.UTF_8));
  }
}
