package io.fgd.runtime.kinds.taskdefinition;

import static io.fgd.runtime.engine.Canonical.present;

import com.fasterxml.jackson.databind.JsonNode;
import io.fgd.runtime.importer.ImportRun;
import io.fgd.runtime.importer.SpecText;
import io.fgd.runtime.importer.SpecText.Block;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * {@code fgd import} of a task definition's volumes ({@code volume} statements in the service's
 * block) and of a container's mount points ({@code mount} statements in its block). A volume the
 * language cannot say (a host path, a Docker volume, one configured at launch) is warned about and
 * left out with its mounts, so the written spec still validates.
 */
public final class VolumeImport {
  private VolumeImport() {}

  /** The names of the task definition's volumes that {@link #volumes} writes. */
  static Set<String> expressible(JsonNode td) {
    Set<String> out = new LinkedHashSet<>();
    for (JsonNode v : td.path("volumes")) {
      if (statement(v) != null) {
        out.add(v.path("name").asText());
      }
    }
    return out;
  }

  /** {@code volume NAME [efs ...]} for each volume, into the service's block. */
  public static void volumes(ImportRun run, Block block, String subject, JsonNode td) {
    for (JsonNode v : td.path("volumes")) {
      String name = v.path("name").asText();
      String statement = statement(v);
      if (statement == null) {
        run.warn(
            block,
            subject,
            "volume \""
                + name
                + "\" was not imported: fgd has EFS and task-local volumes only; the next task"
                + " definition revision fgd registers will not have it, nor its mount points.");
      } else {
        block.add("volume", statement);
      }
    }
  }

  /** The words after {@code volume}, or null when the language cannot say the volume. */
  private static String statement(JsonNode v) {
    String name = v.path("name").asText();
    JsonNode efs = v.get("efsVolumeConfiguration");
    if (present(efs)) {
      StringBuilder out = new StringBuilder(name).append(" efs ");
      out.append(efs.path("fileSystemId").asText());
      JsonNode auth = efs.path("authorizationConfig");
      if (present(auth.get("accessPointId"))) {
        out.append(" access_point ").append(auth.get("accessPointId").asText());
      }
      String root = efs.path("rootDirectory").asText("/");
      if (!root.equals("/") && !root.isEmpty()) {
        out.append(" root ").append(SpecText.quote(root));
      }
      if (efs.path("transitEncryption").asText("DISABLED").equals("ENABLED")) {
        out.append(" encrypted");
        int port = efs.path("transitEncryptionPort").asInt(0);
        if (port != 0) {
          out.append(" port ").append(port);
        }
      }
      if (auth.path("iam").asText("DISABLED").equals("ENABLED")) {
        out.append(" iam");
      }
      return out.toString();
    }
    if (present(v.path("host").get("sourcePath"))
        || present(v.get("dockerVolumeConfiguration"))
        || present(v.get("fsxWindowsFileServerVolumeConfiguration"))
        || v.path("configuredAtLaunch").asBoolean(false)) {
      return null;
    }
    return name;
  }

  /** {@code mount VOLUME at "PATH" [read_only]} for each mount point of the container. */
  public static void mounts(ImportRun run, Block block, JsonNode container, JsonNode td) {
    Set<String> volumes = expressible(td);
    for (JsonNode m : container.path("mountPoints")) {
      String volume = m.path("sourceVolume").asText();
      if (!volumes.contains(volume)) {
        continue; // its volume was warned about and left out
      }
      block.add(
          "mount",
          volume
              + " at "
              + SpecText.quote(m.path("containerPath").asText())
              + (m.path("readOnly").asBoolean(false) ? " read_only" : ""));
    }
  }
}
