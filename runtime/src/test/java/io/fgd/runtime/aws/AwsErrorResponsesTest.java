package io.fgd.runtime.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.fgd.runtime.FgdRuntimeException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * What fgd says about answers that are not the usual AWS errors, from a local HTTP server that
 * sends exactly such an answer to the real SDK client.
 */
class AwsErrorResponsesTest {
  private HttpServer server;
  private final AtomicInteger requests = new AtomicInteger();
  private volatile int status;
  private volatile String contentType;
  private volatile String body;

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/",
        exchange -> {
          requests.incrementAndGet();
          exchange.getRequestBody().readAllBytes();
          byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", contentType);
          exchange.sendResponseHeaders(status, bytes.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
          }
        });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private void answer(int status, String contentType, String body) {
    this.status = status;
    this.contentType = contentType;
    this.body = body;
  }

  private AwsSettings settings(boolean debug) {
    return new AwsSettings(
            Optional.empty(),
            Optional.of("us-west-1"),
            Optional.of(URI.create("http://127.0.0.1:" + server.getAddress().getPort())))
        .withDebug(debug);
  }

  /** Calls DescribeClusters (the ECS JSON protocol) and returns fgd's sentence for the failure. */
  private String ecsFails(boolean debug) {
    return fails(debug, clients -> clients.ecs().describeClusters(b -> b.clusters("c")));
  }

  private String fails(boolean debug, java.util.function.Consumer<AwsClients> call) {
    AwsSettings settings = settings(debug);
    try (AwsClients clients =
        AwsClients.create(
            settings, StaticCredentialsProvider.create(AwsBasicCredentials.create("AKID", "s")))) {
      SdkException e = assertThrows(SdkException.class, () -> call.accept(clients));
      FgdRuntimeException translated = AwsErrors.translate(e, "reading cluster \"c\"", settings);
      return translated.getMessage();
    }
  }

  @Test
  void anUnreadableErrorKeepsItsStatusAndShowsItsBodyWithDebugWithoutCredentials() {
    String page =
        "<html><body><h1>403 Forbidden</h1>\n<p>request was: Authorization: AWS4-HMAC-SHA256"
            + " Credential=AKIAIOSFODNN7EXAMPLE/20261129/us-west-1/ecs/aws4_request,"
            + " SignedHeaders=host, Signature=fe5f80f77d5fa3beca038a248ff027d0445342fe2855ddc963176630326f1024"
            + " X-Amz-Security-Token: FwoGZXIvYXdzEBYaDHqa0AP1AbCdEfGhIjKBAbCdEf</p>"
            + "the proxy has more to say. ".repeat(30)
            + "</body></html>";
    answer(403, "text/html", page);
    String plain = ecsFails(false);
    assertTrue(
        plain.startsWith("AWS answered HTTP 403 while reading cluster \"c\" at http://127.0.0.1:"),
        plain);
    assertTrue(plain.contains("not an AWS error: check that --endpoint-url"), plain);
    assertTrue(plain.endsWith("Run again with --debug to see the response."), plain);
    assertFalse(plain.contains("Forbidden"), plain);
    assertEquals(1, requests.getAndSet(0), "a 403 is not retried");

    String debug = ecsFails(true);
    assertTrue(debug.contains("HTTP 403"), debug);
    assertTrue(debug.contains("<h1>403 Forbidden</h1> <p>request was:"), debug);
    assertTrue(debug.contains("more characters)"), debug);
    for (String secret :
        new String[] {
          "AKIAIOSFODNN7EXAMPLE", "fe5f80f77d5fa3be", "FwoGZXIvYXdzEBYaDHqa0AP1AbCdEfGhIjKBAbCdEf"
        }) {
      assertFalse(debug.contains(secret), secret + " in " + debug);
    }
    assertTrue(debug.length() < 1000, debug);
  }

  @Test
  void anUnreadableServerErrorSaysItsStatus() {
    answer(502, "text/html", "<html>Bad gateway</html>");
    String message = ecsFails(false);
    assertTrue(message.startsWith("AWS answered HTTP 502 while reading cluster"), message);
    answer(404, "text/plain", "");
    String empty = ecsFails(true);
    assertTrue(empty.contains("HTTP 404"), empty);
    assertTrue(empty.endsWith("The response body was empty."), empty);
  }

  @Test
  void aSuccessThatCannotBeReadIsNotANetworkProblem() {
    answer(200, "application/x-amz-json-1.1", "{not json");
    String message = ecsFails(false);
    assertTrue(message.contains("with a response fgd could not read"), message);
    assertTrue(message.contains("Response Code: 200"), message);
    assertFalse(message.contains("Could not reach"), message);
  }

  @Test
  void aQuotaIsNotThrottlingAndIsNotRetried() {
    answer(
        400,
        "application/x-amz-json-1.1",
        "{\"__type\":\"LimitExceededException\",\"message\":\"The limit for the resource was"
            + " exceeded.\"}");
    String ecs = ecsFails(false);
    assertEquals(1, requests.getAndSet(0), "the SDK must not retry a quota as throttling");
    assertTrue(
        ecs.contains(
            "because an Amazon ECS quota is reached: The limit for the resource was exceeded."),
        ecs);
    assertTrue(ecs.contains("Waiting does not help"), ecs);
    assertFalse(ecs.toLowerCase(java.util.Locale.ROOT).contains("throttl"), ecs);
    assertFalse(ecs.contains("Wait a minute"), ecs);

    answer(
        400,
        "application/x-amz-json-1.1",
        "{\"__type\":\"LimitExceededException\",\"message\":\"Resource limit exceeded.\"}");
    String logs = fails(false, clients -> clients.logs().createLogGroup(b -> b.logGroupName("/x")));
    assertEquals(1, requests.getAndSet(0), "the SDK must not retry a quota as throttling");
    assertTrue(logs.contains("CloudWatch Logs quota is reached: Resource limit exceeded."), logs);
    assertTrue(logs.contains("Service Quotas console (CloudWatch Logs)"), logs);

    answer(
        400,
        "application/x-amz-json-1.1",
        "{\"__type\":\"LimitExceededException\",\"Message\":\"Maximum scalable targets"
            + " reached.\"}");
    String scaling =
        fails(
            false,
            clients ->
                clients
                    .autoScaling()
                    .registerScalableTarget(
                        b ->
                            b.serviceNamespace("ecs")
                                .resourceId("service/c/api")
                                .scalableDimension("ecs:service:DesiredCount")));
    assertEquals(1, requests.getAndSet(0), "the SDK must not retry a quota as throttling");
    assertTrue(
        scaling.contains(
            "because an Application Auto Scaling quota is reached: Maximum scalable targets"
                + " reached."),
        scaling);
  }
}
