package io.fgd.bench;

import java.util.List;

/**
 * A spec of {@code n} realistic services, as a team with many of them would write it: each has an
 * image, two ports (one behind a target group on every third service), environment variables,
 * secrets from Secrets Manager and SSM, a health check and CPU-and-memory autoscaling; every fifth
 * is built from source with a few build steps. Services differ in names, values and sizes, so no
 * two emitted documents are alike.
 */
public final class SpecGenerator {
  private SpecGenerator() {}

  /** {@code SpecGenerator N FILE}: writes the spec of N services to FILE. */
  public static void main(String[] args) throws java.io.IOException {
    java.nio.file.Files.writeString(
        java.nio.file.Path.of(args[1]), spec(Integer.parseInt(args[0])));
  }

  /** With the placeholder network of the example specs. */
  public static String spec(int n) {
    return spec(
        n,
        List.of("subnet-04a1b2c3d4e5f6a7b", "subnet-05b2c3d4e5f6a7b8c"),
        List.of("sg-07c3d4e5f6a7b8c9d"));
  }

  /** In the given network (the plan benchmark uses the ids its emulator made up). */
  public static String spec(int n, List<String> subnets, List<String> securityGroups) {
    StringBuilder s = new StringBuilder(2048 + n * 1024);
    s.append("# ").append(n).append(" generated services for fgd's benchmarks\n");
    s.append("app fleet {\n");
    s.append("  region         us-east-1\n");
    s.append("  account        123456789012\n");
    s.append("  cluster        fleet\n");
    s.append("  execution_role \"arn:aws:iam::123456789012:role/fleet-execution\"\n");
    s.append("  task_role      \"arn:aws:iam::123456789012:role/fleet-task\"\n");
    s.append("  network {\n");
    s.append("    subnets         ").append(String.join(", ", subnets)).append('\n');
    s.append("    security_groups ").append(String.join(", ", securityGroups)).append('\n');
    s.append("  }\n");
    s.append("  tags {\n    cost-center = \"platform\"\n  }\n");
    s.append("}\n");
    for (int i = 0; i < n; i++) {
      service(s, i);
    }
    return s.toString();
  }

  private static final int[][] SIZES = {{256, 512}, {512, 1024}, {1024, 2048}, {2048, 4096}};

  private static void service(StringBuilder s, int i) {
    String name = String.format("svc%04d", i);
    int[] size = SIZES[i % SIZES.length];
    s.append('\n').append("service ").append(name).append(" {\n");
    if (i % 5 == 4) {
      s.append("  build {\n");
      s.append("    from    \"golang:1.22\"\n");
      s.append("    workdir /src/").append(name).append('\n');
      s.append("    copy    go.mod go.sum ./\n");
      s.append("    run     \"go mod download\"\n");
      s.append("    copy    . .\n");
      s.append("    run     \"go build -o /bin/")
          .append(name)
          .append(" ./cmd/")
          .append(name)
          .append("\"\n");
      s.append("    cmd     [\"/bin/").append(name).append("\"]\n");
      s.append("  }\n");
    } else {
      s.append("  image  \"123456789012.dkr.ecr.us-east-1.amazonaws.com/fleet/")
          .append(name)
          .append(":v1.")
          .append(i % 97)
          .append(".0\"\n");
    }
    if (i % 3 == 0) {
      s.append("  port   8080 target_group \"arn:aws:elasticloadbalancing:us-east-1:123456789012:")
          .append("targetgroup/")
          .append(name)
          .append("/6d0ecf831eec9f09\"\n");
    } else {
      s.append("  port   8080\n");
    }
    s.append("  port   9090\n");
    s.append("  cpu    ").append(size[0]).append('\n');
    s.append("  memory ").append(size[1]).append('\n');
    s.append("  env    LISTEN_ADDR = \":8080\"\n");
    s.append("  env    METRICS_ADDR = \":9090\"\n");
    s.append("  env    SERVICE_NAME = \"").append(name).append("\"\n");
    s.append("  env    UPSTREAM_URL = \"http://svc")
        .append(String.format("%04d", (i + 1) % 10000))
        .append(".fleet.internal:8080\"\n");
    s.append(
            "  secret DATABASE_URL from \"arn:aws:secretsmanager:us-east-1:123456789012:secret:fleet/")
        .append(name)
        .append("/db-Q1w2E3\"\n");
    s.append("  secret API_TOKEN from ssm \"/fleet/").append(name).append("/api-token\"\n");
    s.append(
        "  health [\"/bin/healthcheck\", \"--port\", \"8080\"] every 10s timeout 3s retries 3 grace 15s\n");
    s.append("  scale  2..").append(10 + i % 20).append(" on cpu 60%, memory 75% cooldown 90s\n");
    s.append("  tags {\n    team = \"team-").append(i % 12).append("\"\n  }\n");
    s.append("}\n");
  }
}
