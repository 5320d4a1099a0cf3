package io.fgd.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.fgd.compiler.emit.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The summary of one {@code bench/run}: reads the raw results in its folder (jmh.json,
 * startup.json, plan.json, compile-process.json, deploy.json, machine.txt) and prints Markdown
 * tables with medians, spread, ratios and whether each target of bench/README.md holds.
 */
public final class Report {
  final StringBuilder md = new StringBuilder();
  final List<String> verdicts = new ArrayList<>();

  Report() {}

  public static void main(String[] args) throws IOException {
    Path dir = Path.of(args[0]);
    Report r = new Report();
    r.md
        .append("## Machine\n\n```\n")
        .append(Files.readString(dir.resolve("machine.txt")))
        .append("```\n\n");
    r.compile(Json.mapper().readTree(dir.resolve("jmh.json").toFile()));
    r.startup(Json.mapper().readTree(dir.resolve("startup.json").toFile()));
    r.plan(Json.mapper().readTree(dir.resolve("plan.json").toFile()));
    r.memory(
        Json.mapper().readTree(dir.resolve("compile-process.json").toFile()),
        Json.mapper().readTree(dir.resolve("plan.json").toFile()));
    if (Files.exists(dir.resolve("deploy.json"))) {
      r.deploy(Json.mapper().readTree(dir.resolve("deploy.json").toFile()));
    }
    r.md.append("## Targets\n\n");
    r.verdicts.forEach(v -> r.md.append("- ").append(v).append('\n'));
    System.out.print(r.md);
  }

  private void target(boolean holds, String what) {
    verdicts.add((holds ? "HOLDS: " : "MISSED: ") + what);
  }

  // ---- 1. compile pipeline ----

