package io.fgd.runtime.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Progress that never looks frozen (issue 15): the time waited and left before --timeout, the
 * stage, a line in CI at least once a minute, and terminal lines cut at a word.
 */
class ProgressTimesTest {
  static final Instant T0 = Instant.parse("2026-11-26T07:00:00Z");
  static final Instant DEADLINE = T0.plusSeconds(15 * 60);
  final StringWriter screen = new StringWriter();

  List<String> lines() {
    return List.of(screen.toString().replace(System.lineSeparator(), "\n").split("\n"));
  }

  @Test
  void plainProgressSaysSomethingAtLeastOnceAMinute() {
    FakeTime time = new FakeTime(T0);
    PlainProgress plain = new PlainProgress(new PrintWriter(screen), time);
    plain.stateChanged(
        new DeploymentState("api", "td/api:42", "td/api:42", "d", 1, 2, 1, 0, "IN_PROGRESS", null));
    for (int s = 0; s <= 130; s += 10) {
      time.sleep(java.time.Duration.ofSeconds(s == 0 ? 0 : 10));
      plain.polled("api", time.instant(), DEADLINE);
    }
    // The state line at 0s, then quiet polls until a minute has passed, twice.
    assertEquals(
        List.of(
            "2026-11-26T07:00:00Z api: running 1/2, 1 pending, rollout IN_PROGRESS",
            "2026-11-26T07:01:00Z api: still waiting: running 1/2, 1 pending, rollout IN_PROGRESS"
                + " (1m elapsed, 14m left)",
            "2026-11-26T07:02:00Z api: still waiting: running 1/2, 1 pending, rollout IN_PROGRESS"
                + " (2m elapsed, 13m left)"),
        lines());
  }

  @Test
  void plainProgressNamesTheStageAndItsBake() {
    FakeTime time = new FakeTime(T0);
    PlainProgress plain = new PlainProgress(new PrintWriter(screen), time);
    plain.stageChanged(
        new StageView("api", "BAKE_TIME", "bake 10m", Optional.of(T0.plusSeconds(600))));
    assertEquals(List.of("2026-11-26T07:00:00Z api: stage BAKE_TIME: bake 10m, 10m left"), lines());
  }

  @Test
  void liveProgressShowsStageAndTimesAndCutsAtAWord() {
    LiveProgress live = new LiveProgress(new PrintWriter(screen), 80, false);
    live.stateChanged(
        new DeploymentState("api", "td/api:42", "td/api:42", "d", 2, 2, 0, 0, "IN_PROGRESS", null));
    live.stageChanged(
        new StageView(
            "api",
            "PRODUCTION_TRAFFIC_SHIFT",
            "canary 10% for 5m, then 100%",
            Optional.of(T0.plusSeconds(300))));
    live.polled("api", T0, DEADLINE);
    live.polled("api", T0.plusSeconds(70), DEADLINE);
    String frame = screen.toString();
    String last = frame.substring(frame.lastIndexOf("\u001b[2K") + 4, frame.lastIndexOf('\n'));
    // "api  running 2/2, rollout IN_PROGRESS | canary 10% for 5m, then 100%, 4m left | 1m10s
    // elapsed, 13m50s left" is 103 columns: cut after the last whole word that fits in 80.
    assertEquals(
        "api  running 2/2, rollout IN_PROGRESS | canary 10% for 5m, then 100%, 4m left |…", last);
    assertTrue(last.codePointCount(0, last.length()) <= 80);
  }

  @Test
  void aWordLongerThanHalfTheLineIsCutWhereTheWidthEnds() {
    LiveProgress live = new LiveProgress(new PrintWriter(screen), 20, false);
    assertEquals("abc " + "x".repeat(15) + "…", live.cut("abc " + "x".repeat(40)));
    assertEquals("one two three four…", live.cut("one two three four five six"));
  }
}
