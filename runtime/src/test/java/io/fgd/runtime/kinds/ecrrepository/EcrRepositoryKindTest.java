package io.fgd.runtime.kinds.ecrrepository;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fgd.compiler.Artifact;
import io.fgd.compiler.emit.ecs.EcrEmitter;
import io.fgd.runtime.engine.Action;
import io.fgd.runtime.engine.Fixtures;
import io.fgd.runtime.engine.PlanResult;
import io.fgd.runtime.engine.Planner;
import io.fgd.runtime.engine.ResourceChange;
import io.fgd.runtime.kinds.FakeLiveState;
import io.fgd.runtime.state.ObservedState;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** The ECR repository kind without a network: its reads' batching, normal form and fingerprint. */
class EcrRepositoryKindTest {
  static final String POLICY = EcrEmitter.lifecyclePolicy(30);

  static ObservedRepository repository(String name) {
    return new ObservedRepository(
        "123456789012",
        name,
        "arn:aws:ecr:us-west-1:123456789012:repository/" + name,
        "IMMUTABLE",
        true,
        "AES256",
        Optional.empty());
  }

  /** An account with the given repositories; records what each DescribeRepositories asked. */
  static final class Registry implements FakeLiveState, EcrRepositoryReads.Api {
    final Map<String, ObservedRepository> repositories = new TreeMap<>();
    final List<List<String>> describes = new CopyOnWriteArrayList<>();
    String policy = POLICY;

    @Override
    public Optional<Map<String, ObservedRepository>> describe(
        String registryId, Collection<String> names) {
      describes.add(List.copyOf(names));
      Map<String, ObservedRepository> out = new TreeMap<>();
      for (String n : names) {
        if (!repositories.containsKey(n)) {
          return Optional.empty();
        }
        out.put(n, repositories.get(n));
      }
      return Optional.of(out);
    }

    @Override
    public Optional<String> lifecyclePolicy(String registryId, String name) {
      return Optional.of(policy);
    }

    @Override
    public Map<String, String> tags(String arn) {
      return Map.of("fgd:app", "sheets");
    }

    @Override
    public boolean hasImages(String registryId, String name) {
      return false;
    }
  }

  /** The sheets fixtures with an ecr.json for each of {@code services} (names: svc0, svc1...). */
  static List<Artifact> spec(int services) {
    List<Artifact> out = new ArrayList<>(Fixtures.sheets());
    for (int i = 0; i < services; i++) {
      String name = i == 0 ? "api" : i == 1 ? "server" : "svc" + i;
      if (i > 1) {
        String finalName = name;
        out.add(
            Artifact.text(
                name + "/taskdef.json",
                "{\"family\": \"sheets-" + finalName + "\", \"containerDefinitions\": []}"));
        out.add(
            Artifact.text(
                name + "/service.json",
                "{\"cluster\": \"sheets-prod\", \"serviceName\": \""
                    + finalName
                    + "\", \"taskDefinition\": \"sheets-"
                    + finalName
                    + "\"}"));
      }
      out.add(EcrRepositoryKindIT.ecrJson(name, 30, Map.of()));
    }
    return out;
  }

  static List<ResourceChange> repositoryChanges(PlanResult plan) {
    return plan.plan().changes().stream()
        .filter(c -> c.type() == EcrRepositoryKind.INSTANCE)
        .toList();
  }

