package io.fgd.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code fgd lsp} in a JVM of its own, as an editor starts it: it answers initialize, publishes the
 * diagnostics of an opened spec, shuts down and exits 0 on request, and loads no AWS SDK class (the
 * server depends on the compiler only).
 */
class LspCommandIT {
  @TempDir Path tmp;

  @Test
  void answersAnEditorAndLoadsNoAwsSdkClass() throws Exception {
    Path log = tmp.resolve("classes.log");
    Process process =
        new ProcessBuilder(
                ChildJvm.command(
                    List.of("-Xlog:class+load=info:file=" + log),
                    "io.fgd.cli.Main",
                    List.of("lsp")))
            .redirectError(tmp.resolve("stderr.txt").toFile())
            .start();
    OutputStream in = process.getOutputStream();
    InputStream out = process.getInputStream();
    send(
        in,
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"processId\":null,"
            + "\"rootUri\":null,\"capabilities\":{}}}");
    assertTrue(read(out).contains("\"completionProvider\""));
    send(in, "{\"jsonrpc\":\"2.0\",\"method\":\"initialized\",\"params\":{}}");
    send(
        in,
        "{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/didOpen\",\"params\":{\"textDocument\":"
            + "{\"uri\":\"file:///t.fgd\",\"languageId\":\"fgd\",\"version\":1,"
            + "\"text\":\"app x {\\n  regoin us-west-1\\n}\\n\"}}}");
    String published = read(out);
    assertTrue(published.contains("textDocument/publishDiagnostics"), published);
    assertTrue(published.contains("Did you mean \\\"region\\\"?"), published);
    send(in, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"shutdown\"}");
    assertTrue(read(out).contains("\"id\":2"));
    send(in, "{\"jsonrpc\":\"2.0\",\"method\":\"exit\"}");
    assertTrue(process.waitFor(60, TimeUnit.SECONDS), "fgd lsp did not exit");
    assertEquals(0, process.exitValue(), Files.readString(tmp.resolve("stderr.txt")));
    List<String> loaded = Files.readAllLines(log, StandardCharsets.UTF_8);
    assertTrue(loaded.size() > 400, "class loading was not logged: " + loaded.size());
    List<String> sdk = loaded.stream().filter(l -> l.contains("software.amazon")).toList();
    assertEquals(List.of(), sdk);
  }

  private static void send(OutputStream in, String json) throws IOException {
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    in.write(("Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
    in.write(body);
    in.flush();
  }

  /** One message from the server: its headers, then as many bytes as they announce. */
  private static String read(InputStream out) throws IOException {
    ByteArrayOutputStream header = new ByteArrayOutputStream();
    while (!header.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
      int b = out.read();
      if (b < 0) {
        throw new IOException("fgd lsp closed its output");
      }
      header.write(b);
    }
    int length = 0;
    for (String line : header.toString(StandardCharsets.US_ASCII).split("\r\n")) {
      if (line.toLowerCase().startsWith("content-length:")) {
        length = Integer.parseInt(line.substring("content-length:".length()).strip());
      }
    }
    return new String(out.readNBytes(length), StandardCharsets.UTF_8);
  }
}
