package io.fgd.runtime.kinds.securitygroup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import io.fgd.runtime.aws.AwsClients;
import io.fgd.runtime.aws.AwsSettings;
import io.fgd.runtime.deploy.FakeTime;
import io.fgd.runtime.deploy.ProgressListener;
import io.fgd.runtime.deploy.WatchOptions;
import io.fgd.runtime.engine.Applier;
import io.fgd.runtime.engine.ApplyListener;
import io.fgd.runtime.engine.ApplyOptions;
import io.fgd.runtime.engine.ApplyResult;
import io.fgd.runtime.engine.DesiredState;
import io.fgd.runtime.engine.Differ;
import io.fgd.runtime.engine.Plan;
import io.fgd.runtime.engine.PlanResult;
import io.fgd.runtime.engine.ResourceChange;
import io.fgd.runtime.kinds.loadbalancer.LoadBalancerKind;
import io.fgd.runtime.kinds.loadbalancer.LoadBalancerReads;
import io.fgd.runtime.state.ObservedState;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * Pruning fgd's security group while a network interface still holds it, replayed over EC2's query
 * protocol with the real SDK client: EC2 answers DeleteSecurityGroup with DependencyViolation (HTTP
 * 400, its XML error document) for a group "associated with an instance or network interface" (EC2
 * API reference, DeleteSecurityGroup); after the load balancer's deletion its interfaces hold its
 * group for a few minutes. moto does not model this (its DeleteSecurityGroup never looks for
 * interfaces), hence a replay: apply asks again within --timeout, and says what to do when the
 * group is still held at its end, or at once with --no-wait.
 */
class SecurityGroupDeleteReplayTest {
  private HttpServer server;
  private final List<String> actions = new ArrayList<>();
  private volatile int violations;

  private static final String VIOLATION =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response><Errors><Error>"
          + "<Code>DependencyViolation</Code><Message>resource sg-0fgd00000000000lb has a dependent"
          + " object</Message></Error></Errors><RequestID>5f8c1a1e-0000-4000-8000-000000000000"
          + "</RequestID></Response>";
  private static final String DELETED =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?><DeleteSecurityGroupResponse"
          + " xmlns=\"http://ec2.amazonaws.com/doc/2016-11-15/\"><requestId>"
          + "5f8c1a1e-0000-4000-8000-000000000001</requestId><return>true</return>"
          + "<groupId>sg-0fgd00000000000lb</groupId></DeleteSecurityGroupResponse>";

  private static final String LB_ARN =
      "arn:aws:elasticloadbalancing:us-west-1:123456789012:loadbalancer/app/fgd-sheets/50dc6c495c0c9188";

