package io.fgd.runtime.plan;

import io.fgd.runtime.state.ObservedLogGroup;
import io.fgd.runtime.state.ObservedScaling;
import io.fgd.runtime.state.ObservedService;
import io.fgd.runtime.state.ObservedState;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A short identity for each observed object a plan depends on, so apply can tell whether the
 * account moved since the plan was made: services by ARN, task definition ARN and PRIMARY
 * deployment id (which changes with every rollout), autoscaling by a hash of its canonical form,
 * plus which log groups (with their retention), cluster and removed services existed.
 */
public final class Fingerprints {
  private Fingerprints() {}

  public static Map<String, String> of(ObservedState observed) {
    Map<String, String> out = new TreeMap<>();
    out.put("cluster", observed.clusterExists() ? "ACTIVE" : "absent");
    observed.services().forEach((name, s) -> out.put("service/" + name, service(s)));
    observed.orphans().forEach((name, s) -> out.put("orphan/" + name, service(s)));
    observed.scaling().forEach((name, s) -> out.put("scaling/" + name, scaling(s)));
    observed.logGroups().forEach((name, g) -> out.put("logGroup/" + name, logGroup(g)));
    return out;
  }

  /** What differs between two fingerprint sets, one line per object, for an error message. */
  public static List<String> differences(Map<String, String> planned, Map<String, String> now) {
    List<String> out = new ArrayList<>();
    TreeSet<String> keys = new TreeSet<>(planned.keySet());
    keys.addAll(now.keySet());
    for (String k : keys) {
      String before = planned.get(k);
      String after = now.get(k);
      if (before == null) {
        out.add(k + " appeared");
      } else if (after == null) {
        out.add(k + " disappeared");
      } else if (!before.equals(after)) {
        out.add(k + " changed");
      }
    }
    return out;
  }

  private static String service(ObservedService s) {
    return s.arn()
        + " "
        + s.status()
        + " "
        + s.taskDefinitionArn()
        + " "
        + s.primaryDeploymentId().orElse("-");
  }

  private static String logGroup(ObservedLogGroup g) {
    return g.retentionInDays().isPresent()
        ? "exists, retention " + g.retentionInDays().getAsInt() + " days"
        : "exists";
  }

  private static String scaling(ObservedScaling s) {
    StringBuilder canonical =
        new StringBuilder(DesiredState.toJson(Canonical.scalableTarget(s.target())));
    new TreeMap<>(s.policies())
        .forEach(
            (name, p) ->
                canonical
                    .append('\n')
                    .append(name)
                    .append('=')
                    .append(DesiredState.toJson(Canonical.policy(p))));
    return sha256(canonical.toString().getBytes(StandardCharsets.UTF_8));
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
