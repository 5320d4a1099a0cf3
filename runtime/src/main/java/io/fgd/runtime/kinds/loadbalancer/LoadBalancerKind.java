package io.fgd.runtime.kinds.loadbalancer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fgd.runtime.FgdRuntimeException;
import io.fgd.runtime.engine.Action;
import io.fgd.runtime.engine.AppliedChange;
import io.fgd.runtime.engine.ApplyRun;
import io.fgd.runtime.engine.Context;
import io.fgd.runtime.engine.DesiredState;
import io.fgd.runtime.engine.Differ;
import io.fgd.runtime.engine.FieldChange;
import io.fgd.runtime.engine.Fingerprints;
import io.fgd.runtime.engine.Kind;
import io.fgd.runtime.engine.KindRead;
import io.fgd.runtime.engine.ResourceChange;
import io.fgd.runtime.engine.Trees;
import io.fgd.runtime.kinds.securitygroup.SecurityGroupKind;
import io.fgd.runtime.state.AwsStateReader;
import io.fgd.runtime.state.ObservedState;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.CreateListenerRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.CreateLoadBalancerRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerStateEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ModifyListenerRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Tag;

/**
 * fgd's Application Load Balancer of the app and its two listeners: HTTPS on 443 (the spec's
 * certificate and TLS policy, a fixed 404 for what no route takes) and HTTP on 80 (a permanent
 * redirect to HTTPS). Named from the app ({@link LoadBalancerForm#name}) and tagged {@code
 * fgd:app}; a load balancer of that name without the app's tag is never changed (apply refuses to
 * start). Created before the listener rules that attach to its HTTPS listener, and waited for until
 * DescribeLoadBalancers says {@code active}; deleted with {@code --prune} when the spec no longer
 * asks for it (its listeners and their rules go with it).
 */
public final class LoadBalancerKind implements Kind {
  public static final LoadBalancerKind INSTANCE = new LoadBalancerKind();

  /** The ARN of fgd's HTTPS listener, once apply created it. */
  private static final Context.Key<String> HTTPS_LISTENER = Context.Key.of("HTTPS listener ARN");

  public static final String KNOWN_AFTER_APPLY = "(known after apply)";

  public static final int HTTPS = 443;
  static final int HTTP = 80;

  private LoadBalancerKind() {}

  @Override
  public String label() {
    return "load balancer";
  }

  @Override
  public String id() {
    return "load_balancer";
  }

  @Override
  public List<String> dependsOn() {
    return List.of("security_group");
  }

  @Override
  public List<KindRead> reads() {
    return LoadBalancerReads.READS;
  }

  /** The ARN of fgd's HTTPS listener as the plan read it, if it exists. */
  public static Optional<String> httpsListener(ObservedState observed) {
    return LoadBalancerReads.observed(observed)
        .filter(o -> o.tags().containsKey(AwsStateReader.OWNER_TAG)) // never another's listener
        .flatMap(o -> o.listener(HTTPS))
        .map(l -> l.path("ListenerArn").asText());
  }

  /** The ARN of fgd's HTTPS listener in apply: the one apply created, or the one the plan read. */
  public static Optional<String> httpsListener(ApplyRun run) {
    return run.context().get(HTTPS_LISTENER).or(() -> httpsListener(run.observed()));
  }

  private static boolean owned(LoadBalancerReads.Observed o, String app) {
    return app.equals(o.tags().get(AwsStateReader.OWNER_TAG));
  }

  private static String listenerName(String lb, int port) {
    return lb + " " + (port == HTTPS ? "HTTPS:443" : "HTTP:80");
  }

  @Override
  public List<ResourceChange> diffApp(DesiredState desired, ObservedState observed) {
    List<ResourceChange> out = new ArrayList<>();
    Optional<JsonNode> want = LoadBalancerReads.desired(desired);
    Optional<LoadBalancerReads.Observed> live = LoadBalancerReads.observed(observed);
    String name = LoadBalancerForm.name(desired.app());
    if (want.isEmpty()) {
      if (live.isPresent() && owned(live.get(), desired.app())) {
        out.add(Differ.destroy(this, name, Optional.empty(), "the spec no longer asks for it"));
      }
      return out;
    }
    if (live.isPresent() && !owned(live.get(), desired.app())) {
      return out; // refused in refusals()
    }
    ObjectNode wantLb =
        LoadBalancerForm.wanted(
            resolved(
                want.get().path("loadBalancer"), SecurityGroupKind.ids(observed, desired.app())));
    if (live.isEmpty()) {
      out.add(create(name, wantLb));
    } else {
      List<FieldChange> fields =
          Trees.compare(
              LoadBalancerForm.live(live.get().loadBalancer(), live.get().tags()), wantLb);
      if (!fields.isEmpty()) {
        boolean replace =
            fields.stream().anyMatch(f -> LoadBalancerForm.REPLACE_FIELDS.contains(f.path()));
        out.add(
            new ResourceChange(
                this,
                name,
                Optional.empty(),
                replace ? Action.REPLACE : Action.UPDATE,
                fields,
                replace
                    ? Optional.of("a load balancer's scheme, type and address type are fixed")
                    : Optional.empty()));
      }
    }
    for (int port : List.of(HTTPS, HTTP)) {
      ObjectNode wantL =
          LoadBalancerForm.listener(want.get().path(port == HTTPS ? "https" : "http"));
      Optional<ObjectNode> liveL = live.flatMap(o -> o.listener(port));
      if (liveL.isEmpty()) {
        out.add(create(listenerName(name, port), wantL));
        continue;
      }
      List<FieldChange> fields = Trees.compare(LoadBalancerForm.listener(liveL.get()), wantL);
      if (!fields.isEmpty()) {
        out.add(
            new ResourceChange(
                this,
                listenerName(name, port),
                Optional.empty(),
                Action.UPDATE,
                fields,
                Optional.empty()));
      }
    }
    return out;
  }

