package io.fgd.runtime.kinds.taskdefinition;

import static io.fgd.runtime.engine.Canonical.present;

import com.fasterxml.jackson.databind.JsonNode;
import io.fgd.compiler.emit.ecs.EcsDefaults;
import io.fgd.compiler.emit.ecs.EcsNames;
import io.fgd.runtime.Arns;
import io.fgd.runtime.importer.ImportRun;
import io.fgd.runtime.importer.SpecText;
import io.fgd.runtime.importer.SpecText.Block;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.arns.Arn;

/** {@code fgd import} of a task definition: the statements of its containers. */
public final class TaskDefinitionImport {
  /** The ECS container health check defaults, which the spec leaves out. */
  private static final int HEALTH_INTERVAL = EcsDefaults.HEALTH_INTERVAL_SECONDS;

  private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  /** Task definition attributes the import reads; everything else present is reported. */
  public static final Set<String> TASKDEF_READ =
      Set.of(
          "family",
          "taskRoleArn",
          "executionRoleArn",
          "networkMode",
          "containerDefinitions",
          "requiresCompatibilities",
          "cpu",
          "memory",
          "tags",
          "ephemeralStorage",
          "runtimePlatform",
          "volumes",
          // Read-only facts about the revision, not settings.
          "taskDefinitionArn",
          "revision",
          "status",
          "requiresAttributes",
          "compatibilities",
          "registeredAt",
          "registeredBy",
          "deregisteredAt");

  /** Container attributes the import reads: the ones fgd manages. */
  private static final Set<String> CONTAINER_READ = TaskDefinitionForm.CONTAINER_FIELDS;

  private TaskDefinitionImport() {}

  /** The container fgd's service statements describe: named as the service, else the likeliest. */
  public static JsonNode mainContainer(String service, List<JsonNode> containers) {
    for (JsonNode c : containers) {
      if (c.path("name").asText().equals(service)) {
        return c;
      }
    }
    for (JsonNode c : containers) {
      if (c.path("essential").asBoolean(true) && present(c.path("portMappings"))) {
        return c;
      }
    }
    for (JsonNode c : containers) {
      if (c.path("essential").asBoolean(true)) {
        return c;
      }
    }
    return containers.get(0);
  }

  public static void essentialMain(ImportRun run, Block block, String subject, JsonNode main) {
    if (!main.path("essential").asBoolean(true)) {
      run.warn(
          block,
          subject,
          "essential false was not imported: a service's main container is "
              + "always essential in fgd; the first plan registers a revision where it is.");
    }
  }

  /** The statements of one container, into its service or sidecar block. */
  public static void container(
      ImportRun run,
      Block block,
      String subject,
      JsonNode c,
      JsonNode taskOfMain,
      Map<String, String> targetGroups,
      String sidecar) {
    container(run, block, subject, c, taskOfMain, targetGroups, Map.of(), sidecar);
  }

