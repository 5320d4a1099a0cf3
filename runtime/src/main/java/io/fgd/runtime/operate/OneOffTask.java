package io.fgd.runtime.operate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fgd.runtime.FgdRuntimeException;
import io.fgd.runtime.aws.SdkJson;
import io.fgd.runtime.engine.DesiredJob;
import io.fgd.runtime.engine.DesiredService;
import io.fgd.runtime.engine.DesiredState;
import io.fgd.runtime.kinds.taskdefinition.TaskDefinitionForm;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.DescribeTaskDefinitionResponse;
import software.amazon.awssdk.services.ecs.model.RegisterTaskDefinitionRequest;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.TaskDefinitionField;

/**
 * Turns a service (or job) of the spec into a {@link TaskRun.Request}: its task definition (the one
 * the spec compiles to, registered only if no revision the service runs equals it; or with {@code
 * live}, the one the service runs), its network, its main container and where that one logs.
 */
public final class OneOffTask {
  /** ECS's startedBy of the tasks fgd runs, so they are told from a service's. */
  public static final String STARTED_BY = "fgd-run";

  private OneOffTask() {}

  /**
   * @param command the command to run instead of the image's; empty for the image's own
   * @param live run the revision the service runs instead of the spec's
   * @param note hears which revision is used, and whether it was registered
   */
  public static TaskRun.Request prepare(
      EcsClient ecs,
      String cluster,
      DesiredService want,
      List<String> command,
      boolean live,
      Consumer<String> note)
      throws FgdRuntimeException {
    Optional<Service> running =
        ecs.describeServices(r -> r.cluster(cluster).services(want.name())).services().stream()
            .filter(s -> !"INACTIVE".equals(s.status()))
            .findFirst();
    return prepare(
        ecs, runnable(cluster, want, running.map(Service::taskDefinition)), command, live, note);
  }

  /**
   * One task of revision {@code arn} of the service's task definition, with the service's network,
   * its main container's command replaced by {@code command} (none: the image's own).
   *
   * @param taskDefinition what {@code arn} holds (its containers and their log configuration)
   */
  public static TaskRun.Request request(
      String cluster,
      DesiredService want,
      String arn,
      JsonNode taskDefinition,
      List<String> command,
      String startedBy) {
    return request(
        runnable(cluster, want, Optional.empty()), arn, taskDefinition, command, startedBy);
  }

  private static Runnable runnable(String cluster, DesiredService want, Optional<String> running) {
    JsonNode awsvpc = want.service().path("networkConfiguration").path("awsvpcConfiguration");
    return new Runnable(
        cluster,
        want.name(),
        "service",
        "the service runs",
        want.family(),
        want.taskDefinition(),
        texts(awsvpc.path("subnets")),
        texts(awsvpc.path("securityGroups")),
        "ENABLED".equals(awsvpc.path("assignPublicIp").asText()),
        running);
  }

  /**
   * A job's task: the spec's task definition of the job (registered only if the newest ACTIVE
   * revision of its family does not equal it), or with {@code live} the revision the job's schedule
   * runs ({@code scheduledArn}); the network of its schedule.
   */
  public static TaskRun.Request prepareJob(
      EcsClient ecs,
      String cluster,
      DesiredJob job,
      Optional<String> scheduledArn,
      List<String> command,
      boolean live,
      Consumer<String> note)
      throws FgdRuntimeException {
    JsonNode awsvpc =
        job.schedule()
            .path("Target")
            .path("EcsParameters")
            .path("NetworkConfiguration")
            .path("awsvpcConfiguration");
    Optional<String> newest = Optional.empty();
    if (!live) {
      try {
        newest =
            Optional.of(
                ecs.describeTaskDefinition(r -> r.taskDefinition(job.family()))
                    .taskDefinition()
                    .taskDefinitionArn());
      } catch (software.amazon.awssdk.services.ecs.model.ClientException e) {
        newest = Optional.empty(); // no revision of the family yet
      }
    }
    return prepare(
        ecs,
        new Runnable(
            cluster,
            job.name(),
            "job",
            live ? "the job's schedule runs" : "is the family's newest",
            job.family(),
            job.taskDefinition(),
            texts(awsvpc.path("Subnets")),
            texts(awsvpc.path("SecurityGroups")),
            "ENABLED".equals(awsvpc.path("AssignPublicIp").asText()),
            live ? scheduledArn : newest),
        command,
        live,
        note);
  }

  /**
   * What one task is run from: a service's or a job's.
   *
   * @param what "service" or "job"
   * @param whose how a note says where {@code runningArn} comes from
   * @param runningArn the revision the service (or the job's schedule) runs, if any
   */
  private record Runnable(
      String cluster,
      String name,
      String what,
      String whose,
      String family,
      ObjectNode taskDefinition,
      List<String> subnets,
      List<String> securityGroups,
      boolean publicIp,
      Optional<String> runningArn) {}

