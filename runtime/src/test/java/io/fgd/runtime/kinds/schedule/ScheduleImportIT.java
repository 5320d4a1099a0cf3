package io.fgd.runtime.kinds.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fgd.compiler.Artifact;
import io.fgd.runtime.deploy.ProgressListener;
import io.fgd.runtime.engine.Applier;
import io.fgd.runtime.engine.ApplyListener;
import io.fgd.runtime.engine.ApplyOptions;
import io.fgd.runtime.engine.ApplyResult;
import io.fgd.runtime.engine.DesiredState;
import io.fgd.runtime.engine.Plan;
import io.fgd.runtime.engine.PlanResult;
import io.fgd.runtime.engine.Planner;
import io.fgd.runtime.importer.ImportResult;
import io.fgd.runtime.importer.Importer;
import io.fgd.runtime.kinds.Account;
import io.fgd.runtime.moto.MotoExtension;
import io.fgd.runtime.moto.MotoServer;
import io.fgd.runtime.render.TextRenderer;
import io.fgd.runtime.state.AwsStateReader;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code fgd import} of a cluster with a service and two jobs against moto: the schedules that run
 * tasks on the cluster come back as job blocks (expression, time zone, window, retries, state, the
 * task's statements) with the app's scheduler_role, and planning the imported spec shows no
 * changes. Moto keeps schedules as sent, so what is read back is what fgd wrote.
 */
@ExtendWith(MotoExtension.class)
class ScheduleImportIT {
  Account account;

  @BeforeEach
  void connect(MotoServer moto) {
    account = new Account(moto);
  }

  @AfterEach
  void close() {
    account.close();
  }

  String spec() {
    return """
        app shop {
          region         us-west-1
          account        123456789012
          cluster        shop-prod
          execution_role "arn:aws:iam::123456789012:role/shop-execution"
          scheduler_role "arn:aws:iam::123456789012:role/shop-scheduler"
          network {
            subnets         %s
            security_groups %s
          }
        }

        service web {
          image  "public.ecr.aws/nginx/nginx:1.27"
          port   80
          health none
        }

        job report {
          schedule "cron(0 3 * * ? *)" in Europe/Paris
          image    "public.ecr.aws/docker/library/busybox:1.36"
          command  ["report", "--yesterday"]
          cpu      0.5 vcpu
          memory   1 GiB
          env      MODE = "nightly"
          logs {
            retention 30d
          }
        }

        job warm {
          schedule        "rate(15 minutes)"
          image           "public.ecr.aws/docker/library/busybox:1.36"
          command         ["warm"]
          enabled         off
          flexible_window 5m
          retries         2
          max_age         10m
        }
        """
        .formatted(
            String.join(", ", account.network.subnets()),
            String.join(", ", account.network.securityGroups()));
  }

  List<Artifact> compile(String text) {
    return account.inMoto(ScheduleKindIT.compile(text));
  }

  PlanResult plan(List<Artifact> artifacts) throws Exception {
    return Planner.plan(
        DesiredState.fromArtifacts("shop", artifacts),
        new AwsStateReader(account.clients, account.settings));
  }

  @Test
  void importedJobsPlanNoChanges() throws Exception {
    List<Artifact> artifacts = compile(spec());
    ApplyResult applied =
        new Applier(
                account.clients,
                account.settings,
                ApplyOptions.DEFAULTS.withWait(false),
                ApplyListener.none(),
                ProgressListener.none())
            .apply(plan(artifacts));
    assertEquals(ApplyResult.Status.APPLIED, applied.status(), applied.errors()::toString);

    ImportResult imported =
        Importer.run(
            new Importer.Request("shop-prod", List.of(), Optional.of("shop"), "us-west-1"),
            new AwsStateReader(account.clients, account.settings));
    String text = imported.spec();
    for (String statement :
        List.of(
            "scheduler_role \"arn:aws:iam::123456789012:role/shop-scheduler\"",
            "job report {",
            "schedule \"cron(0 3 * * ? *)\" in Europe/Paris",
            "command  [\"report\", \"--yesterday\"]",
            "retention 30d",
            "job warm {",
            "enabled         off",
            "flexible_window 5m",
            "retries         2",
            "max_age         10m")) {
      assertTrue(text.contains(statement), () -> statement + " not in\n" + text);
    }
    assertEquals(List.of(), imported.warnings(), text);
    Plan plan = plan(compile(text)).plan();
    assertEquals(List.of(), plan.changes(), () -> TextRenderer.render(plan, false) + "\n" + text);
  }
}
