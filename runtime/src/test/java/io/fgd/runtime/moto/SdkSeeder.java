package io.fgd.runtime.moto;

import com.fasterxml.jackson.databind.JsonNode;
import io.fgd.runtime.aws.AwsClients;
import io.fgd.runtime.aws.SdkJson;
import io.fgd.runtime.engine.DesiredService;
import io.fgd.runtime.engine.DesiredState;
import software.amazon.awssdk.services.applicationautoscaling.model.PutScalingPolicyRequest;
import software.amazon.awssdk.services.applicationautoscaling.model.RegisterScalableTargetRequest;
import software.amazon.awssdk.services.ecs.model.CreateServiceRequest;
import software.amazon.awssdk.services.ecs.model.RegisterTaskDefinitionRequest;

/**
 * Creates in the emulated account exactly what a desired state asks for, straight from its JSON
 * through the SDK, the way {@code aws ecs ... --cli-input-json} would: the state an apply should
 * leave behind, against which a plan must show no changes.
 */
public final class SdkSeeder {
  private final AwsClients clients;

  public SdkSeeder(AwsClients clients) {
    this.clients = clients;
  }

  public void seed(DesiredState desired) {
    clients.ecs().createCluster(r -> r.clusterName(desired.cluster()));
    for (DesiredService s : desired.services().values()) {
      seed(s);
    }
  }

  public void seed(DesiredService s) {
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
