package io.fgd.runtime.kinds.ecrrepository;

import com.fasterxml.jackson.databind.JsonNode;
import io.fgd.runtime.FgdRuntimeException;
import io.fgd.runtime.importer.ImportRun;
import io.fgd.runtime.importer.SpecText.Block;
import io.fgd.runtime.state.LiveState;
import io.fgd.runtime.state.ObservedService;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code fgd import} of the ECR repositories the imported services' images come from, when they are
 * named as fgd names its own ({@code APP/SERVICE} in the app's account and region): their lifecycle
 * policy becomes the app's {@code images { keep N }}. What fgd's repositories cannot be (a policy
 * of other rules, mutable tags, no scan on push, KMS encryption) is a warning. The imported
 * services run an {@code image}, so fgd manages no repository until one gets a {@code build}: the
 * plan after import has no repository change either way.
 */
public final class EcrRepositoryImport {
  private static final Pattern ECR_IMAGE =
      Pattern.compile(
          "(\\d{12})\\.dkr\\.ecr\\.([a-z0-9-]+)\\.amazonaws\\.com(?:\\.cn)?/([^:@]+).*");

  private EcrRepositoryImport() {}

  public static void images(
      ImportRun run, LiveState live, Block app, List<ObservedService> services)
      throws FgdRuntimeException {
    EcrRepositoryReads.Api api = EcrRepositoryReads.api(live);
    Map<Integer, String> keeps = new TreeMap<>();
    for (ObservedService s : services) {
      JsonNode td = run.taskDefinition(s);
      if (td == null) {
        continue;
      }
      String image = "";
      for (JsonNode c : td.path("containerDefinitions")) {
        if (c.path("name").asText().equals(s.name()) || image.isEmpty()) {
          image = c.path("image").asText("");
        }
      }
      Matcher m = ECR_IMAGE.matcher(image);
      String repository = run.app() + "/" + s.name();
      if (!m.matches()
          || !m.group(1).equals(run.account())
          || !m.group(2).equals(run.region())
          || !m.group(3).equals(repository)) {
        continue;
      }
      Optional<ObservedRepository> found =
          api.describe(run.account(), List.of(repository))
              .flatMap(r -> Optional.ofNullable(r.get(repository)));
      if (found.isEmpty()) {
        continue;
      }
      ObservedRepository r = found.get();
      Optional<String> policy = api.lifecyclePolicy(run.account(), repository);
      Optional<Integer> keep = policy.flatMap(EcrRepositoryForm::keeps);
      if (keep.isPresent()) {
        keeps.putIfAbsent(keep.get(), repository);
      } else {
        run.warn(
            app,
            "app",
            "the lifecycle policy of ECR repository "
                + repository
                + (policy.isEmpty() ? " (it has none)" : "")
                + " was not imported: fgd's repositories keep the newest N images with one rule"
                + " (images { keep N }); once service \""
                + s.name()
                + "\" is built from source (build), fgd puts that policy in its place.");
      }
      if (!r.imageTagMutability().equals("IMMUTABLE") || !r.scanOnPush()) {
        run.warn(
            app,
            "app",
            "ECR repository "
                + repository
                + " has "
                + (r.imageTagMutability().equals("IMMUTABLE") ? "" : "mutable tags")
                + (!r.imageTagMutability().equals("IMMUTABLE") && !r.scanOnPush() ? " and " : "")
                + (r.scanOnPush() ? "" : "no scan on push")
                + ": fgd's repositories have immutable tags and scan on push, which it sets once"
                + " service \""
                + s.name()
                + "\" is built from source.");
      }
      if (!r.encryptionType().equals("AES256")) {
        run.warn(
            app,
            "app",
            "ECR repository "
                + repository
                + " is encrypted with "
                + r.encryptionType()
                + ", which the language cannot say (fgd's repositories use AES256, and ECR cannot"
                + " change encryption): building service \""
                + s.name()
                + "\" from source with fgd would plan a replacement that apply refuses.");
      }
    }
    if (keeps.size() > 1) {
      run.warn(
          app,
          "app",
          "the ECR repositories keep different numbers of images ("
              + String.join(", ", keeps.keySet().stream().map(String::valueOf).toList())
              + "); fgd keeps one number for all: images { keep "
              + keeps.keySet().iterator().next()
              + " } was imported.");
    }
    if (!keeps.isEmpty()) {
      int keep = keeps.keySet().iterator().next();
      if (keep != io.fgd.compiler.ir.ImageSettings.DEFAULT_KEEP) {
        app.add(new Block("images", Integer.MAX_VALUE).add("keep", String.valueOf(keep)));
      }
    }
  }
}
