package io.fgd.runtime.operate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fgd.runtime.aws.AwsClients;
import io.fgd.runtime.aws.AwsSettings;
import io.fgd.runtime.moto.MotoExtension;
import io.fgd.runtime.moto.MotoServer;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ecs.model.AssignPublicIp;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.NetworkMode;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ProtocolEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetTypeEnum;

/**
 * {@code fgd status}'s reads of target health against moto's Elastic Load Balancing over HTTP: one
 * DescribeTargetHealth per target group, beside each service's stopped-task reads, and a target
 * group that no longer exists. Moto 5.2.5 reports every registered target as healthy (it runs no
 * health checks, so it never answers unhealthy, initial or draining with a reason) and does not
 * register ECS tasks with target groups (the test registers addresses itself); its services never
 * finish a rollout. Unhealthy targets and their reasons are judged in TargetHealthStatusTest.
 */
@ExtendWith(MotoExtension.class)
class StatusTargetHealthIT {
  @Test
  void readsEachTargetGroupOnceBesideTheOtherReads(MotoServer moto) throws Exception {
    var credentials =
        StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing"));
    AwsSettings settings =
        new AwsSettings(Optional.empty(), Optional.of("us-west-1"), Optional.of(moto.endpoint()));
    String vpc;
    String subnet;
    String securityGroup;
    try (Ec2Client ec2 =
        Ec2Client.builder()
            .endpointOverride(moto.endpoint())
            .region(Region.of("us-west-1"))
            .credentialsProvider(credentials)
            .httpClient(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.create())
            .build()) {
      vpc = ec2.createVpc(r -> r.cidrBlock("10.1.0.0/16")).vpc().vpcId();
      subnet = ec2.createSubnet(r -> r.vpcId(vpc).cidrBlock("10.1.1.0/24")).subnet().subnetId();
      securityGroup =
          ec2.createSecurityGroup(r -> r.vpcId(vpc).groupName("health").description("health"))
              .groupId();
    }
    try (AwsClients clients = AwsClients.create(settings, credentials)) {
      String tg =
          clients
              .elb()
              .createTargetGroup(
                  r ->
                      r.name("health-web")
                          .protocol(ProtocolEnum.HTTP)
                          .port(80)
                          .vpcId(vpc)
                          .targetType(TargetTypeEnum.IP))
              .targetGroups()
              .get(0)
              .targetGroupArn();
      clients
          .elb()
          .registerTargets(
              r ->
                  r.targetGroupArn(tg)
                      .targets(t -> t.id("10.1.1.5").port(80), t -> t.id("10.1.1.6").port(80)));
      clients.ecs().createCluster(r -> r.clusterName("health"));
      String td =
          clients
              .ecs()
              .registerTaskDefinition(
                  r ->
                      r.family("health-web")
                          .networkMode(NetworkMode.AWSVPC)
                          .requiresCompatibilitiesWithStrings("FARGATE")
                          .cpu("256")
                          .memory("512")
                          .containerDefinitions(
                              c ->
                                  c.name("web")
                                      .image("nginx:1.27.3")
                                      .portMappings(p -> p.containerPort(80))))
              .taskDefinition()
              .taskDefinitionArn();
      for (String name : List.of("web", "worker")) {
        clients
            .ecs()
            .createService(
                r -> {
                  r.cluster("health")
                      .serviceName(name)
                      .taskDefinition(td)
                      .desiredCount(2)
                      .launchType(LaunchType.FARGATE)
                      .networkConfiguration(
                          n ->
                              n.awsvpcConfiguration(
                                  a ->
                                      a.subnets(subnet)
                                          .securityGroups(securityGroup)
                                          .assignPublicIp(AssignPublicIp.DISABLED)));
                  if (name.equals("web")) {
                    r.loadBalancers(
                        lb -> lb.targetGroupArn(tg).containerName("web").containerPort(80));
                  }
                });
      }

      int mark = clients.calls().size();
      StatusReport report =
          StatusReader.read(clients, "health", "health", List.of("web", "worker"), Instant.now());
      // DescribeServices for both, then at once: each service's ListTasks of its stopped tasks
      // (moto keeps none, so no DescribeTasks) and the one target group's DescribeTargetHealth.
      assertEquals(
          Map.of(
              "Ecs.DescribeServices", 1,
              "Ecs.ListTasks", 2,
              "ElasticLoadBalancingV2.DescribeTargetHealth", 1),
          counts(clients.calls().all().subList(mark, clients.calls().size())));

      ServiceStatus web = report.services().get(0);
      assertEquals(1, web.targetGroups().size());
      TargetGroupHealth group = web.targetGroups().get(0);
      assertEquals(tg, group.targetGroupArn());
      assertEquals("web:80", group.container());
      assertEquals("health-web", group.name());
      assertEquals(2, group.count("healthy"));
      assertTrue(web.targetsHealthy());
      assertEquals(List.of(), report.services().get(1).targetGroups());
      String text = StatusRenderer.text(report, false);
      assertTrue(text.contains("    health-web (web:80): 2 healthy\n"), text);

      // The service still points at a target group that was deleted: said, and not steady.
      clients.elb().deleteTargetGroup(r -> r.targetGroupArn(tg));
      StatusReport gone =
          StatusReader.read(clients, "health", "health", List.of("web"), Instant.now());
      TargetGroupHealth deleted = gone.services().get(0).targetGroups().get(0);
      assertEquals(Optional.of("the target group does not exist"), deleted.error());
      assertFalse(gone.services().get(0).targetsHealthy());
      assertFalse(gone.allSteady());
      assertTrue(
          StatusRenderer.text(gone, false)
              .contains("health-web (web:80): could not be read: the target group does not exist"),
          StatusRenderer.text(gone, false));
    }
  }

  private static Map<String, Integer> counts(List<String> calls) {
    Map<String, Integer> out = new TreeMap<>();
    calls.forEach(c -> out.merge(c, 1, Integer::sum));
    return out;
  }
}
