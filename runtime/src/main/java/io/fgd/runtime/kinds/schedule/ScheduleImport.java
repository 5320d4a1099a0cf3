package io.fgd.runtime.kinds.schedule;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fgd.compiler.emit.ecs.EcsNames;
import io.fgd.compiler.emit.ecs.JobEmitter;
import io.fgd.runtime.FgdRuntimeException;
import io.fgd.runtime.aws.SdkJson;
import io.fgd.runtime.importer.ImportRun;
import io.fgd.runtime.importer.SpecText;
import io.fgd.runtime.importer.SpecText.Block;
import io.fgd.runtime.kinds.loggroup.LogGroupImport;
import io.fgd.runtime.kinds.loggroup.LogGroupReads;
import io.fgd.runtime.kinds.taskdefinition.TaskDefinitionImport;
import io.fgd.runtime.kinds.taskdefinition.TaskDefinitionReads;
import io.fgd.runtime.state.AwsStateReader;
import io.fgd.runtime.state.LiveState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.services.scheduler.model.ScheduleSummary;

/**
 * {@code fgd import}: the schedules that run tasks on the imported cluster become {@code job}
 * blocks, with their task definitions' containers in a service's words, and the app block gets the
 * {@code scheduler_role} they use. What the language cannot say is a warning.
 */
final class ScheduleImport {
  private ScheduleImport() {}

  /** How import reads schedules; tests fake it. */
  interface Api {
    /** Every schedule of every group whose target is {@code clusterArn}, by name, GetSchedule's. */
    Map<String, ObjectNode> schedulesTargeting(String clusterArn) throws FgdRuntimeException;
  }

  static Api api(LiveState live) {
    return live.reads(Api.class, reader -> arn -> targeting(reader, arn));
  }

  static void write(ImportRun run, LiveState live, List<SpecText.Item> spec)
      throws FgdRuntimeException {
    if (run.app() == null || run.account() == null) {
      return;
    }
    String clusterArn = JobEmitter.clusterArn(run.region(), run.account(), run.request().cluster());
    Map<String, ObjectNode> schedules = api(live).schedulesTargeting(clusterArn);
    if (schedules.isEmpty()) {
      return;
    }
    Map<String, ObjectNode> taskDefinitions = new TreeMap<>();
    List<String> groups = new ArrayList<>();
    for (ObjectNode s : schedules.values()) {
      String arn = s.path("Target").path("EcsParameters").path("TaskDefinitionArn").asText("");
      if (!arn.isEmpty() && !taskDefinitions.containsKey(arn)) {
        ObjectNode td = TaskDefinitionReads.api(live).readTaskDefinition(arn);
        taskDefinitions.put(arn, td);
        for (JsonNode c : td.path("containerDefinitions")) {
          String g = c.path("logConfiguration").path("options").path("awslogs-group").asText("");
          if (!g.isEmpty()) {
            groups.add(g);
          }
        }
      }
    }
    run.logGroups(LogGroupReads.api(live).readLogGroups(groups));
    String role = null;
    for (var e : schedules.entrySet()) {
      ObjectNode s = e.getValue();
      String arn = s.path("Target").path("EcsParameters").path("TaskDefinitionArn").asText("");
      Block block = job(run, e.getKey(), s, taskDefinitions.get(arn));
      role = role == null ? s.path("Target").path("RoleArn").asText(null) : role;
      spec.add(new SpecText.Blank());
      spec.add(new SpecText.Nested(block));
    }
    if (role != null) {
      for (SpecText.Item item : spec) {
        if (item instanceof SpecText.Nested n && n.block().header().startsWith("app ")) {
          n.block().add("scheduler_role", SpecText.quote(role));
        }
      }
    }
  }

