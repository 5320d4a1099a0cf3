package io.fgd.runtime.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.protocol.MarshallingType;
import software.amazon.awssdk.core.traits.ListTrait;
import software.amazon.awssdk.core.traits.MapTrait;
import software.amazon.awssdk.utils.builder.SdkBuilder;

/**
 * Converts between AWS SDK v2 model objects and JSON in the service's own wire shape (the {@code
 * locationName} of every member: camelCase for ECS, PascalCase for Application Auto Scaling), which
 * is also the shape of the AWS CLI's {@code --cli-input-json} and of fgd's emitted artifacts.
 * Driven by the SDK's field metadata, so it covers every member of every model without a
 * hand-written mapping that could fall behind.
 */
public final class SdkJson {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private SdkJson() {}

  /** Every member that is set, by wire name; unset members are absent, never null. */
  public static ObjectNode toJson(SdkPojo pojo) {
    ObjectNode out = NODES.objectNode();
    for (SdkField<?> field : pojo.sdkFields()) {
      Object value = field.getValueOrDefault(pojo);
      JsonNode node = valueToJson(field, value);
      if (node != null) {
        out.set(field.locationName(), node);
      }
    }
    return out;
  }

  private static JsonNode valueToJson(SdkField<?> field, Object value) {
    if (value == null) {
      return null;
    }
    MarshallingType<?> type = field.marshallingType();
    if (type == MarshallingType.SDK_POJO) {
      return toJson((SdkPojo) value);
    }
    if (type == MarshallingType.LIST) {
      // The SDK returns an unmodifiable "auto-construct" empty list for members the service did
      // not send; both mean "nothing", so both become absent.
      List<?> list = (List<?>) value;
      if (list.isEmpty()) {
        return null;
      }
      SdkField<?> member = field.getRequiredTrait(ListTrait.class).memberFieldInfo();
      ArrayNode array = NODES.arrayNode();
      for (Object item : list) {
        JsonNode node = valueToJson(member, item);
        array.add(node == null ? NODES.nullNode() : node);
      }
      return array;
    }
    if (type == MarshallingType.MAP) {
      Map<?, ?> map = (Map<?, ?>) value;
      if (map.isEmpty()) {
        return null;
      }
      SdkField<?> member = field.getRequiredTrait(MapTrait.class).valueFieldInfo();
      ObjectNode object = NODES.objectNode();
      map.forEach(
          (k, v) -> {
            JsonNode node = valueToJson(member, v);
            object.set(String.valueOf(k), node == null ? NODES.nullNode() : node);
          });
      return object;
    }
    if (value instanceof String s) {
      return NODES.textNode(s);
    }
    if (value instanceof Boolean b) {
      return NODES.booleanNode(b);
    }
    if (value instanceof Integer i) {
      return NODES.numberNode(i);
    }
    if (value instanceof Long l) {
      return NODES.numberNode(l);
    }
    if (value instanceof Double d) {
      return NODES.numberNode(BigDecimal.valueOf(d));
    }
    if (value instanceof Float f) {
      return NODES.numberNode(new BigDecimal(Float.toString(f)));
    }
    if (value instanceof BigDecimal d) {
      return NODES.numberNode(d);
    }
    if (value instanceof Instant instant) {
      return NODES.textNode(instant.toString());
    }
    if (value instanceof SdkBytes bytes) {
      return NODES.textNode(bytes.asUtf8String());
    }
    return NODES.textNode(value.toString());
  }

  /**
   * Fills a model builder (for example {@code RegisterTaskDefinitionRequest.builder()}) from JSON
   * in wire shape, and builds it.
   *
   * @throws IllegalArgumentException naming the JSON path of a member the model does not have or a
   *     value of the wrong type
   */
  @SuppressWarnings("unchecked")
  public static <T> T fromJson(JsonNode json, SdkBuilder<?, T> builder) {
    fill((SdkPojo) builder, json, "$");
    return builder.build();
  }

  private static void fill(SdkPojo builder, JsonNode json, String path) {
    if (!json.isObject()) {
      throw new IllegalArgumentException(path + ": expected an object");
    }
    Map<String, SdkField<?>> byWireName = new LinkedHashMap<>();
    for (SdkField<?> field : builder.sdkFields()) {
      byWireName.put(field.locationName(), field);
    }
    Iterator<Map.Entry<String, JsonNode>> members = json.fields();
    while (members.hasNext()) {
      Map.Entry<String, JsonNode> member = members.next();
      SdkField<?> field = byWireName.get(member.getKey());
      String memberPath = path + "." + member.getKey();
      if (field == null) {
        throw new IllegalArgumentException(memberPath + ": not a member of this AWS request");
      }
      if (!member.getValue().isNull()) {
        field.set(builder, jsonToValue(field, member.getValue(), memberPath));
      }
    }
  }

  private static Object jsonToValue(SdkField<?> field, JsonNode node, String path) {
    MarshallingType<?> type = field.marshallingType();
    if (type == MarshallingType.SDK_POJO) {
      Supplier<SdkPojo> constructor = field.constructor();
      SdkPojo nested = constructor.get();
      fill(nested, node, path);
      return ((SdkBuilder<?, ?>) nested).build();
    }
    if (type == MarshallingType.LIST) {
      if (!node.isArray()) {
        throw new IllegalArgumentException(path + ": expected an array");
      }
      SdkField<?> member = field.getRequiredTrait(ListTrait.class).memberFieldInfo();
      List<Object> list = new ArrayList<>();
      for (int i = 0; i < node.size(); i++) {
        list.add(jsonToValue(member, node.get(i), path + "[" + i + "]"));
      }
      return list;
    }
    if (type == MarshallingType.MAP) {
      if (!node.isObject()) {
        throw new IllegalArgumentException(path + ": expected an object");
      }
      SdkField<?> member = field.getRequiredTrait(MapTrait.class).valueFieldInfo();
      Map<String, Object> map = new LinkedHashMap<>();
      node.fields()
          .forEachRemaining(
              e -> map.put(e.getKey(), jsonToValue(member, e.getValue(), path + "." + e.getKey())));
      return map;
    }
    if (type == MarshallingType.STRING) {
      if (!node.isValueNode()) {
        throw new IllegalArgumentException(path + ": expected a string");
      }
      return node.asText();
    }
    if (type == MarshallingType.INTEGER) {
      return requireNumber(node, path).intValue();
    }
    if (type == MarshallingType.LONG) {
      return requireNumber(node, path).longValue();
    }
    if (type == MarshallingType.DOUBLE) {
      return requireNumber(node, path).doubleValue();
    }
    if (type == MarshallingType.FLOAT) {
      return requireNumber(node, path).floatValue();
    }
    if (type == MarshallingType.BIG_DECIMAL) {
      return requireNumber(node, path).decimalValue();
    }
    if (type == MarshallingType.BOOLEAN) {
      if (!node.isBoolean()) {
        throw new IllegalArgumentException(path + ": expected true or false");
      }
      return node.booleanValue();
    }
    if (type == MarshallingType.INSTANT) {
      return Instant.parse(node.asText());
    }
    throw new IllegalArgumentException(path + ": unsupported member type " + type);
  }

  private static JsonNode requireNumber(JsonNode node, String path) {
    if (node.isNumber()) {
      return node;
    }
    if (node.isTextual()) {
      try {
        return NODES.numberNode(new BigDecimal(node.asText()));
      } catch (NumberFormatException e) {
        // fall through to the error below
      }
    }
    throw new IllegalArgumentException(path + ": expected a number");
  }
}