  @Test
  void describesAHundredNamesPerRequestAndNamesAloneOnlyWhenOneIsMissing() throws Exception {
    Registry registry = new Registry();
    for (int i = 0; i < 150; i++) {
      String name = i == 0 ? "api" : i == 1 ? "server" : "svc" + i;
      registry.repositories.put("sheets/" + name, repository("sheets/" + name));
    }
    PlanResult planned = Planner.plan(Fixtures.desired(spec(150)), registry);
    assertEquals(
        List.of(100, 50),
        registry.describes.stream().map(List::size).sorted((a, b) -> b - a).toList());
    assertEquals(List.of(), repositoryChanges(planned));

    registry.describes.clear();
    registry.repositories.remove("sheets/svc7");
    planned = Planner.plan(Fixtures.desired(spec(150)), registry);
    // The batch that holds svc7 is asked again name by name, all at once; the other is not.
    int batch =
        registry.describes.stream()
            .filter(d -> d.size() > 1 && d.contains("sheets/svc7"))
            .findFirst()
            .orElseThrow()
            .size();
    assertEquals(2 + batch, registry.describes.size());
    assertEquals(batch, registry.describes.stream().filter(d -> d.size() == 1).count());
    List<ResourceChange> changes = repositoryChanges(planned);
    assertEquals(1, changes.size());
    assertEquals(Action.CREATE, changes.get(0).action());
    assertEquals("sheets/svc7", changes.get(0).name());
  }

  @Test
  void thePolicyIsComparedParsedNotAsText() throws Exception {
    Registry registry = new Registry();
    registry.repositories.put("sheets/api", repository("sheets/api"));
    JsonNode policy = new ObjectMapper().readTree(POLICY);
    registry.policy =
        new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(policy);
    assertEquals(List.of(), repositoryChanges(Planner.plan(Fixtures.desired(spec(1)), registry)));
  }

  /** Every field the plan compares changes the fingerprint. */
  @Test
  void theFingerprintCoversEveryComparedField() {
    ObservedRepository base = repository("sheets/api");
    ObservedRepository.Details details =
        new ObservedRepository.Details(Optional.of(POLICY), Map.of("fgd:app", "sheets"));
    String before = fingerprint(base, details);
    List<UnaryOperator<ObservedRepository>> edits =
        List.of(
            r ->
                new ObservedRepository(
                    r.registryId(), r.name(), r.arn(), "MUTABLE", true, "AES256", Optional.empty()),
            r ->
                new ObservedRepository(
                    r.registryId(),
                    r.name(),
                    r.arn(),
                    "IMMUTABLE",
                    false,
                    "AES256",
                    Optional.empty()),
            r ->
                new ObservedRepository(
                    r.registryId(),
                    r.name(),
                    r.arn(),
                    "IMMUTABLE",
                    true,
                    "KMS",
                    Optional.of("arn:aws:kms:us-west-1:123456789012:key/x")));
    for (var edit : edits) {
      assertNotEquals(before, fingerprint(edit.apply(base), details));
    }
    assertNotEquals(
        before,
        fingerprint(
            base,
            new ObservedRepository.Details(
                Optional.of(EcrEmitter.lifecyclePolicy(31)), Map.of("fgd:app", "sheets"))));
    assertNotEquals(
        before,
        fingerprint(
            base,
            new ObservedRepository.Details(
                Optional.of(POLICY), Map.of("fgd:app", "sheets", "team", "x"))));
    assertNotEquals(
        before,
        fingerprint(
            base, new ObservedRepository.Details(Optional.empty(), Map.of("fgd:app", "sheets"))));
  }

  private static String fingerprint(ObservedRepository r, ObservedRepository.Details d) {
    Map<String, String> out = new TreeMap<>();
    EcrRepositoryKind.INSTANCE.fingerprint(
        new ObservedState(
            Map.of(
                EcrRepositoryReads.KEY, Map.of(r.name(), r),
                EcrRepositoryReads.DETAILS, Map.of(r.name(), d))),
        out);
    return out.get("ecrRepository/" + r.name());
  }

  @Test
  void fgdsPolicyTellsHowManyImagesItKeeps() {
    assertEquals(Optional.of(30), EcrRepositoryForm.keeps(POLICY));
    assertEquals(Optional.empty(), EcrRepositoryForm.keeps("{\"rules\": []}"));
    assertEquals(Optional.empty(), EcrRepositoryForm.keeps("not json"));
  }
}
