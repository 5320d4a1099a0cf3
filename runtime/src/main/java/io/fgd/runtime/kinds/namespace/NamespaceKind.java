package io.fgd.runtime.kinds.namespace;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.fgd.runtime.FgdRuntimeException;
import io.fgd.runtime.deploy.Sleeper;
import io.fgd.runtime.engine.Action;
import io.fgd.runtime.engine.AppliedChange;
import io.fgd.runtime.engine.ApplyRun;
import io.fgd.runtime.engine.DesiredState;
import io.fgd.runtime.engine.Differ;
import io.fgd.runtime.engine.FieldChange;
import io.fgd.runtime.engine.Kind;
import io.fgd.runtime.engine.KindRead;
import io.fgd.runtime.engine.ResourceChange;
import io.fgd.runtime.state.AwsStateReader;
import io.fgd.runtime.state.ObservedState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.servicediscovery.model.GetOperationResponse;
import software.amazon.awssdk.services.servicediscovery.model.Operation;
import software.amazon.awssdk.services.servicediscovery.model.OperationStatus;
import software.amazon.awssdk.services.servicediscovery.model.Tag;

/**
 * The app's Cloud Map HTTP namespace, in which ECS Service Connect registers the ports services
 * offer. Created before the services that use it (when the spec names it by name and it does not
 * exist), tagged {@code fgd:app}; a namespace of that name that fgd did not create is used as it
 * is, and one named by ARN is never touched. Deleted with {@code --prune}, after the services, only
 * when fgd created it for this app and the spec no longer uses it.
 *
 * <p>Cloud Map creates and deletes namespaces asynchronously: the call returns an operation id, and
 * the namespace is there (or gone) only when GetOperation says SUCCESS; apply waits for that, and a
 * FAIL is an error with Cloud Map's words.
 */
public final class NamespaceKind implements Kind {
  public static final NamespaceKind INSTANCE = new NamespaceKind();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** How long apply waits for a namespace operation; Cloud Map's usually take seconds. */
  static final Duration OPERATION_TIMEOUT = Duration.ofMinutes(5);

  private static final Sleeper SLEEPER = Sleeper.system();

  private NamespaceKind() {}

  @Override
  public String label() {
    return "Cloud Map namespace";
  }

  @Override
  public String id() {
    return "cloudmap_namespace";
  }

  @Override
  public List<String> dependsOn() {
    return List.of();
  }

  @Override
  public List<KindRead> reads() {
    return NamespaceReads.READS;
  }

  @Override
  public List<ResourceChange> diffApp(DesiredState desired, ObservedState observed) {
    Optional<String> want = NamespaceReads.desired(desired);
    Map<String, ObservedNamespace> live = NamespaceReads.namespaces(observed);
    List<ResourceChange> out = new ArrayList<>();
    if (want.isPresent() && !want.get().startsWith("arn:") && !live.containsKey(want.get())) {
      out.add(
          new ResourceChange(
              this,
              want.get(),
              Optional.empty(),
              Action.CREATE,
              List.of(
                  FieldChange.added(".name", NODES.textNode(want.get())),
                  FieldChange.added(".type", NODES.textNode("HTTP")),
                  FieldChange.added(
                      ".tags[\"" + AwsStateReader.OWNER_TAG + "\"]",
                      NODES.textNode(desired.app()))),
              Optional.empty()));
    }
    for (ObservedNamespace n : live.values()) {
      boolean inUse = want.map(w -> w.equals(n.name()) || w.equals(n.arn())).orElse(false);
      if (n.ownedBy(desired.app()) && !inUse) {
        out.add(Differ.destroy(this, n.name(), Optional.empty(), "the spec no longer uses it"));
      }
    }
    return out;
  }

  @Override
  public void fingerprint(ObservedState observed, Map<String, String> out) {
    NamespaceReads.namespaces(observed)
        .forEach((name, n) -> out.put("namespace/" + name, n.fingerprint()));
  }

