package io.fgd.runtime.kinds.scalingpolicy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fgd.compiler.Artifact;
import io.fgd.runtime.engine.ApplyResult;
import io.fgd.runtime.engine.ApplyResult.Status;
import io.fgd.runtime.kinds.Account;
import io.fgd.runtime.moto.MotoExtension;
import io.fgd.runtime.moto.MotoServer;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalingPolicy;
import software.amazon.awssdk.services.applicationautoscaling.model.ServiceNamespace;

/** Scaling policies against moto: created, updated and deleted one by one. */
@ExtendWith(MotoExtension.class)
class ScalingPolicyKindIT {
  Account account;

  @BeforeEach
  void connect(MotoServer moto) {
    account = new Account(moto);
  }

  @AfterEach
  void close() {
    account.close();
  }

  /** The api scaled on cpu at {@code cpu}%, and, when {@code memory}, on memory at 70%. */
  private List<Artifact> scaling(double cpu, boolean memory) {
    return account.sheetsWith(
        "api/scaling.json",
        s -> {
          ArrayNode policies = (ArrayNode) s.path("policies");
          ObjectNode first = (ObjectNode) policies.get(0);
          ((ObjectNode) first.path("TargetTrackingScalingPolicyConfiguration"))
              .put("TargetValue", cpu);
          if (memory) {
            ObjectNode m = first.deepCopy().put("PolicyName", "sheets-api-memory");
            ((ObjectNode) m.path("TargetTrackingScalingPolicyConfiguration"))
                .put("TargetValue", 70.0)
                .putObject("PredefinedMetricSpecification")
                .put("PredefinedMetricType", "ECSServiceAverageMemoryUtilization");
            policies.add(m);
          }
        });
  }

  private List<String> policies() {
    return account
        .clients
        .autoScaling()
        .describeScalingPolicies(r -> r.serviceNamespace(ServiceNamespace.ECS))
        .scalingPolicies()
        .stream()
        .map(p -> p.policyName() + " " + target(p))
        .sorted()
        .toList();
  }

  private static String target(ScalingPolicy p) {
    return String.valueOf(p.targetTrackingScalingPolicyConfiguration().targetValue());
  }

  @Test
  void createsUpdatesAndDeletesPolicies() throws Exception {
    ApplyResult created = account.apply(scaling(60.0, true));
    assertEquals(Status.APPLIED, created.status(), () -> "errors: " + created.errors());
    assertEquals(List.of("sheets-api-cpu 60.0", "sheets-api-memory 70.0"), policies());

    ApplyResult updated = account.apply(scaling(50.0, true));
    assertEquals(List.of("ApplicationAutoScaling.PutScalingPolicy"), updated.mutatingCalls());
    assertEquals(List.of("updated scaling policy \"sheets-api-cpu\""), Account.described(updated));
    assertEquals(List.of("sheets-api-cpu 50.0", "sheets-api-memory 70.0"), policies());

    ApplyResult deleted = account.apply(scaling(50.0, false));
    assertEquals(List.of("ApplicationAutoScaling.DeleteScalingPolicy"), deleted.mutatingCalls());
    assertEquals(
        List.of("deleted scaling policy \"sheets-api-memory\""), Account.described(deleted));
    assertEquals(List.of("sheets-api-cpu 50.0"), policies());
    assertFalse(account.plan(scaling(50.0, false)).plan().hasChanges());
  }
}