  private ResourceChange create(String name, ObjectNode form) {
    return new ResourceChange(
        this, name, Optional.empty(), Action.CREATE, Trees.leaves(form), Optional.empty());
  }

  @Override
  public List<String> refusals(
      DesiredState desired, ObservedState observed, List<ResourceChange> all) {
    List<String> out = new ArrayList<>();
    Optional<LoadBalancerReads.Observed> live = LoadBalancerReads.observed(observed);
    if (LoadBalancerReads.desired(desired).isPresent()
        && live.isPresent()
        && !owned(live.get(), desired.app())) {
      out.add(
          "Load balancer \""
              + LoadBalancerForm.name(desired.app())
              + "\" exists but does not carry the tag fgd:app = "
              + desired.app()
              + ": fgd did not create it and does not change it. Rename or delete it, or name its"
              + " HTTPS listener with `listener \"ARN\"` instead.");
    }
    for (ResourceChange c : all) {
      if (c.type() == this && c.action() == Action.REPLACE) {
        out.add(
            "Load balancer \""
                + c.name()
                + "\" would have to be replaced (its scheme changed), which gives it a new DNS"
                + " name; fgd does not do that on its own. Delete it (fgd apply --prune without"
                + " the load balancer), then apply again.");
      }
    }
    return out;
  }

  @Override
  public void fingerprint(ObservedState observed, Map<String, String> out) {
    LoadBalancerReads.observed(observed)
        .ifPresent(
            o -> {
              StringBuilder text =
                  new StringBuilder(LoadBalancerForm.live(o.loadBalancer(), o.tags()).toString());
              o.listeners().forEach(l -> text.append(LoadBalancerForm.listener(l)));
              out.put(
                  "loadBalancer/" + o.arn(),
                  Fingerprints.sha256(text.toString().getBytes(StandardCharsets.UTF_8)));
            });
  }

  // ---- apply ----

  @Override
  public void applyApp(List<ResourceChange> changes, ApplyRun run) throws FgdRuntimeException {
    Optional<JsonNode> want = LoadBalancerReads.desired(run.desired());
    if (want.isEmpty()) {
      return; // its destroy waits for pruneApp
    }
    Optional<LoadBalancerReads.Observed> live = LoadBalancerReads.observed(run.observed());
    String name = LoadBalancerForm.name(run.app());
    String arn = live.map(LoadBalancerReads.Observed::arn).orElse("");
    for (ResourceChange c : changes) {
      if (c.name().equals(name) && c.action() == Action.CREATE) {
        arn = createLoadBalancer(want.get().path("loadBalancer"), run);
      } else if (c.name().equals(name) && c.action() == Action.UPDATE) {
        updateLoadBalancer(arn, want.get().path("loadBalancer"), run);
      }
    }
    for (int port : List.of(HTTPS, HTTP)) {
      JsonNode listener = want.get().path(port == HTTPS ? "https" : "http");
      for (ResourceChange c : changes) {
        if (!c.name().equals(listenerName(name, port))) {
          continue;
        }
        if (c.action() == Action.CREATE) {
          ObjectNode request = listener.deepCopy();
          request.put("LoadBalancerArn", arn);
          CreateListenerRequest create =
              ApplyRun.fromJson(request, CreateListenerRequest.builder(), "routes.json");
          String listenerArn =
              run.call(
                      "creating listener " + c.name(),
                      () -> run.clients().elb().createListener(create))
                  .listeners()
                  .get(0)
                  .listenerArn();
          if (port == HTTPS) {
            run.context().put(HTTPS_LISTENER, listenerArn);
          }
          run.changed(new AppliedChange(this, c.name(), Optional.empty(), "created", ""));
        } else if (c.action() == Action.UPDATE) {
          String listenerArn =
              live.flatMap(o -> o.listener(port))
                  .map(l -> l.path("ListenerArn").asText())
                  .orElseThrow();
          ObjectNode request = listener.deepCopy();
          request.remove("Tags");
          request.put("ListenerArn", listenerArn);
          ModifyListenerRequest modify =
              ApplyRun.fromJson(request, ModifyListenerRequest.builder(), "routes.json");
          run.call(
              "changing listener " + c.name(), () -> run.clients().elb().modifyListener(modify));
          run.changed(new AppliedChange(this, c.name(), Optional.empty(), "updated", ""));
        }
      }
    }
  }