  @Override
  public void applyApp(List<ResourceChange> changes, ApplyRun run) throws FgdRuntimeException {
    for (ResourceChange c : changes) {
      if (c.action() == Action.DESTROY && !run.options().prune()) {
        run.note(
            "Cloud Map namespace \""
                + c.name()
                + "\" carries this app's fgd:app tag but the spec no longer uses it; it was left."
                + " Pass --prune to delete it.");
      }
      if (c.action() != Action.CREATE) {
        continue; // a destroy waits for pruneApp, after every service is applied
      }
      String name = c.name();
      String operation =
          run.call(
                  "creating Cloud Map namespace " + name,
                  () ->
                      run.clients()
                          .cloudMap()
                          .createHttpNamespace(
                              r ->
                                  r.name(name)
                                      // one per apply: a create the SDK retries is not a second
                                      .creatorRequestId(requestId(run, name))
                                      .description(NamespaceReads.description(run.app()))
                                      .tags(
                                          Tag.builder()
                                              .key(AwsStateReader.OWNER_TAG)
                                              .value(run.app())
                                              .build())))
              .operationId();
      await(run, operation, "creating Cloud Map namespace " + name);
      run.changed(new AppliedChange(this, name, Optional.empty(), "created", ""));
    }
  }

  @Override
  public void pruneApp(List<ResourceChange> changes, ApplyRun run) throws FgdRuntimeException {
    Map<String, ObservedNamespace> live = NamespaceReads.namespaces(run.observed());
    for (ResourceChange c : changes) {
      ObservedNamespace n = live.get(c.name());
      if (c.action() != Action.DESTROY || n == null || !n.ownedBy(run.app())) {
        continue;
      }
      String operation =
          run.call(
                  "deleting Cloud Map namespace " + n.name(),
                  () -> run.clients().cloudMap().deleteNamespace(r -> r.id(n.id())))
              .operationId();
      await(run, operation, "deleting Cloud Map namespace " + n.name());
      run.changed(new AppliedChange(this, n.name(), Optional.empty(), "deleted", ""));
    }
  }

  private static String requestId(ApplyRun run, String name) {
    String id = "fgd-" + run.clientToken() + "-" + name;
    // CreatorRequestId: at most 64 characters (Cloud Map API reference, CreateHttpNamespace).
    return id.length() <= 64 ? id : id.substring(0, 64);
  }

  /**
   * Waits for a Cloud Map operation: done only on SUCCESS; FAIL is an error with Cloud Map's code
   * and message; still SUBMITTED or PENDING after {@link #OPERATION_TIMEOUT} is an error too.
   */
  static void await(ApplyRun run, String operationId, String action) throws FgdRuntimeException {
    Instant deadline = Instant.now().plus(OPERATION_TIMEOUT);
    Duration pause = Duration.ofMillis(500);
    while (true) {
      GetOperationResponse response =
          run.call(
              action + " (operation " + operationId + ")",
              () -> run.clients().cloudMap().getOperation(r -> r.operationId(operationId)));
      Operation op = response.operation();
      if (op.status() == OperationStatus.SUCCESS) {
        return;
      }
      if (op.status() == OperationStatus.FAIL) {
        throw new FgdRuntimeException(
            "Cloud Map refused "
                + action
                + ": "
                + Optional.ofNullable(op.errorCode()).orElse("FAIL")
                + " "
                + Optional.ofNullable(op.errorMessage()).orElse(""));
      }
      if (Instant.now().isAfter(deadline)) {
        throw new FgdRuntimeException(
            action
                + " did not finish within "
                + OPERATION_TIMEOUT.toMinutes()
                + " minutes (Cloud Map operation "
                + operationId
                + " is "
                + op.statusAsString()
                + "); run fgd apply again to wait.");
      }
      try {
        SLEEPER.sleep(pause);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new FgdRuntimeException(
            "Interrupted while " + action + "; run fgd apply again to finish.");
      }
      pause =
          pause.multipliedBy(2).compareTo(Duration.ofSeconds(5)) > 0
              ? Duration.ofSeconds(5)
              : pause.multipliedBy(2);
    }
  }
}
