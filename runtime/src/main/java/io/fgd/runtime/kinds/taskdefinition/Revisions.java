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
import software.amazon.awssdk.services.ecs.model.Deployment;
import software.amazon.awssdk.services.ecs.model.SortOrder;
import software.amazon.awssdk.services.ecs.model.TaskDefinitionStatus;

/** The registered revisions of a service's family: reuse before registering, clean-up after. */
final class Revisions {
  /**
   * How many of a family's newest ACTIVE revisions are compared with the spec before registering.
   */
  static final int REUSE_CANDIDATES = 10;

  private final ServiceStep step;
  private final ApplyRun run;
  private final DesiredService want;

  Revisions(ServiceStep step) {
    this.step = step;
    this.run = step.run();
    this.want = step.want();
  }

  /** The newest ACTIVE revision of the family equal to {@code td}, among the newest few. */
  Optional<String> findEqual(ObjectNode td) throws FgdRuntimeException {
    for (String arn : active(REUSE_CANDIDATES)) {
      ObjectNode registered = run.reader().readTaskDefinition(arn);
      if (TaskDefinitionForm.same(registered, td)) {
        return Optional.of(arn);
      }
    }
    return Optional.empty();
  }

  /** ACTIVE revisions of exactly this family, newest first; at most {@code limit} unless 0. */
  private List<String> active(int limit) throws FgdRuntimeException {
    List<String> arns = new ArrayList<>();
    String token = null;
    do {
      String next = token;
      var response =
          run.call(
              "listing the revisions of task definition " + want.family(),
              () ->
                  run.clients()
                      .ecs()
                      .listTaskDefinitions(
                          r ->
                              r.familyPrefix(want.family())
                                  .status(TaskDefinitionStatus.ACTIVE)
                                  .sort(SortOrder.DESC)
                                  .nextToken(next)));
      arns.addAll(response.taskDefinitionArns());
      token = response.nextToken();
    } while (token != null && (limit == 0 || arns.size() < limit));
    List<String> mineOnly =
        new ArrayList<>(arns.stream().filter(a -> familyOf(a).equals(want.family())).toList());
    // Not every ECS-compatible server sorts; the revision number decides.
    mineOnly.sort(Comparator.comparingInt(Revisions::revisionOf).reversed());
    return limit == 0 || mineOnly.size() <= limit ? mineOnly : mineOnly.subList(0, limit);
  }

  /**
   * Keeps the newest {@code keepRevisions} ACTIVE revisions; deregisters older ones that carry this
   * app's fgd:app tag, except any a deployment of the service still runs.
   */
  void deregisterOld(String current) throws FgdRuntimeException {
    List<String> active = active(0);
    int keep = run.options().keepRevisions();
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
      ObjectNode td = run.reader().readTaskDefinition(arn);
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