  private static Block job(ImportRun run, String name, ObjectNode s, ObjectNode td) {
    String subject = "job \"" + name + "\"";
    Block block = new Block("job " + name, 6);
    String group = s.path("GroupName").asText("default");
    if (!group.equals(run.app())) {
      run.warn(
          block,
          subject,
          "schedule group \""
              + group
              + "\" was not imported: fgd keeps a job's schedule in the group named after the app"
              + " (\""
              + run.app()
              + "\"); the first plan creates the schedule there, and the one in \""
              + group
              + "\" runs too until you delete it.");
    }
    for (String field : ScheduleForm.unmanaged(s)) {
      run.warn(block, subject, field + " was not imported: fgd has no statement for it.");
    }
    JsonNode ecs = s.path("Target").path("EcsParameters");
    if (!"FARGATE".equals(ecs.path("LaunchType").asText(""))) {
      run.warn(
          block,
          subject,
          "the launch type was not imported: fgd runs jobs on Fargate; the first plan changes it.");
    }
    String zone = s.path("ScheduleExpressionTimezone").asText("UTC");
    String expression = SpecText.quote(s.path("ScheduleExpression").asText());
    block.add(
        "schedule",
        zone.equals(JobEmitter.DEFAULT_TIME_ZONE)
            ? expression
            : expression + " in " + SpecText.text(zone));
    if ("DISABLED".equals(s.path("State").asText())) {
      block.add("enabled", "off");
    }
    JsonNode window = s.path("FlexibleTimeWindow");
    if ("FLEXIBLE".equals(window.path("Mode").asText())) {
      block.add("flexible_window", window.path("MaximumWindowInMinutes").asInt() + "m");
    }
    JsonNode retry = s.path("Target").path("RetryPolicy");
    int retries = retry.path("MaximumRetryAttempts").asInt(JobEmitter.DEFAULT_RETRIES);
    if (retries != JobEmitter.DEFAULT_RETRIES) {
      block.add("retries", Integer.toString(retries));
    }
    int age = retry.path("MaximumEventAgeInSeconds").asInt(JobEmitter.DEFAULT_MAX_AGE_SECONDS);
    if (age != JobEmitter.DEFAULT_MAX_AGE_SECONDS) {
      block.add("max_age", SpecText.duration(age));
    }
    if (ecs.path("EnableExecuteCommand").asBoolean(false)) {
      block.add("exec", "on");
    }
    if (td == null) {
      run.warn(block, subject, "its task definition could not be read, so it has no image.");
      return block;
    }
    String family = td.path("family").asText();
    if (!family.equals(EcsNames.family(run.app(), name))) {
      run.warn(
          block,
          subject,
          "task definition family \""
              + family
              + "\" was not imported: fgd names it \""
              + EcsNames.family(run.app(), name)
              + "\"; the first plan registers the task definition under that family.");
    }
    List<JsonNode> containers = new ArrayList<>();
    td.path("containerDefinitions").forEach(containers::add);
    JsonNode main = TaskDefinitionImport.mainContainer(name, containers);
    LogGroupImport.Logs logs = LogGroupImport.logs(run, block, subject, name, main);
    TaskDefinitionImport.container(run, block, subject, main, td, Map.of(), "");
    TaskDefinitionImport.essentialMain(run, block, subject, main);
    logs.write(block);
    if (containers.size() > 1) {
      run.warn(
          block,
          subject,
          "its other containers were not imported: fgd imports a job's main container only.");
    }
    return block;
  }

  static Map<String, ObjectNode> targeting(AwsStateReader reader, String clusterArn)
      throws FgdRuntimeException {
    List<ScheduleSummary> found = new ArrayList<>();
    reader.eachPage(
        "listing schedules",
        reader.clients().scheduler().listSchedulesPaginator(r -> {}),
        page -> {
          found.addAll(page.schedules());
          return true;
        });
    Map<String, ObjectNode> out = new TreeMap<>();
    for (ScheduleSummary summary : found) {
      if (summary.target() == null || !clusterArn.equals(summary.target().arn())) {
        continue;
      }
      out.put(
          summary.name(),
          SdkJson.toJson(
              reader.call(
                  "reading schedule " + summary.groupName() + "/" + summary.name(),
                  () ->
                      reader
                          .clients()
                          .scheduler()
                          .getSchedule(
                              r -> r.groupName(summary.groupName()).name(summary.name())))));
    }
    return out;
  }
}