  /**
   * The same, with what follows {@code port N} for the ports offered through Service Connect, by
   * the key of {@code targetGroups} ({@code SIDECAR:PORT}, {@code :PORT} for the main container).
   */
  public static void container(
      ImportRun run,
      Block block,
      String subject,
      JsonNode c,
      JsonNode taskOfMain,
      Map<String, String> targetGroups,
      Map<String, String> offers,
      String sidecar) {
    boolean main = taskOfMain != null;
    run.unsupported(block, subject, c, CONTAINER_READ, "container");
    block.add("image", SpecText.quote(c.path("image").asText()));

    for (JsonNode p : c.path("portMappings")) {
      int port = p.path("containerPort").asInt();
      if (port == 0) {
        run.warn(
            block,
            subject,
            "port range "
                + p.path("containerPortRange").asText()
                + " was not imported: fgd maps single ports.");
        continue;
      }
      if (p.has("hostPort")
          && !p.path("hostPort").isNull()
          && p.path("hostPort").asInt() != port
          && p.path("hostPort").asInt() != 0) {
        run.warn(
            block,
            subject,
            "host port "
                + p.path("hostPort").asInt()
                + " of port "
                + port
                + " was not imported: with awsvpc networking the host port is the container port.");
      }
      String offer = offers.get(sidecar + ":" + port);
      for (String field : List.of("name", "appProtocol")) {
        if (offer == null && present(p.path(field))) {
          run.warn(
              block,
              subject,
              field
                  + " \""
                  + p.path(field).asText()
                  + "\" of port "
                  + port
                  + " was not imported: fgd has no statement for it (it serves service connect).");
        }
      }
      String protocol = p.path("protocol").asText("tcp").toLowerCase(java.util.Locale.ROOT);
      String value = protocol.equals("udp") ? port + "/udp" : Integer.toString(port);
      String tg = targetGroups.remove(sidecar + ":" + port);
      if (tg != null) {
        value += " target_group " + tg;
      }
      if (offer != null) {
        value += " " + offer;
      }
      block.add("port", value);
    }

    // Container-level cpu and memory: a sidecar's share of the task; the task's for the main one.
    if (main) {
      // The task's size, which fgd writes on the service.
      sizes(run, block, subject, taskOfMain);
      platform(run, block, subject, taskOfMain);
      VolumeImport.volumes(run, block, subject, taskOfMain);
      for (String field : List.of("cpu", "memory", "memoryReservation")) {
        JsonNode n = c.path(field);
        if (present(n) && n.asInt() != 0) {
          run.warn(
              block,
              subject,
              "container "
                  + field
                  + " "
                  + n.asInt()
                  + " of the main container "
                  + "was not imported: fgd sizes the task, not its main container; the first plan "
                  + "registers a revision without it.");
        }
      }
    } else {
      if (present(c.path("cpu")) && c.path("cpu").asInt() != 0) {
        block.add("cpu", SpecText.cpu(c.path("cpu").asInt()));
      }
      if (present(c.path("memory"))) {
        block.add("memory", SpecText.memory(c.path("memory").asInt()));
      }
      if (present(c.path("memoryReservation"))) {
        run.warn(
            block,
            subject,
            "memoryReservation "
                + c.path("memoryReservation").asInt()
                + " was not "
                + "imported: fgd has no soft memory limit; the first plan registers a revision "
                + "without it.");
      }
    }

    if (present(c.path("entryPoint"))) {
      block.add("entrypoint", SpecText.list(ImportRun.texts(c.path("entryPoint"))));
    }
    if (present(c.path("command"))) {
      block.add("command", SpecText.list(ImportRun.texts(c.path("command"))));
    }
    TreeMap<String, String> env = new TreeMap<>();
    for (JsonNode e : c.path("environment")) {
      env.put(e.path("name").asText(), e.path("value").asText(""));
    }
    env.forEach(
        (k, v) -> {
          if (ENV_NAME.matcher(k).matches()) {
            block.add("env", k + " = " + SpecText.quote(v));
          } else {
            run.warn(
                block,
                subject,
                "environment variable \""
                    + k
                    + "\" was not imported: fgd variable "
                    + "names are letters, digits and \"_\", not starting with a digit.");
          }
        });
    TreeMap<String, String> secrets = new TreeMap<>();
    for (JsonNode e : c.path("secrets")) {
      secrets.put(e.path("name").asText(), e.path("valueFrom").asText(""));
    }
    secrets.forEach(
        (k, v) -> {
          if (ENV_NAME.matcher(k).matches()) {
            secret(run, block, subject, k, v);
          } else {
            run.warn(
                block,
                subject,
                "secret \""
                    + k
                    + "\" was not imported: fgd variable names are "
                    + "letters, digits and \"_\", not starting with a digit.");
          }
        });
    health(run, block, subject, c.path("healthCheck"));
    startAndStop(run, block, subject, c);
  }

  /** {@code architecture} and {@code ephemeral_storage}, when they are not Fargate's defaults. */
  static void platform(ImportRun run, Block block, String subject, JsonNode td) {
    JsonNode platform = td.path("runtimePlatform");
    String arch = platform.path("cpuArchitecture").asText("X86_64");
    String os = platform.path("operatingSystemFamily").asText("LINUX");
    if (!os.equals("LINUX")) {
      run.warn(
          block,
          subject,
          "operating system family "
              + os
              + " was not imported: fgd runs Linux tasks; the first plan registers a Linux revision.");
    }
    if (arch.equals("ARM64")) {
      block.add("architecture", "arm64");
    } else if (!arch.equals("X86_64")) {
      run.warn(
          block,
          subject,
          "cpu architecture " + arch + " was not imported: fgd knows X86_64 and ARM64.");
    }
    int gib =
        td.path("ephemeralStorage")
            .path("sizeInGiB")
            .asInt(TaskDefinitionForm.DEFAULT_EPHEMERAL_GIB);
    if (gib != TaskDefinitionForm.DEFAULT_EPHEMERAL_GIB) {
      block.add("ephemeral_storage", gib + " GiB");
    }
  }

