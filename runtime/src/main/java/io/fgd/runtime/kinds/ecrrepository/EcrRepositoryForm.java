package io.fgd.runtime.kinds.ecrrepository;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The normal form of an ECR repository, the same for {@code ecr.json} and for what ECR returns:
 *
 * <pre>
 * {"imageTagMutability": "IMMUTABLE", "scanOnPush": true,
 *  "encryption": {"type": "AES256"},          // and "kmsKey" for KMS
 *  "lifecyclePolicy": {"rules": {"1": {...}}}, // parsed, rules by priority
 *  "tags": {"fgd:app": "shop"}}
 * </pre>
 *
 * <p>ECR keeps a lifecycle policy as JSON text, and may give it back with other spacing or key
 * order: both sides are parsed, so only a change of meaning is a change.
 */
public final class EcrRepositoryForm {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final ObjectMapper JSON = new ObjectMapper();

  private EcrRepositoryForm() {}

  /** The normal form of {@code ecr.json}. */
  public static ObjectNode wanted(JsonNode ecrJson) {
    JsonNode create = ecrJson.path("repository");
    Map<String, String> tags = new TreeMap<>();
    for (JsonNode t : create.path("tags")) {
      tags.put(t.path("Key").asText(), t.path("Value").asText());
    }
    JsonNode encryption = create.path("encryptionConfiguration");
    return form(
        create.path("imageTagMutability").asText("MUTABLE"),
        create.path("imageScanningConfiguration").path("scanOnPush").asBoolean(false),
        encryption.path("encryptionType").asText("AES256"),
        Optional.ofNullable(encryption.get("kmsKey")).map(JsonNode::asText),
        Optional.of(ecrJson.path("lifecyclePolicy").path("lifecyclePolicyText").asText()),
        tags);
  }

  /** The normal form of a live repository. */
  public static ObjectNode live(ObservedRepository r, ObservedRepository.Details d) {
    return form(
        r.imageTagMutability(),
        r.scanOnPush(),
        r.encryptionType(),
        r.kmsKey(),
        d.lifecyclePolicy(),
        d.tags());
  }

  private static ObjectNode form(
      String mutability,
      boolean scanOnPush,
      String encryptionType,
      Optional<String> kmsKey,
      Optional<String> lifecyclePolicy,
      Map<String, String> tags) {
    ObjectNode out = NODES.objectNode();
    out.put("imageTagMutability", mutability);
    out.put("scanOnPush", scanOnPush);
    ObjectNode encryption = out.putObject("encryption");
    encryption.put("type", encryptionType);
    kmsKey.ifPresent(k -> encryption.put("kmsKey", k));
    lifecyclePolicy.ifPresent(p -> out.set("lifecyclePolicy", policy(p)));
    ObjectNode t = out.putObject("tags");
    new TreeMap<>(tags)
        .forEach(
            (k, v) -> {
              if (!k.startsWith("aws:")) {
                t.put(k, v);
              }
            });
    return out;
  }

  /**
   * A lifecycle policy parsed, its rules by priority (their order in the text means nothing: ECR
   * evaluates them by rulePriority); text that is not JSON stays text.
   */
  static JsonNode policy(String text) {
    JsonNode parsed;
    try {
      parsed = JSON.readTree(text);
    } catch (IOException e) {
      return NODES.textNode(text);
    }
    if (parsed == null || !parsed.isObject()) {
      return NODES.textNode(text);
    }
    ObjectNode out = ((ObjectNode) parsed).deepCopy();
    if (out.path("rules").isArray()) {
      ObjectNode rules = NODES.objectNode();
      for (JsonNode rule : out.path("rules")) {
        rules.set(rule.path("rulePriority").asText(), rule);
      }
      out.set("rules", rules);
    }
    return out;
  }

  /** How many images fgd's one-rule policy keeps, when the policy is fgd's shape. */
  public static Optional<Integer> keeps(String policyText) {
    JsonNode p = policy(policyText);
    JsonNode rules = p.path("rules");
    if (!rules.isObject() || rules.size() != 1) {
      return Optional.empty();
    }
    JsonNode rule = rules.elements().next();
    JsonNode selection = rule.path("selection");
    if ("any".equals(selection.path("tagStatus").asText())
        && "imageCountMoreThan".equals(selection.path("countType").asText())
        && selection.path("countNumber").canConvertToInt()
        && "expire".equals(rule.path("action").path("type").asText())) {
      return Optional.of(selection.path("countNumber").asInt());
    }
    return Optional.empty();
  }
}
