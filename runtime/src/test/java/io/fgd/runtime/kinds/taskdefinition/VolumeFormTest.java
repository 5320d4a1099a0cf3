package io.fgd.runtime.kinds.taskdefinition;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fgd.runtime.engine.Trees;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What fgd registers against what DescribeTaskDefinition answers: ECS fills an EFS volume's
 * rootDirectory, transitEncryption and iam, a mount's readOnly and a bind mount's empty host, and
 * none of it is a change.
 */
class VolumeFormTest {
  static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void ecsDefaultsAreNoChange() throws Exception {
    ObjectNode registered =
        (ObjectNode)
            JSON.readTree(
                """
                {"family": "cms-web", "containerDefinitions": [{"name": "web", "image": "x:1",
                  "mountPoints": [{"sourceVolume": "data", "containerPath": "/data"}]}],
                 "volumes": [{"name": "data", "efsVolumeConfiguration": {"fileSystemId": "fs-0123456789abcdef0"}},
                             {"name": "cache"}]}
                """);
    ObjectNode described =
        (ObjectNode)
            JSON.readTree(
                """
                {"family": "cms-web", "containerDefinitions": [{"name": "web", "image": "x:1",
                  "mountPoints": [{"sourceVolume": "data", "containerPath": "/data", "readOnly": false}],
                  "volumesFrom": []}],
                 "volumes": [{"name": "cache", "host": {}},
                             {"name": "data", "efsVolumeConfiguration": {"fileSystemId": "fs-0123456789abcdef0",
                              "rootDirectory": "/", "transitEncryption": "DISABLED",
                              "authorizationConfig": {"iam": "DISABLED"}}}]}
                """);
    assertEquals(
        List.of(),
        Trees.compare(
            TaskDefinitionForm.taskDefinition(described),
            TaskDefinitionForm.taskDefinition(registered)));
    // Not vacuous: a different root is a change.
    ((ObjectNode) described.path("volumes").get(1).path("efsVolumeConfiguration"))
        .put("rootDirectory", "/other");
    assertEquals(
        1,
        Trees.compare(
                TaskDefinitionForm.taskDefinition(described),
                TaskDefinitionForm.taskDefinition(registered))
            .size());
  }
}
