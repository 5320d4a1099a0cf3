package io.fgd.lsp;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.launch.LSPLauncher;
import org.eclipse.lsp4j.services.LanguageClient;

/** {@code fgd lsp}: the language server over a pair of streams, until the client exits. */
public final class LspMain {
  private LspMain() {}

  /** Serves until the input ends; returns 0 after a shutdown request, 1 without one. */
  public static int run(InputStream in, OutputStream out, Map<String, String> environment) {
    FgdLanguageServer server =
        new FgdLanguageServer(environment, FgdLanguageServer.DEFAULT_DEBOUNCE_MILLIS);
    Launcher<LanguageClient> launcher = LSPLauncher.createServerLauncher(server, in, out);
    server.connect(launcher.getRemoteProxy());
    Future<Void> listening = launcher.startListening();
    try {
      // Until the client says exit, or its end of the pipe closes.
      CompletableFuture.anyOf(server.exited(), CompletableFuture.runAsync(() -> waitFor(listening)))
          .get();
    } catch (ExecutionException e) {
      // the input ended or broke: the client is gone
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    server.exit();
    return server.isShutdown() ? 0 : 1;
  }

  private static void waitFor(Future<Void> listening) {
    try {
      listening.get();
    } catch (ExecutionException e) {
      // the input broke: the client is gone
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  public static void main(String[] args) {
    System.exit(run(System.in, System.out, System.getenv()));
  }
}
