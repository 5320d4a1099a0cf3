package io.fgd.runtime.importer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fgd.compiler.emit.ecs.EcsNames;
import io.fgd.runtime.FgdRuntimeException;
import io.fgd.runtime.engine.Kind;
import io.fgd.runtime.engine.Kinds;
import io.fgd.runtime.importer.Importer.Request;
import io.fgd.runtime.importer.SpecText.Block;
import io.fgd.runtime.state.LiveState;
import io.fgd.runtime.state.ObservedLogGroup;
import io.fgd.runtime.state.ObservedScaling;
import io.fgd.runtime.state.ObservedService;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * One import: what was read, the warnings found so far, and the spec being written. It names no
 * kind: it asks every registered kind that is a {@link KindImport} for its statements, in the
 * registry's order; they report through {@link #warn}.
 */
public final class ImportRun {
  private final Request request;
  private Map<String, ObjectNode> taskDefinitions = Map.of();
  private Map<String, ObservedScaling> scaling = Map.of();
  private Map<String, ObservedLogGroup> logGroups = Map.of();
  private final List<ImportWarning> warnings = new ArrayList<>();
  private final String region;
  private String app;
  private String account;
  private List<String> imported = List.of();
  private final Map<String, Object> remembered = new java.util.HashMap<>();

  ImportRun(Request request) {
    this.request = request;
    this.region = request.region();
  }

  ImportResult write(LiveState live) throws FgdRuntimeException {
    List<SpecText.Item> top = new ArrayList<>();
    for (Kind kind : Kinds.ALL) {
      if (kind instanceof KindImport k) {
        k.write(this, live, top);
      }
    }
    SpecText.Rendered rendered = SpecText.render(top);
    String spec = canonical(rendered.text());
    int importCalls = live.apiCalls();
    List<ImportResult.Announcement> firstPlan =
        FirstPlan.of(app, spec, live).map(FirstPlan::announcements).orElse(List.of());
    List<ImportResult.Located> located = new ArrayList<>();
    for (ImportWarning w : warnings) {
      located.add(new ImportResult.Located(w, rendered.lines().getOrDefault(w, 0)));
    }
    located.sort(Comparator.comparingInt(ImportResult.Located::line));
    return new ImportResult(
        spec, app, imported, located, firstPlan, live.apiCalls(), live.apiCalls() - importCalls);
  }

  /**
   * The spec in fmt's canonical layout, so an imported spec passes {@code fgd fmt --check} and
   * there is one layout, not two. Formatting only realigns values; should it ever move lines, the
   * warnings' line numbers would be wrong, so the text is then kept as written.
   */
  private String canonical(String text) {
    Optional<String> formatted =
        io.fgd.compiler.parse.Formatter.format(
                new io.fgd.compiler.source.SourceFile("imported.fgd", text))
            .text();
    return formatted.filter(f -> f.lines().count() == text.lines().count()).orElse(text);
  }

  // ---------------------------------------------------------------- services

  // ---------------------------------------------------------------- logs

  // ---------------------------------------------------------------- scaling and deployment

  // ---------------------------------------------------------------- helpers

  /** What was asked for. */
  public Request request() {
    return request;
  }

  /** The app name the spec gets. */
  public String app() {
    return app;
  }

  /** The account the services run in. */
  public String account() {
    return account;
  }

  /** The region read from. */
  public String region() {
    return region;
  }

  /** What the import read: the services' task definitions, autoscaling and log groups. */
  public void observed(
      Map<String, ObjectNode> taskDefinitions,
      Map<String, ObservedScaling> scaling,
      Map<String, ObservedLogGroup> logGroups) {
    this.taskDefinitions = taskDefinitions;
    this.scaling = scaling;
    this.logGroups = logGroups;
  }

  /** Keeps what a kind read for its import statements, under a key of its own. */
  public void remember(String key, Object value) {
    remembered.put(key, value);
  }