  /**
   * ELBv2's answer to DeleteLoadBalancer for a load balancer with deletion protection on: "You
   * can't delete a load balancer if deletion protection is enabled" (ELBv2 API reference,
   * DeleteLoadBalancer: OperationNotPermitted, HTTP 400), in its query protocol's error document.
   */
  private static final String PROTECTED =
      "<ErrorResponse xmlns=\"http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/\"><Error>"
          + "<Type>Sender</Type><Code>OperationNotPermitted</Code><Message>Load balancer '"
          + LB_ARN
          + "' cannot be deleted because deletion protection is enabled</Message></Error>"
          + "<RequestId>5f8c1a1e-0000-4000-8000-000000000002</RequestId></ErrorResponse>";

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        exchange -> {
          String body =
              new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
          String action = body.replaceAll("(?s).*Action=([A-Za-z]+).*", "$1");
          synchronized (actions) {
            actions.add(action);
          }
          boolean held = action.equals("DeleteSecurityGroup") && violations-- > 0;
          boolean kept = action.equals("DeleteLoadBalancer");
          byte[] answer =
              (held ? VIOLATION : kept ? PROTECTED : DELETED).getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "text/xml;charset=UTF-8");
          exchange.sendResponseHeaders(held || kept ? 400 : 200, answer.length);
          exchange.getResponseBody().write(answer);
          exchange.close();
        });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private ApplyResult prune(boolean wait, Duration timeout, FakeTime time) throws Exception {
    return prune(wait, timeout, time, false);
  }

  /**
   * @param withLoadBalancer whether fgd's load balancer is pruned too, before its group
   */
  private ApplyResult prune(boolean wait, Duration timeout, FakeTime time, boolean withLoadBalancer)
      throws Exception {
    AwsSettings settings =
        new AwsSettings(
            Optional.empty(),
            Optional.of("us-west-1"),
            Optional.of(java.net.URI.create("http://127.0.0.1:" + server.getAddress().getPort())));
    ObjectNode group = JsonNodeFactory.instance.objectNode();
    group.put("GroupId", "sg-0fgd00000000000lb");
    group.put("GroupName", "fgd-sheets-lb");
    group.put("VpcId", "vpc-0a1b2c3d");
    group.putArray("Tags").addObject().put("Key", "fgd:app").put("Value", "sheets");
    group.putArray("IpPermissions");
    Map<String, Object> reads = new java.util.HashMap<>();
    reads.put(SecurityGroupReads.KEY, Map.of("fgd-sheets-lb", List.of(group)));
    List<ResourceChange> changes = new ArrayList<>();
    if (withLoadBalancer) {
      ObjectNode lb = JsonNodeFactory.instance.objectNode();
      lb.put("LoadBalancerArn", LB_ARN).put("LoadBalancerName", "fgd-sheets");
      lb.putArray("SecurityGroups").add("sg-0fgd00000000000lb");
      reads.put(
          LoadBalancerReads.KEY,
          Optional.of(
              new LoadBalancerReads.Observed(
                  lb, Map.of("fgd:app", "sheets"), List.of(), List.of())));
      changes.add(
          Differ.destroy(
              LoadBalancerKind.INSTANCE,
              "fgd-sheets",
              Optional.empty(),
              "the spec has no load balancer of fgd's"));
    }
    changes.add(
        Differ.destroy(
            SecurityGroupKind.INSTANCE,
            "fgd-sheets-lb",
            Optional.empty(),
            "the spec has no load balancer of fgd's"));
    ObservedState observed = new ObservedState(reads);
    DesiredState desired = new DesiredState("sheets", "sheets-prod", Map.of());
    Plan plan = new Plan("sheets", "sheets-prod", changes, List.of());
    try (AwsClients clients =
        AwsClients.create(
            settings,
            StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing")))) {
      return new Applier(
              clients,
              settings,
              ApplyOptions.DEFAULTS
                  .withPrune(true)
                  .withWait(wait)
                  .withWatch(WatchOptions.DEFAULTS.withTimeout(timeout)),
              ApplyListener.none(),
              ProgressListener.none(),
              time,
              time)
          .apply(new PlanResult(plan, desired, observed, 0));
    }
  }

  private long deletes() {
    synchronized (actions) {
      return actions.stream().filter(a -> a.equals("DeleteSecurityGroup")).count();
    }
  }

  @Test
  void applyAsksAgainWhileAnInterfaceStillHoldsTheGroup() throws Exception {
    violations = 3;
    FakeTime time = new FakeTime(Instant.parse("2026-01-01T00:00:00Z"));
    ApplyResult result = prune(true, Duration.ofMinutes(10), time);
    assertEquals(ApplyResult.Status.APPLIED, result.status(), result.errors()::toString);
    assertEquals(4, deletes());
    // 5 s, 10 s and 20 s between the four requests.
    assertEquals(Instant.parse("2026-01-01T00:00:35Z"), time.instant());
  }

  @Test
  void atTheEndOfTimeoutTheErrorSaysToPruneAgain() throws Exception {
    violations = 1000;
    FakeTime time = new FakeTime(Instant.parse("2026-01-01T00:00:00Z"));
    ApplyResult result = prune(true, Duration.ofMinutes(1), time);
    assertEquals(ApplyResult.Status.TIMED_OUT, result.status()); // exit 4, not 1
    String error = String.join("\n", result.errors());
    assertTrue(error.contains("still in use (DependencyViolation"), error);
    assertTrue(error.contains("at the end of --timeout"), error);
    assertTrue(error.contains("fgd apply --prune again"), error);
    // Asked at 0, 5, 15 and 35 s; the next pause (30 s) would pass the minute.
    assertEquals(4, deletes());
  }

  @Test
  void withNoWaitTheFirstViolationEndsIt() throws Exception {
    violations = 1000;
    FakeTime time = new FakeTime(Instant.parse("2026-01-01T00:00:00Z"));
    ApplyResult result = prune(false, Duration.ofMinutes(10), time);
    assertEquals(ApplyResult.Status.FAILED, result.status());
    String error = String.join("\n", result.errors());
    assertTrue(error.contains("apply does not wait with --no-wait"), error);
    assertEquals(1, deletes());
  }

  /**
   * The load balancer is not deleted (deletion protection): its group, which it still holds, is not
   * asked for at all, rather than refused with DependencyViolation until --timeout. The apply fails
   * on the load balancer's error (exit 1), and a note says the group was kept and why.
   */
  @Test
  void aLoadBalancerThatWasNotDeletedKeepsItsGroup() throws Exception {
    violations = 1000;
    FakeTime time = new FakeTime(Instant.parse("2026-01-01T00:00:00Z"));
    ApplyResult result = prune(true, Duration.ofMinutes(10), time, true);
    assertEquals(ApplyResult.Status.FAILED, result.status(), result.errors()::toString);
    assertEquals(1, result.errors().size(), result.errors()::toString);
    assertTrue(result.errors().get(0).contains("OperationNotPermitted"), result.errors()::toString);
    synchronized (actions) {
      assertEquals(List.of("DeleteLoadBalancer"), actions);
    }
    assertEquals(Instant.parse("2026-01-01T00:00:00Z"), time.instant(), "no wait");
    assertTrue(
        result.notes().stream()
            .anyMatch(
                n ->
                    n.startsWith("Not deleted: security group fgd-sheets-lb")
                        && n.contains("deleting the load balancer")),
        result.notes()::toString);
  }
}
