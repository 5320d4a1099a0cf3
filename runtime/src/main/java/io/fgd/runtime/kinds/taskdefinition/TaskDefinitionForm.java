package io.fgd.runtime.kinds.taskdefinition;

import static io.fgd.runtime.engine.Canonical.cpuUnits;
import static io.fgd.runtime.engine.Canonical.keyed;
import static io.fgd.runtime.engine.Canonical.mebibytes;
import static io.fgd.runtime.engine.Canonical.nameValue;
import static io.fgd.runtime.engine.Canonical.present;
import static io.fgd.runtime.engine.Canonical.putList;
import static io.fgd.runtime.engine.Canonical.putMap;
import static io.fgd.runtime.engine.Canonical.putSize;
import static io.fgd.runtime.engine.Canonical.putText;
import static io.fgd.runtime.engine.Canonical.sortedTexts;
import static io.fgd.runtime.engine.Canonical.tags;
import static io.fgd.runtime.engine.Canonical.text;
import static io.fgd.runtime.engine.Canonical.toMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fgd.runtime.engine.Trees;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeMap;

/**
 * The normal form of a task definition, so that the spec's and a registered revision compare equal
 * exactly when registering would change nothing (see {@link io.fgd.runtime.engine.Canonical}).
 */
public final class TaskDefinitionForm {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  static final Set<String> TASKDEF_FIELDS =
      Set.of(
          "family",
          "taskRoleArn",
          "executionRoleArn",
          "networkMode",
          "requiresCompatibilities",
          "cpu",
          "memory",
          "containerDefinitions",
          "tags",
          "ephemeralStorage",
          "runtimePlatform",
          "volumes");

  /** The container attributes fgd manages: what the emitter writes and the differ compares. */
  public static final Set<String> CONTAINER_FIELDS =
      Set.of(
          "name",
          "image",
          "essential",
          "portMappings",
          "environment",
          "secrets",
          "command",
          "entryPoint",
          "healthCheck",
          "logConfiguration",
          "cpu",
          "memory",
          "memoryReservation",
          "linuxParameters",
          "dependsOn",
          "stopTimeout",
          "readonlyRootFilesystem",
          "ulimits",
          "mountPoints");

  private TaskDefinitionForm() {}

  public static ObjectNode taskDefinition(JsonNode td) {
    ObjectNode out = NODES.objectNode();
    putText(out, "family", td.get("family"));
    putText(out, "taskRoleArn", td.get("taskRoleArn"));
    putText(out, "executionRoleArn", td.get("executionRoleArn"));
    out.put("networkMode", text(td.get("networkMode"), "bridge"));
    ArrayNode compat = sortedTexts(td.get("requiresCompatibilities"));
    if (!compat.isEmpty()) {
      out.set("requiresCompatibilities", compat);
    }
    putSize(out, "cpu", cpuUnits(td.get("cpu")));
    putSize(out, "memory", mebibytes(td.get("memory")));
    ObjectNode containers =
        keyed(
            td.get("containerDefinitions"),
            c -> text(c.get("name"), ""),
            TaskDefinitionForm::container);
    if (!containers.isEmpty()) {
      out.set("containers", containers);
    }
    putMap(out, "tags", tags(td.get("tags")));
    platform(td, out);
    VolumeForm.volumes(td, out);
    return out;
  }

  /**
   * Ephemeral storage and the runtime platform, only where they differ from what a task gets
   * without them (20 GiB, X86_64, LINUX), so specs that do not set them compare as before.
   */
  private static void platform(JsonNode td, ObjectNode out) {
    int gib = td.path("ephemeralStorage").path("sizeInGiB").asInt(DEFAULT_EPHEMERAL_GIB);
    if (gib != DEFAULT_EPHEMERAL_GIB) {
      out.put("ephemeralStorage", gib);
    }
    JsonNode platform = td.path("runtimePlatform");
    String arch = text(platform.get("cpuArchitecture"), "X86_64").toUpperCase(Locale.ROOT);
    String os = text(platform.get("operatingSystemFamily"), "LINUX").toUpperCase(Locale.ROOT);
    if (!arch.equals("X86_64") || !os.equals("LINUX")) {
      out.set(
          "runtimePlatform",
          NODES.objectNode().put("cpuArchitecture", arch).put("operatingSystemFamily", os));
    }
  }

  /** What a Fargate task (platform 1.4.0) gets when the task definition says nothing. */
  static final int DEFAULT_EPHEMERAL_GIB = 20;

  /** Init process, start order, stop timeout, read-only root and ulimits, when set. */
  private static void startAndStop(JsonNode c, ObjectNode out) {
    if (c.path("linuxParameters").path("initProcessEnabled").asBoolean(false)) {
      out.put("initProcessEnabled", true);
    }
    putMap(
        out,
        "dependsOn",
        keyed(
            c.get("dependsOn"),
            d -> text(d.get("containerName"), ""),
            d ->
                NODES
                    .objectNode()
                    .put("condition", text(d.get("condition"), "").toUpperCase(Locale.ROOT))));
    if (present(c.get("stopTimeout"))) {
      out.put("stopTimeout", c.get("stopTimeout").asInt());
    }
    if (c.path("readonlyRootFilesystem").asBoolean(false)) {
      out.put("readonlyRootFilesystem", true);
    }
    putMap(
        out,
        "ulimits",
        keyed(
            c.get("ulimits"),
            u -> text(u.get("name"), ""),
            u ->
                NODES
                    .objectNode()
                    .put("softLimit", u.path("softLimit").asLong())
                    .put("hardLimit", u.path("hardLimit").asLong())));
  }

