package io.fgd.compiler.emit.ecs;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fgd.compiler.Artifact;
import io.fgd.compiler.CompileOptions;
import io.fgd.compiler.emit.Json;
import io.fgd.compiler.ir.App;
import io.fgd.compiler.ir.Job;
import io.fgd.compiler.ir.Located;
import io.fgd.compiler.ir.Network;
import io.fgd.compiler.ir.Spec;
import java.util.ArrayList;
import java.util.List;

/**
 * A job's files: {@code JOB/taskdef.json} (the same RegisterTaskDefinition input a service's task
 * gets, family {@code APP-JOB}), {@code JOB/logs.json} (unless {@code logs off}) and {@code
 * JOB/schedule.json}, an EventBridge Scheduler CreateSchedule request as {@code aws scheduler
 * create-schedule --cli-input-json} takes it.
 *
 * <p>The schedule is named after the job in the schedule group named after the app, which fgd
 * creates and tags {@code fgd:app = APP}: Scheduler puts no tags on schedules, so the group is how
 * fgd knows the schedules it owns. Its target is ECS RunTask on the app's cluster with the app's
 * awsvpc network; {@code TaskDefinitionArn} holds the family, for which apply substitutes the
 * revision it registered. Every field Scheduler would otherwise fill is written (the time zone, the
 * retry policy), so the plan compares like with like.
 */
public final class JobEmitter {
  private JobEmitter() {}

  public static final String SCHEDULE_FILE = "schedule.json";

  /** Scheduler's RetryPolicy defaults (API_RetryPolicy): 185 attempts within 24 hours. */
  public static final int DEFAULT_RETRIES = 185;

  public static final int DEFAULT_MAX_AGE_SECONDS = 86400;

  /** ScheduleExpressionTimezone when the spec gives none (API_CreateSchedule: "UTC" default). */
  public static final String DEFAULT_TIME_ZONE = "UTC";

  public static List<Artifact> emit(Spec spec, Job job, CompileOptions options) {
    App app = spec.app().orElseThrow(() -> EcsEmitter.bug("a checked spec has no app block"));
    String dir = job.name().value() + "/";
    List<Artifact> artifacts = new ArrayList<>();
    artifacts.add(
        EcsEmitter.artifact(
            dir + EcsEmitter.TASK_DEFINITION_FILE,
            SchemaValidator.Kind.TASK_DEFINITION,
            EcsEmitter.taskDefinition(spec, app, job.task(), options)));
    artifacts.add(
        EcsEmitter.artifact(
            dir + SCHEDULE_FILE, SchemaValidator.Kind.SCHEDULE, schedule(app, job)));
    EcsEmitter.logs(app, job.task())
        .ifPresent(
            logs ->
                artifacts.add(
                    EcsEmitter.artifact(
                        dir + EcsEmitter.LOGS_FILE, SchemaValidator.Kind.LOGS, logs)));
    return artifacts;
  }

  /** The cluster's ARN, the schedule's target. */
  public static String clusterArn(String region, String account, String cluster) {
    return "arn:"
        + EcsNames.partition(region)
        + ":ecs:"
        + region
        + ":"
        + account
        + ":cluster/"
        + cluster;
  }

  static ObjectNode schedule(App app, Job job) {
    Job.Schedule schedule =
        job.schedule().orElseThrow(() -> EcsEmitter.bug("a checked job has no schedule"));
    ObjectNode node = Json.object();
    ObjectNode window = node.putObject("FlexibleTimeWindow");
    if (job.flexibleWindow().isPresent()) {
      window.put("MaximumWindowInMinutes", job.flexibleWindow().get().value().toMinutes());
      window.put("Mode", "FLEXIBLE");
    } else {
      window.put("Mode", "OFF");
    }
    node.put("GroupName", app.name().value());
    node.put("Name", job.name().value());
    node.put("ScheduleExpression", schedule.expression().value());
    node.put(
        "ScheduleExpressionTimezone",
        schedule.timeZone().map(Located::value).orElse(DEFAULT_TIME_ZONE));
    node.put("State", job.enabled().map(Located::value).orElse(true) ? "ENABLED" : "DISABLED");

    ObjectNode target = node.putObject("Target");
    target.put(
        "Arn",
        clusterArn(EcsEmitter.region(app), EcsEmitter.account(app), EcsEmitter.cluster(app)));
    ObjectNode ecs = target.putObject("EcsParameters");
    ecs.put("EnableECSManagedTags", true);
    job.task().settings().exec().ifPresent(e -> ecs.put("EnableExecuteCommand", e.value()));
    ecs.put("LaunchType", "FARGATE");
    Network network =
        app.network().orElseThrow(() -> EcsEmitter.bug("a checked app has no network"));
    ObjectNode vpc = ecs.putObject("NetworkConfiguration").putObject("awsvpcConfiguration");
    boolean publicIp = network.publicIp().map(Located::value).orElse(EcsDefaults.PUBLIC_IP);
    vpc.put("AssignPublicIp", publicIp ? "ENABLED" : "DISABLED");
    vpc.set(
        "SecurityGroups",
        Json.strings(network.securityGroups().stream().map(Located::value).toList()));
    vpc.set("Subnets", Json.strings(network.subnets().stream().map(Located::value).toList()));
    ecs.put("PlatformVersion", "LATEST");
    ecs.put("PropagateTags", "TASK_DEFINITION");
    ecs.put("TaskCount", 1);
    ecs.put("TaskDefinitionArn", EcsNames.family(app.name().value(), job.name().value()));
    ObjectNode retry = target.putObject("RetryPolicy");
    retry.put(
        "MaximumEventAgeInSeconds",
        job.maxAge().map(a -> (int) a.value().toSeconds()).orElse(DEFAULT_MAX_AGE_SECONDS));
    retry.put("MaximumRetryAttempts", job.retries().map(Located::value).orElse(DEFAULT_RETRIES));
    target.put(
        "RoleArn",
        app.schedulerRole()
            .map(Located::value)
            .orElseThrow(() -> EcsEmitter.bug("a checked app with jobs has no scheduler role")));
    return node;
  }
}
