package io.fgd.runtime.kinds.ecrrepository;

import com.fasterxml.jackson.databind.JsonNode;
import io.fgd.runtime.FgdRuntimeException;
import io.fgd.runtime.aws.AwsClients;
import io.fgd.runtime.aws.AwsErrors;
import io.fgd.runtime.aws.AwsSettings;
import io.fgd.runtime.engine.ApplyRun;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.CreateRepositoryRequest;
import software.amazon.awssdk.services.ecr.model.RepositoryAlreadyExistsException;
import software.amazon.awssdk.services.ecr.model.RepositoryNotEmptyException;
import software.amazon.awssdk.services.ecr.model.RepositoryNotFoundException;
import software.amazon.awssdk.services.ecr.model.Tag;

/**
 * The ECR calls that create and change fgd's repositories: the one copy apply and {@code fgd build
 * --push} (which needs the repository before it pushes) both use.
 */
public final class EcrRepositoryCalls {
  /** One call, its failure translated for the user (apply's {@link ApplyRun#call}, or build's). */
  public interface Caller {
    <T> T call(String action, Supplier<T> call) throws FgdRuntimeException;
  }

  private final EcrClient ecr;
  private final Caller caller;

  EcrRepositoryCalls(EcrClient ecr, Caller caller) {
    this.ecr = ecr;
    this.caller = caller;
  }

  static EcrRepositoryCalls of(ApplyRun run) {
    return new EcrRepositoryCalls(
        run.clients().ecr(),
        new Caller() {
          @Override
          public <T> T call(String action, Supplier<T> call) throws FgdRuntimeException {
            return run.call(action, call::get);
          }
        });
  }

  /** For {@code fgd build}: the same calls, with the build's clients. */
  public static EcrRepositoryCalls of(AwsClients clients, AwsSettings settings) {
    return new EcrRepositoryCalls(
        clients.ecr(),
        new Caller() {
          @Override
          public <T> T call(String action, Supplier<T> call) throws FgdRuntimeException {
            try {
              return call.get();
            } catch (SdkException e) {
              throw AwsErrors.translate(e, action, settings);
            }
          }
        });
  }

  /**
   * Makes sure the repository of {@code ecr.json} exists before an image is pushed to it: creates
   * it, with all its settings, when it does not; an existing one is left as it is (the plan shows
   * and apply makes what differs). True when it was created.
   */
  public boolean ensure(JsonNode ecrJson) throws FgdRuntimeException {
    JsonNode create = ecrJson.path("repository");
    String name = create.path("repositoryName").asText();
    try {
      caller.call(
          "reading ECR repository " + name,
          () ->
              ecr.describeRepositories(
                  b ->
                      b.registryId(create.path("registryId").asText())
                          .repositoryNames(List.of(name))));
      return false;
    } catch (FgdRuntimeException e) {
      if (!(e.getCause() instanceof RepositoryNotFoundException)) {
        throw e;
      }
    }
    return create(ecrJson);
  }

  /**
   * CreateRepository with every setting of {@code ecr.json}, then its lifecycle policy. A
   * repository that appeared since the plan (a build made it) is brought to the same settings. True
   * when this call created it.
   */
  boolean create(JsonNode ecrJson) throws FgdRuntimeException {
    JsonNode create = ecrJson.path("repository");
    String name = create.path("repositoryName").asText();
    CreateRepositoryRequest request =
        ApplyRun.fromJson(create, CreateRepositoryRequest.builder(), "ecr.json");
    boolean created = true;
    try {
      caller.call("creating ECR repository " + name, () -> ecr.createRepository(request));
    } catch (FgdRuntimeException e) {
      if (!(e.getCause() instanceof RepositoryAlreadyExistsException)) {
        throw e;
      }
      created = false;
      mutability(ecrJson);
      scanning(ecrJson);
      tag(arn(ecrJson), name, tags(ecrJson));
    }
    lifecyclePolicy(ecrJson);
    return created;
  }

