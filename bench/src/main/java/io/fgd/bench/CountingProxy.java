package io.fgd.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An HTTP pass-through on loopback in front of the emulator that counts requests by AWS operation
 * (the {@code X-Amz-Target} header of the JSON protocols ECS, CloudWatch Logs and Application Auto
 * Scaling speak), so the API-call figures come from the wire, not from fgd's own counter.
 *
 * <p>Given a latency, it also holds every request that long before forwarding it, each on its own
 * thread, so requests in flight together wait together: the round trip to a regional AWS endpoint,
 * which moto on loopback does not have. It is the one thing about real ECS that the plan's
 * concurrency is for, and that moto cannot show: moto is one Python process that answers one
 * request at a time, so with moto alone N reads cost N service times whatever the client does.
 */
final class CountingProxy implements AutoCloseable {
  private static final Set<String> HOP_HEADERS =
      Set.of("host", "content-length", "connection", "transfer-encoding", "expect");

  private final HttpServer server;
  private final URI target;
  private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();
  private final long latencyMillis;
  private final Set<Integer> clientPorts = ConcurrentHashMap.newKeySet();

  CountingProxy(URI target) throws IOException {
    this(target, 0);
  }

  CountingProxy(URI target, long latencyMillis) throws IOException {
    // Without TCP_NODELAY, the JDK server's response headers and body go out as two small
    // segments and the second waits for the client's delayed ACK: about 40 ms on every request,
    // which is the proxy's cost, not the plan's. The property is read when the server starts.
    System.setProperty("sun.net.httpserver.nodelay", "true");
    this.target = target;
    this.latencyMillis = latencyMillis;
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
    server.createContext("/", this::forward);
    server.setExecutor(
        Executors.newCachedThreadPool(
            r -> {
              Thread t = new Thread(r, "counting-proxy");
              t.setDaemon(true);
              return t;
            }));
    server.start();
  }

  URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** Requests seen so far by operation ({@code ecs:DescribeServices}), sorted. */
  Map<String, Integer> counts() {
    Map<String, Integer> out = new TreeMap<>();
    counts.forEach((k, v) -> out.put(k, v.get()));
    return out;
  }

  /** Connections the client opened so far (each has its own local port); TLS would pay each. */
  int connections() {
    return clientPorts.size();
  }

  void reset() {
    counts.clear();
    clientPorts.clear();
  }

  private void forward(HttpExchange exchange) throws IOException {
    try (exchange) {
      String amzTarget = exchange.getRequestHeaders().getFirst("X-Amz-Target");
      counts.computeIfAbsent(operation(amzTarget), k -> new AtomicInteger()).incrementAndGet();
      clientPorts.add(exchange.getRemoteAddress().getPort());
      byte[] body = exchange.getRequestBody().readAllBytes();
      if (latencyMillis > 0) {
        try {
          Thread.sleep(latencyMillis);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IOException("interrupted", e);
        }
      }
      HttpURLConnection c =
          (HttpURLConnection)
              target.resolve(exchange.getRequestURI().toString()).toURL().openConnection();
      c.setRequestMethod(exchange.getRequestMethod());
      for (Map.Entry<String, List<String>> h : exchange.getRequestHeaders().entrySet()) {
        if (!HOP_HEADERS.contains(h.getKey().toLowerCase())) {
          for (String v : h.getValue()) {
            c.addRequestProperty(h.getKey(), v);
          }
        }
      }
      if (body.length > 0) {
        c.setDoOutput(true);
        try (OutputStream out = c.getOutputStream()) {
          out.write(body);
        }
      }
      int status = c.getResponseCode();
      byte[] response;
      try (InputStream in = status >= 400 ? c.getErrorStream() : c.getInputStream()) {
        response = in == null ? new byte[0] : in.readAllBytes();
      }
      for (Map.Entry<String, List<String>> h : c.getHeaderFields().entrySet()) {
        if (h.getKey() != null && !HOP_HEADERS.contains(h.getKey().toLowerCase())) {
          exchange.getResponseHeaders().put(h.getKey(), h.getValue());
        }
      }
      exchange.sendResponseHeaders(status, response.length == 0 ? -1 : response.length);
      if (response.length > 0) {
        exchange.getResponseBody().write(response);
      }
    }
  }

  /**
   * {@code AmazonEC2ContainerServiceV20141113.DescribeServices} as {@code ecs:DescribeServices}.
   */
  static String operation(String amzTarget) {
    if (amzTarget == null) {
      return "other";
    }
    int dot = amzTarget.lastIndexOf('.');
    String service = dot < 0 ? "" : amzTarget.substring(0, dot);
    String action = amzTarget.substring(dot + 1);
    String prefix =
        service.startsWith("AmazonEC2ContainerService")
            ? "ecs"
            : service.startsWith("Logs")
                ? "logs"
                : service.startsWith("AnyScaleFrontendService")
                    ? "application-autoscaling"
                    : service;
    return prefix + ":" + action;
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
