package io.fgd.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fgd.compiler.emit.Json;
import io.fgd.runtime.moto.MotoNetwork;
import io.fgd.runtime.sandbox.Moto;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * The cost of deploying a new image of one service, three ways, against the same moto: {@code fgd
 * apply}, fabfuel's {@code ecs deploy} (PyPI {@code ecs-deploy}, pointed at moto with {@code
 * AWS_ENDPOINT_URL}) and the AWS CLI's two calls ({@code aws ecs register-task-definition} with the
 * task definition fgd compiles, then {@code aws ecs update-service}). For each: the AWS requests it
 * makes, counted on the wire by {@link CountingProxy}, and the wall time of the whole process (both
 * CLI processes together for the AWS CLI).
 *
 * <p>None of them waits for the rollout ({@code fgd apply --no-wait}, {@code ecs deploy --timeout
 * -1}): moto never brings a Fargate task to RUNNING, so a deployment there stays IN_PROGRESS and
 * any wait would end in its timeout. What is compared is the deploy itself: the reads each tool
 * makes to decide, the registration, the service update and the clean-up of old revisions.
 *
 * <p>Before measuring, fgd applies the spec {@code --history} times with successive image tags, so
 * the family has as many ACTIVE revisions as a service that has been deployed for a while (fgd
 * keeps {@code --keep-revisions}, 10 by default). Then each round deploys a new tag with each tool
 * in turn (the order rotates every round, so drift and caching hit all alike), each on top of what
 * the previous one left.
 *
 * <pre>
 * java -cp benchmarks.jar io.fgd.bench.DeployBench --fgd bin/fgd \
 *     --tools ~/.cache/fgd/bench-deploy-tools --runs 10 --out deploy.json
 * </pre>
 */
public final class DeployBench {
  static final String REGION = "us-east-1";
  static final String CLUSTER = "bench";
  static final String SERVICE = "web";
  static final String IMAGE = "public.ecr.aws/nginx/nginx";
  static final List<String> TOOLS = List.of("fgd", "ecs-deploy", "aws-cli");

  /**
   * With {@code --baseline}: another fgd (its bin/fgd), measured in the same rounds as fgd-before.
   */
  private Path baseline;

  /**
   * With {@code --fgd-java}: a java binary; the same fgd is also measured under it (bin/fgd's
   * {@code FGD_JAVA}) as fgd-java, beside fgd under the runtime bin/fgd picks from the environment.
   */
  private Path fgdJava;

  private List<String> tools() {
    List<String> tools = new ArrayList<>();
    tools.add("fgd");
    if (fgdJava != null) {
      tools.add("fgd-java");
    }
    if (baseline != null) {
      tools.add("fgd-before");
    }
    tools.addAll(TOOLS.subList(1, TOOLS.size()));
    return tools;
  }

  private final Path fgd;
  private final Path tools;
  private final Path dir;
  private final Path spec;
  private final CountingProxy proxy;
  private int tag;

  private DeployBench(Path fgd, Path tools, Path dir, CountingProxy proxy) {
    this.fgd = fgd.toAbsolutePath();
    this.tools = tools.toAbsolutePath();
    this.dir = dir;
    this.spec = dir.resolve("app.fgd");
    this.proxy = proxy;
  }

