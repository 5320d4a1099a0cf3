package io.fgd.runtime.importer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fgd.compiler.CompileOptions;
import io.fgd.compiler.Compiler;
import io.fgd.compiler.diag.Diagnostic;
import io.fgd.compiler.source.SourceFile;
import io.fgd.runtime.engine.DesiredState;
import io.fgd.runtime.engine.Plan;
import io.fgd.runtime.engine.Planner;
import io.fgd.runtime.kinds.FakeLiveState;
import io.fgd.runtime.kinds.cluster.ClusterReads;
import io.fgd.runtime.kinds.cluster.ObservedCluster;
import io.fgd.runtime.kinds.loggroup.LogGroupReads;
import io.fgd.runtime.kinds.scalabletarget.ScalableTargetReads;
import io.fgd.runtime.kinds.service.ServiceReads;
import io.fgd.runtime.kinds.taskdefinition.TaskDefinitionReads;
import io.fgd.runtime.state.ObservedLogGroup;
import io.fgd.runtime.state.ObservedScaling;
import io.fgd.runtime.state.ObservedService;
import java.io.IOException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Import of what moto does not keep (deployment percentages, the circuit breaker, the load balancer
 * grace, ECS managed tags), from JSON shaped as real ECS answers DescribeServices and
 * DescribeTaskDefinition, and planned against the same answers.
 */
class ImporterTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A LiveState that answers with fixed real-ECS-shaped JSON. */
  static final class Fixed
      implements FakeLiveState,
          ClusterReads.Api,
          ServiceReads.Api,
          TaskDefinitionReads.Api,
          ScalableTargetReads.Api,
          LogGroupReads.Api {
    final Map<String, ObservedService> services = new LinkedHashMap<>();
    final Map<String, ObjectNode> taskDefinitions = new LinkedHashMap<>();
    final Map<String, Integer> retention = new LinkedHashMap<>();

    /** The capacity providers the cluster has (DescribeClusters' capacityProviders). */
    List<String> providers = List.of();

    @Override
    public boolean readCluster(String cluster) {
      return cluster.equals("pay");
    }

    @Override
    public ObservedCluster describeCluster(String cluster) {
      return new ObservedCluster(readCluster(cluster), providers, List.of());
    }

    @Override
    public Map<String, ObservedService> readServices(String cluster, Collection<String> names) {
      Map<String, ObservedService> out = new LinkedHashMap<>();
      names.forEach(
          n -> {
            if (services.containsKey(n)) {
              out.put(n, services.get(n));
            }
          });
      return out;
    }

    @Override
    public ObjectNode readTaskDefinition(String arn) {
      return taskDefinitions.get(arn).deepCopy();
    }

    @Override
    public Map<String, ObservedScaling> readScaling(String cluster, Collection<String> services) {
      return Map.of();
    }

    @Override
    public Map<String, ObservedLogGroup> readLogGroups(Collection<String> names) {
      Map<String, ObservedLogGroup> groups = new java.util.TreeMap<>();
      names.forEach(
          n ->
              groups.put(
                  n,
                  retention.containsKey(n)
                      ? ObservedLogGroup.withRetention(n, retention.get(n))
                      : ObservedLogGroup.keptForever(n)));
      return groups;
    }

    @Override
    public Map<String, ObservedService> listOwnedServices(
        String cluster, String app, Set<String> except) {
      return Map.of();
    }

    @Override
    public List<String> listServiceNames(String cluster) {
      return List.copyOf(services.keySet());
    }

    @Override
    public int apiCalls() {
      return 0;
    }

    void add(String serviceJson, String taskDefinitionJson) throws IOException {
      ObjectNode s = (ObjectNode) JSON.readTree(serviceJson);
      ObjectNode td = (ObjectNode) JSON.readTree(taskDefinitionJson);
      String arn = td.path("taskDefinitionArn").asText();
      taskDefinitions.put(arn, td);
      services.put(
          s.path("serviceName").asText(),
          new ObservedService(
              s.path("serviceName").asText(),
              s.path("serviceArn").asText(),
              "ACTIVE",
              arn,
              Optional.of("ecs-svc/1"),
              s));
    }
  }

  static final String TASK_DEFINITION =
      """
      {"taskDefinitionArn": "arn:aws:ecs:eu-west-1:210987654321:task-definition/pay-api:14",
       "family": "pay-api", "revision": 14, "status": "ACTIVE", "networkMode": "awsvpc",
       "executionRoleArn": "arn:aws:iam::210987654321:role/pay-execution",
       "containerDefinitions": [{"name": "api", "image": "210987654321.dkr.ecr.eu-west-1.amazonaws.com/pay/api:1.0.3",
         "cpu": 0, "essential": true, "mountPoints": [], "volumesFrom": [], "systemControls": [],
         "environment": [], "portMappings": [{"containerPort": 8000, "hostPort": 8000, "protocol": "tcp"}],
         "healthCheck": {"command": ["CMD", "/app/api", "health"], "interval": 30, "timeout": 5, "retries": 3},
         "logConfiguration": {"logDriver": "awslogs", "options": {"awslogs-group": "/ecs/pay/api",
           "awslogs-region": "eu-west-1", "awslogs-stream-prefix": "api"}, "secretOptions": []}}],
       "volumes": [], "placementConstraints": [], "compatibilities": ["EC2", "FARGATE"],
       "requiresAttributes": [{"name": "com.amazonaws.ecs.capability.logging-driver.awslogs"}],
       "requiresCompatibilities": ["FARGATE"], "cpu": "2048", "memory": "4096",
       "registeredAt": 1732608000.0, "registeredBy": "arn:aws:iam::210987654321:user/ci",
       "tags": [{"key": "fgd:app", "value": "pay"}]}
      """;

  static String service(String deploymentConfiguration) {
    return """
        {"serviceArn": "arn:aws:ecs:eu-west-1:210987654321:service/pay/api", "serviceName": "api",
         "clusterArn": "arn:aws:ecs:eu-west-1:210987654321:cluster/pay", "status": "ACTIVE",
         "loadBalancers": [{"targetGroupArn": "arn:aws:elasticloadbalancing:eu-west-1:210987654321:targetgroup/pay-api/0123456789abcdef",
           "containerName": "api", "containerPort": 8000}],
         "serviceRegistries": [], "desiredCount": 4, "runningCount": 4, "pendingCount": 0,
         "launchType": "FARGATE", "platformVersion": "LATEST", "platformFamily": "Linux",
         "taskDefinition": "arn:aws:ecs:eu-west-1:210987654321:task-definition/pay-api:14",
         "deploymentConfiguration": DC,
         "deployments": [{"id": "ecs-svc/1", "status": "PRIMARY"}], "events": [],
         "roleArn": "arn:aws:iam::210987654321:role/aws-service-role/ecs.amazonaws.com/AWSServiceRoleForECS",
         "createdAt": 1732608000.0, "placementConstraints": [], "placementStrategy": [],
         "networkConfiguration": {"awsvpcConfiguration": {"subnets": ["subnet-0b1c2d3e4f5a6b7c8"],
           "securityGroups": ["sg-0e4f5a6b7c8d9e0f1"], "assignPublicIp": "DISABLED"}},
         "healthCheckGracePeriodSeconds": 90, "schedulingStrategy": "REPLICA",
         "deploymentController": {"type": "ECS"}, "createdBy": "arn:aws:iam::210987654321:user/ci",
         "enableECSManagedTags": true, "propagateTags": "SERVICE", "enableExecuteCommand": false,
         "availabilityZoneRebalancing": "ENABLED",
         "tags": [{"key": "fgd:app", "value": "pay"}, {"key": "aws:cloudformation:stack-name", "value": "old"}]}
        """
        .replace("DC", deploymentConfiguration);
  }

  /** Plans the imported spec against what it was read from; its announcements are the plan's. */
  static Plan roundTrip(Fixed live, ImportResult imported) throws Exception {
    Plan plan = plan(live, imported.app(), imported.spec());
    Announced.assertSame(imported, plan);
    return plan;
  }

  /** Plans a spec against the fixed account (for a spec or an account changed after import). */
  static Plan plan(Fixed live, String app, String spec) throws Exception {
    Compiler.Compilation compiled =
        Compiler.compile(new SourceFile("pay.fgd", spec), CompileOptions.defaults());
    assertEquals(List.of(), compiled.diagnostics().stream().filter(Diagnostic::isError).toList());
    return Planner.plan(DesiredState.fromArtifacts(app, compiled.artifacts()), live).plan();
  }

  @Test
  void deploymentSettingsRoundTrip() throws Exception {
    Fixed live = new Fixed();
    live.add(
        service(
            """
        {"deploymentCircuitBreaker": {"enable": true, "rollback": true},
         "maximumPercent": 150, "minimumHealthyPercent": 50}"""),
        TASK_DEFINITION);
    ImportResult imported =
        Importer.run(new Importer.Request("pay", List.of(), Optional.empty(), "eu-west-1"), live);
    assertEquals(List.of(), imported.warnings());
    assertEquals(
        """
        # Imported by fgd import from cluster pay in eu-west-1.
        app pay {
          region         eu-west-1
          account        210987654321
          cluster        pay
          execution_role "arn:aws:iam::210987654321:role/pay-execution"
          network {
            subnets         subnet-0b1c2d3e4f5a6b7c8
            security_groups sg-0e4f5a6b7c8d9e0f1
          }
        }

        service api {
          image    "210987654321.dkr.ecr.eu-west-1.amazonaws.com/pay/api:1.0.3"
          port     8000 target_group "arn:aws:elasticloadbalancing:eu-west-1:210987654321:targetgroup/pay-api/0123456789abcdef"
          cpu      2 vcpu
          memory   4 GiB
          health   ["/app/api", "health"]
          replicas 4
          deploy {
            min_healthy  50%
            max_percent  150%
            health_grace 90s
          }
        }
        """,
        imported.spec());
    assertEquals(List.of(), roundTrip(live, imported).changes());
  }

  /** ECS Exec, which moto forgets, from DescribeServices-shaped JSON: imported, then no changes. */
  @Test
  void ecsExecIsImportedAsAStatement() throws Exception {
    Fixed live = new Fixed();
    live.add(
        service(
                """
        {"deploymentCircuitBreaker": {"enable": true, "rollback": true},
         "maximumPercent": 200, "minimumHealthyPercent": 100}""")
            .replace("\"enableExecuteCommand\": false", "\"enableExecuteCommand\": true"),
        TASK_DEFINITION);
    ImportResult imported =
        Importer.run(new Importer.Request("pay", List.of(), Optional.empty(), "eu-west-1"), live);
    assertEquals(List.of(), imported.warnings());
    assertTrue(
        java.util.regex.Pattern.compile("\n  exec +on\n").matcher(imported.spec()).find(),
        imported.spec());
    assertEquals(List.of(), roundTrip(live, imported).changes());

    // Without the statement, the plan turns it off.
    List<String> changed =
        plan(live, imported.app(), imported.spec().replaceAll("\n  exec +on\n", "\n"))
            .changes()
            .stream()
            .map(c -> c.address())
            .toList();
    assertEquals(List.of("service \"api\""), changed);
  }

  /**
   * A capacity provider strategy, which moto forgets (its CreateService has no such parameter and
   * reports launch type EC2), from DescribeServices-shaped JSON: ECS answers with weight and base
   * on every item and no launchType. Imported as a statement, then no changes; a cluster without
   * the Fargate providers gets them.
   */
  @Test
  void aCapacityProviderStrategyIsImportedAsAStatement() throws Exception {
    Fixed live = new Fixed();
    live.providers = List.of("FARGATE", "FARGATE_SPOT");
    live.add(
        service(
                """
        {"deploymentCircuitBreaker": {"enable": true, "rollback": true},
         "maximumPercent": 200, "minimumHealthyPercent": 100}""")
            .replace(
                "\"launchType\": \"FARGATE\",",
                "\"capacityProviderStrategy\": [{\"capacityProvider\": \"FARGATE\", \"weight\": 1,"
                    + " \"base\": 2}, {\"capacityProvider\": \"FARGATE_SPOT\", \"weight\": 3,"
                    + " \"base\": 0}],"),
        TASK_DEFINITION);
    ImportResult imported =
        Importer.run(new Importer.Request("pay", List.of(), Optional.empty(), "eu-west-1"), live);
    assertEquals(List.of(), imported.warnings());
    assertTrue(
        java.util.regex.Pattern.compile("\n  capacity +on_demand base 2, spot 3\n")
            .matcher(imported.spec())
            .find(),
        imported.spec());
    assertEquals(List.of(), roundTrip(live, imported).changes());

    // The same spec against a cluster without the providers: the cluster gets them.
    live.providers = List.of();
    Plan plan = plan(live, imported.app(), imported.spec());
    assertEquals(
        List.of("cluster \"pay\""), plan.changes().stream().map(c -> c.address()).toList());
    String text = io.fgd.runtime.render.TextRenderer.render(plan, false);
    assertTrue(text.contains("~ capacityProviders = [] -> [\"FARGATE\",\"FARGATE_SPOT\"]"), text);

    // Back to the launch type: an update with a new deployment, not a replacement.
    ImportResult onDemand =
        new ImportResult(
            imported.spec().replaceAll("\n  capacity +on_demand base 2, spot 3\n", "\n"),
            imported.app(),
            imported.services(),
            imported.warnings(),
            List.of(),
            imported.apiCalls(),
            0);
    live.providers = List.of("FARGATE", "FARGATE_SPOT");
    var change = plan(live, onDemand.app(), onDemand.spec()).changes().get(0);
    assertEquals(io.fgd.runtime.engine.Action.UPDATE, change.action());
    assertEquals(
        Optional.of("its tasks are placed again by the new capacity strategy (a new deployment)"),
        change.reason());
  }

  @Test
  void breakerOffWithoutRollback() throws Exception {
    Fixed live = new Fixed();
    live.add(
        service(
            """
        {"deploymentCircuitBreaker": {"enable": false, "rollback": false},
         "maximumPercent": 200, "minimumHealthyPercent": 100}"""),
        TASK_DEFINITION);
    ImportResult imported =
        Importer.run(
            new Importer.Request("pay", List.of("api"), Optional.empty(), "eu-west-1"), live);
    assertTrue(
        imported
            .spec()
            .contains(
                """
          deploy {
            circuit_breaker off
            rollback        off
            health_grace    90s
          }
        """),
        imported.spec());
    assertEquals(List.of(), roundTrip(live, imported).changes());
  }

  /**
   * Issue 12 item 19: what the first plan changes is announced. A service made outside fgd carries
   * ECS managed tags off, which DescribeServices may leave out altogether: the language cannot say
   * off, so the plan turns them on, and the import says so through the general mechanism (the
   * written spec planned against what was read), not a warning of its own. A log group's retention
   * is imported, so the spec keeps it and nothing about it is announced.
   */
  @Test
  void managedTagsOffAreAnnouncedAndTheLogRetentionIsImported() throws Exception {
    Fixed live = new Fixed();
    live.add(
        service("{\"maximumPercent\": 200, \"minimumHealthyPercent\": 100}")
            .replace("\"enableECSManagedTags\": true, ", ""),
        TASK_DEFINITION);
    live.retention.put("/ecs/pay/api", 14);
    ImportResult imported =
        Importer.run(new Importer.Request("pay", List.of(), Optional.empty(), "eu-west-1"), live);
    assertEquals(List.of(), imported.warnings());
    assertEquals(
        List.of(
            "the first plan will change enableECSManagedTags from false to true, because the"
                + " language cannot say false."),
        imported.firstPlan().stream().map(ImportResult.Announcement::message).toList());
    assertEquals("service \"api\"", imported.firstPlan().get(0).subject());
    assertTrue(imported.spec().contains("retention 14d"), imported.spec());
    Plan plan = roundTrip(live, imported);
    // The only change is the one announced.
    assertEquals(
        List.of(".enableECSManagedTags"),
        plan.changes().stream().flatMap(c -> c.fields().stream()).map(f -> f.path()).toList(),
        () -> plan.changes().toString());
  }

  /** Said false rather than left out (the plan reads absent as false): the same announcement. */
  @Test
  void managedTagsSaidFalseAreAnnouncedAsAChangeFromFalse() throws Exception {
    Fixed live = new Fixed();
    live.add(
        service("{\"maximumPercent\": 200, \"minimumHealthyPercent\": 100}")
            .replace("\"enableECSManagedTags\": true, ", "\"enableECSManagedTags\": false, "),
        TASK_DEFINITION);
    ImportResult imported =
        Importer.run(new Importer.Request("pay", List.of(), Optional.empty(), "eu-west-1"), live);
    assertEquals(
        List.of(
            "the first plan will change enableECSManagedTags from false to true, because the"
                + " language cannot say false."),
        imported.firstPlan().stream().map(ImportResult.Announcement::message).toList());
    roundTrip(live, imported);
  }

  @Test
  void aForcedAppNameThatBreaksTheFamilyIsWarned() throws Exception {
    Fixed live = new Fixed();
    live.add(service("{\"maximumPercent\": 200, \"minimumHealthyPercent\": 100}"), TASK_DEFINITION);
    ImportResult imported =
        Importer.run(
            new Importer.Request("pay", List.of(), Optional.of("billing"), "eu-west-1"), live);
    List<String> messages = imported.warnings().stream().map(w -> w.warning().message()).toList();
    assertTrue(
        messages.contains(
            "task definition family \"pay-api\" was not imported: fgd names it "
                + "\"billing-api\" (app-service); the first plan registers the task definition under that family."),
        messages::toString);
    Plan plan = roundTrip(live, imported);
    assertTrue(
        plan.changes().stream()
            .anyMatch(c -> c.fields().stream().anyMatch(f -> f.path().equals(".family"))));
  }

  @Test
  void secretsAndLogsTheLanguageCannotSayAreWarnedWhereTheyAre() throws Exception {
    Fixed live = new Fixed();
    String td =
        TASK_DEFINITION
            .replace(
                "\"environment\": [],",
                """
            "environment": [], "secrets": [
              {"name": "OLD", "valueFrom": "arn:aws:secretsmanager:eu-west-1:210987654321:secret:pay/db-Ab12Cd:password:AWSPREVIOUS:"},
              {"name": "BARE", "valueFrom": "pay-flag"},
              {"name": "SHARED", "valueFrom": "arn:aws:ssm:eu-west-1:111122223333:parameter/shared/key"}],""")
            .replace(
                "\"awslogs-stream-prefix\": \"api\"}",
                "\"awslogs-stream-prefix\": \"api\", \"mode\": \"non-blocking\"}")
            .replace(
                "\"containerDefinitions\": [",
                """
            "containerDefinitions": [{"name": "agent", "image": "public.ecr.aws/datadog/agent:7.59.0",
              "memoryReservation": 128, "essential": true},""");
    live.add(service("{\"maximumPercent\": 200, \"minimumHealthyPercent\": 100}"), td);
    ImportResult imported =
        Importer.run(new Importer.Request("pay", List.of(), Optional.empty(), "eu-west-1"), live);
    String spec = imported.spec();
    // A version stage is imported in the language's words (issue 12 item 11), not warned about.
    assertTrue(
        spec.contains(
            "  secret   OLD from \"arn:aws:secretsmanager:eu-west-1:210987654321:secret:pay/db-Ab12Cd\" key \"password\" version_stage \"AWSPREVIOUS\"\n"),
        spec);
    assertTrue(spec.contains("  secret   BARE from ssm \"pay-flag\"\n"), spec);
    assertTrue(
        spec.contains(
            "  secret   SHARED from \"arn:aws:ssm:eu-west-1:111122223333:parameter/shared/key\"\n"),
        spec);
    List<String> subjects =
        imported.warnings().stream()
            .map(
                w ->
                    w.warning().subject()
                        + ": "
                        + w.warning().message().replaceAll(" was not imported.*| \\(.*", ""))
            .toList();
    assertEquals(
        List.of(
            "service \"api\": log option mode",
            "service \"api\": the parameter name of secret BARE was imported as written, but fgd refers to parameters by ARN; the first plan registers a revision that does.",
            "service \"api\", container \"agent\": memoryReservation 128",
            "service \"api\", container \"agent\": the log configuration"),
        subjects);
    // Each is a comment at the top of its block: the sidecar's inside the sidecar.
    List<String> lines = spec.lines().toList();
    ImportResult.Located agent = imported.warnings().get(2);
    assertEquals("  sidecar agent {", lines.get(agent.line() - 2));
    assertTrue(
        lines
            .get(agent.line() - 1)
            .startsWith("    # fgd import: memoryReservation 128 was not imported"));
    Compiler.Validation validation = Compiler.validate(new SourceFile("pay.fgd", spec));
    assertEquals(List.of(), validation.diagnostics().stream().filter(Diagnostic::isError).toList());
  }

  @Test
  void valuesAreWrittenTheWayPeopleWriteThem() {
    assertEquals("0.25 vcpu", SpecText.cpu(256));
    assertEquals("1.5 vcpu", SpecText.cpu(1536));
    assertEquals("128", SpecText.cpu(128));
    assertEquals("512 MiB", SpecText.memory(512));
    assertEquals("30 GiB", SpecText.memory(30720));
    assertEquals("90s", SpecText.duration(90));
    assertEquals("2m", SpecText.duration(120));
    assertEquals("\"a\\\"b\\\\c\\n\\$HOME\\u0001\"", SpecText.quote("a\"b\\c\n$HOME\u0001"));
    assertEquals("service-owner", SpecText.text("service-owner"));
    assertEquals("\"1st\"", SpecText.text("1st"));
  }

  private static final String NAMESPACE_ARN =
      "arn:aws:servicediscovery:eu-west-1:210987654321:namespace/ns-abcdef0123456789";

  /** The service with Service Connect on its PRIMARY deployment, as DescribeServices answers. */
  private static String serviceConnected(String portName, String discoveryName) {
    return service(
            """
        {"deploymentCircuitBreaker": {"enable": true, "rollback": true},
         "maximumPercent": 200, "minimumHealthyPercent": 100}""")
        .replace(
            "\"deployments\": [{\"id\": \"ecs-svc/1\", \"status\": \"PRIMARY\"}]",
            """
            "deployments": [{"id": "ecs-svc/1", "status": "PRIMARY",
              "serviceConnectConfiguration": {"enabled": true, "namespace": "NS",
                "services": [{"portName": "PN", "discoveryName": "DN",
                  "clientAliases": [{"port": 8000, "dnsName": "payments"}]}]}}]"""
                .replace("NS", NAMESPACE_ARN)
                .replace("PN", portName)
                .replace("DN", discoveryName));
  }

  private static String taskDefinitionNamed(String portName) {
    return TASK_DEFINITION.replace(
        "\"portMappings\": [{\"containerPort\": 8000, \"hostPort\": 8000, \"protocol\": \"tcp\"}]",
        "\"portMappings\": [{\"containerPort\": 8000, \"hostPort\": 8000, \"protocol\": \"tcp\","
            + " \"name\": \""
            + portName
            + "\", \"appProtocol\": \"http\"}]");
  }

  /** Service Connect, which moto does not model on services, from ECS-shaped JSON. */
  @Test
  void serviceConnectIsImportedAsOfferAndTheNamespaceThenNoChanges() throws Exception {
    Fixed live = new Fixed();
    live.add(serviceConnected("api-8000", "api-8000"), taskDefinitionNamed("api-8000"));
    ImportResult imported =
        Importer.run(new Importer.Request("pay", List.of(), Optional.empty(), "eu-west-1"), live);
    assertEquals(List.of(), imported.warnings());
    assertTrue(imported.spec().contains(" offer as payments http\n"), imported.spec());
    assertTrue(
        imported.spec().contains("\n  namespace \"" + NAMESPACE_ARN + "\"\n"), imported.spec());
    assertEquals(List.of(), roundTrip(live, imported).changes());
  }

  @Test
  void serviceConnectNamesFgdDoesNotDeriveAreWarnings() throws Exception {
    Fixed live = new Fixed();
    live.add(serviceConnected("web", "payments-svc"), taskDefinitionNamed("web"));
    ImportResult imported =
        Importer.run(new Importer.Request("pay", List.of(), Optional.empty(), "eu-west-1"), live);
    List<String> warnings = imported.warnings().stream().map(w -> w.warning().message()).toList();
    assertEquals(2, warnings.size(), warnings.toString());
    assertTrue(warnings.get(0).startsWith("port name \"web\" was not imported"), warnings.get(0));
    assertTrue(
        warnings.get(1).startsWith("discovery name \"payments-svc\" was not imported"),
        warnings.get(1));
    assertTrue(imported.spec().contains(" offer as payments http\n"), imported.spec());
  }
}
