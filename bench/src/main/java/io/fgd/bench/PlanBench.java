package io.fgd.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fgd.compiler.CompileOptions;
import io.fgd.compiler.Compiler;
import io.fgd.compiler.emit.Json;
import io.fgd.compiler.source.SourceFile;
import io.fgd.runtime.aws.AwsClients;
import io.fgd.runtime.aws.AwsSettings;
import io.fgd.runtime.aws.KeepAlive;
import io.fgd.runtime.engine.DesiredState;
import io.fgd.runtime.engine.PlanResult;
import io.fgd.runtime.engine.Planner;
import io.fgd.runtime.moto.MotoGaps;
import io.fgd.runtime.moto.MotoNetwork;
import io.fgd.runtime.moto.SdkSeeder;
import io.fgd.runtime.sandbox.Moto;
import io.fgd.runtime.state.AwsStateReader;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * The cost of a plan against moto, the ECS test server, holding N live services that match the spec
 * (a steady state: the plan finds nothing to change). For each N: the API calls, counted on the
 * wire by operation; the wall time of {@code Planner.plan} with its read pool (8 threads) and with
 * one thread (every read after the previous one); and, given {@code --fgd}, the wall time and peak
 * RSS of the whole {@code fgd plan} process.
 *
 * <pre>java -cp benchmarks.jar io.fgd.bench.PlanBench --sizes 1,10,50 --runs 15 --out plan.json
 * </pre>
 */
public final class PlanBench {
  static final String REGION = "us-east-1";

  /**
   * The round trip added to every request in the second timing: a plausible figure for a Describe
   * call from a CI runner to ECS in its own region; --latency-ms changes it.
   */
  static final long DEFAULT_LATENCY_MS = 20;

  private PlanBench() {}

