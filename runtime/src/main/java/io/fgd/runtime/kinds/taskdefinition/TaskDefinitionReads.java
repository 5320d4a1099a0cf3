package io.fgd.runtime.kinds.taskdefinition;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fgd.runtime.FgdRuntimeException;
import io.fgd.runtime.aws.SdkJson;
import io.fgd.runtime.state.AwsStateReader;
import software.amazon.awssdk.services.ecs.model.DescribeTaskDefinitionResponse;
import software.amazon.awssdk.services.ecs.model.Tag;
import software.amazon.awssdk.services.ecs.model.TaskDefinitionField;

/** How the plan reads a task definition, with its tags. */
public final class TaskDefinitionReads {
  private TaskDefinitionReads() {}

  public static ObjectNode readTaskDefinition(AwsStateReader reader, String arn)
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
