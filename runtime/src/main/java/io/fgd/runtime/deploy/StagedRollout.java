package io.fgd.runtime.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.fgd.runtime.aws.SdkJson;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.DeploymentConfiguration;
import software.amazon.awssdk.services.ecs.model.DeploymentLifecycleHook;
import software.amazon.awssdk.services.ecs.model.DeploymentLifecycleHookDetail;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.ServiceDeployment;
import software.amazon.awssdk.services.ecs.model.ServiceDeploymentBrief;
import software.amazon.awssdk.services.ecs.model.ServiceDeploymentRollbackMonitorsStatus;

/**
 * Follows the service deployment of a canary, linear or blue/green rollout through its lifecycle
 * stages (ListServiceDeployments once, then DescribeServiceDeployments at each poll), for {@link
 * DeploymentWatcher}: such a rollout is done only when ECS says the service deployment is
 * SUCCESSFUL (after its bake), and failed when ECS stops it or rolls it back, for a reason this
 * class names: the alarm that fired, the circuit breaker, a lifecycle hook that failed.
 *
 * <p>Rolling deployments are judged from DescribeServices alone, as before (see {@link #applies}).
 */
final class StagedRollout {
  enum Status {
    WAITING,
    SUCCESSFUL,
    FAILED,
    ERROR
  }

  record Verdict(Status status, String explanation, String cause) {
    static final Verdict WAITING = new Verdict(Status.WAITING, null, null);
  }

  private final EcsClient ecs;
  private final String cluster;
  private final String service;
  private final Clock clock;
  private String arn;
  private String stage;
  private Instant stageSeen;

  StagedRollout(EcsClient ecs, String cluster, String service, Clock clock) {
    this.ecs = ecs;
    this.cluster = cluster;
    this.service = service;
    this.clock = clock;
  }

  /** The lifecycle stage ECS last reported, or null before the first. */
  String stage() {
    return stage;
  }

  /**
   * Whether the service deployment is to be followed: with a strategy that shifts traffic in
   * stages, with lifecycle hooks (a hook that fails rolls back a rolling deployment too, and this
   * class names it), or with early success criteria (ECS then calls a rolling deployment done
   * before all tasks run: see {@link #completesEarly}).
   */
  static boolean applies(Service svc) {
    DeploymentConfiguration dc = svc.deploymentConfiguration();
    if (dc == null) {
      return false;
    }
    String strategy = dc.strategyAsString();
    return (strategy != null && !strategy.equals("ROLLING"))
        || dc.hasLifecycleHooks() && !dc.lifecycleHooks().isEmpty()
        || completesEarly(svc);
  }

  /**
   * Whether ECS completes the service's deployments at its early success criteria: "After this
   * percentage of tasks is healthy and the bake time elapses, Amazon ECS completes the deployment.
   * Amazon ECS continues to scale the target service revision to 100 percent in the background."
   * (API_DeploymentEarlySuccessCriteria.) The deployment is then done when ECS says it is
   * SUCCESSFUL, with fewer tasks running than desired.
   */
  static boolean completesEarly(Service svc) {
    DeploymentConfiguration dc = svc.deploymentConfiguration();
    return dc != null
        && dc.earlySuccessCriteria() != null
        && Boolean.TRUE.equals(dc.earlySuccessCriteria().enable());
  }