  private static ObjectNode container(JsonNode c) {
    ObjectNode out = NODES.objectNode();
    putText(out, "image", c.get("image"));
    out.put("essential", c.path("essential").asBoolean(true));
    putMap(
        out,
        "portMappings",
        keyed(
            c.get("portMappings"),
            p -> p.path("containerPort").asInt() + "/" + protocol(p),
            p -> {
              ObjectNode port = NODES.objectNode();
              port.put("containerPort", p.path("containerPort").asInt());
              // In awsvpc mode hostPort must equal containerPort; ECS fills it in.
              port.put("hostPort", p.path("hostPort").asInt(p.path("containerPort").asInt()));
              port.put("protocol", protocol(p));
              // Service Connect: the port's name and application protocol; absent unless set.
              putText(port, "name", p.get("name"));
              putText(port, "appProtocol", p.get("appProtocol"));
              return port;
            }));
    putMap(out, "environment", nameValue(c.get("environment"), "value"));
    putMap(out, "secrets", nameValue(c.get("secrets"), "valueFrom"));
    putList(out, "command", c.get("command"));
    putList(out, "entryPoint", c.get("entryPoint"));
    JsonNode hc = c.get("healthCheck");
    if (present(hc) && present(hc.get("command"))) {
      ObjectNode check = NODES.objectNode();
      check.set("command", hc.get("command").deepCopy());
      // The defaults ECS reports when the input left them out.
      check.put("interval", hc.path("interval").asInt(30));
      check.put("timeout", hc.path("timeout").asInt(5));
      check.put("retries", hc.path("retries").asInt(3));
      check.put("startPeriod", hc.path("startPeriod").asInt(0));
      out.set("healthCheck", check);
    }
    JsonNode log = c.get("logConfiguration");
    if (present(log)) {
      ObjectNode lc = NODES.objectNode();
      putText(lc, "logDriver", log.get("logDriver"));
      ObjectNode options = NODES.objectNode();
      new TreeMap<>(toMap(log.get("options"))).forEach(options::put);
      putMap(lc, "options", options);
      out.set("logConfiguration", lc);
    }
    // A container without its own cpu is reported with cpu 0: both mean "a share of the task's".
    JsonNode cpu = cpuUnits(c.get("cpu"));
    putSize(out, "cpu", cpu != null && cpu.isInt() && cpu.intValue() == 0 ? null : cpu);
    putSize(out, "memory", mebibytes(c.get("memory")));
    putSize(out, "memoryReservation", mebibytes(c.get("memoryReservation")));
    startAndStop(c, out);
    VolumeForm.mountPoints(c, out);
    return out;
  }

  private static String protocol(JsonNode port) {
    return text(port.get("protocol"), "tcp").toLowerCase(Locale.ROOT);
  }

  /**
   * Whether a registered task definition (DescribeTaskDefinition's {@code taskDefinition} with its
   * {@code tags} put inside) is the one registering {@code desired} would give: what apply asks
   * before registering, so that an unchanged or reverted spec reuses a revision.
   */
  public static boolean same(JsonNode registered, JsonNode desired) {
    return Trees.compare(taskDefinition(registered), taskDefinition(desired)).isEmpty();
  }

  /** Paths of attributes in a desired task definition that this planner does not compare. */
  static List<String> unmanaged(JsonNode td) {
    List<String> out = new ArrayList<>();
    td.fieldNames()
        .forEachRemaining(
            f -> {
              if (!TASKDEF_FIELDS.contains(f) && present(td.get(f))) {
                out.add(f);
              }
            });
    for (JsonNode c : td.path("containerDefinitions")) {
      c.fieldNames()
          .forEachRemaining(
              f -> {
                if (!CONTAINER_FIELDS.contains(f) && present(c.get(f))) {
                  out.add("containerDefinitions[\"" + c.path("name").asText() + "\"]." + f);
                }
              });
    }
    return out;
  }

  /** "arn:aws:ecs:r:a:task-definition/app-api:7", "app-api:7" and "app-api" are family app-api. */
  public static String family(String taskDefinition) {
    String s = afterSlash(taskDefinition);
    int colon = s.lastIndexOf(':');
    return colon < 0 ? s : s.substring(0, colon);
  }

  /** "app-api:7" from an ARN, for showing which revision runs. */
  public static String familyRevision(String taskDefinitionArn) {
    return afterSlash(taskDefinitionArn);
  }

  /** The part after the first slash of an ARN ("cluster/name" of a service ARN); others as is. */
  public static String afterSlashOf(String s) {
    return afterSlash(s);
  }

  private static String afterSlash(String s) {
    return io.fgd.runtime.Arns.resource(s);
  }
}
