package io.fgd.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fgd.runtime.aws.AwsClients;
import io.fgd.runtime.aws.AwsSettings;
import io.fgd.runtime.faults.FaultProxy;
import io.fgd.runtime.faults.FaultProxy.Moment;
import io.fgd.runtime.moto.MotoNetwork;
import io.fgd.runtime.sandbox.Moto;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * An apply killed at any step, then run again, converges. {@code fgd apply} runs in its own JVM
 * through a {@link FaultProxy} in front of moto; when the k-th call that changes something arrives
 * the proxy kills that JVM (SIGKILL: no shutdown hook, no cleanup), either before the call reaches
 * moto (it never happened) or after moto carried it out but before the answer goes back (it
 * happened; fgd never heard). Then apply runs again, without faults, and must leave the account
 * exactly as the spec says: exit 0, a plan with no changes, each service once, and at most one task
 * definition revision per family more than an uninterrupted apply registers. Every k from 1 to the
 * number of changing calls a whole apply makes, in both variants, each on an empty account.
 *
 * <p>moto runs as the sandbox runs it ({@link Moto#startForSandbox}), which keeps the deployment
 * settings released moto forgets; without that, no spec compiled by fgd could ever plan as "no
 * changes" after an apply against moto, interrupted or not.
 */
class InterruptedApplyIT {
  static final String REGION = "us-west-1";
  static final List<String> SERVICES = List.of("api", "web");
  static final List<String> FAMILIES = List.of("shop-api", "shop-web");

  static Process moto;
  static URI motoEndpoint;
  static FaultProxy proxy;
  static StaticCredentialsProvider credentials =
      StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));

  @TempDir static Path tmp;

  @BeforeAll
  static void start() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    moto = Moto.startForSandbox(Moto.install(), port, tmp.resolve("moto.log"));
    motoEndpoint = Moto.endpoint(port);
    proxy = new FaultProxy(motoEndpoint);
    // The in-process runs (the second apply, plan) take credentials from the standard chain.
    System.setProperty("aws.accessKeyId", "test");
    System.setProperty("aws.secretAccessKey", "test");
  }

  @AfterAll
  static void stop() {
    proxy.close();
    moto.destroy();
  }

  /** What a call that changes something is: anything that does not only read. */
  static boolean mutating(String operation) {
    return !(operation.startsWith("Describe")
        || operation.startsWith("List")
        || operation.startsWith("Get"));
  }

  /**
   * First an uninterrupted apply on an empty account, which counts the changing calls (n) and the
   * revisions; then one test per variant and k in 1..n.
   */
  @TestFactory
  Stream<DynamicTest> aKilledApplyConvergesWhenRunAgain() throws Exception {
    Path spec = emptyAccount();
    List<String> changing = Collections.synchronizedList(new ArrayList<>());
    proxy.tap(
        (call, moment) -> {
          if (moment == Moment.RECEIVED && mutating(call.operation())) {
            changing.add(call.operation());
          }
          return true;
        });
    Process whole = startApply(spec, "uninterrupted");
    assertTrue(whole.waitFor(60, TimeUnit.SECONDS), "the uninterrupted apply did not finish");
    proxy.tap((call, moment) -> true);
    assertEquals(0, whole.exitValue(), () -> output("uninterrupted"));
    assertConverged(spec, "after an uninterrupted apply");
    Map<String, Integer> uninterrupted = revisions();
    int n = changing.size();
    // At least the cluster, then per service its log group, its task definition and the service.
    assertTrue(n >= 7, "changing calls of a whole apply: " + changing);
    System.out.println("An uninterrupted apply makes " + n + " changing calls: " + changing);

    List<DynamicTest> tests = new ArrayList<>();
    for (Moment moment : Moment.values()) {
      for (int k = 1; k <= n; k++) {
        int target = k;
        String name =
            (moment == Moment.RECEIVED ? "killed before" : "killed after")
                + " changing call "
                + k
                + " of "
                + n;
        tests.add(
            DynamicTest.dynamicTest(
                name, () -> killAtThenApplyAgain(target, moment, uninterrupted)));
      }
    }
    return tests.stream();
  }

  private void killAtThenApplyAgain(int k, Moment moment, Map<String, Integer> uninterrupted)
      throws Exception {
    Path spec = emptyAccount();
    String name = moment + "-" + k;
    AtomicInteger seen = new AtomicInteger();
    AtomicInteger victim = new AtomicInteger(-1);
    AtomicReference<String> victimOperation = new AtomicReference<>();
    AtomicBoolean killed = new AtomicBoolean();
    CompletableFuture<Process> process = new CompletableFuture<>();
    proxy.tap(
        (call, now) -> {
          if (killed.get()) {
            return false; // the process is gone: nothing more of it reaches AWS
          }
          if (now == Moment.RECEIVED && mutating(call.operation()) && seen.incrementAndGet() == k) {
            victim.set(call.sequence());
            victimOperation.set(call.operation());
          }
          if (call.sequence() == victim.get() && now == moment) {
            killed.set(true);
            Process apply = process.join();
            apply.destroyForcibly();
            try {
              apply.waitFor();
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            return false;
          }
          return true;
        });
    try {
      process.complete(startApply(spec, name));
      assertTrue(process.get().waitFor(60, TimeUnit.SECONDS), "the apply did not end");
    } finally {
      proxy.tap((call, now) -> true);
    }
    assertTrue(killed.get(), "the apply ended before it was killed:\n" + output(name));
    String at =
        "killed at "
            + victimOperation.get()
            + " (changing call "
            + k
            + "), "
            + (moment == Moment.RECEIVED
                ? "before it reached AWS"
                : "after AWS made it but before fgd heard");

    MainTest.Run again =
        MainTest.run(
            "apply",
            spec.toString(),
            "--endpoint-url",
            proxy.endpoint().toString(),
            "--auto-approve",
            "--no-wait");
    assertEquals(0, again.code(), at + ", then applied again:\n" + again.out() + again.err());
    assertConverged(spec, at);
    Map<String, Integer> after = revisions();
    for (String family : FAMILIES) {
      assertTrue(
          after.get(family) <= uninterrupted.get(family) + 1,
          at
              + ": task definition family "
              + family
              + " has "
              + after.get(family)
              + " revisions; an"
              + " uninterrupted apply registers "
              + uninterrupted.get(family));
    }
  }

  /** The plan shows no changes and each service of the spec exists exactly once. */
  private void assertConverged(Path spec, String at) throws Exception {
    MainTest.Run plan =
        MainTest.run(
            "plan",
            spec.toString(),
            "--endpoint-url",
            motoEndpoint.toString(),
            "--detailed-exitcode");
    assertEquals(0, plan.code(), at + ": the plan is not empty:\n" + plan.out() + plan.err());
    try (AwsClients clients = clients()) {
      List<String> arns = new ArrayList<>();
      String token = null;
      do {
        String next = token;
        var page = clients.ecs().listServices(r -> r.cluster("shop").nextToken(next));
        arns.addAll(page.serviceArns());
        token = page.nextToken();
      } while (token != null);
      List<String> names =
          arns.stream().map(a -> a.substring(a.lastIndexOf('/') + 1)).sorted().toList();
      assertEquals(SERVICES, names, at + ": services " + arns);
    }
  }

  /** Revisions registered per family, ACTIVE or not. */
  private Map<String, Integer> revisions() {
    Map<String, Integer> out = new TreeMap<>();
    try (AwsClients clients = clients()) {
      for (String family : FAMILIES) {
        int count = 0;
        for (var status :
            List.of(
                software.amazon.awssdk.services.ecs.model.TaskDefinitionStatus.ACTIVE,
                software.amazon.awssdk.services.ecs.model.TaskDefinitionStatus.INACTIVE)) {
          count +=
              (int)
                  clients
                      .ecs()
                      .listTaskDefinitionsPaginator(r -> r.familyPrefix(family).status(status))
                      .taskDefinitionArns()
                      .stream()
                      .filter(a -> a.substring(a.lastIndexOf('/') + 1).startsWith(family + ":"))
                      .count();
        }
        out.put(family, count);
      }
    }
    return out;
  }

  private static AwsClients clients() {
    return AwsClients.create(
        new AwsSettings(Optional.empty(), Optional.of(REGION), Optional.of(motoEndpoint)),
        credentials);
  }

  /** Empties moto, makes a network in it and writes a two-service spec that uses it. */
  private static Path emptyAccount() throws Exception {
    Moto.control(motoEndpoint, "/moto-api/reset");
    MotoNetwork network = MotoNetwork.create(motoEndpoint, REGION, credentials);
    Path spec = tmp.resolve("shop.fgd");
    Files.writeString(
        spec,
        """
        app shop {
          region         %s
          account        123456789012
          cluster        shop
          execution_role "arn:aws:iam::123456789012:role/ecsTaskExecutionRole"
          network {
            subnets         %s
            security_groups %s
          }
        }
        service api {
          image  "nginx:1.27.3"
          port   80
          health "curl -f http://localhost/ || exit 1"
        }
        service web {
          image  "nginx:1.27.3"
          port   8080
          health "curl -f http://localhost:8080/ || exit 1"
        }
        """
            .formatted(
                REGION,
                String.join(", ", network.subnets()),
                String.join(", ", network.securityGroups())));
    return spec;
  }

  /** {@code fgd apply} in a JVM of its own, as a user would run it, through the proxy. */
  private static Process startApply(Path spec, String name) throws Exception {
    List<String> command =
        ChildJvm.command(
            List.of(),
            "io.fgd.cli.Main",
            List.of(
                "apply",
                spec.toString(),
                "--endpoint-url",
                proxy.endpoint().toString(),
                "--auto-approve",
                "--no-wait"));
    ProcessBuilder pb = new ProcessBuilder(command);
    Map<String, String> env = pb.environment();
    env.put("AWS_ACCESS_KEY_ID", "test");
    env.put("AWS_SECRET_ACCESS_KEY", "test");
    env.put("AWS_CONFIG_FILE", tmp.resolve("no-aws-config").toString());
    env.put("AWS_SHARED_CREDENTIALS_FILE", tmp.resolve("no-aws-credentials").toString());
    pb.redirectOutput(tmp.resolve(name + ".out").toFile());
    pb.redirectError(tmp.resolve(name + ".err").toFile());
    return pb.start();
  }

  private static String output(String name) {
    try {
      return Files.readString(tmp.resolve(name + ".out"))
          + Files.readString(tmp.resolve(name + ".err"));
    } catch (java.io.IOException e) {
      return "(no output: " + e + ")";
    }
  }
}