  /**
   * One look at the service deployment. {@code since} is when ECS created the deployment of the
   * revision waited for, if known: an older service deployment is not ours.
   */
  Verdict poll(Instant since, String revision, ProgressListener listener) {
    ServiceDeployment sd;
    try {
      if (arn == null) {
        Instant floor = since == null ? null : since.minus(Duration.ofMinutes(1));
        List<ServiceDeploymentBrief> briefs =
            ecs.listServiceDeployments(r -> r.cluster(cluster).service(service))
                .serviceDeployments();
        arn =
            briefs.stream()
                .filter(
                    b -> floor == null || b.createdAt() == null || !b.createdAt().isBefore(floor))
                .max(Comparator.comparing(b -> b.createdAt() == null ? Instant.MIN : b.createdAt()))
                .map(ServiceDeploymentBrief::serviceDeploymentArn)
                .orElse(null);
        if (arn == null) {
          return Verdict.WAITING;
        }
      }
      sd =
          ecs
              .describeServiceDeployments(r -> r.serviceDeploymentArns(arn))
              .serviceDeployments()
              .stream()
              .findFirst()
              .orElse(null);
    } catch (SdkException e) {
      if (Polls.isTransient(e)) {
        listener.pollFailed(service, "could not read the service deployment: " + Polls.describe(e));
        return Verdict.WAITING;
      }
      String why = "ECS refused to describe the service deployment of " + service + ": ";
      return new Verdict(Status.ERROR, why + Polls.describe(e), Polls.describe(e));
    }
    if (sd == null) {
      return Verdict.WAITING;
    }
    stage(sd, listener);
    String status = sd.statusAsString() == null ? "" : sd.statusAsString();
    return switch (status) {
      case "SUCCESSFUL" -> new Verdict(Status.SUCCESSFUL, null, null);
      case "ROLLBACK_REQUESTED",
          "ROLLBACK_IN_PROGRESS",
          "ROLLBACK_SUCCESSFUL",
          "ROLLBACK_FAILED",
          "STOP_REQUESTED",
          "STOPPED" -> {
        String cause = cause(sd);
        String what =
            status.startsWith("ROLLBACK")
                ? (status.equals("ROLLBACK_FAILED")
                    ? "tried to roll back the deployment of " + revision + " and failed"
                    : "rolled back the deployment of " + revision)
                : "stopped the deployment of " + revision;
        String at = stage == null ? "" : " during " + stage;
        yield new Verdict(Status.FAILED, "ECS " + what + at + ": " + cause + ".", cause);
      }
      default -> Verdict.WAITING;
    };
  }

  /** Why ECS rolled back: an alarm, the circuit breaker, a lifecycle hook, or its own words. */
  static String cause(ServiceDeployment sd) {
    if (sd.alarms() != null
        && sd.alarms().status() == ServiceDeploymentRollbackMonitorsStatus.TRIGGERED) {
      List<String> names =
          sd.alarms().hasTriggeredAlarmNames()
              ? sd.alarms().triggeredAlarmNames()
              : sd.alarms().alarmNames();
      return (names.size() == 1 ? "alarm " : "alarms ")
          + String.join(", ", names)
          + " went into ALARM";
    }
    if (sd.deploymentCircuitBreaker() != null
        && sd.deploymentCircuitBreaker().status()
            == ServiceDeploymentRollbackMonitorsStatus.TRIGGERED) {
      Integer failed = sd.deploymentCircuitBreaker().failureCount();
      Integer threshold = sd.deploymentCircuitBreaker().threshold();
      return "the circuit breaker tripped"
          + (failed == null
              ? ""
              : " ("
                  + failed
                  + " failed tasks"
                  + (threshold == null ? "" : ", threshold " + threshold)
                  + ")");
    }
    for (DeploymentLifecycleHookDetail hook : sd.lifecycleHookDetails()) {
      String s = hook.statusAsString();
      if ("FAILED".equals(s) || "TIMED_OUT".equals(s)) {
        return "lifecycle hook "
            + hookName(hook.targetArn(), sd)
            + (s.equals("FAILED") ? " failed" : " timed out")
            + (sd.statusReason() == null ? "" : " (" + sd.statusReason().strip() + ")");
      }
    }
    if (sd.rollback() != null && sd.rollback().reason() != null) {
      return sd.rollback().reason().strip();
    }
    return sd.statusReason() == null ? "ECS gave no reason" : sd.statusReason().strip();
  }

