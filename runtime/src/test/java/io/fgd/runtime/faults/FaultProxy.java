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
 *
 * <p>A {@link Tap} sees every call twice, when it arrives and when the server has answered it but
 * before that answer goes back, and may drop it at either moment: that is how a test kills fgd
 * before a call reached AWS, or after AWS made the change but before fgd heard of it.
 */
public final class FaultProxy implements AutoCloseable {
  public enum Fault {
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

  /** The two moments of a call a {@link Tap} sees. */
  public enum Moment {
    /** The call arrived; the server has not seen it. */
    RECEIVED,
    /** The server carried the call out and answered; the answer has not been sent back. */
    ANSWERED
  }

  /** One call through the proxy: its place in the order of arrival (from 1) and its operation. */
  public record Call(int sequence, String operation) {}

  /** Looks at each call; returning false drops it there: the connection closes unanswered. */
  @FunctionalInterface
  public interface Tap {
    boolean proceed(Call call, Moment moment);
  }

  private final HttpServer server;
  private volatile Tap tap = (call, moment) -> true;
  private final AtomicInteger arrived = new AtomicInteger();
  private final URI upstream;
  private final Map<String, List<Fault>> schedule = new ConcurrentHashMap<>();
  private final List<String> log = Collections.synchronizedList(new ArrayList<>());
  private final AtomicInteger injected = new AtomicInteger();
  private volatile int slowMillis = 1500;

  public FaultProxy(URI upstream) throws IOException {
    this.upstream = upstream;
    this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(Executors.newCachedThreadPool());
    server.createContext("/", this::handle);
    server.start();
  }

  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** The next {@code times} calls of {@code operation} (such as "DescribeServices") fail so. */
  public FaultProxy fail(String operation, Fault fault, int times) {
    List<Fault> queue =
        schedule.computeIfAbsent(operation, k -> Collections.synchronizedList(new ArrayList<>()));
    for (int i = 0; i < times; i++) {
      queue.add(fault);
    }
    return this;
  }

  public FaultProxy slowBy(int millis) {
    this.slowMillis = millis;
    return this;
  }

  public FaultProxy tap(Tap tap) {
    this.tap = tap;
    return this;
  }

  /**
   * Every operation seen, in order, with the fault injected if any ("DescribeServices:THROTTLE").
   */
  public List<String> log() {
    synchronized (log) {
      return List.copyOf(log);
    }
  }

  public int injected() {
    return injected.get();
  }

  private void handle(HttpExchange exchange) throws IOException {
    byte[] body = exchange.getRequestBody().readAllBytes();
    String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
    String operation =
        target == null
            ? exchange.getRequestURI().getPath()
            : target.substring(target.indexOf('.') + 1);
    Call call = new Call(arrived.incrementAndGet(), operation);
    Fault fault = next(operation);
    log.add(fault == null ? operation : operation + ":" + fault);
    try {
      if (fault == null || fault == Fault.SLOW) {
        if (!tap.proceed(call, Moment.RECEIVED)) {
          return; // dropped before the server saw it
        }
        if (fault == Fault.SLOW) {
          sleep(slowMillis);
        }
        forward(exchange, body, call);
        return;
      }
      injected.incrementAndGet();
      switch (fault) {
        case THROTTLE -> error(exchange, 400, "ThrottlingException", "Rate exceeded");
        case SERVER_ERROR -> error(exchange, 500, "ServerException", "Internal error");
        case UNAVAILABLE ->
            error(exchange, 503, "ServiceUnavailableException", "Service unavailable");
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

  private void forward(HttpExchange exchange, byte[] body, Call call) throws IOException {
    URI target = upstream.resolve(exchange.getRequestURI().toString());
    HttpURLConnection c = (HttpURLConnection) target.toURL().openConnection();
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
      try (OutputStream out = c.getOutputStream()) {
        out.write(body);
      }
    }
    int status = c.getResponseCode();
    byte[] answer;
    try (InputStream in = status >= 400 ? c.getErrorStream() : c.getInputStream()) {
      answer = in == null ? new byte[0] : in.readAllBytes();
    }
    if (!tap.proceed(call, Moment.ANSWERED)) {
      return; // the server made the change; the caller never hears of it
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
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(answer);
      }
    }
  }

  private static void error(HttpExchange exchange, int status, String type, String message)
      throws IOException {
    byte[] body =
        ("{\"__type\":\"" + type + "\",\"message\":\"" + message + "\"}")
            .getBytes(StandardCharsets.UTF_8);
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
