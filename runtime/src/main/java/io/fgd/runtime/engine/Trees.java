package io.fgd.runtime.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Compares two normal forms (see {@link Canonical}) field by field: the one comparison every kind
 * uses. Pure.
 */
public final class Trees {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private Trees() {}

  /** Field-level differences between two canonical trees, in path order. */
  public static List<FieldChange> compare(JsonNode before, JsonNode after) {
    List<FieldChange> out = new ArrayList<>();
    compare("", null, before, after, out);
    return out;
  }

  private static void compare(
      String path, String parentField, JsonNode before, JsonNode after, List<FieldChange> out) {
    if (before.isObject() && after.isObject()) {
      TreeSet<String> keys = new TreeSet<>();
      before.fieldNames().forEachRemaining(keys::add);
      after.fieldNames().forEachRemaining(keys::add);
      boolean keyed = parentField != null && Canonical.KEYED.contains(parentField);
      for (String k : keys) {
        String childPath = keyed ? path + "[" + quote(k) + "]" : path + "." + k;
        JsonNode b = before.get(k);
        JsonNode a = after.get(k);
        String field = keyed ? null : k;
        if (b == null && a.isObject()) {
          compare(childPath, field, NODES.objectNode(), a, out);
        } else if (b == null) {
          out.add(FieldChange.added(childPath, a));
        } else if (a == null && b.isObject()) {
          compare(childPath, field, b, NODES.objectNode(), out);
        } else if (a == null) {
          out.add(FieldChange.removed(childPath, b));
        } else {
          compare(childPath, field, b, a, out);
        }
      }
      return;
    }
    if (!same(before, after)) {
      out.add(FieldChange.changed(path, before, after));
    }
  }

  private static boolean same(JsonNode a, JsonNode b) {
    if (a.isNumber() && b.isNumber()) {
      return a.decimalValue().compareTo(b.decimalValue()) == 0;
    }
    return a.equals(b);
  }

  /** Every leaf of a new resource, as additions. */
  public static List<FieldChange> leaves(JsonNode tree) {
    List<FieldChange> out = new ArrayList<>();
    compare("", null, NODES.objectNode(), tree, out);
    return out;
  }

  public static String quote(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
