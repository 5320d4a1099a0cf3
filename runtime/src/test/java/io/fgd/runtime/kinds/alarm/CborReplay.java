package io.fgd.runtime.kinds.alarm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
 * recorded as JSON. Timestamps (CBOR tag 1) are left out of the answers.
 */
final class CborReplay implements AutoCloseable {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String PATH = "/service/GraniteServiceVersion20100801/operation/";

  record Request(String operation, JsonNode body) {}

  private final HttpServer server;
  private final Map<String, Deque<String>> answers = new HashMap<>();
  private final List<Request> requests = new ArrayList<>();

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

  synchronized List<Request> requests(String operation) {
    return requests.stream().filter(r -> r.operation().equals(operation)).toList();
  }

  private void handle(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    String operation = path.startsWith(PATH) ? path.substring(PATH.length()) : path;
    byte[] body = exchange.getRequestBody().readAllBytes();
    String answer;
    synchronized (this) {
      requests.add(new Request(operation, body.length == 0 ? JSON.createObjectNode() : json(body)));
      Deque<String> queue = answers.get(operation);
      answer = queue == null ? null : queue.poll();
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
