package io.fgd.runtime.kinds.ecrrepository;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fgd.runtime.FgdRuntimeException;
import io.fgd.runtime.engine.Action;
import io.fgd.runtime.engine.DesiredService;
import io.fgd.runtime.engine.DesiredState;
import io.fgd.runtime.engine.DiffStep;
import io.fgd.runtime.engine.FieldChange;
import io.fgd.runtime.engine.Fingerprints;
import io.fgd.runtime.engine.Kind;
import io.fgd.runtime.engine.KindRead;
import io.fgd.runtime.engine.ResourceChange;
import io.fgd.runtime.engine.ServiceStep;
import io.fgd.runtime.engine.Trees;
import io.fgd.runtime.state.ObservedState;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The ECR repository fgd owns for each service built from source into an ECR registry ({@code
 * ecr.json}): created with tag immutability, scan on push, encryption, the app's tags and a
 * lifecycle policy that keeps the newest N images; its settings kept as the spec says; deleted with
 * {@code --prune} when its service left the spec, but only while it holds no image.
 *
 * <p>ECR cannot change a repository's encryption after it is created. A spec that asks for other
 * encryption plans a replacement, and apply refuses it before changing anything: replacing the
 * repository would delete every image in it, which fgd never does.
 */
public final class EcrRepositoryKind implements Kind {
  public static final EcrRepositoryKind INSTANCE = new EcrRepositoryKind();

  private EcrRepositoryKind() {}

  @Override
  public String label() {
    return "ecr repository";
  }

  @Override
  public String id() {
    return "ecr_repository";
  }

  @Override
  public List<String> dependsOn() {
    return List.of();
  }

  @Override
  public List<KindRead> reads() {
    return EcrRepositoryReads.READS;
  }

  @Override
  public List<ResourceChange> diff(DesiredService want, ObservedState observed, DiffStep step) {
    if (want.repository().isEmpty()) {
      return List.of();
    }
    JsonNode ecrJson = want.repository().get();
    String name = name(ecrJson);
    ObjectNode wanted = EcrRepositoryForm.wanted(ecrJson);
    Optional<String> owner = Optional.of(want.name());
    ObservedRepository live = EcrRepositoryReads.repositories(observed).get(name);
    if (live == null) {
      return List.of(
          new ResourceChange(
              this, name, owner, Action.CREATE, Trees.leaves(wanted), Optional.empty()));
    }
    ObservedRepository.Details details =
        EcrRepositoryReads.details(observed)
            .getOrDefault(name, new ObservedRepository.Details(Optional.empty(), Map.of()));
    List<FieldChange> fields = Trees.compare(EcrRepositoryForm.live(live, details), wanted);
    if (fields.isEmpty()) {
      return List.of();
    }
    boolean replace = fields.stream().anyMatch(f -> f.path().startsWith(".encryption."));
    return List.of(
        new ResourceChange(
            this,
            name,
            owner,
            replace ? Action.REPLACE : Action.UPDATE,
            fields,
            replace
                ? Optional.of("ECR cannot change a repository's encryption after it is created")
                : Optional.empty()));
  }

  @Override
  public List<ResourceChange> diffRemoved(String cluster, String service, ObservedState observed) {
    ObservedRepository.Orphan orphan = EcrRepositoryReads.orphans(observed).get(service);
    if (orphan == null) {
      return List.of();
    }
    return List.of(
        new ResourceChange(
            this,
            orphan.name(),
            Optional.of(service),
            Action.DESTROY,
            List.of(),
            Optional.of(
                orphan.hasImages()
                    ? "not in the spec any more; it still holds images, so apply --prune will"
                        + " refuse to delete it until they are deleted"
                    : "not in the spec any more, and empty")));
  }

  @Override
  public List<String> refusals(
      DesiredState desired, ObservedState observed, List<ResourceChange> all) {
    List<String> out = new ArrayList<>();
    for (ResourceChange c : all) {
      if (c.type() == this && c.action() == Action.REPLACE) {
        out.add(
            "ECR repository "
                + c.name()
                + " would have to be replaced (its encryption changed), and ECR cannot change"
                + " encryption after a repository is created. fgd does not delete a repository"
                + " (and every image in it) to recreate it: move the images and delete the"
                + " repository yourself (aws ecr delete-repository --force), or keep its"
                + " encryption in the spec.");
      }
    }
    return out;
  }