  private static TaskRun.Request prepare(
      EcsClient ecs, Runnable want, List<String> command, boolean live, Consumer<String> note)
      throws FgdRuntimeException {
    String arn;
    JsonNode taskDefinition;
    if (live) {
      if (want.runningArn().isEmpty()) {
        throw new TaskRunException(
            want.what()
                + " \""
                + want.name()
                + "\" does not run in ECS, so there is no live task definition: run without"
                + " --live to run the spec's.");
      }
      arn = want.runningArn().get();
      taskDefinition = describe(ecs, arn);
      note.accept(
          "Running " + TaskDefinitionForm.familyRevision(arn) + ", which " + want.whose() + ".");
    } else {
      ObjectNode desired = want.taskDefinition();
      if (hasPlaceholderImage(desired)) {
        throw new TaskRunException(
            "\""
                + want.name()
                + "\" is built from source: give --image-tag TAG for the image to run, or --live"
                + " to run the revision the "
                + want.what()
                + " runs.");
      }
      Optional<String> same = Optional.empty();
      if (want.runningArn().isPresent()) {
        String liveArn = want.runningArn().get();
        if (TaskDefinitionForm.family(liveArn).equals(want.family())
            && TaskDefinitionForm.same(describe(ecs, liveArn), desired)) {
          same = Optional.of(liveArn);
        }
      }
      if (same.isPresent()) {
        arn = same.get();
        note.accept(
            "Running " + TaskDefinitionForm.familyRevision(arn) + ", which equals the spec.");
      } else {
        RegisterTaskDefinitionRequest request =
            SdkJson.fromJson(desired, RegisterTaskDefinitionRequest.builder());
        arn = ecs.registerTaskDefinition(request).taskDefinition().taskDefinitionArn();
        note.accept(
            "Registered "
                + TaskDefinitionForm.familyRevision(arn)
                + ", the spec's task definition.");
      }
      taskDefinition = desired;
    }
    return request(want, arn, taskDefinition, command, STARTED_BY);
  }

  private static TaskRun.Request request(
      Runnable want, String arn, JsonNode taskDefinition, List<String> command, String startedBy) {
    JsonNode main = mainContainer(want.name(), taskDefinition);
    return new TaskRun.Request(
        want.cluster(),
        arn,
        main.path("name").asText(),
        command,
        want.subnets(),
        want.securityGroups(),
        want.publicIp(),
        logStream(main),
        startedBy);
  }

  /** The container named as the service, or else the first essential one, or else the first. */
  static JsonNode mainContainer(String name, JsonNode taskDefinition) {
    JsonNode first = null;
    JsonNode firstEssential = null;
    for (JsonNode c : taskDefinition.path("containerDefinitions")) {
      if (name.equals(c.path("name").asText())) {
        return c;
      }
      first = first == null ? c : first;
      if (firstEssential == null && c.path("essential").asBoolean(true)) {
        firstEssential = c;
      }
    }
    JsonNode chosen = firstEssential != null ? firstEssential : first;
    if (chosen == null) {
      throw new IllegalArgumentException("a task definition without containers");
    }
    return chosen;
  }

  /** Where an awslogs container writes; empty for another log driver or none. */
  public static Optional<TaskRun.LogStream> logStream(JsonNode container) {
    JsonNode config = container.path("logConfiguration");
    if (!"awslogs".equals(config.path("logDriver").asText())) {
      return Optional.empty();
    }
    JsonNode options = config.path("options");
    String group = options.path("awslogs-group").asText(null);
    String prefix = options.path("awslogs-stream-prefix").asText(null);
    if (group == null || prefix == null) {
      return Optional.empty(); // without a prefix the stream is named after the container id
    }
    return Optional.of(new TaskRun.LogStream(group, prefix));
  }

  private static boolean hasPlaceholderImage(JsonNode taskDefinition) {
    for (JsonNode c : taskDefinition.path("containerDefinitions")) {
      if (DesiredState.isPlaceholderImage(c.path("image").asText())) {
        return true;
      }
    }
    return false;
  }

  /** A registered task definition with its tags inside, as {@link TaskDefinitionForm} wants. */
  private static ObjectNode describe(EcsClient ecs, String arn) {
    DescribeTaskDefinitionResponse response =
        ecs.describeTaskDefinition(r -> r.taskDefinition(arn).include(TaskDefinitionField.TAGS));
    ObjectNode json = SdkJson.toJson(response.taskDefinition());
    ArrayNode tags = JsonNodeFactory.instance.arrayNode();
    response.tags().forEach(t -> tags.addObject().put("key", t.key()).put("value", t.value()));
    if (!tags.isEmpty()) {
      json.set("tags", tags);
    }
    return json;
  }

  private static List<String> texts(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }
}
