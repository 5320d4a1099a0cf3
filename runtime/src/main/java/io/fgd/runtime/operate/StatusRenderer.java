package io.fgd.runtime.operate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fgd.runtime.deploy.StoppedTask;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** {@code fgd status}: the report for people (text) and for machines (JSON, fixed key order). */
public final class StatusRenderer {
  /** Bumped when a JSON field changes meaning or goes away; additions keep the version. */
  public static final int FORMAT_VERSION = 1;

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private static final String GREEN = "\u001b[32m";
  private static final String YELLOW = "\u001b[33m";
  private static final String RED = "\u001b[31m";
  private static final String RESET = "\u001b[0m";

  private StatusRenderer() {}

  public static String text(StatusReport report, boolean color) {
    Instant now = report.readAt();
    StringBuilder s = new StringBuilder();
    s.append("app ").append(report.app()).append(", cluster ").append(report.cluster());
    s.append('\n');
    for (ServiceStatus service : report.services()) {
      s.append('\n');
      s.append("service \"").append(service.name()).append("\": ");
      s.append(paint(service.state(), colourOf(service), color));
      if (service.rollout().isEmpty()) {
        s.append(" (ECS has no such service in this cluster; fgd apply creates it)\n");
        continue;
      }
      s.append(", ").append(service.desired()).append(" desired, ");
      s.append(service.running()).append(" running, ");
      s.append(service.pending()).append(" pending\n");
      service
          .rollout()
          .flatMap(r -> r.describe(now))
          .ifPresent(line -> s.append("  ").append(line).append('\n'));
      s.append("  deployments:\n");
      for (ServiceStatus.Deployment d : service.deployments()) {
        s.append("    ").append(d.status()).append(' ').append(shortName(d.taskDefinition()));
        s.append(' ').append(d.rolloutState().orElse("-"));
        s.append(", ").append(d.running()).append(" of ").append(d.desired()).append(" running");
        if (d.pending() > 0) {
          s.append(", ").append(d.pending()).append(" pending");
        }
        if (d.failedTasks() > 0) {
          s.append(", ").append(d.failedTasks()).append(" failed to start");
        }
        d.createdAt().ifPresent(t -> s.append(", created ").append(ago(t, now)));
        s.append('\n');
      }
      targetGroups(service, s);
      if (!service.events().isEmpty()) {
        s.append("  events, newest first:\n");
        for (ServiceStatus.Event e : service.events()) {
          s.append("    ").append(e.at().map(t -> ago(t, now)).orElse("-")).append("  ");
          s.append(oneLine(e.message())).append('\n');
        }
      }
      if (!service.stopped().isEmpty()) {
        s.append("  stopped tasks, newest first:\n");
        for (StoppedTask t : service.stopped()) {
          s.append("    ").append(shortId(t.taskId()));
          if (t.stoppedAt() != null) {
            s.append(" stopped ").append(ago(t.stoppedAt(), now));
          }
          s.append(": ").append(oneLine(t.cause())).append('\n');
        }
      }
    }
    s.append('\n');
    long notSteady = report.services().stream().filter(x -> !x.isSteady()).count();
    if (notSteady == 0) {
      s.append(
          report.services().size() == 1
              ? "The service is steady.\n"
              : "All " + report.services().size() + " services are steady.\n");
    } else {
      s.append(notSteady).append(" of ").append(report.services().size());
      s.append(notSteady == 1 ? " service is" : " services are").append(" not steady: ");
      s.append(
          String.join(
              ", ",
              report.services().stream()
                  .filter(x -> !x.isSteady())
                  .map(x -> x.name() + " (" + x.state() + ")")
                  .toList()));
      s.append(".\n");
    }
    return s.toString();
  }

  /** States in the order counts are shown; any other state ELB reports follows them. */
  private static final java.util.List<String> STATES =
      java.util.List.of("healthy", "unhealthy", "initial", "draining", "unused", "unavailable");

  private static void targetGroups(ServiceStatus service, StringBuilder s) {
    if (service.targetGroups().isEmpty()) {
      return;
    }
    s.append("  target groups:\n");
    for (TargetGroupHealth g : service.targetGroups()) {
      s.append("    ").append(g.name()).append(" (").append(g.container()).append("): ");
      if (g.error().isPresent()) {
        s.append("could not be read: ").append(g.error().get()).append('\n');
        continue;
      }
      java.util.List<String> counts = new java.util.ArrayList<>();
      for (var e : counts(g).entrySet()) {
        counts.add(e.getValue() + " " + e.getKey());
      }
      s.append(counts.isEmpty() ? "no targets" : String.join(", ", counts)).append('\n');
      for (TargetGroupHealth.Target t : g.troubled()) {
        s.append("      ").append(oneLine(t.address())).append(' ').append(t.state());
        t.reason().ifPresent(r -> s.append(": ").append(oneLine(r)));
        t.description().ifPresent(d -> s.append(": ").append(oneLine(d)));
        s.append('\n');
      }
    }
  }

  /** How many targets are in each state, in {@link #STATES}' order; only states with targets. */
  private static java.util.Map<String, Long> counts(TargetGroupHealth g) {
    java.util.Map<String, Long> out = new java.util.LinkedHashMap<>();
    for (String state : STATES) {
      if (g.count(state) > 0) {
        out.put(state, g.count(state));
      }
    }
    for (TargetGroupHealth.Target t : g.targets()) {
      if (!STATES.contains(t.state())) {
        out.merge(t.state(), 1L, Long::sum);
      }
    }
    return out;
  }

