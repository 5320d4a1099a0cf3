package io.fgd.runtime.engine;

import io.fgd.runtime.state.ObservedState;
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
 * account moved since the plan was made: each kind gives its own (see {@link Kind#fingerprint}).
 */
public final class Fingerprints {
  private Fingerprints() {}

  public static Map<String, String> of(ObservedState observed) {
    Map<String, String> out = new TreeMap<>();
    for (Kind kind : Kinds.ALL) {
      kind.fingerprint(observed, out);
    }
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

  public static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