  /** The CreateLoadBalancer request with fgd's security groups' ids in place of references. */
  static ObjectNode resolved(JsonNode create, Map<String, String> ids) {
    ObjectNode copy = create.deepCopy();
    com.fasterxml.jackson.databind.node.ArrayNode groups = copy.putArray("SecurityGroups");
    create
        .path("SecurityGroups")
        .forEach(g -> groups.add(ids.getOrDefault(g.asText(), g.asText())));
    return copy;
  }

  private String createLoadBalancer(JsonNode want, ApplyRun run) throws FgdRuntimeException {
    JsonNode create = resolved(want, SecurityGroupKind.ids(run));
    CreateLoadBalancerRequest request =
        ApplyRun.fromJson(create, CreateLoadBalancerRequest.builder(), "routes.json");
    String name = create.path("Name").asText();
    String arn =
        run.call(
                "creating load balancer " + name,
                () -> run.clients().elb().createLoadBalancer(request))
            .loadBalancers()
            .get(0)
            .loadBalancerArn();
    awaitActive(arn, name, run);
    run.changed(new AppliedChange(this, name, Optional.empty(), "created", "active"));
    return arn;
  }

  /**
   * Waits until DescribeLoadBalancers says {@code active}: CreateLoadBalancer answers {@code
   * provisioning}, and a load balancer takes minutes to become active (ELBv2 API reference,
   * LoadBalancerState). {@code failed} is an error with ELBv2's reason; the apply's --timeout
   * bounds the wait.
   */
  static void awaitActive(String arn, String name, ApplyRun run) throws FgdRuntimeException {
    Duration pause = Duration.ofSeconds(2);
    while (true) {
      var state =
          run.call(
                  "waiting for load balancer " + name,
                  () -> run.clients().elb().describeLoadBalancers(r -> r.loadBalancerArns(arn)))
              .loadBalancers()
              .get(0)
              .state();
      if (state != null && state.code() == LoadBalancerStateEnum.ACTIVE) {
        return;
      }
      if (state != null
          && (state.code() == LoadBalancerStateEnum.FAILED
              || state.code() == LoadBalancerStateEnum.ACTIVE_IMPAIRED)) {
        throw new FgdRuntimeException(
            "Load balancer "
                + name
                + " is "
                + state.codeAsString()
                + Optional.ofNullable(state.reason()).map(r -> ": " + r).orElse("")
                + ".");
      }
      if (!run.clock().instant().plus(pause).isBefore(run.deadline())) {
        throw new FgdRuntimeException(
            "Load balancer "
                + name
                + " is still "
                + (state == null ? "provisioning" : state.codeAsString())
                + " at the end of --timeout; run fgd apply again to wait for it.");
      }
      try {
        run.sleeper().sleep(pause);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new FgdRuntimeException(
            "Interrupted while waiting for load balancer " + name + "; run fgd apply again.");
      }
      pause =
          pause.multipliedBy(2).compareTo(Duration.ofSeconds(15)) > 0
              ? pause
              : pause.multipliedBy(2);
    }
  }

  private void updateLoadBalancer(String arn, JsonNode want, ApplyRun run)
      throws FgdRuntimeException {
    JsonNode create = resolved(want, SecurityGroupKind.ids(run));
    String name = create.path("Name").asText();
    List<String> groups = new ArrayList<>();
    create.path("SecurityGroups").forEach(g -> groups.add(g.asText()));
    run.call(
        "setting the security groups of load balancer " + name,
        () ->
            run.clients()
                .elb()
                .setSecurityGroups(r -> r.loadBalancerArn(arn).securityGroups(groups)));
    List<String> subnets = new ArrayList<>();
    create.path("Subnets").forEach(s -> subnets.add(s.asText()));
    run.call(
        "setting the subnets of load balancer " + name,
        () -> run.clients().elb().setSubnets(r -> r.loadBalancerArn(arn).subnets(subnets)));
    List<Tag> tags = new ArrayList<>();
    LoadBalancerForm.tags(create.path("Tags"))
        .forEach((k, v) -> tags.add(Tag.builder().key(k).value(v).build()));
    run.call(
        "tagging load balancer " + name,
        () -> run.clients().elb().addTags(r -> r.resourceArns(arn).tags(tags)));
    run.changed(new AppliedChange(this, name, Optional.empty(), "updated", ""));
  }

  /** Deletes fgd's load balancer, with its listeners and their rules, after every service. */
  @Override
  public void pruneApp(List<ResourceChange> changes, ApplyRun run) throws FgdRuntimeException {
    Optional<LoadBalancerReads.Observed> live = LoadBalancerReads.observed(run.observed());
    for (ResourceChange c : changes) {
      if (c.action() != Action.DESTROY || live.isEmpty() || !owned(live.get(), run.app())) {
        continue;
      }
      String arn = live.get().arn();
      run.call(
          "deleting load balancer " + c.name(),
          () -> run.clients().elb().deleteLoadBalancer(r -> r.loadBalancerArn(arn)));
      run.changed(new AppliedChange(this, c.name(), Optional.empty(), "deleted", ""));
    }
  }
}
