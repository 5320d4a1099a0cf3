package io.fgd.runtime.kinds.alarm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.thirdparty.jackson.core.JsonFactory;
import software.amazon.awssdk.thirdparty.jackson.core.JsonGenerator;
import software.amazon.awssdk.thirdparty.jackson.core.JsonParser;
import software.amazon.awssdk.thirdparty.jackson.dataformat.cbor.CBORFactory;

/**
 * Plays scripted CloudWatch answers over HTTP in the protocol the SDK's CloudWatch client speaks,
 * Smithy RPC v2 CBOR ({@code POST /service/GraniteServiceVersion20100801/operation/OP}, CBOR
 * bodies, {@code smithy-protocol: rpc-v2-cbor}), which moto 5.2.5 does not serve. The answers are
 * written as JSON shaped like the CloudWatch API reference's and sent as CBOR; each request is
 * recorded as JSON. Timestamps (CBOR tag 1) are left out of the answers. With an upstream (moto),
 * every other request is forwarded there, so that one endpoint serves the whole account (and a JSON
 * request to it, such as ECS's CreateService, is recorded too); moto's DescribeServices answers get
 * back the deployment alarms moto forgets ({@link #withDeploymentAlarms}).
 */
final class CborReplay implements AutoCloseable {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String PATH = "/service/GraniteServiceVersion20100801/operation/";

  record Request(String operation, JsonNode body) {}

  private final HttpServer server;
  private final Map<String, Deque<String>> answers = new HashMap<>();
  private final List<Request> requests = new ArrayList<>();
  private final Map<String, String> standing = new HashMap<>();
  private URI upstream;

  CborReplay(URI upstream) throws IOException {
    this();
    this.upstream = upstream;
  }

