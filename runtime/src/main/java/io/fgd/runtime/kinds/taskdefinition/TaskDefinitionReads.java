package io.fgd.runtime.kinds.taskdefinition;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fgd.runtime.FgdRuntimeException;
import io.fgd.runtime.aws.SdkJson;
import io.fgd.runtime.engine.KindRead;
import io.fgd.runtime.engine.ReadScope;
import io.fgd.runtime.kinds.service.ServiceReads;
import io.fgd.runtime.state.AwsStateReader;
import io.fgd.runtime.state.LiveState;
import io.fgd.runtime.state.ObservedService;
import io.fgd.runtime.state.ObservedState;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.ecs.model.DescribeTaskDefinitionResponse;
import software.amazon.awssdk.services.ecs.model.Tag;
import software.amazon.awssdk.services.ecs.model.TaskDefinitionField;

/** How the plan reads a task definition, with its tags. */
public final class TaskDefinitionReads {
  /** The key of the task definitions the spec's services run, by ARN, with their tags. */
  public static final String KEY = "task_definition";

  private TaskDefinitionReads() {}

  /** How fgd reads task definitions; tests fake it. */
  public interface Api {
    /** A task definition in ECS wire shape with its {@code tags}. */
    ObjectNode readTaskDefinition(String arn) throws FgdRuntimeException;
  }

  public static Api api(LiveState live) {
    return live.reads(Api.class, reader -> arn -> readTaskDefinition(reader, arn));
  }

  /** The task definitions the spec's services run, by ARN. */
  public static Map<String, ObjectNode> taskDefinitions(ObservedState observed) {
    return observed.get(KEY, Map.of());
  }

  /** The task definition a live service runs, if fgd could read it. */
  public static Optional<ObjectNode> taskDefinitionOf(
      ObservedState observed, ObservedService service) {
    return Optional.ofNullable(taskDefinitions(observed).get(service.taskDefinitionArn()));
  }

  /** After the services: the task definitions they run, once per distinct ARN, all at once. */
  static final List<KindRead> READS =
      List.of(
          new KindRead() {
            @Override
            public String key() {
              return KEY;
            }

            @Override
            public List<String> after() {
              return List.of(ServiceReads.KEY);
            }

            @Override
            public ReadScope.Pending<?> start(ReadScope scope) {
              Api api = api(scope.live());
              Map<String, ReadScope.Pending<ObjectNode>> reads = new LinkedHashMap<>();
              for (ObservedService s : ServiceReads.services(scope.observed()).values()) {
                if (!s.isGone()) {
                  reads.computeIfAbsent(
                      s.taskDefinitionArn(), arn -> scope.fork(() -> api.readTaskDefinition(arn)));
                }
              }
              return () -> {
                Map<String, ObjectNode> out = new LinkedHashMap<>();
                for (var e : reads.entrySet()) {
                  out.put(e.getKey(), e.getValue().join());
                }
                return out;
              };
            }
          });

  static ObjectNode readTaskDefinition(AwsStateReader reader, String arn)
      throws FgdRuntimeException {
    DescribeTaskDefinitionResponse response =
        reader.call(
            "reading task definition " + arn,
            () ->
                reader
                    .clients()
                    .ecs()
                    .describeTaskDefinition(
                        r -> r.taskDefinition(arn).include(TaskDefinitionField.TAGS)));
    ObjectNode json = SdkJson.toJson(response.taskDefinition());
    // Tags live beside the task definition in the response, but inside it in the register input.
    ArrayNode tags = JsonNodeFactory.instance.arrayNode();
    for (Tag t : response.tags()) {
      tags.addObject().put("key", t.key()).put("value", t.value());
    }
    if (!tags.isEmpty()) {
      json.set("tags", tags);
    }
    return json;
  }
}
