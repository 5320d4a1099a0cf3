package io.fgd.runtime.kinds.listenerrule;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fgd.compiler.Artifact;
import io.fgd.runtime.engine.ApplyResult;
import io.fgd.runtime.kinds.RoutedAppTestBase;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Rule;

/**
 * A service renamed in the spec, against moto's ELBv2 and ECS over HTTP: the new service's route
 * takes the priority the old service's rule holds, and {@code apply --prune} deletes that rule
 * before it makes the new one, rather than failing CreateRule (ELBv2, and moto 5.2.5, answer
 * PriorityInUse for a priority a rule of the listener holds) with the old rule deleted only later,
 * with its service, so that no apply ever got through.
 *
 * <p>What moto does not model here: it runs no task, so the apply does not wait (--no-wait).
 */
class PrunedRulesIT extends RoutedAppTestBase {
  PrunedRulesIT() {
    super("shop");
  }

  private String spec(String service) {
    return app.header(listener)
        + """

        service %s {
          image  "nginx:1.27"
          port   80
          health none
          logs   off
          route  "shop.example.com/app/*"
        }
        """
            .formatted(service);
  }

  @Test
  void aRenamedServiceTakesThePriorityOfTheRuleItsOldNameLeft() throws Exception {
    app.apply(app.compile(spec("web")), false);
    List<Rule> before = app.rules(listener);
    assertEquals(1, before.size(), before::toString);

    List<Artifact> renamed = app.compile(spec("storefront"));
    ApplyResult result = app.tryApply(renamed, true);

    assertEquals(ApplyResult.Status.APPLIED, result.status(), result.errors()::toString);
    List<Rule> after = app.rules(listener);
    assertEquals(1, after.size(), after::toString);
    assertEquals(before.get(0).priority(), after.get(0).priority());
    assertEquals(
        List.of("storefront"),
        account
            .clients
            .elb()
            .describeTags(t -> t.resourceArns(after.get(0).ruleArn()))
            .tagDescriptions()
            .get(0)
            .tags()
            .stream()
            .filter(t -> t.key().equals("fgd:service"))
            .map(t -> t.value())
            .toList());
    app.assertNoChanges(renamed);
  }
}
