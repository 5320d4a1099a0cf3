package io.fgd.lsp;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.lsp4j.MessageActionItem;
import org.eclipse.lsp4j.MessageParams;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.ShowMessageRequestParams;
import org.eclipse.lsp4j.services.LanguageClient;

/** An editor, in process: records what the server sends it. */
final class TestClient implements LanguageClient {
  final BlockingQueue<PublishDiagnosticsParams> diagnostics = new LinkedBlockingQueue<>();
  final BlockingQueue<MessageParams> logs = new LinkedBlockingQueue<>();

  @Override
  public void telemetryEvent(Object object) {}

  @Override
  public void publishDiagnostics(PublishDiagnosticsParams params) {
    diagnostics.add(params);
  }

  @Override
  public void showMessage(MessageParams params) {
    logs.add(params);
  }

  @Override
  public CompletableFuture<MessageActionItem> showMessageRequest(ShowMessageRequestParams params) {
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public void logMessage(MessageParams params) {
    logs.add(params);
  }

  /** The next diagnostics published; fails the test after a minute of silence. */
  PublishDiagnosticsParams nextDiagnostics() throws InterruptedException {
    PublishDiagnosticsParams next = diagnostics.poll(60, TimeUnit.SECONDS);
    if (next == null) {
      throw new AssertionError("the server published no diagnostics within a minute");
    }
    return next;
  }
}