  CborReplay() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", this::handle);
    server.start();
  }

  URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** The answers to {@code operation}, in order. */
  CborReplay script(String operation, String... json) {
    answers.computeIfAbsent(operation, k -> new ArrayDeque<>()).addAll(List.of(json));
    return this;
  }

  /**
   * The answer to every {@code operation} whose request has {@code value} in {@code member} (or to
   * every one, with a null member) until another is set: the account as it stands.
   */
  synchronized CborReplay standing(String operation, String member, String value, String json) {
    standing.put(operation + "|" + (member == null ? "" : member + "=" + value), json);
    return this;
  }

  synchronized List<Request> requests(String operation) {
    return requests.stream().filter(r -> r.operation().equals(operation)).toList();
  }

  private void handle(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    if (!path.startsWith(PATH) && upstream != null) {
      forward(exchange);
      return;
    }
    String operation = path.startsWith(PATH) ? path.substring(PATH.length()) : path;
    byte[] body = exchange.getRequestBody().readAllBytes();
    String answer;
    synchronized (this) {
      requests.add(new Request(operation, body.length == 0 ? JSON.createObjectNode() : json(body)));
      Deque<String> queue = answers.get(operation);
      answer = queue == null ? null : queue.poll();
      if (answer == null) {
        JsonNode request = requests.get(requests.size() - 1).body();
        for (var e : standing.entrySet()) {
          String[] key = e.getKey().split("\\|", 2);
          if (!key[0].equals(operation)) {
            continue;
          }
          if (key[1].isEmpty()) {
            answer = answer == null ? e.getValue() : answer;
          } else {
            String[] mv = key[1].split("=", 2);
            if (request.path(mv[0]).asText().equals(mv[1])) {
              answer = e.getValue();
            }
          }
        }
      }
    }
    if (answer == null) {
      exchange.sendResponseHeaders(500, -1);
      exchange.close();
      return;
    }
    byte[] out = cbor(answer);
    exchange.getResponseHeaders().set("Content-Type", "application/cbor");
    exchange.getResponseHeaders().set("smithy-protocol", "rpc-v2-cbor");
    exchange.sendResponseHeaders(200, out.length);
    exchange.getResponseBody().write(out);
    exchange.close();
  }

  private void forward(HttpExchange exchange) throws IOException {
    byte[] body = exchange.getRequestBody().readAllBytes();
    String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
    if (target != null && body.length > 0) {
      synchronized (this) {
        requests.add(new Request(target.substring(target.indexOf('.') + 1), JSON.readTree(body)));
      }
    }
    var c =
        (java.net.HttpURLConnection)
            upstream.resolve(exchange.getRequestURI().toString()).toURL().openConnection();
    c.setRequestMethod(exchange.getRequestMethod());
    exchange
        .getRequestHeaders()
        .forEach(
            (name, values) -> {
              if (!name.equalsIgnoreCase("Host") && !name.equalsIgnoreCase("Content-Length")) {
                values.forEach(v -> c.addRequestProperty(name, v));
              }
            });
    if (body.length > 0) {
      c.setDoOutput(true);
      try (var out = c.getOutputStream()) {
        out.write(body);
      }
    }
    int status = c.getResponseCode();
    byte[] answer;
    try (var in = status >= 400 ? c.getErrorStream() : c.getInputStream()) {
      answer = in == null ? new byte[0] : in.readAllBytes();
    }
    if (status == 200 && target != null && target.endsWith(".DescribeServices")) {
      answer = withDeploymentAlarms(answer);
    }
    c.getHeaderFields()
        .forEach(
            (name, values) -> {
              if (name != null
                  && !name.equalsIgnoreCase("Transfer-Encoding")
                  && !name.equalsIgnoreCase("Content-Length")) {
                exchange.getResponseHeaders().put(name, values);
              }
            });
    exchange.sendResponseHeaders(status, answer.length == 0 ? -1 : answer.length);
    if (answer.length > 0) {
      exchange.getResponseBody().write(answer);
    }
    exchange.close();
  }

  /**
   * Moto's DescribeServices answer with each service's {@code deploymentConfiguration.alarms} as
   * the last CreateService or UpdateService that set them asked: moto 5.2.5's ECS keeps no
   * deploymentConfiguration (moto/ecs/models.py has no field for it), and ECS returns the alarms a
   * service names (ECS API reference, Service: deploymentConfiguration, DeploymentAlarms).
   */
  private byte[] withDeploymentAlarms(byte[] answer) throws IOException {
    JsonNode tree = JSON.readTree(answer);
    for (JsonNode service : tree.path("services")) {
      String name = service.path("serviceName").asText();
      JsonNode alarms = null;
      synchronized (this) {
        for (Request r : requests) {
          boolean names =
              (r.operation().equals("CreateService")
                      && r.body().path("serviceName").asText().equals(name))
                  || (r.operation().equals("UpdateService")
                      && r.body().path("service").asText().equals(name));
          JsonNode a = r.body().path("deploymentConfiguration").path("alarms");
          if (names && !a.isMissingNode()) {
            alarms = a;
          }
        }
      }
      if (alarms != null) {
        JsonNode dc = service.path("deploymentConfiguration");
        ObjectNode into =
            dc instanceof ObjectNode o
                ? o
                : ((ObjectNode) service).putObject("deploymentConfiguration");
        into.set("alarms", alarms.deepCopy());
      }
    }
    return JSON.writeValueAsBytes(tree);
  }

  static JsonNode json(byte[] cbor) throws IOException {
    StringWriter text = new StringWriter();
    try (JsonParser p = new CBORFactory().createParser(cbor);
        JsonGenerator g = new JsonFactory().createGenerator(text)) {
      p.nextToken();
      g.copyCurrentStructure(p);
    }
    return JSON.readTree(text.toString());
  }

  static byte[] cbor(String json) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (JsonParser p = new JsonFactory().createParser(json);
        JsonGenerator g = new CBORFactory().createGenerator(out)) {
      p.nextToken();
      g.copyCurrentStructure(p);
    }
    return out.toByteArray();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