  public static void main(String[] args) throws Exception {
    KeepAlive.configure(); // as fgd's main does, before moto's first request
    List<Integer> sizes = List.of(1, 10, 50);
    int runs = 15;
    int warmups = 5;
    Path out = null;
    Path fgd = null;
    long latencyMillis = DEFAULT_LATENCY_MS;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--sizes" ->
            sizes = Arrays.stream(args[++i].split(",")).map(Integer::valueOf).toList();
        case "--runs" -> runs = Integer.parseInt(args[++i]);
        case "--warmups" -> warmups = Integer.parseInt(args[++i]);
        case "--out" -> out = Path.of(args[++i]);
        case "--fgd" -> fgd = Path.of(args[++i]);
        case "--latency-ms" -> latencyMillis = Long.parseLong(args[++i]);
        default -> throw new IllegalArgumentException("unknown argument " + args[i]);
      }
    }
    ArrayNode results = run(sizes, runs, warmups, latencyMillis, fgd);
    String json = Json.write(results);
    if (out != null) {
      Files.writeString(out, json);
    }
    System.out.print(json);
  }

  /** Starts moto on a free port, measures every size, and stops it. */
  static ArrayNode run(List<Integer> sizes, int runs, int warmups, long latencyMillis, Path fgd)
      throws Exception {
    Path venv = Moto.install();
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    Path log = Files.createTempFile("fgd-bench-moto-", ".log");
    Process moto = Moto.start(venv, port, log);
    try {
      ArrayNode results = Json.array();
      for (int n : sizes) {
        results.add(measure(Moto.endpoint(port), n, runs, warmups, latencyMillis, fgd));
      }
      return results;
    } finally {
      moto.destroy();
      if (!moto.waitFor(5, TimeUnit.SECONDS)) {
        moto.destroyForcibly();
      }
      Files.deleteIfExists(log);
    }
  }

  static ObjectNode measure(URI moto, int n, int runs, int warmups, long latencyMillis, Path fgd)
      throws Exception {
    Moto.control(moto, "/moto-api/reset");
    var credentials =
        StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing"));
    MotoNetwork network = MotoNetwork.create(moto, REGION, credentials);
    String specText = SpecGenerator.spec(n, network.subnets(), network.securityGroups());
    Compiler.Compilation compiled =
        Compiler.compile(
            new SourceFile("fleet.fgd", specText), new CompileOptions(Optional.of("bench")));
    if (compiled.hasErrors()) {
      throw new IllegalStateException("the generated spec has errors: " + compiled.diagnostics());
    }
    DesiredState desired =
        DesiredState.fromArtifacts("fleet", MotoGaps.withoutUnmodelled(compiled.artifacts()));
    AwsSettings settings =
        new AwsSettings(Optional.empty(), Optional.of(REGION), Optional.of(moto));

    ObjectNode result = Json.object();
    result.put("services", n);
    try (AwsClients clients = AwsClients.create(settings, credentials)) {
      new SdkSeeder(clients).seed(desired);

      // API calls, counted on the wire (one plan through a counting pass-through).
      try (CountingProxy proxy = new CountingProxy(moto)) {
        AwsSettings proxied =
            new AwsSettings(Optional.empty(), Optional.of(REGION), Optional.of(proxy.endpoint()));
        try (AwsClients viaProxy = AwsClients.create(proxied, credentials)) {
          AwsStateReader reader = new AwsStateReader(viaProxy, proxied);
          PlanResult plan = Planner.plan(desired, reader);
          result.put("changes", plan.plan().changes().size());
          result.put("apiCallsCountedByFgd", plan.apiCalls());
          Map<String, Integer> counts = proxy.counts();
          result.put(
              "apiCallsOnTheWire", counts.values().stream().mapToInt(Integer::intValue).sum());
          ObjectNode byOperation = result.putObject("apiCallsByOperation");
          counts.forEach(byOperation::put);
        }
      }

      // Wall time, straight to moto.
      timeBothModes(desired, clients, settings, runs, warmups, result, "");

      // The same through a proxy that adds a round trip to every request (see CountingProxy).
      try (CountingProxy slow = new CountingProxy(moto, latencyMillis)) {
        AwsSettings viaSlow =
            new AwsSettings(Optional.empty(), Optional.of(REGION), Optional.of(slow.endpoint()));
        try (AwsClients slowClients = AwsClients.create(viaSlow, credentials)) {
          timeBothModes(desired, slowClients, viaSlow, runs, warmups, result, "WithLatency");
          result.put("latencyMs", latencyMillis);
          result.put("connectionsWithLatency", slow.connections());
        }
      }
    }
    if (fgd != null) {
      result.set("fgdPlanProcess", Processes.fgdPlan(fgd, specText, moto, runs));
    }
    System.err.printf(
        "plan N=%d: %d API calls; concurrent median %.1f ms, sequential median %.1f ms;"
            + " with %d ms latency: concurrent %.1f ms, sequential %.1f ms%n",
        n,
        result.path("apiCallsOnTheWire").asInt(),
        result.path("concurrentMs").path("median").asDouble(),
        result.path("sequentialMs").path("median").asDouble(),
        latencyMillis,
        result.path("concurrentWithLatencyMs").path("median").asDouble(),
        result.path("sequentialWithLatencyMs").path("median").asDouble());
    return result;
  }

  /**
   * Times the plan with the 8 read threads and with 1, alternating so that drift hits both alike,
   * into {@code concurrent<suffix>Ms} and {@code sequential<suffix>Ms}.
   */
  private static void timeBothModes(
      DesiredState desired,
      AwsClients clients,
      AwsSettings settings,
      int runs,
      int warmups,
      ObjectNode result,
      String suffix)
      throws Exception {
    for (int i = 0; i < warmups; i++) {
      timePlan(desired, clients, settings, 8);
      timePlan(desired, clients, settings, 1);
    }
    List<Double> concurrent = new ArrayList<>();
    List<Double> sequential = new ArrayList<>();
    for (int i = 0; i < runs; i++) {
      concurrent.add(timePlan(desired, clients, settings, 8));
      sequential.add(timePlan(desired, clients, settings, 1));
    }
    result.set("concurrent" + suffix + "Ms", Stats.of(concurrent).toJson());
    result.set("sequential" + suffix + "Ms", Stats.of(sequential).toJson());
  }

  private static double timePlan(
      DesiredState desired, AwsClients clients, AwsSettings settings, int threads)
      throws Exception {
    long start = System.nanoTime();
    PlanResult result = Planner.plan(desired, new AwsStateReader(clients, settings), threads);
    long elapsed = System.nanoTime() - start;
    if (result.plan().hasChanges()) {
      throw new IllegalStateException(
          "the plan of a seeded account has changes: " + result.plan().changes());
    }
    return elapsed / 1e6;
  }
}