  void mutability(JsonNode ecrJson) throws FgdRuntimeException {
    JsonNode c = ecrJson.path("repository");
    caller.call(
        "setting the tag mutability of ECR repository " + c.path("repositoryName").asText(),
        () ->
            ecr.putImageTagMutability(
                b ->
                    b.registryId(c.path("registryId").asText())
                        .repositoryName(c.path("repositoryName").asText())
                        .imageTagMutability(c.path("imageTagMutability").asText())));
  }

  void scanning(JsonNode ecrJson) throws FgdRuntimeException {
    JsonNode c = ecrJson.path("repository");
    caller.call(
        "setting scan on push of ECR repository " + c.path("repositoryName").asText(),
        () ->
            ecr.putImageScanningConfiguration(
                b ->
                    b.registryId(c.path("registryId").asText())
                        .repositoryName(c.path("repositoryName").asText())
                        .imageScanningConfiguration(
                            s ->
                                s.scanOnPush(
                                    c.path("imageScanningConfiguration")
                                        .path("scanOnPush")
                                        .asBoolean()))));
  }

  void lifecyclePolicy(JsonNode ecrJson) throws FgdRuntimeException {
    JsonNode p = ecrJson.path("lifecyclePolicy");
    caller.call(
        "setting the lifecycle policy of ECR repository " + p.path("repositoryName").asText(),
        () ->
            ecr.putLifecyclePolicy(
                b ->
                    b.registryId(p.path("registryId").asText())
                        .repositoryName(p.path("repositoryName").asText())
                        .lifecyclePolicyText(p.path("lifecyclePolicyText").asText())));
  }

  /** Puts {@code tags} on the repository (TagResource adds and overwrites). */
  void tag(String arn, String name, Map<String, String> tags) throws FgdRuntimeException {
    if (tags.isEmpty()) {
      return;
    }
    caller.call(
        "tagging ECR repository " + name,
        () ->
            ecr.tagResource(
                b ->
                    b.resourceArn(arn)
                        .tags(
                            tags.entrySet().stream()
                                .map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build())
                                .toList())));
  }

  void untag(String arn, String name, List<String> keys) throws FgdRuntimeException {
    if (keys.isEmpty()) {
      return;
    }
    caller.call(
        "untagging ECR repository " + name,
        () -> ecr.untagResource(b -> b.resourceArn(arn).tagKeys(keys)));
  }

  /**
   * DeleteRepository without force: ECR refuses while the repository holds images, and fgd says so
   * instead of deleting them.
   */
  void delete(String registryId, String name) throws FgdRuntimeException {
    try {
      caller.call(
          "deleting ECR repository " + name,
          () -> ecr.deleteRepository(b -> b.registryId(registryId).repositoryName(name)));
    } catch (FgdRuntimeException e) {
      if (e.getCause() instanceof RepositoryNotEmptyException) {
        throw new FgdRuntimeException(stillHoldsImages(name), e.getCause());
      }
      if (!(e.getCause() instanceof RepositoryNotFoundException)) {
        throw e;
      }
    }
  }

  static String stillHoldsImages(String name) {
    return "ECR repository "
        + name
        + " still holds images, and fgd never deletes images: it was left in place. Delete its"
        + " images (aws ecr batch-delete-image) or the repository with them (aws ecr"
        + " delete-repository --force) if you mean to, then run fgd apply --prune again.";
  }

  /** The ARN of a repository the plan did not see: TagResource names it by ARN only. */
  private String arn(JsonNode ecrJson) throws FgdRuntimeException {
    JsonNode c = ecrJson.path("repository");
    return caller
        .call(
            "reading ECR repository " + c.path("repositoryName").asText(),
            () ->
                ecr.describeRepositories(
                    b ->
                        b.registryId(c.path("registryId").asText())
                            .repositoryNames(c.path("repositoryName").asText())))
        .repositories()
        .get(0)
        .repositoryArn();
  }

  static Map<String, String> tags(JsonNode ecrJson) {
    Map<String, String> out = new java.util.TreeMap<>();
    for (JsonNode t : ecrJson.path("repository").path("tags")) {
      out.put(t.path("Key").asText(), t.path("Value").asText());
    }
    return out;
  }
}
