package io.fgd.runtime.operate;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.FilterLogEventsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.FilteredLogEvent;

/**
 * A service's log lines from CloudWatch Logs ({@code fgd logs}): FilterLogEvents over the streams
 * its containers' awslogs driver writes ({@code prefix/container/taskId}), every page of each
 * answer, interleaved across tasks in time order.
 *
 * <p>Following: each {@link #next} asks again from a little before the newest line seen ({@link
 * #OVERLAP}), because CloudWatch may take a few seconds to make a line searchable, and drops the
 * events it has already returned by their event id, so a line is never shown twice nor skipped
 * between one read and the next. A line that becomes searchable more than {@link #OVERLAP} after
 * its timestamp is missed.
 */
public final class LogTail {
  /** How far back each following read starts before the newest line already shown. */
  public static final Duration OVERLAP = Duration.ofSeconds(30);

  /**
   * One container's lines: streams named {@code streamPrefix/container/taskId} in {@code group}.
   */
  public record Source(String group, String streamPrefix, String container) {
    public Source {
      requireNonNull(group, "group is null");
      requireNonNull(streamPrefix, "streamPrefix is null");
      requireNonNull(container, "container is null");
    }

    String streams() {
      return streamPrefix + "/" + container + "/";
    }
  }

  /** One log line, with the task and container that wrote it. */
  public record Line(Instant at, String taskId, String container, String message) {}

  private final CloudWatchLogsClient logs;
  private final List<Source> sources;
  private final Optional<String> filterPattern;
  private final int pageSize;

  /** Event ids already returned, with their timestamps (ms), down to the overlap window. */
  private final Map<String, Long> seen = new HashMap<>();

  private long newest = Long.MIN_VALUE;
  private long floor = Long.MIN_VALUE;

  /**
   * @param text only lines containing this text (a CloudWatch quoted-term filter pattern)
   * @param pageSize events per FilterLogEvents page (at most 10000)
   */
  public LogTail(
      CloudWatchLogsClient logs, List<Source> sources, Optional<String> text, int pageSize) {
    this.logs = requireNonNull(logs, "logs is null");
    this.sources = List.copyOf(sources);
    if (this.sources.isEmpty()) {
      throw new IllegalArgumentException("no sources");
    }
    this.filterPattern = text.map(t -> "\"" + t.replace("\"", "") + "\"");
    this.pageSize = pageSize;
  }

  /** The lines written since {@code since}, oldest first. */
  public List<Line> since(Instant since) {
    floor = since.toEpochMilli();
    return read(floor);
  }

  /** The lines that arrived after those already returned, oldest first. */
  public List<Line> next() {
    if (newest == Long.MIN_VALUE) {
      throw new IllegalStateException("next() before since()");
    }
    return read(Math.max(floor, newest - OVERLAP.toMillis()));
  }

  private List<Line> read(long from) {
    // One query per log group; containers writing to the same group share it.
    Map<String, List<Source>> byGroup = new LinkedHashMap<>();
    for (Source s : sources) {
      byGroup.computeIfAbsent(s.group(), g -> new ArrayList<>()).add(s);
    }
    List<FilteredLogEvent> fresh = new ArrayList<>();
    List<Source> freshSource = new ArrayList<>();
    for (var entry : byGroup.entrySet()) {
      List<Source> group = entry.getValue();
      String prefix = group.size() == 1 ? group.get(0).streams() : commonPrefix(group);
      String token = null;
      do {
        String page = token;
        FilterLogEventsResponse response =
            logs.filterLogEvents(
                r -> {
                  r.logGroupName(entry.getKey()).startTime(from).limit(pageSize);
                  if (!prefix.isEmpty()) {
                    r.logStreamNamePrefix(prefix);
                  }
                  filterPattern.ifPresent(r::filterPattern);
                  if (page != null) {
                    r.nextToken(page);
                  }
                });
        for (FilteredLogEvent e : response.events()) {
          Source source = sourceOf(group, e.logStreamName());
          if (source == null || e.eventId() == null || seen.containsKey(e.eventId())) {
            continue;
          }
          seen.put(e.eventId(), e.timestamp() == null ? from : e.timestamp());
          fresh.add(e);
          freshSource.add(source);
        }
        token = response.nextToken();
      } while (token != null && !token.isEmpty());
    }
    List<Line> lines = new ArrayList<>();
    for (int i = 0; i < fresh.size(); i++) {
      FilteredLogEvent e = fresh.get(i);
      String stream = e.logStreamName();
      long at = e.timestamp() == null ? from : e.timestamp();
      newest = Math.max(newest, at);
      lines.add(
          new Line(
              Instant.ofEpochMilli(at),
              stream.substring(stream.lastIndexOf('/') + 1),
              freshSource.get(i).container(),
              e.message() == null ? "" : e.message()));
    }
    if (newest == Long.MIN_VALUE) {
      newest = from;
    }
    long keepFrom = newest - OVERLAP.toMillis();
    seen.values().removeIf(ts -> ts < keepFrom);
    // Stable: lines with the same timestamp keep the order CloudWatch gave them.
    lines.sort(Comparator.comparing(Line::at));
    return lines;
  }

  /** The source whose streams hold {@code stream}; null for another stream of the group. */
  private static Source sourceOf(List<Source> group, String stream) {
    if (stream == null) {
      return null;
    }
    for (Source s : group) {
      if (stream.startsWith(s.streams()) && stream.indexOf('/', s.streams().length()) < 0) {
        return s;
      }
    }
    return null;
  }

  private static String commonPrefix(List<Source> group) {
    String p = group.get(0).streams();
    for (Source s : group) {
      String q = s.streams();
      int n = 0;
      while (n < p.length() && n < q.length() && p.charAt(n) == q.charAt(n)) {
        n++;
      }
      p = p.substring(0, n);
    }
    return p;
  }
}
