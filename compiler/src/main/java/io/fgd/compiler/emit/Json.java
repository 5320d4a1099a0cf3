package io.fgd.compiler.emit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fgd.compiler.FgdBugException;
import java.nio.charset.StandardCharsets;

/**
 * The one way fgd writes JSON, so the same spec always gives the same bytes.
 *
 * <p>Keys come out in the order the emitter put them in: emitters build {@link ObjectNode}s field
 * by field in the AWS service model's member order (the order {@code aws ecs
 * register-task-definition --generate-cli-skeleton} prints), never from maps or reflection, so the
 * output does not depend on hash order or on field order in Java classes. The text is UTF-8, two
 * spaces per level for objects and arrays alike (one array element per line), {@code "key": value},
 * {@code \n} line ends whatever the platform, and a final newline.
 */
public final class Json {
  private Json() {}

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private static final ObjectWriter WRITER = MAPPER.writer(prettyPrinter());

  private static DefaultPrettyPrinter prettyPrinter() {
    DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
    Separators separators =
        Separators.createDefaultInstance()
            .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
            .withObjectEmptySeparator("")
            .withArrayEmptySeparator("");
    return new DefaultPrettyPrinter(separators)
        .withObjectIndenter(indenter)
        .withArrayIndenter(indenter);
  }

  /** The shared mapper, for reading JSON (tests, the runtime); never reconfigure it. */
  public static ObjectMapper mapper() {
    return MAPPER;
  }

  public static ObjectNode object() {
    return JsonNodeFactory.instance.objectNode();
  }

  public static ArrayNode array() {
    return JsonNodeFactory.instance.arrayNode();
  }

  /** An array of strings, in the given order. */
  public static ArrayNode strings(Iterable<String> values) {
    ArrayNode array = array();
    values.forEach(array::add);
    return array;
  }

  /** The document as fgd writes it to disk, ending with a newline. */
  public static String write(JsonNode node) {
    try {
      return WRITER.writeValueAsString(node) + "\n";
    } catch (JsonProcessingException e) {
      // A tree of plain nodes always serialises; failing here is fgd's fault.
      throw new FgdBugException("This is a bug in fgd: could not write JSON: " + e.getMessage(), e);
    }
  }

  public static byte[] bytes(JsonNode node) {
    return write(node).getBytes(StandardCharsets.UTF_8);
  }
}