  public static void main(String[] args) throws Exception {
    Path fgd = Path.of("bin/fgd");
    Path tools = Path.of(System.getProperty("user.home"), ".cache", "fgd", "bench-deploy-tools");
    int runs = 10;
    int history = 12;
    Path out = null;
    Path baseline = null;
    Path fgdJava = null;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--fgd" -> fgd = Path.of(args[++i]);
        case "--tools" -> tools = Path.of(args[++i]);
        case "--runs" -> runs = Integer.parseInt(args[++i]);
        case "--history" -> history = Integer.parseInt(args[++i]);
        case "--out" -> out = Path.of(args[++i]);
        case "--baseline" -> baseline = Path.of(args[++i]);
        case "--fgd-java" -> fgdJava = Path.of(args[++i]);
        default -> throw new IllegalArgumentException("unknown argument " + args[i]);
      }
    }
    ObjectNode result = run(fgd, baseline, fgdJava, tools, runs, history);
    String json = Json.write(result);
    if (out != null) {
      Files.writeString(out, json);
    }
    System.out.print(json);
  }

  /** Starts moto on a free port, measures, and stops it. */
  static ObjectNode run(Path fgd, Path tools, int runs, int history) throws Exception {
    return run(fgd, null, null, tools, runs, history);
  }

  /**
   * The same, with {@code baseline} (another bin/fgd, or null) and fgd under {@code fgdJava} (a
   * java binary, or null) measured beside fgd.
   */
  static ObjectNode run(Path fgd, Path baseline, Path fgdJava, Path tools, int runs, int history)
      throws Exception {
    for (String tool : List.of("ecs", "aws")) {
      if (!Files.isExecutable(tools.resolve("bin").resolve(tool))) {
        throw new IllegalStateException(
            "no "
                + tool
                + " in "
                + tools
                + "/bin: install the tools with bench/run, or python3 -m venv "
                + tools
                + " && "
                + tools
                + "/bin/pip install -r bench/deploy-tools-requirements.txt");
      }
    }
    Path venv = Moto.install();
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    Path log = Files.createTempFile("fgd-bench-moto-", ".log");
    Process moto = Moto.start(venv, port, log);
    Path dir = Files.createTempDirectory("fgd-bench-deploy-");
    try (CountingProxy proxy = new CountingProxy(Moto.endpoint(port))) {
      DeployBench bench = new DeployBench(fgd, tools, dir, proxy);
      bench.baseline = baseline == null ? null : baseline.toAbsolutePath();
      bench.fgdJava = fgdJava == null ? null : fgdJava.toAbsolutePath();
      return bench.measure(Moto.endpoint(port), runs, history);
    } finally {
      moto.destroy();
      if (!moto.waitFor(5, TimeUnit.SECONDS)) {
        moto.destroyForcibly();
      }
      Files.deleteIfExists(log);
      deleteTree(dir);
    }
  }

  private ObjectNode measure(URI moto, int runs, int history) throws Exception {
    var credentials =
        StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing"));
    MotoNetwork network = MotoNetwork.create(moto, REGION, credentials);
    Files.writeString(spec, spec(network.subnets(), network.securityGroups()));

    // The service and its family's history, unmeasured.
    for (int i = 0; i < history; i++) {
      deploy("fgd");
    }

    Map<String, List<Double>> wall = new LinkedHashMap<>();
    Map<String, List<Double>> requests = new LinkedHashMap<>();
    Map<String, Map<String, Integer>> lastByOperation = new LinkedHashMap<>();
    List<String> TOOLS = tools();
    for (String tool : TOOLS) {
      wall.put(tool, new ArrayList<>());
      requests.put(tool, new ArrayList<>());
    }
    for (int round = 0; round < runs + 1; round++) {
      for (int k = 0; k < TOOLS.size(); k++) {
        String tool = TOOLS.get((round + k) % TOOLS.size());
        Deploy d = deploy(tool);
        if (round > 0) { // the first round pays for page cache, CDS archives, .pyc files
          wall.get(tool).add(d.millis());
          requests.get(tool).add((double) d.requests());
          lastByOperation.put(tool, d.byOperation());
        }
      }
    }

    ObjectNode result = Json.object();
    result.put("runs", runs);
    result.put("historyRevisions", history);
    // fgd runs under what bin/fgd picks from this environment: FGD_JAVA, JAVA_HOME, java on PATH.
    String envJava = System.getenv("FGD_JAVA");
    String envHome = System.getenv("JAVA_HOME");
    result.put(
        "fgdRuntime",
        envJava != null && !envJava.isEmpty()
            ? envJava
            : envHome != null && !envHome.isEmpty() ? envHome + "/bin/java" : "java on PATH");
    if (fgdJava != null) {
      result.put("fgdJavaRuntime", fgdJava.toString());
    }
    ObjectNode byTool = result.putObject("tools");
    double fgdMedian = Stats.of(wall.get("fgd")).median();
    for (String tool : TOOLS) {
      ObjectNode o = byTool.putObject(tool);
      Stats w = Stats.of(wall.get(tool));
      o.set("wallMs", w.toJson());
      o.set("requests", Stats.of(requests.get(tool)).toJson());
      o.put("wallVsFgd", Math.round(w.median() / fgdMedian * 100) / 100.0);
      if (fgdJava != null) {
        double other = Stats.of(wall.get("fgd-java")).median();
        o.put("wallVsFgdJava", Math.round(w.median() / other * 100) / 100.0);
      }
      ObjectNode ops = o.putObject("requestsByOperation");
      lastByOperation.getOrDefault(tool, Map.of()).forEach(ops::put);
    }
    ArrayNode commands = result.putArray("commands");
    commands.add("fgd apply app.fgd --auto-approve --no-wait --var tag=T --endpoint-url URL");
    commands.add(
        "ecs deploy bench web --image web " + IMAGE + ":T --timeout -1 (AWS_ENDPOINT_URL=URL)");
    commands.add(
        "aws ecs register-task-definition --cli-input-json file://taskdef.json; aws ecs"
            + " update-service --cluster bench --service web --task-definition ARN");
    System.err.printf(
        "deploy one image: fgd %.0f ms / %.0f requests, ecs-deploy %.0f ms / %.0f, aws cli %.0f ms"
            + " / %.0f%n",
        fgdMedian,
        Stats.of(requests.get("fgd")).median(),
        Stats.of(wall.get("ecs-deploy")).median(),
        Stats.of(requests.get("ecs-deploy")).median(),
        Stats.of(wall.get("aws-cli")).median(),
        Stats.of(requests.get("aws-cli")).median());
    if (fgdJava != null) {
      System.err.printf(
          "fgd under %s: %.0f ms / %.0f requests%n",
          fgdJava,
          Stats.of(wall.get("fgd-java")).median(),
          Stats.of(requests.get("fgd-java")).median());
    }
    return result;
  }

  record Deploy(double millis, int requests, Map<String, Integer> byOperation) {}

  /** Deploys a new image tag of the service with one tool, through the counting proxy. */
  private Deploy deploy(String tool) throws Exception {
    String next = "v" + (++tag);
    String url = proxy.endpoint().toString();
    Path taskdef = null;
    if (tool.equals("aws-cli")) {
      // The AWS CLI is given the task definition fgd compiles (unmeasured): what a hand-written
      // pipeline keeps in its repository.
      Path out = dir.resolve("compiled-" + next);
      run(
          List.of(
              fgd.toString(),
              "compile",
              spec.toString(),
              "--var",
              "tag=" + next,
              "--out",
              out.toString()),
          Map.of());
      taskdef = out.resolve(SERVICE).resolve("taskdef.json");
    }
    proxy.reset();
    long start = System.nanoTime();
    switch (tool) {
      case "fgd", "fgd-java", "fgd-before" ->
          run(
              List.of(
                  (tool.equals("fgd-before") ? baseline : fgd).toString(),
                  "apply",
                  spec.toString(),
                  "--auto-approve",
                  "--no-wait",
                  "--var",
                  "tag=" + next,
                  "--endpoint-url",
                  url),
              tool.equals("fgd-java") ? Map.of("FGD_JAVA", fgdJava.toString()) : Map.of());
      case "ecs-deploy" ->
          run(
              List.of(
                  tools.resolve("bin/ecs").toString(),
                  "deploy",
                  CLUSTER,
                  SERVICE,
                  "--image",
                  SERVICE,
                  IMAGE + ":" + next,
                  "--timeout",
                  "-1"),
              Map.of("AWS_ENDPOINT_URL", url));
      case "aws-cli" -> {
        String arn =
            run(
                    List.of(
                        tools.resolve("bin/aws").toString(),
                        "ecs",
                        "register-task-definition",
                        "--cli-input-json",
                        "file://" + taskdef,
                        "--query",
                        "taskDefinition.taskDefinitionArn",
                        "--output",
                        "text",
                        "--endpoint-url",
                        url),
                    Map.of())
                .strip();
        run(
            List.of(
                tools.resolve("bin/aws").toString(),
                "ecs",
                "update-service",
                "--cluster",
                CLUSTER,
                "--service",
                SERVICE,
                "--task-definition",
                arn,
                "--query",
                "service.serviceName",
                "--output",
                "text",
                "--endpoint-url",
                url),
            Map.of());
      }
      default -> throw new IllegalArgumentException(tool);
    }
    double millis = (System.nanoTime() - start) / 1e6;
    Map<String, Integer> counts = proxy.counts();
    int total = counts.values().stream().mapToInt(Integer::intValue).sum();
    return new Deploy(millis, total, counts);
  }

  /** Runs a command in the bench folder; returns its standard output, fails on a non-zero exit. */
  private String run(List<String> command, Map<String, String> env)
      throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
    pb.environment().put("AWS_ACCESS_KEY_ID", "testing");
    pb.environment().put("AWS_SECRET_ACCESS_KEY", "testing");
    pb.environment().put("AWS_DEFAULT_REGION", REGION);
    pb.environment().put("AWS_REGION", REGION);
    pb.environment().put("NO_COLOR", "1");
    pb.environment().putAll(env);
    Path err = Files.createTempFile(dir, "err-", ".txt");
    pb.redirectError(err.toFile());
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    int code = p.waitFor();
    String errors = Files.readString(err, StandardCharsets.UTF_8);
    Files.deleteIfExists(err);
    if (code != 0) {
      throw new IllegalStateException(
          String.join(" ", command) + " exited with " + code + ":\n" + out + errors);
    }
    return out;
  }

  /** One service, its image tag a variable, as a CI pipeline deploys it. */
  static String spec(List<String> subnets, List<String> securityGroups) {
    return """
        var tag = "v0"

        app bench {
          region  us-east-1
          account 123456789012
          cluster bench
          execution_role "arn:aws:iam::123456789012:role/ecsTaskExecutionRole"
          network {
            subnets         %s
            security_groups %s
          }
        }

        service web {
          image  "%s:${tag}"
          port   80
          cpu    256
          memory 512
          health none
        }
        """
        .formatted(String.join(", ", subnets), String.join(", ", securityGroups), IMAGE);
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (var paths = Files.walk(dir)) {
      for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
