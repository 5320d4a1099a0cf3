package io.fgd.compiler.check;

import com.fasterxml.jackson.databind.JsonNode;
import io.fgd.compiler.emit.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The limits of the AWS requests fgd writes, read from their JSON Schemas ({@code specs/schemas/},
 * on the classpath under {@code io/fgd/schemas/}), so that the checker reports, at the statement
 * that causes it, every value the schema check of the output would refuse, and the two cannot drift
 * apart.
 */
final class SchemaLimits {
  private SchemaLimits() {}

  private static final String TASK_DEFINITION = "register-task-definition.schema.json";
  private static final String SERVICE = "create-service.schema.json";
  private static final String SCALING = "scaling.schema.json";
  private static final String LOGS = "logs.schema.json";
  private static final String ROUTES = "routes.schema.json";

  /**
   * Each schema read once, though several limits come from the same one (four from the task
   * definition's): reading them is on every compile's path. Declared before the limits, which use
   * it as they are initialised; concurrent, as {@link RouteTags} may read after.
   */
  private static final Map<String, JsonNode> READ = new ConcurrentHashMap<>();

  /** A task definition family: {@code APP-SERVICE}. */
  static final int FAMILY = maxLength(TASK_DEFINITION, "/properties/family");

  /** A container name: the service's, or a sidecar's. */
  static final int CONTAINER_NAME =
      maxLength(TASK_DEFINITION, "/$defs/ContainerDefinition/properties/name");

  /** An ECS service name. */
  static final int SERVICE_NAME = maxLength(SERVICE, "/properties/serviceName");

  /** The least memory ECS lets a container reserve, in MiB. */
  static final int CONTAINER_MEMORY_MIN =
      minimum(TASK_DEFINITION, "/$defs/ContainerDefinition/properties/memory");

  /** A CloudWatch Logs group name: a {@code logs} block's, or {@code /ecs/APP/SERVICE}. */
  static final int LOG_GROUP = maxLength(LOGS, "/$defs/LogGroupName");

  /** A scaling policy name: {@code APP-SERVICE-METRIC}. */
  static final int POLICY_NAME =
      maxLength(SCALING, "/$defs/PutScalingPolicy/properties/PolicyName");

  /** A tag value; the app's name is the value of fgd's ownership tag. */
  static final int TAG_VALUE = maxLength(TASK_DEFINITION, "/$defs/Tags/items/properties/value");

  /** The load balancer health check grace of a service, in seconds. */
  static final long GRACE_MAX = maximum(SERVICE, "/properties/healthCheckGracePeriodSeconds");

  /**
   * An ELBv2 tag value: the {@code fgd:route} tag of a listener rule. Read on first use, by the
   * specs with a test rule only.
   */
  static int routeTagValue() {
    return RouteTags.VALUE;
  }

  private static final class RouteTags {
    static final int VALUE = maxLength(ROUTES, "/$defs/Tags/items/properties/Value");
  }

  private static int maxLength(String schema, String pointer) {
    return Math.toIntExact(number(schema, pointer + "/maxLength"));
  }

  private static int minimum(String schema, String pointer) {
    return Math.toIntExact(number(schema, pointer + "/minimum"));
  }

  private static long maximum(String schema, String pointer) {
    return number(schema, pointer + "/maximum");
  }

  private static long number(String schema, String pointer) {
    JsonNode value = read(schema).at(pointer);
    if (!value.canConvertToLong()) {
      throw new IllegalStateException(schema + " has no number at " + pointer);
    }
    return value.asLong();
  }

  private static JsonNode read(String schema) {
    return READ.computeIfAbsent(schema, SchemaLimits::parse);
  }

  private static JsonNode parse(String schema) {
    String path = "/io/fgd/schemas/" + schema;
    try (InputStream in = SchemaLimits.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException(path + " is missing from the build");
      }
      return Json.mapper().readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
