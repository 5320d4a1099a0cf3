package io.fgd.compiler.emit.ecs;

import io.fgd.compiler.aws.Regions;
import java.util.Optional;

/**
 * The names fgd derives for AWS resources. The compiler writes them into the JSON and the
 * plan/apply runtime must find the same resources again, so both take them from here and nowhere
 * else.
 */
public final class EcsNames {
  private EcsNames() {}

  /** The tag fgd puts on everything it creates; its value is the app's name. */
  public static final String OWNERSHIP_TAG_KEY = "fgd:app";

  /** ECS's own name for the cluster used when a request names none. */
  public static final String DEFAULT_CLUSTER = "default";

  /** The Application Auto Scaling namespace and dimension of an ECS service's task count. */
  public static final String SCALING_NAMESPACE = "ecs";

  public static final String SCALABLE_DIMENSION = "ecs:service:DesiredCount";

  /** The task definition family of a service: {@code <app>-<service>}. */
  public static String family(String app, String service) {
    return app + "-" + service;
  }

  /** The CloudWatch Logs group a service logs to unless its {@code logs} block names one. */
  public static String defaultLogGroup(String app, String service) {
    return "/ecs/" + app + "/" + service;
  }

  /** The cluster a service runs in: the app's {@code cluster}, else ECS's default cluster. */
  public static String cluster(Optional<String> cluster) {
    return cluster.orElse(DEFAULT_CLUSTER);
  }

  /** The Application Auto Scaling resource id of an ECS service. */
  public static String scalableResourceId(String cluster, String service) {
    return "service/" + cluster + "/" + service;
  }

  /** The target-tracking policy for one metric ({@code cpu} or {@code memory}) of a service. */
  public static String scalingPolicyName(String app, String service, String metric) {
    return app + "-" + service + "-" + metric;
  }

  /**
   * The predefined Application Auto Scaling metric behind an fgd metric name, if there is one:
   * {@code cpu} and {@code memory} are the service's average utilisation across its tasks.
   */
  public static Optional<String> predefinedMetric(String metric) {
    return switch (metric) {
      case "cpu" -> Optional.of("ECSServiceAverageCPUUtilization");
      case "memory" -> Optional.of("ECSServiceAverageMemoryUtilization");
      default -> Optional.empty();
    };
  }

  /**
   * The ARN partition of a region: China, GovCloud and the isolated regions have their own. Known
   * regions take it from {@link Regions}; an unknown one (which the checker reports) by its prefix.
   */
  public static String partition(String region) {
    Optional<String> known = Regions.partition(region);
    if (known.isPresent()) {
      return known.get();
    }
    if (region.startsWith("cn-")) {
      return "aws-cn";
    }
    if (region.startsWith("us-gov-")) {
      return "aws-us-gov";
    }
    return "aws";
  }

  /**
   * The ARN of an SSM parameter given by name. A name with a path ({@code /prod/db/password}) keeps
   * its leading slash in the name but not in the ARN: {@code ...:parameter/prod/db/password}.
   */
  public static String ssmParameterArn(String region, String account, String name) {
    String path = name.startsWith("/") ? name.substring(1) : name;
    return "arn:" + partition(region) + ":ssm:" + region + ":" + account + ":parameter/" + path;
  }

  /**
   * What a container's {@code secrets[].valueFrom} says for a Secrets Manager secret: the ARN alone
   * for the whole current value, else {@code <arn>:<json-key>:<version-stage>:<version-id>} with
   * the parts not given left empty (an empty key is the whole value, an empty stage and id the
   * current version).
   */
  public static String secretsManagerValueFrom(
      String secretArn,
      Optional<String> jsonKey,
      Optional<String> versionStage,
      Optional<String> versionId) {
    if (jsonKey.isEmpty() && versionStage.isEmpty() && versionId.isEmpty()) {
      return secretArn;
    }
    return secretArn
        + ":"
        + jsonKey.orElse("")
        + ":"
        + versionStage.orElse("")
        + ":"
        + versionId.orElse("");
  }
}