  /** What a kind kept with {@link #remember}, or {@code fallback}. */
  @SuppressWarnings("unchecked")
  public <T> T recalled(String key, T fallback) {
    return (T) remembered.getOrDefault(key, fallback);
  }

  /** More log groups that exist (a job's), beside the services' the import read. */
  public void logGroups(Map<String, ObservedLogGroup> more) {
    Map<String, ObservedLogGroup> all = new java.util.LinkedHashMap<>(logGroups);
    all.putAll(more);
    logGroups = all;
  }

  /** The app name and account the spec gets, and the services it imports, in its order. */
  public void app(String app, String account, List<String> imported) {
    this.app = app;
    this.account = account;
    this.imported = List.copyOf(imported);
  }

  /** The warnings so far (a kind may add one that belongs to no block). */
  public List<ImportWarning> warnings() {
    return warnings;
  }

  /** The services' autoscaling, by service name. */
  public Map<String, ObservedScaling> scaling() {
    return scaling;
  }

  /** The log groups the task definitions name that exist. */
  public Set<String> logGroups() {
    return logGroups.keySet();
  }

  /** How long a log group that exists keeps its events; empty when forever or when it is gone. */
  public java.util.OptionalInt retentionInDays(String group) {
    ObservedLogGroup g = logGroups.get(group);
    return g == null ? java.util.OptionalInt.empty() : g.retentionInDays();
  }

  public ImportWarning warn(Block block, String subject, String message) {
    ImportWarning w = new ImportWarning(subject, message);
    block.warning(w);
    warnings.add(w);
    return w;
  }

  public ObjectNode taskDefinition(ObservedService s) {
    return taskDefinitions.get(s.taskDefinitionArn());
  }

  /** Attributes present in {@code node} that fgd does not read: one warning each. */
  public void unsupported(
      Block block, String subject, JsonNode node, Set<String> read, String what) {
    List<String> fields = new ArrayList<>();
    node.fieldNames().forEachRemaining(fields::add);
    fields.sort(null);
    for (String field : fields) {
      JsonNode value = node.get(field);
      if (!read.contains(field)
          && io.fgd.runtime.engine.Canonical.present(value)
          && !(value.isBoolean() && !value.asBoolean())) {
        warn(
            block,
            subject,
            what
                + " setting "
                + field
                + " was not imported: fgd has no "
                + "statement for it"
                + (what.equals("service")
                    ? "; it stays as it is."
                    : "; the next task definition revision fgd registers will not have it."));
      }
    }
  }

  public static Block tagsBlock(Map<String, String> tags) {
    Block b = new Block("tags", Integer.MAX_VALUE);
    new TreeMap<>(tags).forEach((k, v) -> b.add(SpecText.text(k), "= " + SpecText.quote(v)));
    return b;
  }

  public static String services(List<String> names) {
    return (names.size() == 1 ? "service " : "services ")
        + String.join(", ", names.stream().map(n -> "\"" + n + "\"").toList());
  }

  // ---- JSON helpers ----

  public static List<String> texts(JsonNode list) {
    List<String> out = new ArrayList<>();
    list.forEach(v -> out.add(v.asText()));
    return out;
  }

  public static List<String> sorted(List<String> list) {
    List<String> out = new ArrayList<>(list);
    out.sort(null);
    return out;
  }

  /** Tags a user sets: not fgd's ownership tag, not AWS's reserved ones. */
  public static Map<String, String> userTags(JsonNode tags) {
    Map<String, String> out = new TreeMap<>();
    for (JsonNode t : tags) {
      String key = t.path("key").asText();
      if (!key.equals(EcsNames.OWNERSHIP_TAG_KEY) && !key.startsWith("aws:")) {
        out.put(key, t.path("value").asText());
      }
    }
    return out;
  }

  public static Optional<String> tag(JsonNode resource, String key) {
    for (JsonNode t : resource.path("tags")) {
      if (key.equals(t.path("key").asText())) {
        return Optional.of(t.path("value").asText());
      }
    }
    return Optional.empty();
  }
}
