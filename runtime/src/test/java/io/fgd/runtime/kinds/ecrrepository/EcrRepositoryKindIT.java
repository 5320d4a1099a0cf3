package io.fgd.runtime.kinds.ecrrepository;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fgd.compiler.Artifact;
import io.fgd.compiler.emit.ecs.EcrEmitter;
import io.fgd.runtime.deploy.ProgressListener;
import io.fgd.runtime.engine.Action;
import io.fgd.runtime.engine.Applier;
import io.fgd.runtime.engine.ApplyListener;
import io.fgd.runtime.engine.ApplyOptions;
import io.fgd.runtime.engine.ApplyResult;
import io.fgd.runtime.engine.ApplyResult.Status;
import io.fgd.runtime.engine.PlanResult;
import io.fgd.runtime.engine.ResourceChange;
import io.fgd.runtime.kinds.Account;
import io.fgd.runtime.moto.MotoExtension;
import io.fgd.runtime.moto.MotoServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.ecr.model.Repository;
import software.amazon.awssdk.services.ecr.model.RepositoryNotFoundException;

/**
 * ECR repositories against moto's ECR (moto 5: repositories with tag mutability, scanning and
 * encryption settings, lifecycle policies, tags, images put with PutImage, DeleteRepository's
 * RepositoryNotEmptyException), over HTTP with the SDK's client: created with every setting,
 * changed field by field, pruned only while empty, each apply followed by a plan with no changes.
 * moto does not run lifecycle policies (nothing expires) nor scans; fgd only sets them.
 */
@ExtendWith(MotoExtension.class)
class EcrRepositoryKindIT {
  static final String ACCOUNT = "123456789012";

  Account account;

  @BeforeEach
  void connect(MotoServer moto) {
    account = new Account(moto);
  }

  @AfterEach
  void close() {
    account.close();
  }

  /** {@code ecr.json} as the compiler writes it for sheets/SERVICE, keeping {@code keep}. */
  static Artifact ecrJson(String service, int keep, Map<String, String> tags) {
    StringBuilder tagList = new StringBuilder();
    Map<String, String> all = new TreeMap<>(tags);
    all.put("fgd:app", "sheets");
    all.forEach(
        (k, v) ->
            tagList
                .append(tagList.length() == 0 ? "" : ",")
                .append("{\"Key\":\"")
                .append(k)
                .append("\",\"Value\":\"")
                .append(v)
                .append("\"}"));
    String name = "sheets/" + service;
    String policy = EcrEmitter.lifecyclePolicy(keep).replace("\"", "\\\"");
    return Artifact.text(
        service + "/ecr.json",
        "{\"repository\": {\"registryId\": \""
            + ACCOUNT
            + "\", \"repositoryName\": \""
            + name
            + "\", \"tags\": ["
            + tagList
            + "], \"imageTagMutability\": \"IMMUTABLE\","
            + " \"imageScanningConfiguration\": {\"scanOnPush\": true},"
            + " \"encryptionConfiguration\": {\"encryptionType\": \"AES256\"}},"
            + " \"lifecyclePolicy\": {\"registryId\": \""
            + ACCOUNT
            + "\", \"repositoryName\": \""
            + name
            + "\", \"lifecyclePolicyText\": \""
            + policy
            + "\"}}");
  }

  private List<Artifact> sheets(int keep, Map<String, String> tags, String... services) {
    List<Artifact> out = new ArrayList<>(account.sheets());
    for (String s : services) {
      out.add(ecrJson(s, keep, tags));
    }
    return out;
  }

  private Repository repository(String name) {
    return account
        .clients
        .ecr()
        .describeRepositories(r -> r.repositoryNames(name))
        .repositories()
        .get(0);
  }

  private Map<String, String> tagsOf(String name) {
    Map<String, String> out = new TreeMap<>();
    account
        .clients
        .ecr()
        .listTagsForResource(r -> r.resourceArn(repository(name).repositoryArn()))
        .tags()
        .forEach(t -> out.put(t.key(), t.value()));
    return out;
  }

  private String policyOf(String name) {
    return account
        .clients
        .ecr()
        .getLifecyclePolicy(r -> r.repositoryName(name))
        .lifecyclePolicyText();
  }

  private List<ResourceChange> repositoryChanges(PlanResult plan) {
    return plan.plan().changes().stream()
        .filter(c -> c.type() == EcrRepositoryKind.INSTANCE)
        .toList();
  }

