package io.fgd.compiler.emit.ecs;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fgd.compiler.Artifact;
import io.fgd.compiler.emit.Images;
import io.fgd.compiler.emit.Json;
import io.fgd.compiler.ir.App;
import io.fgd.compiler.ir.Service;
import io.fgd.compiler.ir.Spec;
import io.fgd.compiler.ir.Tag;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ecr.json}: the ECR repository fgd owns for a service built from source, when its registry
 * is an ECR registry ({@code ACCOUNT.dkr.ecr.REGION.amazonaws.com}, the default). It holds a
 * CreateRepository request ({@code repository}: tag immutability on, scan on push, AES256
 * encryption, the app's tags and the ownership tag) and a PutLifecyclePolicy request ({@code
 * lifecyclePolicy}) that expires all but the newest {@code keep} images, both as {@code aws ecr
 * <command> --cli-input-json} takes them. Any other registry gets no file: fgd does not manage it.
 */
public final class EcrEmitter {
  private EcrEmitter() {}

  public static final String FILE = "ecr.json";

  /** An ECR private registry's host; group 1 is the account. */
  static final Pattern ECR_HOST =
      Pattern.compile("(\\d{12})\\.dkr\\.ecr\\.[a-z0-9-]+\\.amazonaws\\.com(?:\\.cn)?");

  public static Optional<Artifact> emit(Spec spec, Service service) {
    if (service.build().isEmpty() || service.container().image().isPresent()) {
      return Optional.empty();
    }
    App app = spec.app().orElseThrow();
    String repository = Images.repository(app, service);
    int slash = repository.indexOf('/');
    Matcher host = ECR_HOST.matcher(repository.substring(0, slash));
    if (!host.matches()) {
      return Optional.empty();
    }
    String name = repository.substring(slash + 1);
    ObjectNode document = Json.object();
    ObjectNode create = document.putObject("repository");
    create.put("registryId", host.group(1));
    create.put("repositoryName", name);
    ArrayNode tags = create.putArray("tags");
    tagsOf(app).forEach((k, v) -> tags.addObject().put("Key", k).put("Value", v));
    create.put("imageTagMutability", "IMMUTABLE");
    create.putObject("imageScanningConfiguration").put("scanOnPush", true);
    create.putObject("encryptionConfiguration").put("encryptionType", "AES256");
    ObjectNode lifecycle = document.putObject("lifecyclePolicy");
    lifecycle.put("registryId", host.group(1));
    lifecycle.put("repositoryName", name);
    lifecycle.put("lifecyclePolicyText", lifecyclePolicy(app.keepImages()));
    String path = service.name().value() + "/" + FILE;
    SchemaValidator.requireValid(path, SchemaValidator.Kind.ECR_REPOSITORY, document);
    return Optional.of(new Artifact(path, Json.bytes(document)));
  }

  /**
   * One rule: expire every image (tagged or not) beyond the newest {@code keep}. The lifecycle
   * policy parameters:
   * https://docs.aws.amazon.com/AmazonECR/latest/userguide/lifecycle_policy_parameters.html
   */
  public static String lifecyclePolicy(int keep) {
    ObjectNode policy = Json.object();
    ObjectNode rule = policy.putArray("rules").addObject();
    rule.put("rulePriority", 1);
    rule.put("description", "fgd: keep the newest " + keep + " images");
    ObjectNode selection = rule.putObject("selection");
    selection.put("tagStatus", "any");
    selection.put("countType", "imageCountMoreThan");
    selection.put("countNumber", keep);
    rule.putObject("action").put("type", "expire");
    try {
      return Json.mapper().writeValueAsString(policy);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new io.fgd.compiler.FgdBugException("cannot write a lifecycle policy", e);
    }
  }

  /** The app's tags and the ownership tag (not the service's: those are the service's own). */
  static Map<String, String> tagsOf(App app) {
    Map<String, String> tags = new TreeMap<>();
    for (Tag t : app.tags()) {
      tags.put(t.key().value(), t.value().value());
    }
    tags.put(EcsNames.OWNERSHIP_TAG_KEY, app.name().value());
    return tags;
  }
}
