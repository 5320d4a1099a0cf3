package io.fgd.cli;

import io.fgd.compiler.diag.Suggestions;
import io.fgd.runtime.FgdRuntimeException;
import io.fgd.runtime.aws.AwsClients;
import io.fgd.runtime.aws.AwsErrors;
import io.fgd.runtime.aws.AwsSettings;
import io.fgd.runtime.engine.DesiredService;
import io.fgd.runtime.engine.DesiredState;
import io.fgd.runtime.operate.LogTail;
import io.fgd.runtime.operate.OneOffTask;
import io.fgd.runtime.operate.TaskRun;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import software.amazon.awssdk.core.exception.SdkException;

@Command(
    name = "logs",
    mixinStandardHelpOptions = true,
    description = {
      "Print a service's log lines from CloudWatch Logs.",
      "",
      "Lines of all its tasks, interleaved in time order, each prefixed with the task's short id"
          + " and the container. --follow keeps printing new lines until Ctrl-C."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  fgd logs deploy/app.fgd api --since 1h --filter ERROR",
      "  fgd logs deploy/app.fgd api --follow --container app"
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:the lines were printed (also when there were none)",
      "1:the spec has errors, the service has logs off, or AWS refused (see the message)",
      "64:usage error",
      "70:a bug in fgd",
    })
final class LogsCommand implements Callable<Integer> {
  private static final Pattern DURATION = Pattern.compile("(\\d{1,9})([smhd])");
  private static final String[] COLOURS = {
    "\u001b[36m", "\u001b[33m", "\u001b[35m", "\u001b[32m", "\u001b[34m", "\u001b[91m"
  };
  private static final String RESET = "\u001b[0m";

  private final Terminal terminal;

  @ParentCommand FgdCommand parent;

  @Mixin StageOptions stageOptions;

  @Parameters(index = "0", paramLabel = "SPEC", description = "The .fgd file.")
  Path spec;

  @Parameters(index = "1", paramLabel = "SERVICE", description = "The service whose lines to show.")
  String name;

  @Option(
      names = "--since",
      paramLabel = "DURATION",
      defaultValue = "10m",
      description = "Lines from this long ago on: 30s, 10m, 2h, 1d (default: ${DEFAULT-VALUE}).")
  String since;

  @Option(
      names = {"-f", "--follow"},
      description = "Keep printing new lines until Ctrl-C.")
  boolean follow;

  @Option(
      names = "--container",
      paramLabel = "NAME",
      description = "Only this container's lines (default: every container that logs).")
  String container;

  @Option(
      names = "--filter",
      paramLabel = "TEXT",
      description = "Only lines that contain TEXT (matched by CloudWatch Logs, case-sensitive).")
  String filter;

  @Option(
      names = "--poll-interval",
      hidden = true,
      paramLabel = "DURATION",
      defaultValue = "2s",
      description = "How often --follow asks for new lines.")
  String pollInterval;

  @Mixin AwsOptions aws;

  LogsCommand(Terminal terminal) {
    this.terminal = terminal;
  }