  /** Median over the measured iterations, in ms/op, by benchmark then services. */
  private void compile(JsonNode jmh) {
    Map<String, Map<Integer, double[]>> byBench = new LinkedHashMap<>();
    for (JsonNode run : jmh) {
      String bench = run.path("benchmark").asText().replaceAll(".*\\.", "");
      int services = run.path("params").path("services").asInt();
      List<Double> iterations = new ArrayList<>();
      for (JsonNode fork : run.path("primaryMetric").path("rawData")) {
        fork.forEach(v -> iterations.add(v.asDouble()));
      }
      Stats s = Stats.of(iterations);
      byBench
          .computeIfAbsent(bench, k -> new LinkedHashMap<>())
          .put(
              services,
              new double[] {
                s.median(),
                s.min(),
                s.max(),
                run.path("primaryMetric").path("scoreError").asDouble()
              });
    }
    md.append(
        "## 1. Compile pipeline (JMH, warm JVM, ms per compile; median of iterations, min-max)\n\n");
    md.append(
        "| services | compile | per service | parse | parse+check | schema validation alone | Jackson floor | compile / floor |\n");
    md.append("|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    Map<Integer, double[]> compile = byBench.getOrDefault("compile", Map.of());
    Map<Integer, double[]> floor = byBench.getOrDefault("jacksonFloor", Map.of());
    for (int n : compile.keySet()) {
      double[] c = compile.get(n);
      md.append(
          String.format(
              "| %d | %s | %.1f µs | %s | %s | %s | %s | %.1fx |%n",
              n,
              cell(c),
              c[0] * 1000 / n,
              cell(byBench.get("parse").get(n)),
              cell(byBench.get("validate").get(n)),
              cell(byBench.get("schemaValidate").get(n)),
              cell(floor.get(n)),
              c[0] / floor.get(n)[0]));
    }
    if (compile.containsKey(100) && compile.containsKey(1000)) {
      double growth = compile.get(1000)[0] / compile.get(100)[0];
      md.append(
          String.format("%nGrowth from 100 to 1,000 services: %.2fx (linear is 10x).%n%n", growth));
      target(
          compile.get(1000)[0] < 1000,
          String.format("compile of 1,000 services under a second: %.0f ms", compile.get(1000)[0]));
      target(growth <= 12, String.format("linear growth 100 -> 1,000 (<= 12x): %.2fx", growth));
      double ratio = compile.get(1000)[0] / floor.get(1000)[0];
      target(ratio <= 10, String.format("within 10x the Jackson floor at 1,000: %.1fx", ratio));
    }
  }

  private static String cell(double[] v) {
    return v == null ? "-" : String.format("%s (%s-%s)", ms(v[0]), ms(v[1]), ms(v[2]));
  }

  private static String ms(double v) {
    return v >= 100
        ? String.format("%.0f", v)
        : v >= 1 ? String.format("%.2f", v) : String.format("%.3f", v);
  }

  // ---- 2. start-up ----

  private void startup(JsonNode hyperfine) {
    Map<String, JsonNode> byName = new LinkedHashMap<>();
    hyperfine.path("results").forEach(r -> byName.put(r.path("command").asText(), r));
    double trivial = median(byName.get("trivial main"));
    md.append("## 2. Start-up (hyperfine, whole process, ms)\n\n");
    md.append(
        "| command | median | mean ± σ | min-max | runs | / trivial main |\n|---|---:|---:|---:|---:|---:|\n");
    for (var e : byName.entrySet()) {
      JsonNode r = e.getValue();
      md.append(
          String.format(
              "| %s | %.0f | %.0f ± %.0f | %.0f-%.0f | %d | %.2fx |%n",
              e.getKey(),
              median(r),
              r.path("mean").asDouble() * 1000,
              r.path("stddev").asDouble() * 1000,
              r.path("min").asDouble() * 1000,
              r.path("max").asDouble() * 1000,
              r.path("times").size(),
              median(r) / trivial));
    }
    md.append('\n');
    if (byName.containsKey("fgd compile")) {
      target(
          median(byName.get("fgd compile")) / trivial <= 3,
          String.format(
              "`compile` of the example within 3x the trivial main: %.2fx",
              median(byName.get("fgd compile")) / trivial));
    }
    if (byName.containsKey("fgd --help")) {
      target(
          median(byName.get("fgd --help")) / trivial <= 2,
          String.format(
              "`--help` within 2x the trivial main: %.2fx",
              median(byName.get("fgd --help")) / trivial));
    }
  }

  private static double median(JsonNode hyperfineResult) {
    List<Double> times = new ArrayList<>();
    hyperfineResult.path("times").forEach(t -> times.add(t.asDouble() * 1000));
    return Stats.of(times).median();
  }

  // ---- 3. plan ----

  private void plan(JsonNode plan) {
    md.append("## 3. Plan against moto (steady state, no changes; ms, median (p10-p90))\n\n");
    md.append(
        "| services | API calls (wire) | DescribeServices | DescribeTaskDefinition | scaling reads | log reads | other | 8 read threads | 1 read thread | 1 / 8 |\n");
    md.append("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    double one = 0;
    double fifty = 0;
    boolean callsHold = true;
    for (JsonNode r : plan) {
      int n = r.path("services").asInt();
      JsonNode ops = r.path("apiCallsByOperation");
      int describe = ops.path("ecs:DescribeServices").asInt();
      int taskDefs = ops.path("ecs:DescribeTaskDefinition").asInt();
      int scaling =
          ops.path("application-autoscaling:DescribeScalableTargets").asInt()
              + ops.path("application-autoscaling:DescribeScalingPolicies").asInt();
      int logs = ops.path("logs:DescribeLogGroups").asInt();
      int total = r.path("apiCallsOnTheWire").asInt();
      // every service of the generated spec runs its own revision: N distinct revisions
      callsHold &= describe == (n + 9) / 10 && taskDefs == n;
      double c = r.path("concurrentMs").path("median").asDouble();
      double s = r.path("sequentialMs").path("median").asDouble();
      md.append(
          String.format(
              "| %d | %d | %d | %d | %d | %d | %d | %.1f (%.1f-%.1f) | %.1f (%.1f-%.1f) | %.2fx |%n",
              n,
              total,
              describe,
              taskDefs,
              scaling,
              logs,
              total - describe - taskDefs - scaling - logs,
              c,
              r.path("concurrentMs").path("p10").asDouble(),
              r.path("concurrentMs").path("p90").asDouble(),
              s,
              r.path("sequentialMs").path("p10").asDouble(),
              r.path("sequentialMs").path("p90").asDouble(),
              s / c));
      if (n == 1) {
        one = c;
      }
      if (n == 50) {
        fifty = c;
      }
    }
    md.append(
        "\n\"other\": DescribeClusters and ListServices (the search for services that left the spec).\n\n");
    double slowOne = 0;
    double slowFifty = 0;
    if (plan.size() > 0 && plan.get(0).has("concurrentWithLatencyMs")) {
      md.append(
          String.format(
              "With a %d ms round trip added to every request (CountingProxy; moto alone answers"
                  + " one request at a time on loopback, so the table above shows its throughput,"
                  + " not what the reads' concurrency does against AWS):%n%n",
              plan.get(0).path("latencyMs").asInt()));
      md.append(
          "| services | 8 read threads | 1 read thread | 1 / 8 | connections opened (all runs) |\n");
      md.append("|---:|---:|---:|---:|---:|\n");
      for (JsonNode r : plan) {
        int n = r.path("services").asInt();
        JsonNode c = r.path("concurrentWithLatencyMs");
        JsonNode q = r.path("sequentialWithLatencyMs");
        md.append(
            String.format(
                "| %d | %.1f (%.1f-%.1f) | %.1f (%.1f-%.1f) | %.2fx | %d |%n",
                n,
                c.path("median").asDouble(),
                c.path("p10").asDouble(),
                c.path("p90").asDouble(),
                q.path("median").asDouble(),
                q.path("p10").asDouble(),
                q.path("p90").asDouble(),
                q.path("median").asDouble() / c.path("median").asDouble(),
                r.path("connectionsWithLatency").asInt()));
        if (n == 1) {
          slowOne = c.path("median").asDouble();
        }
        if (n == 50) {
          slowFifty = c.path("median").asDouble();
        }
      }
      md.append('\n');
    }
    target(
        callsHold,
        "API calls: ceil(N/10) DescribeServices and one DescribeTaskDefinition per live revision");
    if (one > 0 && fifty > 0) {
      target(
          fifty / one <= 3,
          String.format(
              "plan at 50 services within 3x that at 1, against moto: %.1fx", fifty / one));
    }
    if (slowOne > 0 && slowFifty > 0) {
      target(
          slowFifty / slowOne <= 3,
          String.format(
              "plan at 50 services within 3x that at 1, with the round trip: %.1fx",
              slowFifty / slowOne));
    }
  }

  // ---- 4. memory ----

  private void memory(JsonNode compile, JsonNode plan) {
    md.append("## 4. Whole processes: wall time and peak RSS (GNU time; median (min-max))\n\n");
    md.append("| process | wall ms | peak RSS MiB |\n|---|---:|---:|\n");
    row("fgd compile, " + compile.path("services").asInt() + " services", compile);
    for (JsonNode r : plan) {
      if (r.has("fgdPlanProcess")) {
        row("fgd plan, " + r.path("services").asInt() + " live services", r.path("fgdPlanProcess"));
      }
    }
    md.append('\n');
  }

  private void row(String name, JsonNode o) {
    md.append(
        String.format(
            "| %s | %.0f (%.0f-%.0f) | %.0f (%.0f-%.0f) |%n",
            name,
            o.path("wallMs").path("median").asDouble(),
            o.path("wallMs").path("min").asDouble(),
            o.path("wallMs").path("max").asDouble(),
            o.path("maxRssMiB").path("median").asDouble(),
            o.path("maxRssMiB").path("min").asDouble(),
            o.path("maxRssMiB").path("max").asDouble()));
  }

  // ---- 5. deploying one new image ----

  void deploy(JsonNode deploy) {
    md.append(
        String.format(
            "## 5. Deploying a new image of one service, against moto (%d rounds, the family"
                + " holding the revisions of %d earlier deploys; median (min-max))%n%n",
            deploy.path("runs").asInt(), deploy.path("historyRevisions").asInt()));
    md.append(
        "| tool | AWS requests | whole process, ms | / fgd | requests by operation (last round) |\n");
    md.append("|---|---:|---:|---:|---|\n");
    JsonNode tools = deploy.path("tools");
    for (var e : (Iterable<java.util.Map.Entry<String, JsonNode>>) tools::fields) {
      JsonNode t = e.getValue();
      List<String> ops = new ArrayList<>();
      t.path("requestsByOperation")
          .fields()
          .forEachRemaining(o -> ops.add(o.getKey() + " " + o.getValue().asInt()));
      md.append(
          String.format(
              "| %s | %.0f (%.0f-%.0f) | %.0f (%.0f-%.0f) | %.2fx | %s |%n",
              e.getKey(),
              t.path("requests").path("median").asDouble(),
              t.path("requests").path("min").asDouble(),
              t.path("requests").path("max").asDouble(),
              t.path("wallMs").path("median").asDouble(),
              t.path("wallMs").path("min").asDouble(),
              t.path("wallMs").path("max").asDouble(),
              t.path("wallVsFgd").asDouble(),
              String.join(", ", ops)));
    }
    md.append('\n');
    md.append(String.format("fgd ran on %s", deploy.path("fgdRuntime").asText("java on PATH")));
    if (deploy.has("fgdJavaRuntime")) {
      md.append(String.format("; fgd-java on %s", deploy.path("fgdJavaRuntime").asText()));
    }
    md.append(".\n\n");
    double fgdRequests = tools.path("fgd").path("requests").path("median").asDouble();
    target(
        fgdRequests <= 8,
        String.format(
            "at most 8 AWS requests to deploy a new image of one service: %.0f", fgdRequests));
    double ecsDeployMs = tools.path("ecs-deploy").path("wallMs").path("median").asDouble();
    // Each Java fgd ran on is judged on its own: the target holds on one and not the other when
    // one has the AOT cache (JDK 25+) and the other does not.
    for (String fgd : List.of("fgd", "fgd-java")) {
      if (!tools.has(fgd)) {
        continue;
      }
      double fgdMs = tools.path(fgd).path("wallMs").path("median").asDouble();
      String runtime =
          fgd.equals("fgd")
              ? deploy.path("fgdRuntime").asText("java on PATH")
              : deploy.path("fgdJavaRuntime").asText();
      target(
          fgdMs <= ecsDeployMs,
          String.format(
              "deploying a new image no slower than ecs-deploy, whole process, fgd on %s: %.2fx",
              runtime, fgdMs / ecsDeployMs));
    }
  }
}
