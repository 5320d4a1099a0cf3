package io.fgd.runtime.engine;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fgd.compiler.Artifact;
import io.fgd.runtime.FgdRuntimeException;
import io.fgd.runtime.render.JsonRenderer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code fgd plan --out FILE}: what apply needs to do exactly what was reviewed. The compiled
 * artifacts (so apply does not recompile), the hash of the spec they came from, the fingerprints of
 * the observed objects (so apply can refuse if the account moved), and the plan itself as in {@code
 * --json}.
 *
 * @param specSha256 hex SHA-256 of the spec source the artifacts were compiled from
 * @param region the region the plan was made in, so apply talks to the same one; empty in plans
 *     saved before it was recorded
 * @param dependsOn the spec's {@code depends_on} (service to the services it needs first), so apply
 *     orders services as the spec says without the spec
 * @param prune whether it was made by {@code fgd plan --prune}, which also read what only {@code
 *     --prune} deletes: apply reads the account again as the plan did, so that its fingerprints are
 *     compared with the same reads and it does no more than was reviewed
 */
public record SavedPlan(
    String app,
    String cluster,
    String specSha256,
    List<Artifact> artifacts,
    Map<String, String> fingerprints,
    JsonNode plan,
    java.util.Optional<String> region,
    Map<String, List<String>> dependsOn,
    boolean prune) {
  /** Bumped on any incompatible change; apply refuses other versions. */
  public static final int FORMAT_VERSION = 1;

  private static final String KIND = "fgd-saved-plan";
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  public SavedPlan {
    requireNonNull(app, "app is null");
    requireNonNull(cluster, "cluster is null");
    requireNonNull(specSha256, "specSha256 is null");
    artifacts = List.copyOf(artifacts);
    fingerprints = java.util.Collections.unmodifiableMap(new TreeMap<>(fingerprints));
    requireNonNull(region, "region is null");
    Map<String, List<String>> deps = new TreeMap<>();
    dependsOn.forEach((k, v) -> deps.put(k, List.copyOf(v)));
    dependsOn = java.util.Collections.unmodifiableMap(deps);
  }

  /** A plan without region or dependencies recorded. */
  public SavedPlan(
      String app,
      String cluster,
      String specSha256,
      List<Artifact> artifacts,
      Map<String, String> fingerprints,
      JsonNode plan) {
    this(
        app,
        cluster,
        specSha256,
        artifacts,
        fingerprints,
        plan,
        java.util.Optional.empty(),
        Map.of(),
        false);
  }

  public static SavedPlan of(PlanResult result, byte[] specSource, List<Artifact> artifacts) {
    return of(result, specSource, artifacts, java.util.Optional.empty(), Map.of());
  }

  public static SavedPlan of(
      PlanResult result,
      byte[] specSource,
      List<Artifact> artifacts,
      java.util.Optional<String> region,
      Map<String, List<String>> dependsOn) {
    return new SavedPlan(
        result.plan().app(),
        result.plan().cluster(),
        Fingerprints.sha256(specSource),
        artifacts,
        Fingerprints.of(result.observed()),
        JsonRenderer.toJson(result.plan()),
        region,
        dependsOn,
        result.desired().prune());
  }

  public void write(Path file) throws FgdRuntimeException {
    ObjectNode root = JSON.createObjectNode();
    root.put("kind", KIND);
    root.put("formatVersion", FORMAT_VERSION);
    root.put("app", app);
    root.put("cluster", cluster);
    region.ifPresent(r -> root.put("region", r));
    root.put("specSha256", specSha256);
    var list = root.putArray("artifacts");
    for (Artifact a : artifacts) {
      list.addObject().put("path", a.path()).put("content", a.text());
    }
    ObjectNode fp = root.putObject("fingerprints");
    fingerprints.forEach(fp::put);
    if (!dependsOn.isEmpty()) {
      ObjectNode deps = root.putObject("dependsOn");
      dependsOn.forEach((service, needs) -> needs.forEach(deps.putArray(service)::add));
    }
    if (prune) {
      root.put("prune", true);
    }
    root.set("plan", plan);
    try {
      io.fgd.compiler.output.AtomicFiles.write(
          file, (JSON.writeValueAsString(root) + "\n").getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new FgdRuntimeException(
          "Could not write the plan to " + file + ": " + e.getMessage() + ".", e);
    }
  }

  /**
   * Reads a saved plan and checks it belongs to {@code app}.
   *
   * @throws FgdRuntimeException when the file is missing, is not a plan, comes from another version
   *     of fgd, or is for another app
   */
  public static SavedPlan read(Path file, String app) throws FgdRuntimeException {
    return read(file, java.util.Optional.of(app));
  }

  /**
   * Reads a saved plan for whichever app it names ({@code fgd apply FILE}, where no spec says which
   * app to expect).
   */
  public static SavedPlan read(Path file) throws FgdRuntimeException {
    return read(file, java.util.Optional.empty());
  }

  private static SavedPlan read(Path file, java.util.Optional<String> expectedApp)
      throws FgdRuntimeException {
    JsonNode root;
    try {
      root = JSON.readTree(Files.readAllBytes(file));
    } catch (NoSuchFileException e) {
      throw new FgdRuntimeException(
          "There is no plan file " + file + ". Run `fgd plan --out " + file + "` first.", e);
    } catch (IOException e) {
      throw new FgdRuntimeException(
          file
              + " is not a saved fgd plan (it is not valid JSON). Run `fgd plan --out "
              + file
              + "` again.",
          e);
    }
    if (root == null || !root.isObject() || !KIND.equals(root.path("kind").asText())) {
      throw new FgdRuntimeException(
          file + " is not a saved fgd plan. Run `fgd plan --out " + file + "` to make one.");
    }
    int version = root.path("formatVersion").asInt(-1);
    if (version != FORMAT_VERSION) {
      throw new FgdRuntimeException(
          file
              + " was saved in plan format "
              + root.path("formatVersion")
              + ", but this fgd reads format "
              + FORMAT_VERSION
              + ". Run `fgd plan --out "
              + file
              + "` again with this fgd.");
    }
    String planApp = root.path("app").asText("");
    if (planApp.isEmpty()) {
      throw new FgdRuntimeException(
          file + " is damaged (\"app\" is missing). Run `fgd plan --out " + file + "` again.");
    }
    String app = expectedApp.orElse(planApp);
    if (!planApp.equals(app)) {
      throw new FgdRuntimeException(
          file
              + " is a plan for app \""
              + planApp
              + "\", not \""
              + app
              + "\". Use the plan made from this spec, or plan again.");
    }
    try {
      List<Artifact> artifacts = new ArrayList<>();
      for (JsonNode a : required(root, "artifacts")) {
        artifacts.add(Artifact.text(required(a, "path").asText(), required(a, "content").asText()));
      }
      Map<String, String> fingerprints = new TreeMap<>();
      required(root, "fingerprints")
          .fields()
          .forEachRemaining(e -> fingerprints.put(e.getKey(), e.getValue().asText()));
      Map<String, List<String>> dependsOn = new TreeMap<>();
      root.path("dependsOn")
          .fields()
          .forEachRemaining(
              e -> {
                List<String> needs = new ArrayList<>();
                e.getValue().forEach(n -> needs.add(n.asText()));
                dependsOn.put(e.getKey(), needs);
              });
      String region = root.path("region").asText("");
      return new SavedPlan(
          planApp,
          required(root, "cluster").asText(),
          required(root, "specSha256").asText(),
          artifacts,
          fingerprints,
          required(root, "plan"),
          region.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(region),
          dependsOn,
          root.path("prune").asBoolean(false));
    } catch (IllegalArgumentException e) {
      throw new FgdRuntimeException(
          file + " is damaged (" + e.getMessage() + "). Run `fgd plan --out " + file + "` again.",
          e);
    }
  }

  /** Refuses a plan made from a different spec. */
  public void requireSpec(byte[] specSource, Path file) throws FgdRuntimeException {
    if (!Fingerprints.sha256(specSource).equals(specSha256)) {
      throw new FgdRuntimeException(
          "The spec changed since "
              + file
              + " was saved. Run `fgd plan --out "
              + file
              + "` again and review the new plan.");
    }
  }

  private static JsonNode required(JsonNode node, String field) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      throw new IllegalArgumentException("\"" + field + "\" is missing");
    }
    return v;
  }
}
