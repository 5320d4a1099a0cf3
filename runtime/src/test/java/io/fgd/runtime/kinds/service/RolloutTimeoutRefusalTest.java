package io.fgd.runtime.kinds.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fgd.runtime.deploy.ReplayAccount;
import io.fgd.runtime.deploy.WatchOptions;
import io.fgd.runtime.engine.ApplyOptions;
import io.fgd.runtime.engine.ApplyResult;
import io.fgd.runtime.engine.PlanResult;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * --timeout counts bake times: an apply whose canary rollout bakes longer than its timeout is
 * refused before it starts, with the time it needs, and makes no AWS request at all (the replay
 * server, which answers nothing here, records every request).
 */
class RolloutTimeoutRefusalTest {
  @AutoClose final ReplayAccount aws = ReplayAccount.start();

  static PlanResult newCanaryService() {
    ObjectNode service = ServiceLoadBalancersTest.service();
    ObjectNode dc = service.putObject("deploymentConfiguration");
    dc.put("strategy", "CANARY").put("bakeTimeInMinutes", 10);
    dc.putObject("canaryConfiguration")
        .put("canaryPercent", 10.0)
        .put("canaryBakeTimeInMinutes", 5);
    return ReplayAccount.creationOfApi(ServiceLoadBalancersTest.taskDefinition(), service);
  }

  ApplyResult apply(ApplyOptions options) throws InterruptedException {
    return aws.apply(newCanaryService(), options);
  }

  @Test
  void aRolloutThatBakesLongerThanTheTimeoutIsRefusedBeforeAnyRequest() throws Exception {
    ApplyResult result =
        apply(
            ApplyOptions.DEFAULTS.withWatch(
                WatchOptions.DEFAULTS.withTimeout(Duration.ofMinutes(10))));

    assertEquals(ApplyResult.Status.REFUSED, result.status());
    assertEquals(
        List.of(
            "Service \"api\" rolls out in at least 15m (canary 10% for 5m, then bake 10m), and"
                + " --timeout is 10m: apply could not see it succeed. Give --timeout more than 15m"
                + " (the tasks must also start), or use --no-wait."),
        result.errors());
    assertEquals(List.of(), aws.server.requests());
  }

  /** fgd plan says how long the rollout takes at least, in text, Markdown and JSON. */
  @Test
  void thePlanSummaryGivesTheRolloutsLeastDuration() throws Exception {
    io.fgd.runtime.engine.Plan plan = newCanaryService().plan();
    assertEquals(
        List.of(
            new io.fgd.runtime.engine.RolloutWait(
                "api", Duration.ofMinutes(15), "canary 10% for 5m, then bake 10m")),
        plan.waits());
    String text = io.fgd.runtime.render.TextRenderer.render(plan, false);
    assertEquals(
        true,
        text.endsWith(
            "to destroy.\nRollout of api: at least 15m (canary 10% for 5m, then bake 10m).\n"),
        text);
    String markdown = io.fgd.runtime.render.MarkdownRenderer.render(plan);
    assertEquals(
        true,
        markdown.contains("Rollout of api: at least 15m (canary 10% for 5m, then bake 10m).\n"),
        markdown);
    com.fasterxml.jackson.databind.JsonNode json =
        new com.fasterxml.jackson.databind.ObjectMapper()
            .readTree(io.fgd.runtime.render.JsonRenderer.render(plan));
    assertEquals(15, json.path("summary").path("rolloutWaits").get(0).path("minutes").asInt());
  }

  @Test
  void withoutWaitingTheBakeDoesNotMatter() throws Exception {
    aws.server.script("RegisterTaskDefinition", null, "{\"__type\": \"ClientException\"}");
    ApplyResult result =
        apply(
            ApplyOptions.DEFAULTS
                .withWait(false)
                .withWatch(WatchOptions.DEFAULTS.withTimeout(Duration.ofMinutes(10))));

    // Not refused: apply went on to AWS (which this replay answers with an error).
    assertEquals(false, result.status() == ApplyResult.Status.REFUSED, result.errors().toString());
  }
}
