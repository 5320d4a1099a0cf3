package io.fgd.runtime.kinds.taskdefinition;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fgd.runtime.Arns;
import io.fgd.runtime.FgdRuntimeException;
import io.fgd.runtime.engine.ApplyRun;
import io.fgd.runtime.engine.DesiredService;
import io.fgd.runtime.engine.ServiceStep;
import io.fgd.runtime.state.AwsStateReader;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.ecs.model.ClientException;
import software.amazon.awssdk.services.ecs.model.Deployment;
import software.amazon.awssdk.services.ecs.model.SortOrder;
import software.amazon.awssdk.services.ecs.model.TaskDefinitionStatus;

/**
 * The registered revisions of a service's family: the one to reuse before registering, the old ones
 * to clean up after a successful rollout. Neither costs a request per revision: a re-apply or a
 * revert needs only the service's own revision (which the plan read) and the one before it; a
 * clean-up looks only at the revisions beyond {@code --keep-revisions}.
 */
final class Revisions {
  private final ServiceStep step;
  private final ApplyRun run;
  private final DesiredService want;

  Revisions(ServiceStep step) {
    this.step = step;
    this.run = step.run();
    this.want = step.want();
  }

  /**
   * The revision before the one the service runs, if it is ACTIVE and equal to {@code td}: what a
   * revert deploys again instead of registering a copy. One DescribeTaskDefinition.
   */
  Optional<String> previousIfEqual(String running, ObjectNode td) throws FgdRuntimeException {
    int revision = revisionOf(running);
    if (revision < 2 || !familyOf(running).equals(want.family())) {
      return Optional.empty();
    }
    String previous = want.family() + ":" + (revision - 1);
    ObjectNode registered;
    try {
      registered = TaskDefinitionReads.api(run.reader()).readTaskDefinition(previous);
    } catch (FgdRuntimeException e) {
      if (e.getCause() instanceof ClientException) {
        return Optional.empty(); // deregistered and gone, or never there
      }
      throw e;
    }
    if (!"ACTIVE".equals(registered.path("status").asText("ACTIVE"))
        || !TaskDefinitionForm.same(registered, td)) {
      return Optional.empty();
    }
    return Optional.of(registered.path("taskDefinitionArn").asText(previous));
  }

  /**
   * Keeps the newest {@code keepRevisions} ACTIVE revisions; deregisters older ones that carry this
   * app's fgd:app tag, except any a deployment of the service still runs. The listing stops at the
   * first page when the family has no more than that many.
   */
  void deregisterOld(String current) throws FgdRuntimeException {
    int keep = run.options().keepRevisions();
    List<String> active =
        run.call(
            "listing the revisions of task definition " + want.family(),
            () -> {
              List<String> arns = new ArrayList<>();
              run.clients()
                  .ecs()
                  .listTaskDefinitionsPaginator(
                      r ->
                          r.familyPrefix(want.family())
                              .status(TaskDefinitionStatus.ACTIVE)
                              .sort(SortOrder.DESC))
                  .taskDefinitionArns()
                  .forEach(
                      a -> {
                        if (familyOf(a).equals(want.family())) {
                          arns.add(a);
                        }
                      });
              return arns;
            });
    // Not every ECS-compatible server sorts; the revision number decides.
    active.sort(Comparator.comparingInt(Revisions::revisionOf).reversed());
    if (active.size() <= keep) {
      return;
    }
    Set<String> inUse = new HashSet<>();
    inUse.add(current);
    var described =
        run.call(
            "reading service " + want.name(),
            () ->
                run.clients()
                    .ecs()
                    .describeServices(r -> r.cluster(run.cluster()).services(want.name())));
    described
        .services()
        .forEach(
            s -> {
              inUse.add(s.taskDefinition());
              s.deployments().stream().map(Deployment::taskDefinition).forEach(inUse::add);
            });
    for (String arn : active.subList(keep, active.size())) {
      if (inUse.contains(arn)) {
        continue;
      }
      ObjectNode td = TaskDefinitionReads.api(run.reader()).readTaskDefinition(arn);
      if (!run.app().equals(ApplyRun.tags(td.path("tags")).get(AwsStateReader.OWNER_TAG))) {
        continue; // not registered by fgd for this app: not ours to clean up
      }
      run.call(
          "deregistering " + shortName(arn),
          () -> run.clients().ecs().deregisterTaskDefinition(r -> r.taskDefinition(arn)));
      step.changed(TaskDefinitionKind.INSTANCE, want.family(), "deregistered", shortName(arn));
    }
  }

  /** "sheets-api:4" from an ARN. */
  static String shortName(String arn) {
    return Arns.lastSegment(arn);
  }

  static String familyOf(String arn) {
    String s = shortName(arn);
    int colon = s.lastIndexOf(':');
    return colon < 0 ? s : s.substring(0, colon);
  }

  static int revisionOf(String arn) {
    String s = shortName(arn);
    try {
      return Integer.parseInt(s.substring(s.lastIndexOf(':') + 1));
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