  @Override
  public Integer call() {
    Optional<Duration> window = duration(since);
    Optional<Duration> poll = duration(pollInterval);
    if (window.isEmpty() || poll.isEmpty()) {
      terminal
          .err()
          .println(
              "Error: --since takes a number and a unit: 30s, 10m, 2h or 1d, not \""
                  + (window.isEmpty() ? since : pollInterval)
                  + "\".");
      return ExitCodes.USAGE;
    }
    if (filter != null && filter.contains("\"")) {
      terminal.err().println("Error: --filter cannot contain a double quote.");
      return ExitCodes.USAGE;
    }
    Optional<SpecInput.Compiled> input =
        SpecInput.compileForDeploy(
            spec, terminal, parent.color(), stageOptions.specOptions(terminal), null);
    if (input.isEmpty()) {
      return ExitCodes.ERROR;
    }
    var app = input.get().app();
    List<LogTail.Source> sources;
    AwsSettings settings;
    try {
      DesiredState desired =
          DesiredState.fromArtifacts(app.name().value(), input.get().compilation().artifacts());
      DesiredService want = desired.services().get(name);
      if (want == null) {
        terminal
            .err()
            .println(
                "Error: \""
                    + name
                    + "\" is not a service of "
                    + spec
                    + "."
                    + Suggestions.didYouMean(name, desired.services().keySet())
                    + " Its services are: "
                    + String.join(", ", desired.services().keySet())
                    + ".");
        return ExitCodes.ERROR;
      }
      Optional<List<LogTail.Source>> chosen = sources(want);
      if (chosen.isEmpty()) {
        return ExitCodes.ERROR;
      }
      sources = chosen.get();
      settings = aws.settings(app.region().orElseThrow().value(), terminal, parent.debug);
    } catch (FgdRuntimeException e) {
      terminal.err().println("Error: " + e.getMessage());
      return ExitCodes.ERROR;
    }
    boolean color = parent.color();
    try (AwsClients clients = AwsClients.connect(settings)) {
      LogTail tail = new LogTail(clients.logs(), sources, Optional.ofNullable(filter), 10_000);
      print(tail.since(Instant.now().minus(window.get())), color);
      while (follow) {
        Thread.sleep(poll.get().toMillis());
        print(tail.next(), color);
      }
      return ExitCodes.OK;
    } catch (SdkException e) {
      terminal
          .err()
          .println(
              "Error: "
                  + AwsErrors.translate(e, "reading the log lines of \"" + name + "\"", settings)
                      .getMessage());
      return ExitCodes.ERROR;
    } catch (FgdRuntimeException e) {
      terminal.err().println("Error: " + e.getMessage());
      return ExitCodes.ERROR;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return ExitCodes.OK;
    }
  }

  /** The containers to read, or empty (after saying why) when there are none. */
  private Optional<List<LogTail.Source>> sources(DesiredService want) {
    List<String> names = new ArrayList<>();
    List<LogTail.Source> all = new ArrayList<>();
    for (var c : want.taskDefinition().path("containerDefinitions")) {
      String containerName = c.path("name").asText();
      names.add(containerName);
      Optional<TaskRun.LogStream> stream = OneOffTask.logStream(c);
      if (container != null && !container.equals(containerName)) {
        continue;
      }
      stream.ifPresent(
          s -> all.add(new LogTail.Source(s.group(), s.streamPrefix(), containerName)));
    }
    if (container != null && !names.contains(container)) {
      terminal
          .err()
          .println(
              "Error: \""
                  + container
                  + "\" is not a container of service \""
                  + want.name()
                  + "\"."
                  + Suggestions.didYouMean(container, names)
                  + " Its containers are: "
                  + String.join(", ", names)
                  + ".");
      return Optional.empty();
    }
    if (all.isEmpty()) {
      terminal
          .err()
          .println(
              "Error: service \""
                  + want.name()
                  + "\" has logs off"
                  + (container == null ? "" : " for container \"" + container + "\"")
                  + ": nothing of it is written to CloudWatch Logs. Remove `logs off` from the"
                  + " service to have its lines kept.");
      return Optional.empty();
    }
    return Optional.of(all);
  }

  private void print(List<LogTail.Line> lines, boolean color) {
    for (LogTail.Line line : lines) {
      String id = line.taskId().length() <= 8 ? line.taskId() : line.taskId().substring(0, 8);
      String prefix = id + " " + line.container();
      if (color) {
        prefix = COLOURS[Math.floorMod(line.taskId().hashCode(), COLOURS.length)] + prefix + RESET;
      }
      terminal.out().println(prefix + " | " + oneLine(line.message()));
    }
    terminal.out().flush();
  }

  /** A line as its container wrote it, minus the trailing newline and any terminal escapes. */
  private static String oneLine(String message) {
    StringBuilder s = new StringBuilder(message.length());
    message
        .stripTrailing()
        .codePoints()
        .forEach(c -> s.appendCodePoint(c == '\t' || !Character.isISOControl(c) ? c : ' '));
    return s.toString();
  }

  static Optional<Duration> duration(String text) {
    Matcher m = DURATION.matcher(text.strip().toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      return Optional.empty();
    }
    long n = Long.parseLong(m.group(1));
    return Optional.of(
        switch (m.group(2)) {
          case "s" -> Duration.ofSeconds(n);
          case "m" -> Duration.ofMinutes(n);
          case "h" -> Duration.ofHours(n);
          default -> Duration.ofDays(n);
        });
  }
}
