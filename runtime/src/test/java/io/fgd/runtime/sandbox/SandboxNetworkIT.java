package io.fgd.runtime.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.AssignPublicIp;
import software.amazon.awssdk.services.ecs.model.Compatibility;
import software.amazon.awssdk.services.ecs.model.InvalidParameterException;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.NetworkMode;

/**
 * The sandbox's changes to moto: its ECS accepts network ids that do not exist in the emulator's
 * EC2, so a spec's real subnet ids can be applied, and keeps the deployment configuration it is
 * created with. Plain moto, which the integration tests use, still refuses the ids.
 */
class SandboxNetworkIT {
  static final String SUBNET = "subnet-0a1b2c3d";

  @Test
  void theSandboxAcceptsTheSpecsNetworkIds() throws Exception {
    int port = freePort();
    Process moto =
        Moto.startForSandbox(Moto.install(), port, Files.createTempFile("sandbox-", ".log"));
    try (EcsClient ecs = client(port)) {
      createService(ecs);
      var service = ecs.describeServices(r -> r.cluster("c").services("s")).services().get(0);
      assertEquals(SUBNET, service.networkConfiguration().awsvpcConfiguration().subnets().get(0));
      assertEquals(150, service.deploymentConfiguration().maximumPercent());
      assertTrue(service.deploymentConfiguration().deploymentCircuitBreaker().rollback());
      assertTrue(service.enableECSManagedTags());
    } finally {
      moto.destroy();
    }
  }

  @Test
  void plainMotoRefusesThem() throws Exception {
    int port = freePort();
    Process moto = Moto.start(Moto.install(), port, Files.createTempFile("moto-", ".log"));
    try (EcsClient ecs = client(port)) {
      InvalidParameterException e =
          assertThrows(InvalidParameterException.class, () -> createService(ecs));
      assertTrue(e.getMessage().contains(SUBNET), e.getMessage());
    } finally {
      moto.destroy();
    }
  }

  private static void createService(EcsClient ecs) {
    ecs.createCluster(r -> r.clusterName("c"));
    String arn =
        ecs.registerTaskDefinition(
                r ->
                    r.family("f")
                        .networkMode(NetworkMode.AWSVPC)
                        .requiresCompatibilities(Compatibility.FARGATE)
                        .cpu("256")
                        .memory("512")
                        .containerDefinitions(
                            c -> c.name("app").image("nginx:1.27.3").essential(true)))
            .taskDefinition()
            .taskDefinitionArn();
    ecs.createService(
        r ->
            r.cluster("c")
                .serviceName("s")
                .taskDefinition(arn)
                .desiredCount(1)
                .launchType(LaunchType.FARGATE)
                .enableECSManagedTags(true)
                .deploymentConfiguration(
                    d ->
                        d.maximumPercent(150)
                            .minimumHealthyPercent(50)
                            .deploymentCircuitBreaker(b -> b.enable(true).rollback(true)))
                .networkConfiguration(
                    n ->
                        n.awsvpcConfiguration(
                            a ->
                                a.subnets(SUBNET)
                                    .securityGroups("sg-0123456789abcdef0")
                                    .assignPublicIp(AssignPublicIp.DISABLED))));
  }

  private static EcsClient client(int port) {
    return EcsClient.builder()
        .endpointOverride(Moto.endpoint(port))
        .region(Region.US_WEST_1)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
        .httpClient(UrlConnectionHttpClient.create())
        .build();
  }

  private static int freePort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
