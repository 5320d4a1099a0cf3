package io.fgd.runtime.faults;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An HTTP proxy between fgd and the AWS emulator that injects the faults real AWS produces:
 * throttling, 5xx answers, slow answers and dropped connections. Faults are scheduled per API
 * operation (from the {@code X-Amz-Target} header of the AWS JSON protocols): the next {@code n}
 * calls of an operation fail in a given way, then calls pass through. Everything that passes is
 * forwarded unchanged, so fgd still talks to a real server.
 */
final class FaultProxy implements AutoCloseable {
  enum Fault {
    /** HTTP 400 with the AWS error type ThrottlingException, as ECS sends under load. */
    THROTTLE,
    /** HTTP 500, an internal error. */
    SERVER_ERROR,
    /** HTTP 503, service unavailable. */
    UNAVAILABLE,
    /** The connection closes without an answer. */
    DROP,
    /** The answer comes after a delay. */
    SLOW
  }

  private final HttpServer server;
  private final URI upstream;
  private final Map<String, List<Fault>> schedule = new ConcurrentHashMap<>();
  private final List<String> log = Collections.synchronizedList(new ArrayList<>());
  private final AtomicInteger injected = new AtomicInteger();
  private volatile int slowMillis = 1500;

  FaultProxy(URI upstream) throws IOException {
    this.upstream = upstream;
    this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(Executors.newCachedThreadPool());
    server.createContext("/", this::handle);
    server.start();
  }

  URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** The next {@code times} calls of {@code operation} (such as "DescribeServices") fail so. */
  FaultProxy fail(String operation, Fault fault, int times) {
    List<Fault> queue = schedule.computeIfAbsent(operation, k -> Collections.synchronizedList(new ArrayList<>()));
    for (int i = 0; i < times; i++) {
      queue.add(fault);
    }
    return this;
  }

  FaultProxy slowBy(int millis) {
    this.slowMillis = millis;
    return this;
  }

  /** Every operation seen, in order, with the fault injected if any ("DescribeServices:THROTTLE"). */
  List<String> log() {
    synchronized (log) {
      return List.copyOf(log);
    }
  }

  int injected() {
    return injected.get();
  }

  private void handle(HttpExchange exchange) throws IOException {
    byte[] body = exchange.getRequestBody().readAllBytes();
    String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
    String operation = target == null ? exchange.getRequestURI().getPath() : target.substring(target.indexOf('.') + 1);
    Fault fault = next(operation);
    log.add(fault == null ? operation : operation + ":" + fault);
    try {
      if (fault == null || fault == Fault.SLOW) {
        if (fault == Fault.SLOW) {
          sleep(slowMillis);
        }
        forward(exchange, body);
        return;
      }
      injected.incrementAndGet();
      switch (fault) {
        case THROTTLE -> error(exchange, 400, "ThrottlingException", "Rate exceeded");
        case SERVER_ERROR -> error(exchange, 500, "ServerException", "Internal error");
        case UNAVAILABLE -> error(exchange, 503, "ServiceUnavailableException", "Service unavailable");
        case DROP -> {
          // No answer at all: closing the exchange below drops the connection.
        }
        default -> throw new IllegalStateException(fault.toString());
      }
    } finally {
      exchange.close();
    }
  }

  private Fault next(String operation) {
    List<Fault> queue = schedule.get(operation);
    if (queue == null) {
      return null;
    }
    synchronized (queue) {
      return queue.isEmpty() ? null : queue.remove(0);
    }
  }

  private void forward(HttpExchange exchange, byte[] body) throws IOException {
    URI target = upstream.resolve(exchange.getRequestURI().toString());
    HttpURLConnection c = (HttpURLConnection) target.toURL().openConnection();
    c.setRequestMethod(exchange.getRequestMethod());
    exchange.getRequestHeaders().forEach((name, values) -> {
      if (!name.equalsIgnoreCase("Host") && !name.equalsIgnoreCase("Content-Length")) {
        values.forEach(v -> c.addRequestProperty(name, v));
      }
    });
    if (body.length > 0) {
      c.setDoOutput(true);
      try (OutputStream out = c.getOutputStream()) {
        out.write(body);
      }
    }
    int status = c.getResponseCode();
    byte[] answer;
    try (InputStream in = status >= 400 ? c.getErrorStream() : c.getInputStream()) {
      answer = in == null ? new byte[0] : in.readAllBytes();
    }
    c.getHeaderFields().forEach((name, values) -> {
      if (name != null && !name.equalsIgnoreCase("Transfer-Encoding") && !name.equalsIgnoreCase("Content-Length")) {
        exchange.getResponseHeaders().put(name, values);
      }
    });
    exchange.sendResponseHeaders(status, answer.length == 0 ? -1 : answer.length);
    if (answer.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(answer);
      }
    }
  }

  private static void error(HttpExchange exchange, int status, String type, String message) throws IOException {
    byte[] body = ("{\"__type\":\"" + type + "\",\"message\":\"" + message + "\"}").getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.1");
    exchange.getResponseHeaders().set("x-amzn-ErrorType", type);
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  private static void sleep(int millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
