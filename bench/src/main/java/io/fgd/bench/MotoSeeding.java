package io.fgd.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fgd.compiler.Artifact;
import io.fgd.compiler.emit.Json;
import io.fgd.runtime.aws.AwsClients;
import io.fgd.runtime.aws.SdkJson;
import io.fgd.runtime.plan.DesiredService;
import io.fgd.runtime.plan.DesiredState;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.applicationautoscaling.model.PutScalingPolicyRequest;
import software.amazon.awssdk.services.applicationautoscaling.model.RegisterScalableTargetRequest;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ecs.model.CreateServiceRequest;
import software.amazon.awssdk.services.ecs.model.RegisterTaskDefinitionRequest;

/**
 * Puts a desired state into moto through the SDK, as an apply would leave it (after the runtime's
 * test helpers SdkSeeder, MotoNetwork and MotoGaps, which live in its test code).
 */
final class MotoSeeding {
  private MotoSeeding() {}

  record Network(List<String> subnets, List<String> securityGroups) {}

  /** A VPC, two subnets and a security group: moto's CreateService checks they exist. */
  static Network network(URI endpoint, String region, AwsCredentialsProvider credentials) {
    try (Ec2Client ec2 =
        Ec2Client.builder()
            .endpointOverride(endpoint)
            .region(Region.of(region))
            .credentialsProvider(credentials)
            .httpClient(UrlConnectionHttpClient.create())
            .build()) {
      String vpc = ec2.createVpc(r -> r.cidrBlock("10.0.0.0/16")).vpc().vpcId();
      String a = ec2.createSubnet(r -> r.vpcId(vpc).cidrBlock("10.0.1.0/24")).subnet().subnetId();
      String b = ec2.createSubnet(r -> r.vpcId(vpc).cidrBlock("10.0.2.0/24")).subnet().subnetId();
      String sg =
          ec2.createSecurityGroup(r -> r.vpcId(vpc).groupName("fleet").description("fleet"))
              .groupId();
      return new Network(List.of(a, b), List.of(sg));
    }
  }

  static void seed(AwsClients clients, DesiredState desired) {
    clients.ecs().createCluster(r -> r.clusterName(desired.cluster()));
    for (DesiredService s : desired.services().values()) {
      for (String group : s.logGroups()) {
        clients.logs().createLogGroup(r -> r.logGroupName(group));
      }
      clients
          .ecs()
          .registerTaskDefinition(
              SdkJson.fromJson(s.taskDefinition(), RegisterTaskDefinitionRequest.builder()));
      clients.ecs().createService(SdkJson.fromJson(s.service(), CreateServiceRequest.builder()));
      if (s.scaling().isPresent()) {
        clients
            .autoScaling()
            .registerScalableTarget(
                SdkJson.fromJson(
                    s.scaling().get().get("scalableTarget"),
                    RegisterScalableTargetRequest.builder()));
        for (JsonNode p : s.scaling().get().path("policies")) {
          clients
              .autoScaling()
              .putScalingPolicy(SdkJson.fromJson(p, PutScalingPolicyRequest.builder()));
        }
      }
    }
  }

  /**
   * The artifacts without what moto 5.2.5 accepts and forgets (the circuit breaker, ECS managed
   * tags), so that a plan against a seeded moto finds nothing to change, as in a steady state.
   */
  static List<Artifact> withoutUnmodelled(List<Artifact> artifacts) {
    List<Artifact> out = new ArrayList<>();
    for (Artifact a : artifacts) {
      if (!a.path().endsWith("/service.json")) {
        out.add(a);
        continue;
      }
      try {
        ObjectNode s = (ObjectNode) Json.mapper().readTree(a.content());
        s.remove("enableECSManagedTags");
        if (s.get("deploymentConfiguration") instanceof ObjectNode dc) {
          dc.remove("deploymentCircuitBreaker");
        }
        out.add(new Artifact(a.path(), Json.mapper().writeValueAsBytes(s)));
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }
    return out;
  }
}