  /**
   * A hook as the spec names it: its function's name and ARN ({@code api-smoke-test
   * (arn:aws:lambda:…:function:api-smoke-test)}). When ECS leaves the hook's target out, the
   * function the deployment configuration names at the current stage, if it names only one.
   */
  static String hookName(String targetArn, ServiceDeployment sd) {
    String arn = targetArn;
    if (arn == null && sd.deploymentConfiguration() != null && sd.lifecycleStage() != null) {
      List<String> at =
          sd.deploymentConfiguration().lifecycleHooks().stream()
              .filter(h -> h.lifecycleStagesAsStrings().contains(sd.lifecycleStageAsString()))
              .map(DeploymentLifecycleHook::hookTargetArn)
              .toList();
      arn = at.size() == 1 ? at.get(0) : null;
    }
    if (arn == null) {
      return "(ECS did not say which)";
    }
    return function(arn) + " (" + arn + ")";
  }

  /** The function's name in a Lambda ARN ({@code …:function:NAME[:QUALIFIER]}). */
  static String function(String arn) {
    int at = arn.indexOf(":function:");
    if (at < 0) {
      return arn;
    }
    String rest = arn.substring(at + ":function:".length());
    int colon = rest.indexOf(':');
    return colon < 0 ? rest : rest.substring(0, colon);
  }

  /** The functions the deployment calls at {@code stage}, by name. */
  private static List<String> hooksAt(String stage, JsonNode dc) {
    List<String> names = new java.util.ArrayList<>();
    for (JsonNode h : dc.path("lifecycleHooks")) {
      for (JsonNode st : h.path("lifecycleStages")) {
        if (st.asText().equals(stage) && !h.path("hookTargetArn").asText("").isEmpty()) {
          names.add(function(h.path("hookTargetArn").asText()));
        }
      }
    }
    return names;
  }

  private void stage(ServiceDeployment sd, ProgressListener listener) {
    String now = sd.lifecycleStageAsString();
    if (now == null || now.equals(stage)) {
      return;
    }
    stage = now;
    stageSeen = clock.instant();
    JsonNode dc =
        sd.deploymentConfiguration() == null
            ? JsonNodeFactory.instance.objectNode()
            : SdkJson.toJson(sd.deploymentConfiguration());
    listener.stageChanged(view(now, dc));
  }

  StageView view(String now, JsonNode dc) {
    String strategy = dc.path("strategy").asText("");
    Optional<Instant> ends = Optional.empty();
    String words;
    switch (now) {
      case "PRODUCTION_TRAFFIC_SHIFT" -> {
        if (strategy.equals("CANARY")) {
          JsonNode c = dc.path("canaryConfiguration");
          long bake = c.path("canaryBakeTimeInMinutes").asLong(10);
          words =
              "canary "
                  + RolloutTime.percent(c.path("canaryPercent").asDouble(5.0))
                  + " for "
                  + bake
                  + "m, then 100%";
          ends = Optional.of(stageSeen.plus(Duration.ofMinutes(bake)));
        } else if (strategy.equals("LINEAR")) {
          JsonNode l = dc.path("linearConfiguration");
          words =
              "shifting traffic "
                  + RolloutTime.percent(l.path("stepPercent").asDouble(10.0))
                  + " every "
                  + l.path("stepBakeTimeInMinutes").asLong(6)
                  + "m";
          ends =
              Optional.of(
                  stageSeen.plus(
                      RolloutTime.minimum(dc)
                          .minusMinutes(dc.path("bakeTimeInMinutes").asLong(0))));
        } else {
          words = "shifting all traffic to the new revision";
        }
      }
      case "BAKE_TIME" -> {
        long bake = dc.path("bakeTimeInMinutes").asLong(0);
        words = "bake " + bake + "m (the old revision is kept for a rollback)";
        ends = Optional.of(stageSeen.plus(Duration.ofMinutes(bake)));
      }
      case "TEST_TRAFFIC_SHIFT" -> words = "test traffic to the new revision";
      case "CLEAN_UP" -> words = "removing the old revision";
      default -> words = now.toLowerCase(Locale.ROOT).replace('_', ' ');
    }
    List<String> hooks = hooksAt(now, dc);
    if (!hooks.isEmpty()) {
      words +=
          (hooks.size() == 1 ? ", lifecycle hook " : ", lifecycle hooks ")
              + String.join(", ", hooks);
    }
    return new StageView(service, now, words, ends);
  }
}
