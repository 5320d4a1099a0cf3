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

  /** Loaded on first use, once per JVM; a JsonSchema is immutable and safe to share. */
  private static final class Schemas {
    static final Map<Kind, JsonSchema> BY_KIND = load();

    private static Map<Kind, JsonSchema> load() {
      JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
      Map<Kind, JsonSchema> schemas = new EnumMap<>(Kind.class);
      for (Kind kind : Kind.values()) {
        String location = "classpath:io/fgd/schemas/" + kind.schemaFile;
        try {
          JsonSchema schema = factory.getSchema(SchemaLocation.of(location));
          schema.initializeValidators(); // fail here, not halfway through a compile
          schemas.put(kind, schema);
        } catch (RuntimeException e) {
          throw new FgdBugException(
              "This is a bug in fgd: its schema "
                  + location
                  + " cannot be loaded: "
                  + e.getMessage(),
              e);
        }
      }
      return schemas;
    }
  }

  /** Loads the schemas now, if nothing has yet; a compile does it at its first validation. */
  public static void load() {
    Schemas.BY_KIND.size();
  }

  /** The schema violations of {@code document}, as readable lines; empty when it is valid. */
  public static List<String> errors(Kind kind, JsonNode document) {
    return Schemas.BY_KIND.get(kind).validate(document).stream()
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
