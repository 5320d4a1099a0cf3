package io.fgd.runtime.importer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fgd.compiler.CompileOptions;
import io.fgd.compiler.Compiler;
import io.fgd.compiler.diag.Diagnostic;
import io.fgd.compiler.diag.DiagnosticRenderer;
import io.fgd.compiler.source.SourceFile;
import io.fgd.runtime.FgdRuntimeException;
import io.fgd.runtime.aws.AwsClients;
import io.fgd.runtime.aws.AwsSettings;
import io.fgd.runtime.aws.SdkJson;
import io.fgd.runtime.engine.DesiredState;
import io.fgd.runtime.engine.Plan;
import io.fgd.runtime.engine.Planner;
import io.fgd.runtime.moto.MotoExtension;
import io.fgd.runtime.moto.MotoGaps;
import io.fgd.runtime.moto.MotoNetwork;
import io.fgd.runtime.moto.MotoServer;
import io.fgd.runtime.render.TextRenderer;
import io.fgd.runtime.state.AwsStateReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.applicationautoscaling.model.PutScalingPolicyRequest;
import software.amazon.awssdk.services.applicationautoscaling.model.RegisterScalableTargetRequest;
import software.amazon.awssdk.services.ecs.model.CreateServiceRequest;
import software.amazon.awssdk.services.ecs.model.RegisterTaskDefinitionRequest;

/**
 * Import round trips against moto: services seeded through the SDK in real shapes, imported,
 * compiled with the real compiler, and planned against the same account. The guarantee: the plan of
 * an imported spec shows no changes, and whatever the spec cannot say is a warning, in the file and
 * in the result.
 */
@ExtendWith(MotoExtension.class)
class ImporterIT {
  private static final String REGION = "us-west-1";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path GOLDEN = Path.of("src/test/resources/importer");

  private AwsSettings settings;
  private AwsClients clients;
  private MotoNetwork network;

  @BeforeEach
  void connect(MotoServer moto) {
    settings = new AwsSettings(Optional.empty(), Optional.of(REGION), Optional.of(moto.endpoint()));
    var credentials =
        StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing"));
    clients = AwsClients.create(settings, credentials);
    network = MotoNetwork.create(moto.endpoint(), REGION, credentials);
  }

  @AfterEach
  void close() {
    clients.close();
  }

  // ---- seeding real shapes through the SDK ----

