package io.fgd.runtime.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The building blocks of the kinds' normal forms (each kind's {@code *Form}), so that a spec and
 * the account compare equal exactly when applying would change nothing. Both sides go through the
 * same function: "nothing" is one thing (absent, null, empty list, empty string), numbers are
 * numbers ("256", 256, "0.25 vCPU"), and lists whose order means nothing become maps keyed by
 * identity ({@link #KEYED}: containers by name, variables by name, ports by port/protocol, tags by
 * key). The defaults AWS fills in, and which attributes are managed, are each kind's.
 */
public final class Canonical {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** Attribute names whose values are maps keyed by identity; paths show keys as ["key"]. */
  public static final Set<String> KEYED =
      Set.of(
          "containers",
          "portMappings",
          "environment",
          "secrets",
          "tags",
          "loadBalancers",
          "policies",
          "options",
          "capacityProviderStrategy",
          "volumes",
          "mountPoints");

  private Canonical() {}

  // ---- helpers ----

  /** Whether a field carries a value: not absent, null, an empty string or an empty container. */
  public static boolean present(JsonNode n) {
    return n != null
        && !n.isNull()
        && !n.isMissingNode()
        && !(n.isTextual() && n.asText().isEmpty())
        && !(n.isContainerNode() && n.isEmpty());
  }

  public static String text(JsonNode n, String otherwise) {
    return present(n) ? n.asText() : otherwise;
  }

  public static void putText(ObjectNode out, String name, JsonNode n) {
    if (present(n)) {
      out.put(name, n.asText());
    }
  }

  public static void putNumber(ObjectNode out, String name, Integer n) {
    if (n != null) {
      out.put(name, n);
    }
  }

  public static void putSize(ObjectNode out, String name, JsonNode n) {
    if (n != null) {
      out.set(name, n);
    }
  }

  public static void putMap(ObjectNode out, String name, ObjectNode map) {
    if (!map.isEmpty()) {
      out.set(name, map);
    }
  }

  public static void putList(ObjectNode out, String name, JsonNode list) {
    if (present(list) && list.isArray()) {
      out.set(name, list.deepCopy());
    }
  }

  public static ArrayNode sortedTexts(JsonNode list) {
    List<String> values = new ArrayList<>();
    if (list != null) {
      list.forEach(v -> values.add(v.asText()));
    }
    values.sort(null);
    ArrayNode out = NODES.arrayNode();
    values.forEach(out::add);
    return out;
  }

  public static ObjectNode keyed(
      JsonNode list, Function<JsonNode, String> key, Function<JsonNode, ObjectNode> value) {
    TreeMap<String, ObjectNode> sorted = new TreeMap<>();
    if (list != null) {
      for (JsonNode item : list) {
        sorted.put(key.apply(item), value.apply(item));
      }
    }
    ObjectNode out = NODES.objectNode();
    sorted.forEach(out::set);
    return out;
  }

  public static ObjectNode nameValue(JsonNode list, String valueField) {
    TreeMap<String, String> sorted = new TreeMap<>();
    if (list != null) {
      for (JsonNode item : list) {
        sorted.put(item.path("name").asText(), item.path(valueField).asText());
      }
    }
    ObjectNode out = NODES.objectNode();
    sorted.forEach(out::put);
    return out;
  }

  public static ObjectNode tags(JsonNode list) {
    TreeMap<String, String> sorted = new TreeMap<>();
    if (list != null) {
      for (JsonNode t : list) {
        String key = t.path("key").asText();
        // aws: tags belong to AWS (CloudFormation, managed tags); nobody can set or remove them.
        if (!key.startsWith("aws:")) {
          sorted.put(key, t.path("value").asText());
        }
      }
    }
    ObjectNode out = NODES.objectNode();
    sorted.forEach(out::put);
    return out;
  }

  public static Map<String, String> toMap(JsonNode object) {
    Map<String, String> map = new TreeMap<>();
    if (object != null && object.isObject()) {
      object.fields().forEachRemaining(e -> map.put(e.getKey(), e.getValue().asText()));
    }
    return map;
  }

  public static JsonNode number(JsonNode n) {
    BigDecimal d = n.isNumber() ? n.decimalValue() : new BigDecimal(n.asText().trim());
    d = d.stripTrailingZeros();
    if (d.scale() < 0) {
      d = d.setScale(0);
    }
    return NODES.numberNode(d);
  }

  private static final Pattern WITH_UNIT =
      Pattern.compile("(?i)\\s*([0-9]+(?:\\.[0-9]+)?)\\s*(vcpu|gb|gib|mb|mib)?\\s*");

  /** CPU units: 256, "256", "0.25 vCPU" and "0.25vcpu" are all 256. */
  public static JsonNode cpuUnits(JsonNode n) {
    return withUnit(n, "vcpu", 1024);
  }

  /** MiB: 512, "512", "0.5 GB" are all 512. */
  public static JsonNode mebibytes(JsonNode n) {
    return withUnit(n, "gb", 1024);
  }

  /**
   * An int node, or the text as given when it is not a size fgd understands (so it still shows).
   */
  public static JsonNode withUnit(JsonNode n, String bigUnit, int factor) {
    if (!present(n)) {
      return null;
    }
    if (n.isNumber()) {
      return NODES.numberNode(n.intValue());
    }
    Matcher m = WITH_UNIT.matcher(n.asText());
    if (!m.matches()) {
      return NODES.textNode(n.asText());
    }
    BigDecimal value = new BigDecimal(m.group(1));
    String unit = m.group(2) == null ? "" : m.group(2).toLowerCase(Locale.ROOT);
    boolean big = unit.equals(bigUnit) || (bigUnit.equals("gb") && unit.equals("gib"));
    return NODES.numberNode(
        big ? value.multiply(BigDecimal.valueOf(factor)).intValue() : value.intValue());
  }
}
