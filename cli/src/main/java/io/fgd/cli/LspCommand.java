package io.fgd.cli;

import io.fgd.lsp.LspMain;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "lsp",
    mixinStandardHelpOptions = true,
    description = {
      "Run the fgd language server on standard input and output, for editors.",
      "",
      "It speaks the Language Server Protocol: fgd validate's diagnostics as you type (for every"
          + " stage), completion, hover, formatting (fgd fmt's), outline, go to definition,"
          + " references and quick fixes. Editors start it; see editors/vscode for Visual Studio"
          + " Code."
    },
    footerHeading = "%nExample:%n",
    footer = {"  fgd lsp"},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:the editor asked the server to shut down, then to exit",
      "1:the editor exited or closed the connection without asking it to shut down",
      "64:usage error",
      "70:a bug in fgd",
    })
final class LspCommand implements Callable<Integer> {
  private final Terminal terminal;

  @Option(
      names = "--stdio",
      description = "Talk over standard input and output (the default and only transport).")
  boolean stdio;

  LspCommand(Terminal terminal) {
    this.terminal = terminal;
  }

  @Override
  public Integer call() {
    // Standard output carries the protocol: nothing else may be written to it.
    return LspMain.run(System.in, System.out, terminal.env());
  }
}
