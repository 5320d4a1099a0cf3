package io.fgd.runtime.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The terminal and CI renderers, and how stop reasons are summarised and compared. */
class ProgressRenderingTest {

  static final String E = "\u001b[";
  static final String API_42 = "arn:aws:ecs:us-west-1:123456789012:task-definition/api:42";
  static final String API_41 = "arn:aws:ecs:us-west-1:123456789012:task-definition/api:41";

  final StringWriter screen = new StringWriter();

  /** What was written since the last call. */
  private int consumed;

  String drawn() {
    String all = screen.toString();
    String fresh = all.substring(consumed);
    consumed = all.length();
    return fresh;
  }

  /** The lines of one frame: after the cursor move, each cleared with ESC[2K, then ESC[J. */
  static List<String> lines(String frame) {
    String body = frame.replaceFirst("^\u001b\\[\\d+F", "");
    assertTrue(body.endsWith("\n" + E + "J"), body);
    body = body.substring(0, body.length() - (E + "J").length() - 1);
    return List.of(body.split("\n", -1)).stream()
        .peek(line -> assertTrue(line.startsWith(E + "2K"), line))
        .map(line -> line.substring((E + "2K").length()))
        .toList();
  }

  static DeploymentState state(String service, int running, int desired, String rollout) {
    return new DeploymentState(
        service, API_42, API_42, "ecs-svc/2", running, desired, 0, 0, rollout, null);
  }

  @Test
  void liveProgressRedrawsItsBlockInPlace() {
    LiveProgress live = new LiveProgress(new PrintWriter(screen), 80, false);

    live.started("api", API_42);
    assertEquals(E + "2Kapi  waiting for api:42\n" + E + "J", drawn());

    live.stateChanged(state("api", 1, 2, "IN_PROGRESS"));
    assertEquals(E + "1F" + E + "2Kapi  running 1/2, rollout IN_PROGRESS\n" + E + "J", drawn());

    live.serviceEvent("api", Instant.EPOCH, "(service api) has started 1 tasks: (task 1234).");
    assertEquals(
        E
            + "1F"
            + E
            + "2Kapi  running 1/2, rollout IN_PROGRESS\n"
            + E
            + "2K       (service api) has started 1 tasks: (task 1234).\n"
            + E
            + "J",
        drawn());
  }

  @Test
  void liveProgressStacksServicesKeepsTheLatestLinesAndCutsToWidth() {
    LiveProgress live = new LiveProgress(new PrintWriter(screen), 40, true);
    live.started("api", API_42);
    live.started("worker", API_42);
    for (int i = 1; i <= 5; i++) {
      live.serviceEvent("api", Instant.EPOCH, "event " + i);
    }
    live.serviceEvent("worker", Instant.EPOCH, "x".repeat(60));
    drawn();

    live.finished(
        new DeploymentOutcome(
            "api", DeploymentOutcome.Kind.SUCCEEDED, "api:42 is deployed.", null, null));
    String frame = drawn();

    // 2 status lines + 3 recent api events + 1 worker event were on screen.
    assertTrue(frame.startsWith(E + "6F"), frame);
    assertEquals(
        List.of(
            "api     " + E + "32mdeployed: api:42 is deployed." + E + "0m",
            "          event 3",
            "          event 4",
            "          event 5",
            "worker  waiting for api:42",
            "          " + "x".repeat(29) + "…"),
        lines(frame));
  }

  @Test
  void plainProgressPutsEachChangeOnOneTimestampedLine() {
    FakeTime time = new FakeTime(Instant.parse("2026-11-26T07:01:02.750Z"));
    PlainProgress plain = new PlainProgress(new PrintWriter(screen), time);

    plain.stateChanged(
        new DeploymentState("api", API_42, API_41, null, 2, 2, 0, 0, "COMPLETED", null));
    plain.taskStopped(
        "api",
        new StoppedTask(
            "arn:aws:ecs:us-west-1:123456789012:task/demo/1234",
            "EssentialContainerExited",
            "Essential container in task exited",
            List.of("app: exit code 137"),
            null));
    plain.serviceEvent("api", Instant.EPOCH, "first line\n  second line");

    assertEquals(
        "2026-11-26T07:01:02Z api: running 2/2, rollout COMPLETED, primary is api:41 not api:42\n"
            + "2026-11-26T07:01:02Z api: task 1234 stopped: Essential container in task exited"
            + " (app: exit code 137)\n"
            + "2026-11-26T07:01:02Z api: event: first line second line\n",
        screen.toString().replace(System.lineSeparator(), "\n"));
  }

  @Test
  void withoutAConsoleProgressIsPlain() {
    // Surefire's forked JVM has no console, like a CI job.
    assertInstanceOf(PlainProgress.class, LiveProgress.forConsole(new PrintWriter(screen), true));
  }

  static StoppedTask stopped(String reason, String... containerReasons) {
    return new StoppedTask(
        "arn:aws:ecs:us-west-1:123456789012:task/demo/abc",
        "TaskFailedToStart",
        reason,
        List.of(containerReasons),
        null);
  }

  static String secretsError(String requestId) {
    return "ResourceInitializationError: unable to pull secrets or registry auth: execution"
        + " resource retrieval failed: unable to retrieve secret from asm: service call has been"
        + " retried 1 time(s): failed to fetch secret arn:aws:secretsmanager:us-west-1:"
        + "123456789012:secret:api/db-AbCdEf from secrets manager: AccessDeniedException: access"
        + " denied status code: 400, request id: "
        + requestId;
  }

  @Test
  void sameReasonWithDifferentRequestIdsComparesEqual() {
    StoppedTask a = stopped(secretsError("5f2c1e0a-8b7d-4c3e-9f1a-0b2c3d4e5f60"));
    StoppedTask b = stopped(secretsError("0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d"));
    StoppedTask pull = stopped("CannotPullContainerError: pull image manifest: not found");

    assertNotEquals(a.cause(), b.cause());
    assertEquals(a.comparableCause(), b.comparableCause());
    assertNotEquals(a.comparableCause(), pull.comparableCause());
  }

  @Test
  void containerReasonsAreAddedOnlyWhenTheyTellSomethingNew() {
    assertEquals(
        "CannotPullContainerError: x not found",
        stopped(
                "CannotPullContainerError: x not found",
                "app: CannotPullContainerError: x not found")
            .cause());
    assertEquals(
        "Essential container in task exited (app: exit code 1) (sidecar: OutOfMemoryError:"
            + " Container killed due to memory usage)",
        stopped(
                "Essential container in task exited",
                "app: exit code 1",
                "sidecar: OutOfMemoryError: Container killed due to memory usage")
            .cause());
    assertEquals(
        "TaskFailedToStart",
        new StoppedTask("arn:x/task/1", "TaskFailedToStart", null, List.of(), null).cause());
  }
}
