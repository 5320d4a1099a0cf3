package io.fgd.runtime.kinds.taskdefinition;

import static io.fgd.runtime.engine.Canonical.keyed;
import static io.fgd.runtime.engine.Canonical.present;
import static io.fgd.runtime.engine.Canonical.putMap;
import static io.fgd.runtime.engine.Canonical.putText;
import static io.fgd.runtime.engine.Canonical.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The normal form of a task definition's volumes and a container's mount points. ECS answers with
 * the defaults filled in (an EFS volume's {@code rootDirectory "/"}, {@code transitEncryption
 * DISABLED}, {@code iam DISABLED}; a mount's {@code readOnly false}; a bind mount's empty {@code
 * host}), and fgd writes only what the spec says: both sides get the defaults here, so neither
 * shows a change the other does not make.
 */
final class VolumeForm {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private VolumeForm() {}

  /** {@code volumes} by name. */
  static void volumes(JsonNode td, ObjectNode out) {
    putMap(
        out, "volumes", keyed(td.get("volumes"), v -> text(v.get("name"), ""), VolumeForm::volume));
  }

  private static ObjectNode volume(JsonNode v) {
    ObjectNode out = NODES.objectNode();
    JsonNode efs = v.get("efsVolumeConfiguration");
    if (present(efs)) {
      ObjectNode e = out.putObject("efs");
      putText(e, "fileSystemId", efs.get("fileSystemId"));
      e.put("rootDirectory", text(efs.get("rootDirectory"), "/"));
      e.put("transitEncryption", text(efs.get("transitEncryption"), "DISABLED"));
      int port = efs.path("transitEncryptionPort").asInt(0);
      if (port != 0) {
        e.put("transitEncryptionPort", port);
      }
      JsonNode auth = efs.path("authorizationConfig");
      putText(e, "accessPointId", auth.get("accessPointId"));
      e.put("iam", text(auth.get("iam"), "DISABLED"));
      return out;
    }
    // A volume with only a name: task-local on Fargate (a bind mount with no host path).
    putText(out, "hostSourcePath", v.path("host").get("sourcePath"));
    if (present(v.get("dockerVolumeConfiguration"))) {
      out.set("dockerVolumeConfiguration", v.get("dockerVolumeConfiguration").deepCopy());
    }
    if (v.path("configuredAtLaunch").asBoolean(false)) {
      out.put("configuredAtLaunch", true);
    }
    if (out.isEmpty()) {
      out.put("taskLocal", true);
    }
    return out;
  }

  /** A container's {@code mountPoints}, by container path. */
  static void mountPoints(JsonNode c, ObjectNode out) {
    putMap(
        out,
        "mountPoints",
        keyed(
            c.get("mountPoints"),
            m -> text(m.get("containerPath"), ""),
            m ->
                NODES
                    .objectNode()
                    .put("sourceVolume", text(m.get("sourceVolume"), ""))
                    .put("readOnly", m.path("readOnly").asBoolean(false))));
  }
}
