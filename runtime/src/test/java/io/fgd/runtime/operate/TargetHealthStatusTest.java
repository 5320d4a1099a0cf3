package io.fgd.runtime.operate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.fgd.runtime.deploy.Rollout;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthDescription;

/**
 * How target health makes a service steady or not, and how status shows it, from answers shaped
 * like the DescribeTargetHealth reference's (TargetHealthDescription: Target, TargetHealth with
 * State, Reason, Description). Moto never reports an unhealthy target (StatusTargetHealthIT), so
 * the answers are built here as ELB sends them.
 */
class TargetHealthStatusTest {
  static final String TG =
      "arn:aws:elasticloadbalancing:us-west-1:123456789012:targetgroup/shop-web/73e2d6bc24d8a067";
  static final Instant NOW = Instant.parse("2026-11-29T06:00:00Z");

  static TargetHealthDescription target(String ip, String state, String reason, String words) {
    return TargetHealthDescription.builder()
        .target(t -> t.id(ip).port(80))
        .targetHealth(h -> h.state(state).reason(reason).description(words))
        .build();
  }

  static TargetHealthDescription healthy(String ip) {
    return target(ip, "healthy", null, null);
  }

  static ServiceStatus web(int desired, TargetHealthDescription... targets) {
    return new ServiceStatus(
        "web",
        Optional.of(new Rollout.Steady("web", "arn:aws:ecs:::task-definition/shop-web:7", 2, 2)),
        desired,
        desired,
        0,
        List.of(),
        List.of(),
        List.of(),
        List.of(TargetGroupHealth.of(TG, "web:80", Arrays.asList(targets))));
  }

  @Test
  void anUnhealthyTargetMakesTheServiceNotSteadyAndItsReasonIsShown() {
    ServiceStatus web =
        web(
            2,
            healthy("10.0.1.5"),
            target(
                "10.0.1.6",
                "unhealthy",
                "Target.ResponseCodeMismatch",
                "Health checks failed with these codes: [502]"),
            target(
                "10.0.2.9",
                "draining",
                "Target.DeregistrationInProgress",
                "Target deregistration is in progress"));
    assertFalse(web.isSteady());
    assertEquals("unhealthy", web.state());
    StatusReport report = new StatusReport("shop", "shop-prod", NOW, List.of(web));
    String text = StatusRenderer.text(report, false);
    assertTrue(
        text.contains(
            "  target groups:\n"
                + "    shop-web (web:80): 1 healthy, 1 unhealthy, 1 draining\n"
                + "      10.0.1.6:80 unhealthy: Target.ResponseCodeMismatch: Health checks failed"
                + " with these codes: [502]\n"),
        text);
    assertFalse(text.contains("10.0.2.9:80 draining"), "a draining target is not a problem");
    assertTrue(text.contains("1 of 1 service is not steady: web (unhealthy)."), text);

    JsonNode json = StatusRenderer.toJson(report);
    JsonNode group = json.path("services").get(0).path("targetGroups").get(0);
    assertEquals("unhealthy", json.path("services").get(0).path("state").asText());
    assertFalse(json.path("steady").asBoolean());
    assertEquals(TG, group.path("targetGroupArn").asText());
    assertFalse(group.path("healthy").asBoolean());
    assertEquals(1, group.path("counts").path("unhealthy").asInt());
    assertEquals(1, group.path("counts").path("healthy").asInt());
    JsonNode bad = group.path("targets").get(1);
    assertEquals("10.0.1.6", bad.path("id").asText());
    assertEquals(80, bad.path("port").asInt());
    assertEquals("Target.ResponseCodeMismatch", bad.path("reason").asText());
    assertEquals("Health checks failed with these codes: [502]", bad.path("description").asText());
  }

  @Test
  void healthyAndDrainingTargetsLeaveTheServiceSteady() {
    ServiceStatus web =
        web(
            2,
            healthy("10.0.1.5"),
            healthy("10.0.1.6"),
            target("10.0.2.9", "draining", "Target.DeregistrationInProgress", "leaving"));
    assertTrue(web.isSteady());
    assertEquals("steady", web.state());
  }

  @Test
  void targetsStillInTheirFirstChecksAreNotSteadyYet() {
    ServiceStatus web =
        web(
            2,
            healthy("10.0.1.5"),
            target(
                "10.0.1.7",
                "initial",
                "Elb.RegistrationInProgress",
                "Target registration is in progress"));
    assertEquals("unhealthy", web.state());
    assertTrue(
        StatusRenderer.text(new StatusReport("shop", "shop-prod", NOW, List.of(web)), false)
            .contains("10.0.1.7:80 initial: Elb.RegistrationInProgress"));
  }

  @Test
  void noTargetAtAllIsUnhealthyOnlyWhenTheServiceWantsTasks() {
    assertFalse(web(2).isSteady(), "2 tasks wanted, none registered");
    assertTrue(web(0).isSteady(), "scaled to 0: nothing to serve");
    assertTrue(
        StatusRenderer.text(new StatusReport("shop", "shop-prod", NOW, List.of(web(2))), false)
            .contains("    shop-web (web:80): no targets\n"));
  }
}
