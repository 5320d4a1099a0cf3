package io.fgd.cli;

import io.fgd.runtime.deploy.ReplayServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The harness of the cli's replay tests: the demo app's spec, dummy credentials, {@code fgd COMMAND
 * demo.fgd --endpoint-url SERVER ...} against a {@link ReplayServer}, and the answers (shaped like
 * the ECS and CloudWatch Logs API references') of a service api that does not exist yet.
 */
final class ReplayCli {
  static final String TASK =
      "arn:aws:ecs:us-west-1:123456789012:task/demo/0123456789abcdef0123456789abcdef";

  /** App demo with one service, api. */
  static final String SPEC =
      """
      app demo {
        region us-west-1
        account 123456789012
        cluster demo
        execution_role "arn:aws:iam::123456789012:role/ecsTaskExecutionRole"
        network {
          subnets subnet-0a1b2c3d
          security_groups sg-0a1b2c3d
        }
      }
      service api {
        image "123456789012.dkr.ecr.us-west-1.amazonaws.com/repo:new"
        port 80
        replicas 2
      }
      """;

  private ReplayCli() {}

  /** Dummy credentials, through the standard chain's system properties. */
  static void credentials() {
    System.setProperty("aws.accessKeyId", "test");
    System.setProperty("aws.secretAccessKey", "test");
  }

  /** {@code fgd COMMAND <tmp>/demo.fgd --endpoint-url SERVER EXTRA...}, the spec written first. */
  static MainTest.Run fgd(
      Path tmp, String text, ReplayServer server, String command, String... extra)
      throws IOException {
    Path spec = Files.writeString(tmp.resolve("demo.fgd"), text);
    String[] args = new String[extra.length + 4];
    args[0] = command;
    args[1] = spec.toString();
    args[2] = "--endpoint-url";
    args[3] = server.endpoint().toString();
    System.arraycopy(extra, 0, args, 4, extra.length);
    return MainTest.run(args);
  }

  /** DescribeServices (with this key) answers that service api is missing. */
  static void missingService(ReplayServer server, String key) {
    server.script(
        "DescribeServices",
        key,
        "{\"services\": [], \"failures\": [{\"arn\":"
            + " \"arn:aws:ecs:us-west-1:123456789012:service/demo/api\", \"reason\": \"MISSING\"}]}");
  }

  /** RegisterTaskDefinition answers this ARN, of this family and revision 42. */
  static void registers(ReplayServer server, String taskDefinition, String family) {
    server.script(
        "RegisterTaskDefinition",
        null,
        "{\"taskDefinition\": {\"taskDefinitionArn\": \""
            + taskDefinition
            + "\", \"family\": \""
            + family
            + "\", \"revision\": 42}}");
  }

  /** RunTask answers {@link #TASK}, provisioning. */
  static void runsTask(ReplayServer server) {
    server.script(
        "RunTask",
        null,
        "{\"tasks\": [{\"taskArn\": \""
            + TASK
            + "\", \"lastStatus\": \"PROVISIONING\", \"desiredStatus\": \"RUNNING\"}],"
            + " \"failures\": []}");
  }

  /**
   * The reads of a plan where the cluster and the log group exist, service api does not (its
   * DescribeServices, with this key, answers it missing), nor any autoscaling; and the
   * ListTaskDefinitions (none to reuse) and CreateService of its apply.
   */
  static void newService(ReplayServer server, String describeServicesKey) {
    server.script(
        "DescribeClusters",
        null,
        "{\"clusters\": [{\"clusterName\": \"demo\", \"status\": \"ACTIVE\"}], \"failures\": []}");
    missingService(server, describeServicesKey);
    server.script("ListServices", null, "{\"serviceArns\": []}");
    server.script(
        "DescribeLogGroups", null, "{\"logGroups\": [{\"logGroupName\": \"/ecs/demo/api\"}]}");
    server.script("DescribeScalableTargets", null, "{\"scalableTargets\": []}");
    server.script("ListTaskDefinitions", null, "{\"taskDefinitionArns\": []}");
    server.script(
        "CreateService",
        null,
        "{\"service\": {\"serviceName\": \"api\", \"serviceArn\":"
            + " \"arn:aws:ecs:us-west-1:123456789012:service/demo/api\", \"status\": \"ACTIVE\"}}");
  }
}
