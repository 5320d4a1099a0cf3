package io.fgd.runtime.kinds.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fgd.compiler.Artifact;
import io.fgd.compiler.CompileOptions;
import io.fgd.compiler.Compiler;
import io.fgd.compiler.diag.Diagnostic;
import io.fgd.compiler.source.SourceFile;
import io.fgd.runtime.deploy.ProgressListener;
import io.fgd.runtime.engine.Applier;
import io.fgd.runtime.engine.ApplyListener;
import io.fgd.runtime.engine.ApplyOptions;
import io.fgd.runtime.engine.ApplyResult;
import io.fgd.runtime.engine.ApplyResult.Status;
import io.fgd.runtime.engine.DesiredState;
import io.fgd.runtime.engine.PlanResult;
import io.fgd.runtime.engine.Planner;
import io.fgd.runtime.engine.ResourceChange;
import io.fgd.runtime.kinds.Account;
import io.fgd.runtime.moto.MotoExtension;
import io.fgd.runtime.moto.MotoServer;
import io.fgd.runtime.state.AwsStateReader;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.scheduler.model.GetScheduleResponse;

/**
 * Jobs against moto over HTTP: their schedule group, task definitions, log groups and schedules are
 * created, planned again with no changes, changed (expression, time zone, command), removed with
 * --prune, each followed by a plan with no changes.
 *
 * <p>What moto (5.x, moto/scheduler) models: schedule groups with tags, schedules kept as sent
 * (with Scheduler's default retry policy and time zone filled in), ListSchedules by group,
 * UpdateSchedule replacing every field, DeleteSchedule. What it does not: a schedule never fires
 * (no RunTask is ever made, so the task a schedule starts is {@code fgd run}'s tests' business); it
 * does not check that the role may be assumed, that the target cluster or task definition exist, or
 * the expression's syntax (fgd's checker does that before any call); ListSchedules ignores
 * NamePrefix and pages.
 */
@ExtendWith(MotoExtension.class)
class ScheduleKindIT {
  Account account;

  @BeforeEach
  void connect(MotoServer moto) {
    account = new Account(moto);
  }

  @AfterEach
  void close() {
    account.close();
  }

  static String spec(String schedule, String command, boolean withSecondJob) {
    return """
        app nightly {
          region         us-west-1
          account        123456789012
          cluster        nightly-prod
          execution_role "arn:aws:iam::123456789012:role/nightly-execution"
          scheduler_role "arn:aws:iam::123456789012:role/nightly-scheduler"
          network {
            subnets         subnet-0a1b2c3d4e5f60718
            security_groups sg-0a1b2c3d4e5f60718
          }
        }

        job report {
          schedule %s
          image    "public.ecr.aws/docker/library/busybox:1.36"
          command  %s
          memory   1 GiB
          logs { retention 14d }
        }
        """
            .formatted(schedule, command)
        + (withSecondJob
            ? """

            job cleanup {
              schedule        "rate(1 hour)"
              image           "public.ecr.aws/docker/library/busybox:1.36"
              command         ["true"]
              flexible_window 10m
              retries         3
            }
            """
            : "");
  }

  static List<Artifact> compile(String text) {
    Compiler.Compilation compiled =
        Compiler.compile(new SourceFile("nightly.fgd", text), CompileOptions.defaults());
    assertEquals(List.of(), compiled.diagnostics().stream().filter(Diagnostic::isError).toList());
    return compiled.artifacts();
  }

  PlanResult plan(List<Artifact> artifacts) throws Exception {
    return Planner.plan(
        DesiredState.fromArtifacts("nightly", artifacts),
        new AwsStateReader(account.clients, account.settings));
  }

  ApplyResult apply(List<Artifact> artifacts, boolean prune) throws Exception {
    return new Applier(
            account.clients,
            account.settings,
            ApplyOptions.DEFAULTS.withWait(false).withPrune(prune),
            ApplyListener.none(),
            ProgressListener.none())
        .apply(plan(artifacts));
  }

  GetScheduleResponse schedule(String name) {
    return account.clients.scheduler().getSchedule(r -> r.groupName("nightly").name(name));
  }

  void assertNoChanges(List<Artifact> artifacts) throws Exception {
    PlanResult again = plan(artifacts);
    assertFalse(again.plan().hasChanges(), () -> "changes: " + again.plan().changes());
  }

