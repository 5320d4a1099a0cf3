package io.fgd.runtime.moto;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fgd.runtime.FgdRuntimeException;
import io.fgd.runtime.sandbox.Moto;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A real moto server (an AWS emulator speaking the AWS wire protocols over HTTP) for integration
 * tests, installed by {@link Moto} on first use, started on a free port, shared by every test in
 * the JVM and stopped when the JVM exits. Tests call {@link #reset()} to start from an empty
 * account.
 */
public final class MotoServer {
  private static MotoServer shared;

  private final Process process;
  private final URI endpoint;
  private final Path log;

  private MotoServer(Process process, URI endpoint, Path log) {
    this.process = process;
    this.endpoint = endpoint;
    this.log = log;
  }

  /** The one server of this JVM, started on first call. */
  public static synchronized MotoServer shared() {
    if (shared == null) {
      shared = start();
      MotoServer s = shared;
      Runtime.getRuntime().addShutdownHook(new Thread(s::stop, "moto-stop"));
    }
    return shared;
  }

  public URI endpoint() {
    return endpoint;
  }

  /**
   * RequestCertificate in moto's ACM over its JSON protocol (the runtime has no ACM client; an
   * HTTPS listener's certificate must exist there): the certificate's ARN.
   */
  public String certificate(String domain) throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(endpoint + "/"))
            .header("Content-Type", "application/x-amz-json-1.1")
            .header("X-Amz-Target", "CertificateManager.RequestCertificate")
            .header(
                "Authorization",
                "AWS4-HMAC-SHA256 Credential=testing/20260101/us-west-1/acm/aws4_request,"
                    + " SignedHeaders=host, Signature=0")
            .POST(HttpRequest.BodyPublishers.ofString("{\"DomainName\":\"" + domain + "\"}"))
            .build();
    HttpResponse<String> response =
        HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    assertEquals(200, response.statusCode(), response.body());
    return new ObjectMapper().readTree(response.body()).path("CertificateArn").asText();
  }

  /** Forgets every resource of every service. */
  public void reset() {
    try {
      Moto.control(endpoint, "/moto-api/reset");
    } catch (IOException e) {
      throw new IllegalStateException(
          "could not reset moto at " + endpoint + "; its log: " + log, e);
    }
  }

  void stop() {
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static MotoServer start() {
    try {
      Path venv = Moto.install();
      int port;
      try (ServerSocket socket = new ServerSocket(0)) {
        port = socket.getLocalPort();
      }
      Path log = Files.createTempFile("moto-server-", ".log");
      return new MotoServer(Moto.start(venv, port, log), Moto.endpoint(port), log);
    } catch (IOException | FgdRuntimeException e) {
      throw new IllegalStateException("could not start moto_server: " + e.getMessage(), e);
    }
  }
}
