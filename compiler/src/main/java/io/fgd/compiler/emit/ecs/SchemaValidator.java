package io.fgd.compiler.emit.ecs;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.fgd.compiler.FgdBugException;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Checks every document fgd emits against the JSON Schema of the AWS request it is (from {@code
 * specs/schemas/}, on the classpath under {@code io/fgd/schemas/}). A spec the checker accepted
 * must always produce valid requests, so a failure here is a bug in fgd, never the user's.
 */
public final class SchemaValidator {
  private SchemaValidator() {}

  /** The emitted documents, each with its schema. */
  public enum Kind {
    TASK_DEFINITION("register-task-definition.schema.json"),
    SERVICE("create-service.schema.json"),
    SCALING("scaling.schema.json"),
    LOGS("logs.schema.json"),
    ECR_REPOSITORY("ecr-repository.schema.json"),
    SCHEDULE("create-schedule.schema.json"),
    BEFORE_DEPLOY("before-deploy.schema.json"),
    ROUTES("routes.schema.json"),
    ALARMS("alarms.schema.json");

    final String schemaFile;

    Kind(String schemaFile) {
      this.schemaFile = schemaFile;
    }
  }

  /**
   * Each schema is loaded on first use, once per JVM, so a spec that emits no schedule, routes or
   * alarms never loads theirs (the six a plain service does not emit cost 45-90 ms of CPU on a
   * loaded machine: bench/RESULTS.md, round 9). A JsonSchema is immutable and safe to share; two
   * threads asking for the same one wait for a single load, and threads asking for different ones
   * do not wait.
   */
  private static final Map<Kind, Slot> SLOTS = slots();

  private static Map<Kind, Slot> slots() {
    Map<Kind, Slot> slots = new EnumMap<>(Kind.class);
    for (Kind kind : Kind.values()) {
      slots.put(kind, new Slot(kind));
    }
    return slots;
  }

  /** One schema, loaded by the first thread that needs it. */
  private static final class Slot {
    private final Kind kind;
    private JsonSchema schema;

    Slot(Kind kind) {
      this.kind = kind;
    }

    synchronized JsonSchema get() {
      if (schema == null) {
        schema = loadSchema(kind);
      }
      return schema;
    }
  }

  /** The factory, made on first use (it loads networknt's classes). */
  private static final class Factory {
    static final JsonSchemaFactory INSTANCE =
        JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
  }

  private static JsonSchema schema(Kind kind) {
    return SLOTS.get(kind).get();
  }

  private static JsonSchema loadSchema(Kind kind) {
    String location = "classpath:io/fgd/schemas/" + kind.schemaFile;
    try {
      JsonSchema schema = Factory.INSTANCE.getSchema(SchemaLocation.of(location));
      schema.initializeValidators(); // fail here, not halfway through a validation
      return schema;
    } catch (RuntimeException e) {
      throw new FgdBugException(
          "This is a bug in fgd: its schema " + location + " cannot be loaded: " + e.getMessage(),
          e);
    }
  }

  /** Loads these schemas now, if nothing has yet; a compile loads each at its first validation. */
  public static void load(Kind... kinds) {
    for (Kind kind : kinds) {
      schema(kind);
    }
  }

  /** The schema violations of {@code document}, as readable lines; empty when it is valid. */
  public static List<String> errors(Kind kind, JsonNode document) {
    return schema(kind).validate(document).stream()
        .map(ValidationMessage::getMessage)
        .sorted()
        .toList();
  }

  /** Throws {@link FgdBugException} naming the file and every violation unless it is valid. */
  public static void requireValid(String path, Kind kind, JsonNode document) {
    List<String> errors = errors(kind, document);
    if (!errors.isEmpty()) {
      throw new FgdBugException(
          "This is a bug in fgd, please report it: the generated "
              + path
              + " does not match the AWS request schema "
              + kind.schemaFile
              + ":\n"
              + errors.stream().map(e -> "  - " + e).collect(Collectors.joining("\n")));
    }
  }
}
