package io.fgd.runtime.kinds.loggroup;

import io.fgd.runtime.FgdRuntimeException;
import io.fgd.runtime.engine.KindRead;
import io.fgd.runtime.engine.ReadScope;
import io.fgd.runtime.state.AwsStateReader;
import io.fgd.runtime.state.LiveState;
import io.fgd.runtime.state.ObservedLogGroup;
import io.fgd.runtime.state.ObservedState;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import software.amazon.awssdk.services.cloudwatchlogs.model.DescribeLogGroupsRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.LogGroup;

/** How the plan reads log groups: by folder, or one by one, within a budget of pages. */
public final class LogGroupReads {
  /** DescribeLogGroups returns at most 50 groups per page. */
  static final int LOG_GROUPS_PER_PAGE = 50;

  /** The key of the log groups the spec names that exist, by name. */
  public static final String KEY = "log_group";

  private LogGroupReads() {}

  /** How fgd reads log groups; tests fake it. */
  public interface Api {
    /** The named log groups that exist, with their retention, by name; missing names are absent. */
    Map<String, ObservedLogGroup> readLogGroups(Collection<String> names)
        throws FgdRuntimeException;
  }

  public static Api api(LiveState live) {
    return live.reads(Api.class, reader -> names -> readLogGroups(reader, names));
  }

  /** The log groups the spec names that exist, by name. */
  public static Map<String, ObservedLogGroup> logGroups(ObservedState observed) {
    return observed.get(KEY, Map.of());
  }

  /** The log groups of the spec's services, from the start. */
  static final List<KindRead> READS =
      List.of(
          new KindRead() {
            @Override
            public String key() {
              return KEY;
            }

            @Override
            public ReadScope.Pending<?> start(ReadScope scope) {
              List<String> names = new ArrayList<>();
              scope.desired().services().values().forEach(s -> names.addAll(s.logGroups()));
              scope.desired().jobs().values().forEach(j -> names.addAll(j.logGroups()));
              return scope.fork(() -> api(scope.live()).readLogGroups(names));
            }
          });

  static Map<String, ObservedLogGroup> readLogGroups(
      AwsStateReader reader, Collection<String> names) throws FgdRuntimeException {
    Map<String, ObservedLogGroup> found = new LinkedHashMap<>();
    describeLogGroups(reader, names).forEach((name, group) -> found.put(name, observed(group)));
    return found;
  }

  /**
   * The named log groups that exist, by name. Names that share a folder ({@code /ecs/<app>/}) are
   * listed by that prefix, {@value #LOG_GROUPS_PER_PAGE} per page in name order, until the last
   * name asked for is passed; a lone name, or a folder that holds so many other groups that the
   * listing passes half as many pages as names, is read one name at a time.
   */
  static Map<String, LogGroup> describeLogGroups(AwsStateReader reader, Collection<String> names)
      throws FgdRuntimeException {
    Map<String, TreeSet<String>> byFolder = new TreeMap<>();
    for (String name : names) {
      byFolder
          .computeIfAbsent(name.substring(0, name.lastIndexOf('/') + 1), k -> new TreeSet<>())
          .add(name);
    }
    Map<String, LogGroup> found = new HashMap<>();
    for (var folder : byFolder.entrySet()) {
      TreeSet<String> wanted = folder.getValue();
      String prefix = folder.getKey();
      if (wanted.size() > 1 && !prefix.isEmpty()) {
        int budget = (wanted.size() + 1) / 2;
        int[] pages = {0};
        reader.eachPage(
            "reading log groups " + prefix,
            reader.clients().logs().describeLogGroupsPaginator(logGroupsRequest(prefix)),
            page -> {
              for (LogGroup g : page.logGroups()) {
                if (wanted.remove(g.logGroupName())) {
                  found.put(g.logGroupName(), g);
                }
              }
              List<LogGroup> groups = page.logGroups();
              if (page.nextToken() == null) {
                wanted.clear();
              } else if (!groups.isEmpty()) {
                // Names come in order: every name asked for up to the page's last is settled.
                wanted.headSet(groups.get(groups.size() - 1).logGroupName(), true).clear();
              }
              return ++pages[0] < budget && !wanted.isEmpty();
            });
      }
      for (String name : wanted) {
        reader.eachPage(
            "reading log group " + name,
            reader.clients().logs().describeLogGroupsPaginator(logGroupsRequest(name)),
            page -> {
              page.logGroups().stream()
                  .filter(g -> name.equals(g.logGroupName()))
                  .forEach(g -> found.put(name, g));
              // The exact name sorts first among names with it as prefix: one page is enough.
              return !found.containsKey(name);
            });
      }
    }
    return found;
  }

  /** The retention comes with the group in the same answer: no extra call. */
  private static ObservedLogGroup observed(LogGroup g) {
    return g.retentionInDays() == null
        ? ObservedLogGroup.keptForever(g.logGroupName())
        : ObservedLogGroup.withRetention(g.logGroupName(), g.retentionInDays());
  }

  private static DescribeLogGroupsRequest logGroupsRequest(String prefix) {
    return DescribeLogGroupsRequest.builder()
        .logGroupNamePrefix(prefix)
        .limit(LOG_GROUPS_PER_PAGE)
        .build();
  }
}
