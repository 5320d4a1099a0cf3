package io.fgd.runtime.kinds.loggroup;

import static io.fgd.runtime.engine.Canonical.present;

import com.fasterxml.jackson.databind.JsonNode;
import io.fgd.compiler.emit.ecs.EcsNames;
import io.fgd.runtime.importer.ImportRun;
import io.fgd.runtime.importer.SpecText;
import io.fgd.runtime.importer.SpecText.Block;
import java.util.Set;

/** {@code fgd import} of a service's logging: its log group and the awslogs options. */
public final class LogGroupImport {
  private LogGroupImport() {}

  /** The main container's awslogs settings, which fgd gives every container of the task. */
  public static final class Logs {
    private final ImportRun run;
    final boolean on;
    final String group;
    final String prefix;
    final String service;

    Logs(ImportRun run, boolean on, String group, String prefix, String service) {
      this.run = run;
      this.on = on;
      this.group = group;
      this.prefix = prefix;
      this.service = service;
    }

    public void write(Block block) {
      if (!on) {
        block.add("logs", "off");
        return;
      }
      Block b = new Block("logs", Integer.MAX_VALUE);
      if (!group.equals(EcsNames.defaultLogGroup(run.app(), service))) {
        b.add("group", SpecText.quote(group));
      }
      // Imported, or the spec would say nothing of it and lose it: a spec without retention
      // leaves a group's as it is, but what the spec says is what the next person reads.
      run.retentionInDays(group).ifPresent(days -> b.add("retention", days + "d"));
      if (!prefix.equals(service)) {
        b.add("stream_prefix", SpecText.quote(prefix));
      }
      if (!b.isEmpty()) {
        block.add(b);
      }
    }

    /** A sidecar logs to the same group, with its own name as stream prefix. */
    public void sidecar(Block block, String subject, JsonNode c) {
      JsonNode log = c.path("logConfiguration");
      if (!on) {
        if (present(log)) {
          run.warn(
              block,
              subject,
              "the log configuration was not imported: the service's main "
                  + "container does not log to CloudWatch, and fgd logs all containers of a task "
                  + "alike; the first plan registers a revision without it.");
        }
        return;
      }
      String name = c.path("name").asText();
      JsonNode options = log.path("options");
      if (!"awslogs".equals(log.path("logDriver").asText())
          || !group.equals(options.path("awslogs-group").asText())
          || !name.equals(options.path("awslogs-stream-prefix").asText())) {
        run.warn(
            block,
            subject,
            "the log configuration was not imported: fgd sends a sidecar's logs "
                + "to the service's group ("
                + group
                + ") with the sidecar's name as stream prefix; "
                + "the first plan registers a revision that does.");
      } else {
        extraOptions(run, block, subject, options);
      }
    }
  }

  public static Logs logs(
      ImportRun run, Block block, String subject, String service, JsonNode main) {
    JsonNode log = main.path("logConfiguration");
    if (!present(log)) {
      return new Logs(run, false, "", "", service);
    }
    String driver = log.path("logDriver").asText();
    JsonNode options = log.path("options");
    if (!driver.equals("awslogs")) {
      run.warn(
          block,
          subject,
          "log driver "
              + driver
              + " was not imported: fgd sends logs to "
              + "CloudWatch Logs (awslogs) or nowhere; the first plan registers a revision without "
              + "a log configuration.");
      return new Logs(run, false, "", "", service);
    }
    String group = options.path("awslogs-group").asText("");
    if (group.isEmpty()) {
      run.warn(
          block, subject, "the log configuration was not imported: it names no awslogs-group.");
      return new Logs(run, false, "", "", service);
    }
    String logRegion = options.path("awslogs-region").asText(run.region());
    if (!logRegion.equals(run.region())) {
      run.warn(
          block,
          subject,
          "awslogs-region "
              + logRegion
              + " was not imported: fgd logs to the "
              + "app's region; the first plan registers a revision that does.");
    }
    String prefix = options.path("awslogs-stream-prefix").asText("");
    if (prefix.isEmpty()) {
      run.warn(
          block,
          subject,
          "the missing awslogs-stream-prefix was not imported: fgd always sets "
              + "one (the service's name); the first plan registers a revision with it.");
      prefix = service;
    }
    extraOptions(run, block, subject, options);
    if (!run.logGroups().contains(group)) {
      run.warn(
          block, subject, "log group " + group + " does not exist: the first plan creates it.");
    }
    return new Logs(run, true, group, prefix, service);
  }

  static void extraOptions(ImportRun run, Block block, String subject, JsonNode options) {
    options
        .fieldNames()
        .forEachRemaining(
            option -> {
              if (!Set.of("awslogs-group", "awslogs-region", "awslogs-stream-prefix")
                  .contains(option)) {
                run.warn(
                    block,
                    subject,
                    "log option "
                        + option
                        + " was not imported: fgd sets only the "
                        + "group, region and stream prefix; the first plan registers a revision without it.");
              }
            });
  }
}