  private void assertNoRepositoryChanges(List<Artifact> spec) throws Exception {
    assertEquals(List.of(), repositoryChanges(account.plan(spec)));
  }

  @Test
  void createsTheRepositoryWithEverySettingAndPlansCleanAfter() throws Exception {
    List<Artifact> spec = sheets(30, Map.of("team", "data"), "api", "server");
    PlanResult planned = account.plan(spec);
    assertEquals(
        List.of(Action.CREATE, Action.CREATE),
        repositoryChanges(planned).stream().map(ResourceChange::action).toList());

    ApplyResult created = account.apply(spec);
    assertEquals(Status.APPLIED, created.status(), () -> "errors: " + created.errors());
    Repository api = repository("sheets/api");
    assertEquals("IMMUTABLE", api.imageTagMutabilityAsString());
    assertTrue(api.imageScanningConfiguration().scanOnPush());
    assertEquals("AES256", api.encryptionConfiguration().encryptionTypeAsString());
    assertEquals(Map.of("fgd:app", "sheets", "team", "data"), tagsOf("sheets/api"));
    assertEquals(EcrEmitter.lifecyclePolicy(30), policyOf("sheets/api"));
    assertNoRepositoryChanges(spec);
    assertFalse(account.plan(spec).plan().hasChanges());
  }

  @Test
  void changesKeepMutabilityAndTagsFieldByField() throws Exception {
    account.apply(sheets(30, Map.of("team", "data"), "api"));

    // keep 30 -> 50: one field of the parsed policy, one PutLifecyclePolicy.
    List<Artifact> keep50 = sheets(50, Map.of("team", "data"), "api");
    List<ResourceChange> changes = repositoryChanges(account.plan(keep50));
    assertEquals(1, changes.size());
    assertEquals(Action.UPDATE, changes.get(0).action());
    assertEquals(
        List.of(
            ".lifecyclePolicy.rules.1.description",
            ".lifecyclePolicy.rules.1.selection.countNumber"),
        changes.get(0).fields().stream().map(f -> f.path()).toList());
    ApplyResult updated = account.apply(keep50);
    assertEquals(List.of("Ecr.PutLifecyclePolicy"), updated.mutatingCalls());
    assertEquals(EcrEmitter.lifecyclePolicy(50), policyOf("sheets/api"));
    assertNoRepositoryChanges(keep50);

    // Drift made by hand: tags mutable, a tag added and one changed.
    account
        .clients
        .ecr()
        .putImageTagMutability(r -> r.repositoryName("sheets/api").imageTagMutability("MUTABLE"));
    String arn = repository("sheets/api").repositoryArn();
    account
        .clients
        .ecr()
        .tagResource(
            r ->
                r.resourceArn(arn)
                    .tags(t -> t.key("owner").value("someone"), t -> t.key("team").value("web")));
    changes = repositoryChanges(account.plan(keep50));
    assertEquals(
        List.of(".imageTagMutability", ".tags[\"owner\"]", ".tags[\"team\"]"),
        changes.get(0).fields().stream().map(f -> f.path()).toList());
    ApplyResult back = account.apply(keep50);
    assertEquals(
        List.of("Ecr.PutImageTagMutability", "Ecr.TagResource", "Ecr.UntagResource"),
        back.mutatingCalls());
    assertEquals("IMMUTABLE", repository("sheets/api").imageTagMutabilityAsString());
    assertEquals(Map.of("fgd:app", "sheets", "team", "data"), tagsOf("sheets/api"));
    assertNoRepositoryChanges(keep50);
  }

  @Test
  void aPolicyWithOtherSpacingAndKeyOrderIsNoChange() throws Exception {
    List<Artifact> spec = sheets(30, Map.of(), "api");
    account.apply(spec);
    String respaced =
        "{ \"rules\": [ { \"action\": {\"type\": \"expire\"}, \"selection\": {\"countNumber\": 30,"
            + " \"countType\": \"imageCountMoreThan\", \"tagStatus\": \"any\"},"
            + " \"description\": \"fgd: keep the newest 30 images\", \"rulePriority\": 1 } ] }";
    account
        .clients
        .ecr()
        .putLifecyclePolicy(r -> r.repositoryName("sheets/api").lifecyclePolicyText(respaced));
    assertNoRepositoryChanges(spec);
  }

