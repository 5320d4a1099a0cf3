package io.fgd.runtime.kinds.scalabletarget;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.fgd.runtime.engine.ApplyResult;
import io.fgd.runtime.engine.ApplyResult.Status;
import io.fgd.runtime.engine.Fixtures;
import io.fgd.runtime.kinds.Account;
import io.fgd.runtime.moto.MotoExtension;
import io.fgd.runtime.moto.MotoServer;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.applicationautoscaling.model.ServiceNamespace;

/** The autoscaling target against moto: created with the service, removed when the spec stops. */
@ExtendWith(MotoExtension.class)
class ScalableTargetKindIT {
  Account account;

  @BeforeEach
  void connect(MotoServer moto) {
    account = new Account(moto);
  }

  @AfterEach
  void close() {
    account.close();
  }

  @Test
  void removingAServicesScalingDeregistersItsTargetWithItsPolicies() throws Exception {
    assertEquals(Status.APPLIED, account.apply(account.sheets()).status());
    var aas = account.clients.autoScaling();
    assertEquals(
        1,
        aas.describeScalableTargets(r -> r.serviceNamespace(ServiceNamespace.ECS))
            .scalableTargets()
            .size());

    ApplyResult result =
        account.apply(account.inMoto(Fixtures.without(Fixtures.sheets(), "api/scaling.json")));
    assertEquals(Status.APPLIED, result.status(), () -> "errors: " + result.errors());
    // Deregistering the target deletes its policies: no DeleteScalingPolicy of its own.
    assertEquals(
        List.of("ApplicationAutoScaling.DeregisterScalableTarget"), result.mutatingCalls());
    assertEquals(
        List.of(
            "deleted autoscaling target \"service/sheets-prod/api\" (with its scaling policies)"),
        Account.described(result));
    assertEquals(
        List.of(),
        aas.describeScalableTargets(r -> r.serviceNamespace(ServiceNamespace.ECS))
            .scalableTargets());
    // AWS deletes the target's policies with it (DeregisterScalableTarget, API reference); moto
    // 5 keeps them, so they are not asserted here.
    assertFalse(
        account
            .plan(account.inMoto(Fixtures.without(Fixtures.sheets(), "api/scaling.json")))
            .plan()
            .hasChanges());
  }
}