  @Test
  void createsPlansCleanChangesAndPrunes() throws Exception {
    List<Artifact> first =
        compile(spec("\"cron(0 3 * * ? *)\" in Europe/Paris", "[\"report\"]", true));
    ApplyResult created = apply(first, false);
    assertEquals(Status.APPLIED, created.status(), () -> "errors: " + created.errors());
    assertTrue(
        created.mutatingCalls().contains("Scheduler.CreateScheduleGroup"),
        created.mutatingCalls()::toString);
    GetScheduleResponse report = schedule("report");
    assertEquals("cron(0 3 * * ? *)", report.scheduleExpression());
    assertEquals("Europe/Paris", report.scheduleExpressionTimezone());
    String firstArn = report.target().ecsParameters().taskDefinitionArn();
    assertTrue(firstArn.contains(":task-definition/nightly-report:"), firstArn);
    assertEquals("arn:aws:ecs:us-west-1:123456789012:cluster/nightly-prod", report.target().arn());
    assertEquals(10, schedule("cleanup").flexibleTimeWindow().maximumWindowInMinutes());
    assertEquals(3, schedule("cleanup").target().retryPolicy().maximumRetryAttempts());
    assertNoChanges(first);

    // The expression and time zone: the schedule is updated, the task definition kept.
    List<Artifact> retimed =
        compile(spec("\"cron(30 4 ? * MON-FRI *)\" in America/New_York", "[\"report\"]", true));
    PlanResult retimedPlan = plan(retimed);
    assertEquals(
        List.of("schedule report"),
        retimedPlan.plan().changes().stream().map(c -> c.type().label() + " " + c.name()).toList());
    ApplyResult updated = apply(retimed, false);
    assertEquals(List.of("Scheduler.UpdateSchedule"), updated.mutatingCalls());
    assertEquals("America/New_York", schedule("report").scheduleExpressionTimezone());
    assertEquals(firstArn, schedule("report").target().ecsParameters().taskDefinitionArn());
    assertNoChanges(retimed);

    // The command: a new revision, and the schedule moved to it.
    List<Artifact> recommanded =
        compile(
            spec(
                "\"cron(30 4 ? * MON-FRI *)\" in America/New_York",
                "[\"report\", \"--full\"]",
                true));
    ApplyResult moved = apply(recommanded, false);
    assertEquals(
        List.of("Ecs.RegisterTaskDefinition", "Scheduler.UpdateSchedule"), moved.mutatingCalls());
    String secondArn = schedule("report").target().ecsParameters().taskDefinitionArn();
    assertFalse(secondArn.equals(firstArn), secondArn);
    assertNoChanges(recommanded);

    // A job removed: without --prune it stays, with --prune its schedule and revision go.
    List<Artifact> oneJob =
        compile(
            spec(
                "\"cron(30 4 ? * MON-FRI *)\" in America/New_York",
                "[\"report\", \"--full\"]",
                false));
    List<ResourceChange> removal = plan(oneJob).plan().changes();
    assertEquals(2, removal.size(), removal::toString);
    ApplyResult kept = apply(oneJob, false);
    assertEquals(List.of(), kept.mutatingCalls());
    assertEquals("rate(1 hour)", schedule("cleanup").scheduleExpression());
    String cleanupArn = schedule("cleanup").target().ecsParameters().taskDefinitionArn();
    ApplyResult pruned = apply(oneJob, true);
    assertEquals(
        List.of("Scheduler.DeleteSchedule", "Ecs.DeregisterTaskDefinition"),
        pruned.mutatingCalls());
    assertEquals(
        0,
        account.clients.scheduler().listSchedules(r -> r.groupName("nightly")).schedules().stream()
            .filter(s -> s.name().equals("cleanup"))
            .count());
    assertEquals(
        "INACTIVE",
        account
            .clients
            .ecs()
            .describeTaskDefinition(r -> r.taskDefinition(cleanupArn))
            .taskDefinition()
            .statusAsString());
    assertNoChanges(oneJob);
  }

  @Test
  void aGroupOfTheSameNameThatIsNotTheAppsIsRefused() throws Exception {
    account.clients.scheduler().createScheduleGroup(r -> r.name("nightly"));
    ApplyResult refused = apply(compile(spec("\"rate(1 day)\"", "[\"report\"]", false)), false);
    assertEquals(Status.REFUSED, refused.status());
    assertEquals(List.of(), refused.mutatingCalls());
    assertTrue(
        refused.errors().get(0).contains("is not tagged fgd:app = nightly"), refused::toString);
  }
}