  /**
   * For each repository the plan compared: a hash of its normal form (every field the plan
   * compares); for each of a removed service, whether it holds images.
   */
  @Override
  public void fingerprint(ObservedState observed, Map<String, String> out) {
    Map<String, ObservedRepository.Details> details = EcrRepositoryReads.details(observed);
    EcrRepositoryReads.repositories(observed)
        .forEach(
            (name, r) ->
                out.put(
                    "ecrRepository/" + name,
                    Fingerprints.sha256(
                        DesiredState.toJson(
                                EcrRepositoryForm.live(
                                    r,
                                    details.getOrDefault(
                                        name,
                                        new ObservedRepository.Details(
                                            Optional.empty(), Map.of()))))
                            .getBytes(StandardCharsets.UTF_8))));
    EcrRepositoryReads.orphans(observed)
        .forEach(
            (service, o) ->
                out.put(
                    "ecrRepository/" + o.name(),
                    o.hasImages() ? "left the spec, holds images" : "left the spec, empty"));
  }

  @Override
  public void apply(List<ResourceChange> changes, ServiceStep step) throws FgdRuntimeException {
    EcrRepositoryCalls calls = EcrRepositoryCalls.of(step.run());
    for (ResourceChange c : changes) {
      switch (c.action()) {
        case CREATE -> {
          JsonNode ecrJson = step.want().repository().orElseThrow();
          boolean created = calls.create(ecrJson);
          step.changed(this, c.name(), created ? "created" : "updated", "");
        }
        case UPDATE -> update(c, step, calls);
        case DESTROY -> {
          ObservedRepository.Orphan o =
              EcrRepositoryReads.orphans(step.run().observed()).get(step.service());
          if (o.hasImages()) {
            throw new FgdRuntimeException(EcrRepositoryCalls.stillHoldsImages(o.name()));
          }
          calls.delete(o.registryId(), o.name());
          step.changed(this, c.name(), "deleted", "");
        }
        case REPLACE -> throw new IllegalStateException("refused before apply: " + c.name());
      }
    }
  }

  /** One call per kind of setting that differs. */
  private void update(ResourceChange c, ServiceStep step, EcrRepositoryCalls calls)
      throws FgdRuntimeException {
    JsonNode ecrJson = step.want().repository().orElseThrow();
    ObservedRepository live = EcrRepositoryReads.repositories(step.run().observed()).get(c.name());
    List<String> done = new ArrayList<>();
    if (changed(c, ".imageTagMutability")) {
      calls.mutability(ecrJson);
      done.add("tag mutability");
    }
    if (changed(c, ".scanOnPush")) {
      calls.scanning(ecrJson);
      done.add("scan on push");
    }
    if (changed(c, ".lifecyclePolicy")) {
      calls.lifecyclePolicy(ecrJson);
      done.add("lifecycle policy");
    }
    if (changed(c, ".tags")) {
      Map<String, String> put = new TreeMap<>();
      List<String> remove = new ArrayList<>();
      Map<String, String> wanted = EcrRepositoryCalls.tags(ecrJson);
      for (FieldChange f : c.fields()) {
        if (!f.path().startsWith(".tags[")) {
          continue;
        }
        String key = unquote(f.path().substring(".tags[".length(), f.path().length() - 1));
        if (f.after().isPresent()) {
          put.put(key, wanted.get(key));
        } else {
          remove.add(key);
        }
      }
      calls.tag(live.arn(), c.name(), put);
      calls.untag(live.arn(), c.name(), remove);
      done.add("tags");
    }
    step.changed(this, c.name(), "updated", String.join(", ", done));
  }

  private static boolean changed(ResourceChange c, String prefix) {
    return c.fields().stream()
        .anyMatch(
            f ->
                f.path().equals(prefix)
                    || f.path().startsWith(prefix + ".")
                    || f.path().startsWith(prefix + "["));
  }

  private static String unquote(String quoted) {
    String s = quoted.substring(1, quoted.length() - 1);
    return s.replace("\\\"", "\"").replace("\\\\", "\\");
  }

  static String name(JsonNode ecrJson) {
    return ecrJson.path("repository").path("repositoryName").asText();
  }
}
