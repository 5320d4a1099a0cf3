package io.fgd.runtime.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A stand-in for the ECS endpoint that replays scripted answers over the real ECS wire protocol
 * (AWS JSON 1.1: {@code POST /}, operation in {@code X-Amz-Target:
 * AmazonEC2ContainerServiceV20141113.<Operation>}), so tests drive the real AWS SDK client. It
 * answers CloudWatch Logs and Application Auto Scaling the same way (same protocol, another target
 * prefix), so a whole {@code fgd apply} can be replayed.
 *
 * <p>Why replay rather than moto: moto, the ECS-compatible server used for the plan tests, makes a
 * deployment COMPLETED at once; it models neither rollouts that progress over several polls,
 * failing tasks with stop reasons, nor circuit-breaker rollbacks, which are exactly what the
 * deployment watcher must judge.
 *
 * <p>Each operation has a queue of answers; the last one repeats. An answer that is a JSON object
 * with {@code __type} is an AWS error: it is sent with HTTP 400, or with the status in {@code
 * __httpStatus} (which is removed from the body). A script may carry a key: it then answers only
 * requests whose body contains that text (scripts with a key win over keyless ones), which lets two
 * services be scripted separately. Every request is recorded.
 *
 * <p>Scenario folders under {@code src/test/resources/replay/<scenario>/} hold one file per
 * operation, named in kebab case: {@code describe-services.json}, or {@code
 * describe-services@api.json} for the key {@code api}; each holds an array of successive answers.
 */
public final class ReplayServer implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** A request as received: the operation and its JSON body. */
  public record Request(String operation, JsonNode body) {}

  private static final class Script {
    final String operation;
    final String key;
    final Deque<JsonNode> answers;

    Script(String operation, String key, List<JsonNode> answers) {
      if (answers.isEmpty()) {
        throw new IllegalArgumentException("no answers for " + operation);
      }
      this.operation = operation;
      this.key = key;
      this.answers = new ArrayDeque<>(answers);
    }

    JsonNode next() {
      return answers.size() > 1 ? answers.removeFirst() : answers.getFirst();
    }
  }

  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final List<Script> scripts = new ArrayList<>();
  private final List<Request> requests = new ArrayList<>();
  private final List<String> unscripted = new ArrayList<>();
  private volatile CountDownLatch gathering;
  private volatile boolean gathered;

  private ReplayServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.setExecutor(executor);
    server.start();
  }

  /** Starts a server on 127.0.0.1 and a free port. */
  public static ReplayServer start() {
    try {
      return new ReplayServer();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The endpoint to give the SDK as {@code endpointOverride}. */
  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** Adds the scripts of {@code replay/<scenario>/*.json} from the test class path. */
  public ReplayServer load(String scenario) {
    URL url = ReplayServer.class.getResource("/replay/" + scenario);
    if (url == null) {
      throw new IllegalArgumentException("no scenario folder replay/" + scenario);
    }
    try (Stream<Path> files = Files.list(Path.of(url.toURI()))) {
      for (Path file : files.sorted().toList()) {
        String name = file.getFileName().toString();
        if (!name.endsWith(".json")) {
          continue;
        }
        String stem = name.substring(0, name.length() - ".json".length());
        int at = stem.indexOf('@');
        String operation = operationName(at < 0 ? stem : stem.substring(0, at));
        String key = at < 0 ? null : stem.substring(at + 1);
        JsonNode answers = JSON.readTree(file.toFile());
        if (!answers.isArray()) {
          throw new IllegalArgumentException(file + " must hold an array of answers");
        }
        List<JsonNode> list = new ArrayList<>();
        answers.forEach(list::add);
        script(operation, key, list);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
    return this;
  }

  /** Scripts successive answers (JSON text) to {@code operation}; the last one repeats. */
  public ReplayServer script(String operation, String key, String... answers) {
    List<JsonNode> list = new ArrayList<>();
    for (String answer : answers) {
      try {
        list.add(JSON.readTree(answer));
      } catch (IOException e) {
        throw new IllegalArgumentException("not JSON: " + answer, e);
      }
    }
    return script(operation, key, list);
  }

  synchronized ReplayServer script(String operation, String key, List<JsonNode> answers) {
    scripts.add(new Script(operation, key, answers));
    return this;
  }

  /**
   * Makes the first {@code parties} requests wait for one another (up to 10 seconds), so a test can
   * show that they were in flight at the same time; see {@link #gathered()}.
   */
  void gatherFirstRequests(int parties) {
    gathered = false;
    gathering = new CountDownLatch(parties);
  }

  /** Whether the requests held by {@link #gatherFirstRequests} all arrived in time. */
  boolean gathered() {
    return gathered;
  }

  /** Every request so far, in arrival order. */
  public synchronized List<Request> requests() {
    return List.copyOf(requests);
  }

  public synchronized List<Request> requests(String operation) {
    return requests.stream().filter(r -> r.operation().equals(operation)).toList();
  }

  /** Operations that were called without a script (each such call got an error). */
  public synchronized List<String> unscripted() {
    return List.copyOf(unscripted);
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  /** describe-services -> DescribeServices. */
  static String operationName(String kebab) {
    StringBuilder s = new StringBuilder();
    for (String part : kebab.split("-")) {
      s.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
    }
    return s.toString();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
      String body;
      try (InputStream in = exchange.getRequestBody()) {
        body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
      if (!"POST".equals(exchange.getRequestMethod()) || target == null || !target.contains(".")) {
        send(exchange, 400, error("UnknownOperationException", "not an AWS JSON 1.1 request"));
        return;
      }
      // ECS, CloudWatch Logs (Logs_20140328.) and Application Auto Scaling
      // (AnyScaleFrontendService.) all speak JSON 1.1: the operation follows the last dot.
      String operation = target.substring(target.lastIndexOf('.') + 1);
      JsonNode answer;
      synchronized (this) {
        requests.add(new Request(operation, JSON.readTree(body.isEmpty() ? "{}" : body)));
        answer = answerFor(operation, body);
        if (answer == null) {
          unscripted.add(operation);
        }
      }
      CountDownLatch latch = gathering;
      if (latch != null && latch.getCount() > 0) {
        latch.countDown();
        try {
          gathered = latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      if (answer == null) {
        send(
            exchange,
            400,
            error("ReplayServerNotScripted", "the test scripted no answer to " + operation));
      } else if (answer.has("__type")) {
        ObjectNode copy = answer.deepCopy();
        int status = copy.has("__httpStatus") ? copy.remove("__httpStatus").asInt() : 400;
        send(exchange, status, copy.toString());
      } else {
        send(exchange, 200, answer.toString());
      }
    }
  }

  private JsonNode answerFor(String operation, String body) {
    Script keyless = null;
    for (Script script : scripts) {
      if (!script.operation.equals(operation)) {
        continue;
      }
      if (script.key == null) {
        keyless = keyless == null ? script : keyless;
      } else if (body.contains(script.key)) {
        return script.next();
      }
    }
    return keyless == null ? null : keyless.next();
  }

  private static String error(String type, String message) {
    return JSON.createObjectNode().put("__type", type).put("message", message).toString();
  }

  private static void send(HttpExchange exchange, int status, String json) throws IOException {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.1");
    exchange.getResponseHeaders().set("x-amzn-RequestId", UUID.randomUUID().toString());
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }
}