  /** JSON with SUBNET_A, SUBNET_B and SG replaced by moto's network. */
  private JsonNode json(String text) {
    try {
      return JSON.readTree(
          text.replace("SUBNET_A", network.subnets().get(0))
              .replace("SUBNET_B", network.subnets().get(1))
              .replace("SG", network.securityGroups().get(0)));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private void cluster(String name) {
    clients.ecs().createCluster(r -> r.clusterName(name));
  }

  private void taskDefinition(String json) {
    clients
        .ecs()
        .registerTaskDefinition(
            SdkJson.fromJson(json(json), RegisterTaskDefinitionRequest.builder()));
  }

  private void service(String json) {
    clients.ecs().createService(SdkJson.fromJson(json(json), CreateServiceRequest.builder()));
  }

  private void scalableTarget(String json) {
    clients
        .autoScaling()
        .registerScalableTarget(
            SdkJson.fromJson(json(json), RegisterScalableTargetRequest.builder()));
  }

  private void policy(String json) {
    clients
        .autoScaling()
        .putScalingPolicy(SdkJson.fromJson(json(json), PutScalingPolicyRequest.builder()));
  }

  private void logGroup(String name) {
    clients.logs().createLogGroup(r -> r.logGroupName(name));
  }

  private static final String NETWORK =
      "\"networkConfiguration\": {\"awsvpcConfiguration\": {\"subnets\": [\"SUBNET_A\", \"SUBNET_B\"],"
          + " \"securityGroups\": [\"SG\"], \"assignPublicIp\": \"DISABLED\"}}";

  /**
   * A shop run by hand (or by another tool) the way fgd would run it: a web service with an Envoy
   * sidecar and a StatsD agent (several ports, one udp), SSM and Secrets Manager secrets (one a
   * JSON key), health checks, target tracking on cpu and memory, a load balancer, its own log
   * group, tags; and a worker with a command and two replicas. (Moto 5.2.5 keeps no deployment
   * settings, percentages, breaker or load balancer grace, so those are covered by ImporterTest
   * with real-ECS-shaped JSON.)
   */
  private void seedShop() {
    cluster("shop-prod");
    logGroup("/shop/web");
    logGroup("/ecs/shop/worker");
    String tags =
        "[{\"key\": \"fgd:app\", \"value\": \"shop\"}, {\"key\": \"env\", \"value\": \"prod\"}";
    taskDefinition(
        """
        {"family": "shop-web", "networkMode": "awsvpc", "requiresCompatibilities": ["FARGATE"],
         "cpu": "1024", "memory": "2048",
         "executionRoleArn": "arn:aws:iam::123456789012:role/shop-execution",
         "taskRoleArn": "arn:aws:iam::123456789012:role/shop-task",
         "containerDefinitions": [
          {"name": "web", "image": "123456789012.dkr.ecr.us-west-1.amazonaws.com/shop/web:v2.3.1",
           "essential": true,
           "portMappings": [{"containerPort": 8080, "hostPort": 8080, "protocol": "tcp"},
                            {"containerPort": 8443, "protocol": "tcp"}],
           "environment": [{"name": "LISTEN", "value": ":8080"}, {"name": "GREETING", "value": "say \\"hi\\" for $5"}],
           "secrets": [
             {"name": "DB_PASSWORD", "valueFrom": "arn:aws:secretsmanager:us-west-1:123456789012:secret:shop/db-Ab12Cd:password::"},
             {"name": "STRIPE_KEY", "valueFrom": "arn:aws:secretsmanager:us-west-1:123456789012:secret:shop/stripe-Zz99Yy"},
             {"name": "DB_PASSWORD_OLD", "valueFrom": "arn:aws:secretsmanager:us-west-1:123456789012:secret:shop/db-Ab12Cd:password:AWSPREVIOUS:"},
             {"name": "STRIPE_KEY_PINNED", "valueFrom": "arn:aws:secretsmanager:us-west-1:123456789012:secret:shop/stripe-Zz99Yy::AWSCURRENT:9f8e7d6c-5b4a-4321-8fed-cba987654321"},
             {"name": "SESSION_SECRET", "valueFrom": "arn:aws:ssm:us-west-1:123456789012:parameter/shop/prod/session"},
             {"name": "FLAG", "valueFrom": "arn:aws:ssm:us-west-1:123456789012:parameter/feature-flag"}],
           "healthCheck": {"command": ["CMD-SHELL", "curl -f http://localhost:8080/health || exit 1"],
                           "interval": 10, "timeout": 5, "retries": 3, "startPeriod": 20},
           "logConfiguration": {"logDriver": "awslogs", "options": {"awslogs-group": "/shop/web",
             "awslogs-region": "us-west-1", "awslogs-stream-prefix": "web"}}},
          {"name": "envoy", "image": "public.ecr.aws/appmesh/aws-appmesh-envoy:v1.29.4.0-prod",
           "essential": true, "cpu": 128, "memory": 256,
           "portMappings": [{"containerPort": 9901, "hostPort": 9901, "protocol": "tcp"}],
           "healthCheck": {"command": ["CMD", "/usr/bin/envoy-health", "--port", "9901"],
                           "interval": 15, "timeout": 2, "retries": 5},
           "logConfiguration": {"logDriver": "awslogs", "options": {"awslogs-group": "/shop/web",
             "awslogs-region": "us-west-1", "awslogs-stream-prefix": "envoy"}}},
          {"name": "statsd", "image": "public.ecr.aws/datadog/agent:7.59.0", "essential": false,
           "memory": 512,
           "portMappings": [{"containerPort": 8125, "hostPort": 8125, "protocol": "udp"}],
           "entryPoint": ["/bin/entrypoint.sh"], "command": ["agent", "run"],
           "environment": [{"name": "DD_SITE", "value": "datadoghq.eu"}],
           "logConfiguration": {"logDriver": "awslogs", "options": {"awslogs-group": "/shop/web",
             "awslogs-region": "us-west-1", "awslogs-stream-prefix": "statsd"}}}],
         "tags": TAGS, {"key": "tier", "value": "frontend"}]}
        """
            .replace("TAGS", tags));
    service(
        """
        {"cluster": "shop-prod", "serviceName": "web", "taskDefinition": "shop-web", "desiredCount": 3,
         "launchType": "FARGATE", "platformVersion": "LATEST",
         "loadBalancers": [{"targetGroupArn": "arn:aws:elasticloadbalancing:us-west-1:123456789012:targetgroup/shop-web/6d0ecf831eec9f09",
                            "containerName": "web", "containerPort": 8080}],
         NETWORK, "propagateTags": "SERVICE",
         "tags": TAGS, {"key": "tier", "value": "frontend"}]}
        """
            .replace("TAGS", tags)
            .replace("NETWORK", NETWORK));
    scalableTarget(
        """
        {"ServiceNamespace": "ecs", "ResourceId": "service/shop-prod/web",
         "ScalableDimension": "ecs:service:DesiredCount", "MinCapacity": 3, "MaxCapacity": 30}
        """);
    for (String metric :
        List.of(
            "cpu:ECSServiceAverageCPUUtilization:60",
            "memory:ECSServiceAverageMemoryUtilization:72.5")) {
      String[] m = metric.split(":");
      policy(
          """
          {"PolicyName": "shop-web-NAME", "ServiceNamespace": "ecs", "ResourceId": "service/shop-prod/web",
           "ScalableDimension": "ecs:service:DesiredCount", "PolicyType": "TargetTrackingScaling",
           "TargetTrackingScalingPolicyConfiguration": {"TargetValue": VALUE,
             "PredefinedMetricSpecification": {"PredefinedMetricType": "TYPE"},
             "ScaleOutCooldown": 90, "ScaleInCooldown": 90}}
          """
              .replace("NAME", m[0])
              .replace("TYPE", m[1])
              .replace("VALUE", m[2]));
    }
    taskDefinition(
        """
        {"family": "shop-worker", "networkMode": "awsvpc", "requiresCompatibilities": ["FARGATE"],
         "cpu": "512", "memory": "1024",
         "executionRoleArn": "arn:aws:iam::123456789012:role/shop-execution",
         "taskRoleArn": "arn:aws:iam::123456789012:role/shop-task",
         "containerDefinitions": [
          {"name": "worker", "image": "123456789012.dkr.ecr.us-west-1.amazonaws.com/shop/web:v2.3.1",
           "command": ["celery", "worker", "--concurrency", "4"],
           "healthCheck": {"command": ["CMD-SHELL", "celery inspect ping"], "interval": 60,
                           "timeout": 20, "retries": 3, "startPeriod": 120},
           "logConfiguration": {"logDriver": "awslogs", "options": {"awslogs-group": "/ecs/shop/worker",
             "awslogs-region": "us-west-1", "awslogs-stream-prefix": "worker"}}}],
         "tags": TAGS]}
        """
            .replace("TAGS", tags));
    service(
        """
        {"cluster": "shop-prod", "serviceName": "worker", "taskDefinition": "shop-worker", "desiredCount": 2,
         "launchType": "FARGATE", "platformVersion": "LATEST", NETWORK, "propagateTags": "SERVICE",
         "tags": TAGS]}
        """
            .replace("TAGS", tags)
            .replace("NETWORK", NETWORK));
  }

  // ---- the round trip ----

  private ImportResult importCluster(String cluster, String... services)
      throws FgdRuntimeException {
    ImportResult result =
        Importer.run(
            new Importer.Request(cluster, List.of(services), Optional.empty(), REGION),
            new AwsStateReader(clients, settings));
    System.out.println(result.spec());
    return result;
  }

  /** Compiles the imported text with the real compiler; it must have no errors. */
  private static Compiler.Compilation compile(ImportResult imported) {
    SourceFile source = new SourceFile("imported.fgd", imported.spec());
    Compiler.Compilation compiled = Compiler.compile(source, CompileOptions.defaults());
    List<Diagnostic> errors = compiled.diagnostics().stream().filter(Diagnostic::isError).toList();
    assertEquals(List.of(), errors, () -> new DiagnosticRenderer(false).render(errors, source));
    return compiled;
  }

  /** The plan without what moto forgets; the import announced exactly the plan as written. */
  private Plan plan(ImportResult imported) throws FgdRuntimeException {
    var reader = new AwsStateReader(clients, settings);
    var written = DesiredState.fromArtifacts(imported.app(), compile(imported).artifacts());
    Announced.assertSame(imported, Planner.plan(written, reader).plan());
    DesiredState desired =
        DesiredState.fromArtifacts(
            imported.app(), MotoGaps.withoutUnmodelled(compile(imported).artifacts()));
    Plan plan = Planner.plan(desired, new AwsStateReader(clients, settings)).plan();
    System.out.println(TextRenderer.render(plan, false));
    return plan;
  }

  /** Moto makes up the network ids; the golden files say SUBNET_A, SUBNET_B and SG. */
  private String withoutNetworkIds(String spec) {
    return spec.replace(network.subnets().get(0), "SUBNET_A")
        .replace(network.subnets().get(1), "SUBNET_B")
        .replace(network.securityGroups().get(0), "SG");
  }

  private void assertGolden(String name, String actual) throws IOException {
    Path file = GOLDEN.resolve(name);
    if (System.getenv("FGD_UPDATE_GOLDEN") != null) {
      Files.createDirectories(GOLDEN);
      Files.writeString(file, actual, StandardCharsets.UTF_8);
    }
    assertEquals(Files.readString(file, StandardCharsets.UTF_8), actual, "golden " + file);
  }

  @Test
  void importedShopPlansNoChanges() throws Exception {
    seedShop();
    ImportResult imported = importCluster("shop-prod");
    assertEquals("shop", imported.app());
    assertEquals(List.of("web", "worker"), imported.services());
    assertEquals(List.of(), imported.warnings());
    Plan plan = plan(imported);
    assertEquals(List.of(), plan.changes());
    assertFalse(plan.hasChanges());
    assertEquals(List.of(), MotoGaps.firstPlan(imported));
    assertGolden("shop.fgd", withoutNetworkIds(imported.spec()));
  }

  /**
   * The ECR repository of a service's image, named as fgd names its own: its lifecycle policy
   * (fgd's shape, keeping 50) becomes {@code images { keep 50 }}; its mutable tags, which the
   * language cannot say, are a warning; the plan stays clean (the imported service runs an image,
   * so fgd manages no repository yet).
   */
  @Test
  void theEcrRepositoryOfAServiceImageGivesTheImagesKeep() throws Exception {
    seedShop();
    clients.ecr().createRepository(r -> r.repositoryName("shop/web").imageTagMutability("MUTABLE"));
    clients
        .ecr()
        .putLifecyclePolicy(
            r ->
                r.repositoryName("shop/web")
                    .lifecyclePolicyText(io.fgd.compiler.emit.ecs.EcrEmitter.lifecyclePolicy(50)));
    ImportResult imported = importCluster("shop-prod");
    assertTrue(imported.spec().contains("  images {\n    keep 50\n  }\n"), imported.spec());
    List<String> warnings = imported.warnings().stream().map(w -> w.warning().message()).toList();
    assertEquals(1, warnings.size(), () -> "warnings: " + warnings);
    assertTrue(
        warnings.get(0).startsWith("ECR repository shop/web has mutable tags and no scan on push"),
        warnings.get(0));
    assertFalse(plan(imported).hasChanges());
  }

  /**
   * Importing some services of an app: the ones left out would be destroyed by a plan; it says so.
   */
  @Test
  void servicesOfTheAppLeftOutAreWarnedAbout() throws Exception {
    seedShop();
    ImportResult imported = importCluster("shop-prod", "worker");
    assertEquals(List.of("worker"), imported.services());
    assertEquals(1, imported.warnings().size(), () -> "warnings: " + imported.warnings());
    ImportWarning w = imported.warnings().get(0).warning();
    assertEquals("app", w.subject());
    assertTrue(
        w.message()
            .startsWith(
                "service \"web\" of this cluster is tagged fgd:app = shop but was not "
                    + "imported: the first plan of this spec destroys it"),
        w.message());
    List<String> summary =
        plan(imported).changes().stream()
            .map(c -> c.action().symbol() + " " + c.address())
            .toList();
    assertEquals(
        List.of("- autoscaling target \"service/shop-prod/web\"", "- service \"web\""), summary);
  }

  /**
   * Features the language lacks and the planner does not compare: each is a warning in the file at
   * the service or container it concerns, and in the result; the plan is still clean.
   */
  @Test
  void unsupportedFeaturesAreWarnedInTheFileAndTheResult() throws Exception {
    cluster("ops");
    String tags = "[{\"key\": \"fgd:app\", \"value\": \"ops\"}]";
    taskDefinition(
        """
        {"family": "ops-cron", "networkMode": "awsvpc", "requiresCompatibilities": ["FARGATE"],
         "cpu": "256", "memory": "512",
         "volumes": [{"name": "scratch", "host": {"sourcePath": "/var/scratch"}}],
         "containerDefinitions": [
          {"name": "cron", "image": "public.ecr.aws/docker/library/busybox:1.37.0",
           "command": ["crond", "-f"], "workingDirectory": "/srv",
           "mountPoints": [{"sourceVolume": "scratch", "containerPath": "/scratch"}]}],
         "tags": TAGS}
        """
            .replace("TAGS", tags));
    service(
        """
        {"cluster": "ops", "serviceName": "cron", "taskDefinition": "ops-cron", "desiredCount": 1,
         "launchType": "FARGATE", NETWORK, "propagateTags": "SERVICE", "tags": TAGS}
        """
            .replace("TAGS", tags)
            .replace("NETWORK", NETWORK));
    scalableTarget(
        """
        {"ServiceNamespace": "ecs", "ResourceId": "service/ops/cron",
         "ScalableDimension": "ecs:service:DesiredCount", "MinCapacity": 1, "MaxCapacity": 4}
        """);
    policy(
        """
        {"PolicyName": "ops-cron-cpu", "ServiceNamespace": "ecs", "ResourceId": "service/ops/cron",
         "ScalableDimension": "ecs:service:DesiredCount", "PolicyType": "TargetTrackingScaling",
         "TargetTrackingScalingPolicyConfiguration": {"TargetValue": 50,
           "PredefinedMetricSpecification": {"PredefinedMetricType": "ECSServiceAverageCPUUtilization"},
           "ScaleOutCooldown": 30, "ScaleInCooldown": 300}}
        """);
    ImportResult imported = importCluster("ops");
    List<String> messages = imported.warnings().stream().map(w -> w.warning().message()).toList();
    assertEquals(3, messages.size(), () -> "warnings: " + messages);
    // A host path is not a Fargate volume: the volume and its mount point are left out.
    assertTrue(
        messages.stream().anyMatch(m -> m.startsWith("volume \"scratch\" was not imported")),
        messages::toString);
    assertTrue(
        messages.stream()
            .anyMatch(m -> m.startsWith("container setting workingDirectory was not imported")),
        messages::toString);
    assertTrue(
        messages.stream().anyMatch(m -> m.startsWith("the scaling cooldowns were not imported")),
        messages::toString);
    // Each warning is a comment on the line the result names, inside the service's block.
    List<String> lines = imported.spec().lines().toList();
    int serviceLine = lines.indexOf("service cron {") + 1;
    for (ImportResult.Located w : imported.warnings()) {
      assertEquals("  # fgd import: " + w.warning().message(), lines.get(w.line() - 1));
      assertTrue(w.line() > serviceLine, "warning inside the service block");
      assertEquals("service \"cron\"", w.warning().subject());
    }
    // The plan changes only what the volume's warning announces: the next revision lacks it.
    List<String> changed =
        plan(imported).changes().stream()
            .flatMap(c -> c.fields().stream())
            .map(f -> f.path())
            .filter(
                p ->
                    !p.startsWith(".volumes[\"scratch\"]")
                        && !p.startsWith(".containers[\"cron\"].mountPoints")
                        && !p.equals(".taskDefinition"))
            .toList();
    assertEquals(List.of(), changed);
    assertGolden("ops.fgd", withoutNetworkIds(imported.spec()));
  }

  /**
   * A service set up by hand: task definition family and container named differently from what fgd
   * derives, no fgd:app tag. The import says so; the plan shows exactly what it said.
   */
  @Test
  void whatCannotRoundTripIsWarnedAndIsWhatThePlanShows() throws Exception {
    cluster("legacy");
    taskDefinition(
        """
        {"family": "billing-task", "networkMode": "awsvpc", "requiresCompatibilities": ["FARGATE"],
         "cpu": "512", "memory": "1024",
         "containerDefinitions": [{"name": "app", "image": "public.ecr.aws/nginx/nginx:1.27.3",
           "portMappings": [{"containerPort": 80}]}]}
        """);
    service(
        """
        {"cluster": "legacy", "serviceName": "billing", "taskDefinition": "billing-task", "desiredCount": 2,
         "launchType": "FARGATE", NETWORK, "propagateTags": "SERVICE"}
        """
            .replace("NETWORK", NETWORK));
    ImportResult imported = importCluster("legacy");
    assertEquals("legacy", imported.app());
    List<String> messages = imported.warnings().stream().map(w -> w.warning().message()).toList();
    // Not tagged fgd:app: adopted, so no warning and no tag change in the plan.
    assertEquals(2, messages.size(), () -> "warnings: " + messages);
    assertTrue(
        messages.get(0).startsWith("task definition family \"billing-task\" was not imported"),
        messages::toString);
    assertTrue(
        messages.get(1).startsWith("container name \"app\" was not imported"), messages::toString);

    Plan plan = plan(imported);
    // The attributes that change (a renamed container is one removed and one added).
    List<String> fields =
        plan.changes().stream()
            .flatMap(
                c ->
                    c.fields().stream()
                        .map(
                            f ->
                                c.address()
                                    + " "
                                    + f.path().replaceAll("^(\\.\\w+(\\[[^]]*])?).*", "$1")))
            .distinct()
            .toList();
    assertEquals(
        List.of(
            "task definition \"legacy-billing\" .containers[\"app\"]",
            "task definition \"legacy-billing\" .containers[\"billing\"]",
            "task definition \"legacy-billing\" .family",
            "service \"billing\" .taskDefinition"),
        fields);
  }

  @Test
  void familiesThatShareAPrefixNameTheApp() throws Exception {
    cluster("prod");
    for (String svc : List.of("api", "jobs")) {
      taskDefinition(
          """
          {"family": "sheets-SVC", "networkMode": "awsvpc", "requiresCompatibilities": ["FARGATE"],
           "cpu": "256", "memory": "512", "tags": [{"key": "fgd:app", "value": "sheets"}],
           "containerDefinitions": [{"name": "SVC", "image": "public.ecr.aws/nginx/nginx:1.27.3"}]}
          """
              .replace("SVC", svc));
      service(
          """
          {"cluster": "prod", "serviceName": "SVC", "taskDefinition": "sheets-SVC", "desiredCount": 1,
           "launchType": "FARGATE", NETWORK, "propagateTags": "SERVICE",
           "tags": [{"key": "fgd:app", "value": "sheets"}]}
          """
              .replace("SVC", svc)
              .replace("NETWORK", NETWORK));
    }
    ImportResult imported = importCluster("prod");
    assertEquals("sheets", imported.app());
    // No logging configured: the spec says so, and nothing else is needed.
    assertTrue(imported.spec().matches("(?s).*\n  logs +off\n.*"), imported.spec());
    assertEquals(List.of(), imported.warnings());
    assertEquals(List.of(), plan(imported).changes());
  }

  @Test
  void unknownClusterAndServiceAreErrors() throws Exception {
    FgdRuntimeException noCluster =
        assertThrows(FgdRuntimeException.class, () -> importCluster("nope"));
    assertTrue(
        noCluster.getMessage().startsWith("Cluster \"nope\" does not exist in us-west-1"),
        noCluster.getMessage());
    seedShop();
    FgdRuntimeException noService =
        assertThrows(FgdRuntimeException.class, () -> importCluster("shop-prod", "web", "api"));
    assertTrue(
        noService
            .getMessage()
            .startsWith("Service \"api\" is not running in cluster \"shop-prod\""),
        noService.getMessage());
  }
}