  public static ObjectNode toJson(StatusReport report) {
    ObjectNode root = JSON.createObjectNode();
    root.put("formatVersion", FORMAT_VERSION);
    root.put("app", report.app());
    root.put("cluster", report.cluster());
    root.put("readAt", report.readAt().toString());
    root.put("steady", report.allSteady());
    ArrayNode services = root.putArray("services");
    for (ServiceStatus service : report.services()) {
      ObjectNode o = services.addObject();
      o.put("name", service.name());
      o.put("state", service.state());
      o.put("desired", service.desired());
      o.put("running", service.running());
      o.put("pending", service.pending());
      Optional<String> summary = service.rollout().flatMap(r -> r.describe(report.readAt()));
      summary.ifPresentOrElse(x -> o.put("summary", x), () -> o.putNull("summary"));
      ArrayNode deployments = o.putArray("deployments");
      for (ServiceStatus.Deployment d : service.deployments()) {
        ObjectNode od = deployments.addObject();
        od.put("id", d.id());
        od.put("status", d.status());
        od.put("taskDefinition", d.taskDefinition());
        d.rolloutState()
            .ifPresentOrElse(x -> od.put("rolloutState", x), () -> od.putNull("rolloutState"));
        od.put("desired", d.desired());
        od.put("running", d.running());
        od.put("pending", d.pending());
        od.put("failedTasks", d.failedTasks());
        d.createdAt()
            .ifPresentOrElse(t -> od.put("createdAt", t.toString()), () -> od.putNull("createdAt"));
      }
      ArrayNode events = o.putArray("events");
      for (ServiceStatus.Event e : service.events()) {
        ObjectNode oe = events.addObject();
        e.at().ifPresentOrElse(t -> oe.put("at", t.toString()), () -> oe.putNull("at"));
        oe.put("message", e.message());
      }
      ArrayNode stopped = o.putArray("stoppedTasks");
      for (StoppedTask t : service.stopped()) {
        ObjectNode ot = stopped.addObject();
        ot.put("taskArn", t.taskArn());
        if (t.stoppedAt() != null) {
          ot.put("stoppedAt", t.stoppedAt().toString());
        } else {
          ot.putNull("stoppedAt");
        }
        ot.put("stopCode", t.stopCode());
        ot.put("reason", t.cause());
      }
      ArrayNode groups = o.putArray("targetGroups");
      for (TargetGroupHealth g : service.targetGroups()) {
        ObjectNode og = groups.addObject();
        og.put("targetGroupArn", g.targetGroupArn());
        og.put("container", g.container());
        og.put("healthy", g.isHealthy(service.desired()));
        g.error().ifPresentOrElse(x -> og.put("error", x), () -> og.putNull("error"));
        ObjectNode counts = og.putObject("counts");
        counts(g).forEach(counts::put);
        ArrayNode targets = og.putArray("targets");
        for (TargetGroupHealth.Target t : g.targets()) {
          ObjectNode ot = targets.addObject();
          ot.put("id", t.id());
          t.port().ifPresentOrElse(x -> ot.put("port", x), () -> ot.putNull("port"));
          ot.put("state", t.state());
          t.reason().ifPresentOrElse(x -> ot.put("reason", x), () -> ot.putNull("reason"));
          t.description()
              .ifPresentOrElse(x -> ot.put("description", x), () -> ot.putNull("description"));
        }
      }
    }
    return root;
  }

  public static String json(StatusReport report) {
    try {
      return JSON.writeValueAsString(toJson(report)) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String colourOf(ServiceStatus service) {
    return switch (service.state()) {
      case "steady" -> GREEN;
      case "in progress", "unhealthy" -> YELLOW;
      default -> RED;
    };
  }

  private static String paint(String text, String colour, boolean color) {
    return color ? colour + text + RESET : text;
  }

  /** family:revision of a task definition ARN. */
  static String shortName(String arn) {
    if (arn == null) {
      return "-";
    }
    int slash = arn.lastIndexOf('/');
    return slash < 0 ? arn : arn.substring(slash + 1);
  }

  /** The first 8 characters of a task id: enough to tell a service's tasks apart. */
  static String shortId(String taskId) {
    return taskId.length() <= 8 ? taskId : taskId.substring(0, 8);
  }

  /** ECS text on one line, without control characters (a message is not fgd's to trust). */
  static String oneLine(String text) {
    StringBuilder s = new StringBuilder(text.length());
    text.strip().codePoints().forEach(c -> s.appendCodePoint(Character.isISOControl(c) ? ' ' : c));
    return s.toString();
  }

  /** 45s ago, 4m ago, 1h5m ago, 2d3h ago; "just now" under a second. */
  static String ago(Instant then, Instant now) {
    long seconds = then.isAfter(now) ? 0 : Duration.between(then, now).toSeconds();
    if (seconds < 1) {
      return "just now";
    }
    if (seconds < 60) {
      return seconds + "s ago";
    }
    long minutes = seconds / 60;
    if (minutes < 60) {
      return minutes + "m ago";
    }
    long hours = minutes / 60;
    if (hours < 48) {
      long rest = minutes % 60;
      return hours + "h" + (rest == 0 ? "" : rest + "m") + " ago";
    }
    long days = hours / 24;
    long rest = hours % 24;
    return days + "d" + (rest == 0 ? "" : rest + "h") + " ago";
  }
}