  /**
   * {@code stop_timeout}, {@code read_only}, {@code init}, {@code ulimit}, {@code starts_after}.
   */
  static void startAndStop(ImportRun run, Block block, String subject, JsonNode c) {
    if (present(c.path("stopTimeout"))) {
      block.add("stop_timeout", SpecText.duration(c.path("stopTimeout").asInt()));
    }
    if (c.path("readonlyRootFilesystem").asBoolean(false)) {
      block.add("read_only", "on");
    }
    JsonNode linux = c.path("linuxParameters");
    if (linux.path("initProcessEnabled").asBoolean(false)) {
      block.add("init", "on");
    }
    if (present(linux)) {
      List<String> others = new java.util.ArrayList<>();
      linux.fieldNames().forEachRemaining(others::add);
      others.sort(null);
      for (String f : others) {
        JsonNode v = linux.get(f);
        if (!f.equals("initProcessEnabled") && present(v) && !(v.isBoolean() && !v.asBoolean())) {
          run.warn(
              block,
              subject,
              "container setting linuxParameters."
                  + f
                  + " was not imported: fgd has no statement for it; the next task definition "
                  + "revision fgd registers will not have it.");
        }
      }
    }
    TreeMap<String, JsonNode> ulimits = new TreeMap<>();
    for (JsonNode u : c.path("ulimits")) {
      ulimits.put(u.path("name").asText(), u);
    }
    ulimits.forEach(
        (name, u) -> {
          long soft = u.path("softLimit").asLong();
          long hard = u.path("hardLimit").asLong();
          block.add("ulimit", name + " " + soft + (soft == hard ? "" : " " + hard));
        });
    TreeMap<String, String> after = new TreeMap<>();
    for (JsonNode d : c.path("dependsOn")) {
      after.put(d.path("containerName").asText(), d.path("condition").asText("START"));
    }
    after.forEach(
        (name, condition) ->
            block.add(
                "starts_after",
                name
                    + (condition.equals("START")
                        ? ""
                        : " " + condition.toLowerCase(java.util.Locale.ROOT))));
  }

  static void sizes(ImportRun run, Block block, String subject, JsonNode td) {
    JsonNode cpu = td.path("cpu");
    JsonNode memory = td.path("memory");
    if (!present(cpu) || !present(memory)) {
      run.warn(
          block,
          subject,
          "the task has no task-level cpu and memory, which Fargate needs: fgd "
              + "uses its default size (0.25 vcpu, 512 MiB).");
    }
    int units = present(cpu) ? parseInt(cpu.asText()) : EcsDefaults.TASK_CPU_UNITS;
    int mib = present(memory) ? parseInt(memory.asText()) : EcsDefaults.TASK_MEMORY_MIB;
    if (units != EcsDefaults.TASK_CPU_UNITS || mib != EcsDefaults.TASK_MEMORY_MIB) {
      block.add("cpu", SpecText.cpu(units));
      block.add("memory", SpecText.memory(mib));
    }
  }

  /** ECS reports task sizes as "256"; older task definitions may say "0.25 vCPU" or "1 GB". */
  private static int parseInt(String s) {
    Matcher m =
        Pattern.compile("(?i)\\s*([0-9]+(?:\\.[0-9]+)?)\\s*(vcpu|gb|gib)?\\s*(?:mib|mb)?\\s*")
            .matcher(s);
    if (!m.matches()) {
      return 0;
    }
    BigDecimal value = new BigDecimal(m.group(1));
    return m.group(2) == null
        ? value.intValue()
        : value.multiply(BigDecimal.valueOf(1024)).intValue();
  }