  @Test
  void otherEncryptionIsAReplacementApplyRefuses() throws Exception {
    account
        .clients
        .ecr()
        .createRepository(
            r ->
                r.repositoryName("sheets/api")
                    .encryptionConfiguration(e -> e.encryptionType("KMS")));
    List<Artifact> spec = sheets(30, Map.of(), "api");
    List<ResourceChange> changes = repositoryChanges(account.plan(spec));
    assertEquals(Action.REPLACE, changes.get(0).action());
    ApplyResult refused = account.apply(spec);
    assertEquals(Status.REFUSED, refused.status());
    assertTrue(
        refused.errors().get(0).contains("ECR repository sheets/api would have to be replaced"),
        () -> refused.errors().toString());
    assertEquals(List.of(), refused.mutatingCalls());
  }

  private ApplyResult prune(List<Artifact> spec) throws Exception {
    return new Applier(
            account.clients,
            account.settings,
            ApplyOptions.DEFAULTS.withWait(false).withPrune(true),
            ApplyListener.none(),
            ProgressListener.none())
        .apply(account.plan(spec));
  }

  @Test
  void pruneDeletesTheEmptyRepositoryOfARemovedService() throws Exception {
    account.apply(sheets(30, Map.of(), "api", "server"));
    List<Artifact> withoutServer =
        sheets(30, Map.of(), "api").stream().filter(a -> !a.path().startsWith("server/")).toList();
    List<ResourceChange> planned = repositoryChanges(account.plan(withoutServer));
    assertEquals(1, planned.size());
    assertEquals(Action.DESTROY, planned.get(0).action());
    assertEquals("sheets/server", planned.get(0).name());

    ApplyResult pruned = prune(withoutServer);
    assertEquals(Status.APPLIED, pruned.status(), () -> "errors: " + pruned.errors());
    assertTrue(pruned.mutatingCalls().contains("Ecr.DeleteRepository"));
    assertTrue(
        account.clients.ecr().describeRepositories(r -> {}).repositories().stream()
            .noneMatch(r -> r.repositoryName().equals("sheets/server")));
    assertNoRepositoryChanges(withoutServer);
  }

  @Test
  void pruneNeverDeletesARepositoryThatHoldsImages() throws Exception {
    account.apply(sheets(30, Map.of(), "api", "server"));
    account
        .clients
        .ecr()
        .putImage(
            r ->
                r.repositoryName("sheets/server")
                    .imageTag("v1")
                    .imageManifest(
                        "{\"schemaVersion\": 2, \"mediaType\":"
                            + " \"application/vnd.docker.distribution.manifest.v2+json\","
                            + " \"config\": {\"mediaType\":"
                            + " \"application/vnd.docker.container.image.v1+json\", \"size\": 2,"
                            + " \"digest\": \"sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a\"},"
                            + " \"layers\": []}"));
    List<Artifact> withoutServer =
        sheets(30, Map.of(), "api").stream().filter(a -> !a.path().startsWith("server/")).toList();
    List<ResourceChange> planned = repositoryChanges(account.plan(withoutServer));
    assertTrue(
        planned.get(0).reason().orElse("").contains("still holds images"),
        () -> planned.toString());

    ApplyResult pruned = prune(withoutServer);
    assertEquals(Status.FAILED, pruned.status());
    assertTrue(
        pruned.errors().stream().anyMatch(e -> e.contains("sheets/server still holds images")),
        () -> pruned.errors().toString());
    assertFalse(pruned.mutatingCalls().contains("Ecr.DeleteRepository"));
    assertEquals("sheets/server", repository("sheets/server").repositoryName());
  }

  @Test
  void theBuildEnsuresTheRepositoryWithTheSameCalls() throws Exception {
    EcrRepositoryCalls calls = EcrRepositoryCalls.of(account.clients, account.settings);
    com.fasterxml.jackson.databind.JsonNode ecr =
        new com.fasterxml.jackson.databind.ObjectMapper()
            .readTree(ecrJson("api", 30, Map.of()).content());
    assertTrue(calls.ensure(ecr));
    assertFalse(calls.ensure(ecr), "the second time it exists");
    assertEquals(EcrEmitter.lifecyclePolicy(30), policyOf("sheets/api"));
    assertNoRepositoryChanges(sheets(30, Map.of(), "api"));
  }

  @Test
  void aRepositoryNotFoundIsNotAnError() {
    // The read of a plan that creates repositories: DescribeRepositories fails as a whole.
    org.junit.jupiter.api.Assertions.assertThrows(
        RepositoryNotFoundException.class,
        () -> account.clients.ecr().describeRepositories(r -> r.repositoryNames("sheets/none")));
  }
}