  /** {@code secret NAME from ...}: the inverse of EcsEmitter.valueFrom. */
  static void secret(ImportRun run, Block block, String subject, String name, String valueFrom) {
    Optional<Arn> parsed = Arns.parse(valueFrom);
    String service = parsed.map(Arn::service).orElse("");
    String arnRegion = parsed.flatMap(Arn::region).orElse("");
    String arnAccount = parsed.flatMap(Arn::accountId).orElse("");
    String resource = parsed.map(Arn::resourceAsString).orElse("");
    if (service.equals("ssm") && resource.startsWith("parameter/")) {
      String path = resource.substring("parameter/".length());
      String parameter = path.contains("/") ? "/" + path : path;
      if (arnRegion.equals(run.region())
          && arnAccount.equals(run.account())
          && EcsNames.ssmParameterArn(run.region(), run.account(), parameter).equals(valueFrom)) {
        block.add("secret", name + " from ssm " + SpecText.quote(parameter));
      } else {
        block.add("secret", name + " from " + SpecText.quote(valueFrom));
      }
      return;
    }
    if (service.equals("secretsmanager") && resource.startsWith("secret:")) {
      String[] parts = resource.substring("secret:".length()).split(":", -1);
      String secretArn =
          valueFrom.substring(0, valueFrom.length() - resource.length()) + "secret:" + parts[0];
      String key = parts.length > 1 ? parts[1] : "";
      boolean versioned =
          parts.length > 2 && (!parts[2].isEmpty() || (parts.length > 3 && !parts[3].isEmpty()));
      if (parts.length == 1) {
        block.add("secret", name + " from " + SpecText.quote(secretArn));
      } else if ((!key.isEmpty() || versioned) && parts.length == 4) {
        // ECS's ARN:json-key:version-stage:version-id, each part in the language's own words.
        block.add(
            "secret",
            name
                + " from "
                + SpecText.quote(secretArn)
                + (key.isEmpty() ? "" : " key " + SpecText.quote(key))
                + (parts[2].isEmpty() ? "" : " version_stage " + SpecText.quote(parts[2]))
                + (parts[3].isEmpty() ? "" : " version_id " + SpecText.quote(parts[3])));
      } else {
        block.add(
            "secret",
            name
                + " from "
                + SpecText.quote(secretArn)
                + (key.isEmpty() ? "" : " key " + SpecText.quote(key)));
        run.warn(
            block,
            subject,
            "the reference of secret "
                + name
                + " ("
                + valueFrom
                + ") was not "
                + "imported as written: it is not ECS's ARN or ARN:json-key:version-stage:version-id;"
                + " the first plan registers a revision with the form fgd writes.");
      }
      return;
    }
    if (!valueFrom.startsWith("arn:")) {
      // A bare parameter name: ECS resolves it in the task's region and account.
      block.add("secret", name + " from ssm " + SpecText.quote(valueFrom));
      run.warn(
          block,
          subject,
          "the parameter name of secret "
              + name
              + " was imported as written, "
              + "but fgd refers to parameters by ARN; the first plan registers a revision that does.");
      return;
    }
    block.add("secret", name + " from " + SpecText.quote(valueFrom));
  }

  static void health(ImportRun run, Block block, String subject, JsonNode hc) {
    if (!present(hc) || !present(hc.path("command"))) {
      return;
    }
    List<String> command = ImportRun.texts(hc.path("command"));
    String form;
    if (command.get(0).equals("CMD-SHELL") && command.size() == 2) {
      form = SpecText.quote(command.get(1));
    } else if (command.get(0).equals("CMD") && command.size() > 1) {
      form = SpecText.list(command.subList(1, command.size()));
    } else {
      run.warn(
          block,
          subject,
          "health check "
              + command
              + " was not imported: fgd runs a shell "
              + "command (CMD-SHELL) or a program (CMD).");
      return;
    }
    StringBuilder value = new StringBuilder(form);
    int interval = hc.path("interval").asInt(HEALTH_INTERVAL);
    int timeout = hc.path("timeout").asInt(EcsDefaults.HEALTH_TIMEOUT_SECONDS);
    int retries = hc.path("retries").asInt(EcsDefaults.HEALTH_RETRIES);
    int grace = hc.path("startPeriod").asInt(0);
    if (interval != HEALTH_INTERVAL) {
      value.append(" every ").append(SpecText.duration(interval));
    }
    if (timeout != EcsDefaults.HEALTH_TIMEOUT_SECONDS) {
      value.append(" timeout ").append(SpecText.duration(timeout));
    }
    if (retries != EcsDefaults.HEALTH_RETRIES) {
      value.append(" retries ").append(retries);
    }
    if (grace != 0) {
      value.append(" grace ").append(SpecText.duration(grace));
    }
    block.add("health", value.toString());
  }
}
