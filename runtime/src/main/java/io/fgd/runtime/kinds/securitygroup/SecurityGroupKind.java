package io.fgd.runtime.kinds.securitygroup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fgd.compiler.emit.ecs.RouteEmitter;
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
import io.fgd.runtime.engine.StepFailedException;
import io.fgd.runtime.engine.Trees;
import io.fgd.runtime.kinds.loadbalancer.LoadBalancerReads;
import io.fgd.runtime.kinds.targetgroup.TargetGroupReads;
import io.fgd.runtime.state.AwsStateReader;
import io.fgd.runtime.state.ObservedState;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Tag;

/**
 * The two security groups of an app with fgd's load balancer: the load balancer's (443 and 80 from
 * the CIDRs the spec allows) and the tasks' (the load balancer's group on the routed container
 * ports, and the tasks' own group on the ports they offer through Service Connect). Created in the
 * VPC of the app's subnets, tagged {@code fgd:app}; a group of fgd's name without the app's tag is
 * refused and never changed. Their ingress rules are compared as a set ({@code "tcp 443 from
 * 0.0.0.0/0"}): missing ones are authorized, others revoked; egress is EC2's default and not
 * managed. Deleted with {@code --prune} after the load balancer when the spec no longer asks for
 * it: the tasks' group first (its rules name the load balancer's).
 */
public final class SecurityGroupKind implements Kind {
  public static final SecurityGroupKind INSTANCE = new SecurityGroupKind();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  public static final String KNOWN_AFTER_APPLY = "(known after apply)";

  /** The ids of the groups apply created, by {@code fgd:securitygroup/NAME}. */
  private static final Context.Key<Map<String, String>> IDS = Context.Key.of("security group ids");

  private SecurityGroupKind() {}

  @Override
  public String label() {
    return "security group";
  }

  @Override
  public String id() {
    return "security_group";
  }

  @Override
  public List<String> dependsOn() {
    return List.of();
  }

  @Override
  public List<KindRead> reads() {
    return SecurityGroupReads.READS;
  }

  /** The live group of this name in the VPC of the app's subnets (any VPC when that is unknown). */
  private static Optional<ObjectNode> live(ObservedState observed, String name) {
    Optional<String> vpc = TargetGroupReads.listing(observed).vpcId();
    return SecurityGroupReads.groups(observed).getOrDefault(name, List.of()).stream()
        .filter(g -> vpc.isEmpty() || vpc.get().equals(g.path("VpcId").asText()))
        .findFirst();
  }

  private static Map<String, String> tags(JsonNode group) {
    Map<String, String> out = new TreeMap<>();
    group.path("Tags").forEach(t -> out.put(t.path("Key").asText(), t.path("Value").asText()));
    return out;
  }

  static boolean owned(JsonNode group, String app) {
    return app.equals(tags(group).get(AwsStateReader.OWNER_TAG));
  }

  /** The ids of fgd's groups by their references, as the plan saw them. */
  public static Map<String, String> ids(ObservedState observed, String app) {
    Map<String, String> out = new HashMap<>();
    for (String name : SecurityGroupReads.names(app)) {
      out.put(
          RouteEmitter.SECURITY_GROUP_REF + name,
          live(observed, name).map(g -> g.path("GroupId").asText()).orElse(KNOWN_AFTER_APPLY));
    }
    return out;
  }

  /** In apply: the ids of the groups apply created, with those the plan saw. */
  public static Map<String, String> ids(ApplyRun run) {
    Map<String, String> out = ids(run.observed(), run.app());
    out.putAll(run.context().getOrDefault(IDS, Map.of()));
    return out;
  }

  /** A group's ingress rules, normalised: {@code "tcp PORT from CIDR|sg-ID"}. */
  static TreeSet<String> ingress(JsonNode group) {
    TreeSet<String> out = new TreeSet<>();
    for (JsonNode p : group.path("IpPermissions")) {
      String proto = p.path("IpProtocol").asText();
      int from = p.path("FromPort").asInt(-1);
      int to = p.path("ToPort").asInt(-1);
      String ports = from == to ? String.valueOf(from) : from + "-" + to;
      String head = (proto.equals("-1") ? "all" : proto) + " " + ports + " from ";
      p.path("IpRanges").forEach(r -> out.add(head + r.path("CidrIp").asText()));
      p.path("Ipv6Ranges").forEach(r -> out.add(head + r.path("CidrIpv6").asText()));
      p.path("UserIdGroupPairs").forEach(r -> out.add(head + r.path("GroupId").asText()));
      p.path("PrefixListIds").forEach(r -> out.add(head + r.path("PrefixListId").asText()));
    }
    return out;
  }

  /** routes.json's ingress rules with fgd's references replaced by ids. */
  static TreeSet<String> wanted(JsonNode group, Map<String, String> ids) {
    TreeSet<String> out = new TreeSet<>();
    for (JsonNode rule : group.path("Ingress")) {
      String text = rule.asText();
      for (var e : ids.entrySet()) {
        if (text.endsWith(" from " + e.getKey())) {
          text = text.substring(0, text.length() - e.getKey().length()) + e.getValue();
        }
      }
      out.add(text);
    }
    return out;
  }

  private static ObjectNode form(String vpc, TreeSet<String> ingress, Map<String, String> tags) {
    ObjectNode out = NODES.objectNode();
    out.put("VpcId", vpc);
    ObjectNode i = out.putObject("Ingress");
    ingress.forEach(r -> i.put(r, "allowed"));
    ObjectNode t = out.putObject("Tags");
    new TreeMap<>(tags).forEach(t::put);
    return out;
  }

  private static List<JsonNode> desiredGroups(DesiredState desired) {
    List<JsonNode> out = new ArrayList<>();
    LoadBalancerReads.desired(desired)
        .ifPresent(
            lb -> {
              out.add(lb.path("securityGroups").path("loadBalancer"));
              out.add(lb.path("securityGroups").path("tasks"));
            });
    return out;
  }

  private static Map<String, String> desiredTags(JsonNode group) {
    Map<String, String> out = new TreeMap<>();
    group.path("Tags").forEach(t -> out.put(t.path("Key").asText(), t.path("Value").asText()));
    return out;
  }

  @Override
  public List<ResourceChange> diffApp(DesiredState desired, ObservedState observed) {
    List<ResourceChange> out = new ArrayList<>();
    List<JsonNode> groups = desiredGroups(desired);
    Map<String, String> ids = ids(observed, desired.app());
    String vpc = TargetGroupReads.listing(observed).vpcId().orElse(KNOWN_AFTER_APPLY);
    for (JsonNode g : groups) {
      String name = g.path("GroupName").asText();
      ObjectNode want = form(vpc, wanted(g, ids), desiredTags(g));
      Optional<ObjectNode> live = live(observed, name);
      if (live.isEmpty()) {
        out.add(
            new ResourceChange(
                this, name, Optional.empty(), Action.CREATE, Trees.leaves(want), Optional.empty()));
        continue;
      }
      if (!owned(live.get(), desired.app())) {
        continue; // refused
      }
      ObjectNode have =
          form(live.get().path("VpcId").asText(), ingress(live.get()), tags(live.get()));
      List<FieldChange> fields = Trees.compare(have, want);
      if (!fields.isEmpty()) {
        out.add(
            new ResourceChange(
                this, name, Optional.empty(), Action.UPDATE, fields, Optional.empty()));
      }
    }
    if (groups.isEmpty()) {
      // tasks first: its rules name the load balancer's group
      List<String> names = new ArrayList<>(SecurityGroupReads.names(desired.app()));
      java.util.Collections.reverse(names);
      for (String name : names) {
        live(observed, name)
            .filter(g -> owned(g, desired.app()))
            .ifPresent(
                g ->
                    out.add(
                        Differ.destroy(
                            this,
                            name,
                            Optional.empty(),
                            "the spec has no load balancer of fgd's")));
      }
    }
    return out;
  }

  @Override
  public List<String> refusals(
      DesiredState desired, ObservedState observed, List<ResourceChange> all) {
    List<String> out = new ArrayList<>();
    for (JsonNode g : desiredGroups(desired)) {
      String name = g.path("GroupName").asText();
      live(observed, name)
          .filter(live -> !owned(live, desired.app()))
          .ifPresent(
              live ->
                  out.add(
                      "Security group \""
                          + name
                          + "\" ("
                          + live.path("GroupId").asText()
                          + ") exists but does not carry the tag fgd:app = "
                          + desired.app()
                          + ": fgd never changes a security group it did not create. Rename or"
                          + " delete it."));
    }
    return out;
  }

  @Override
  public void fingerprint(ObservedState observed, Map<String, String> out) {
    SecurityGroupReads.groups(observed)
        .forEach(
            (name, list) ->
                list.forEach(
                    g ->
                        out.put(
                            "securityGroup/" + g.path("GroupId").asText(),
                            Fingerprints.sha256(
                                form(g.path("VpcId").asText(), ingress(g), tags(g))
                                    .toString()
                                    .getBytes(StandardCharsets.UTF_8)))));
  }

  // ---- apply ----

  @Override
  public void applyApp(List<ResourceChange> changes, ApplyRun run) throws FgdRuntimeException {
    List<JsonNode> groups = desiredGroups(run.desired());
    if (groups.isEmpty()) {
      return; // their destroys wait for pruneApp
    }
    Map<String, String> created = new HashMap<>();
    String vpc =
        TargetGroupReads.listing(run.observed())
            .vpcId()
            .orElseThrow(
                () ->
                    new FgdRuntimeException(
                        "The VPC of the app's subnets is unknown: DescribeSubnets found none of"
                            + " them."));
    // 1. The groups to create, without rules (the tasks' rules name the load balancer's group).
    for (JsonNode g : groups) {
      String name = g.path("GroupName").asText();
      if (changes.stream().anyMatch(c -> c.name().equals(name) && c.action() == Action.CREATE)) {
        List<Tag> tags = new ArrayList<>();
        desiredTags(g).forEach((k, v) -> tags.add(Tag.builder().key(k).value(v).build()));
        String id =
            run.call(
                    "creating security group " + name,
                    () ->
                        run.clients()
                            .ec2()
                            .createSecurityGroup(
                                r ->
                                    r.groupName(name)
                                        .description(g.path("Description").asText())
                                        .vpcId(vpc)
                                        .tagSpecifications(
                                            s ->
                                                s.resourceType(ResourceType.SECURITY_GROUP)
                                                    .tags(tags))))
                .groupId();
        created.put(RouteEmitter.SECURITY_GROUP_REF + name, id);
        run.changed(new AppliedChange(this, name, Optional.empty(), "created", id));
      }
    }
    Map<String, String> ids = ids(run.observed(), run.app());
    ids.putAll(created);
    run.context().put(IDS, created);
    // 2. The rules: what is missing is authorized, what the spec does not say is revoked.
    for (JsonNode g : groups) {
      String name = g.path("GroupName").asText();
      String ref = RouteEmitter.SECURITY_GROUP_REF + name;
      boolean changed =
          changes.stream()
              .anyMatch(
                  c ->
                      c.name().equals(name)
                          && (c.action() == Action.CREATE || c.action() == Action.UPDATE));
      if (!changed) {
        continue;
      }
      Optional<ObjectNode> live = live(run.observed(), name);
      if (live.isPresent() && !owned(live.get(), run.app())) {
        throw new FgdRuntimeException(
            "Security group " + name + " is not fgd's (no fgd:app tag); it was not changed.");
      }
      String id = ids.get(ref);
      TreeSet<String> have = live.map(SecurityGroupKind::ingress).orElseGet(TreeSet::new);
      TreeSet<String> want = wanted(g, ids);
      List<IpPermission> revoke = new ArrayList<>();
      have.stream().filter(r -> !want.contains(r)).forEach(r -> revoke.add(permission(r)));
      List<IpPermission> authorize = new ArrayList<>();
      want.stream().filter(r -> !have.contains(r)).forEach(r -> authorize.add(permission(r)));
      if (!revoke.isEmpty()) {
        run.call(
            "revoking ingress rules of security group " + name,
            () ->
                run.clients()
                    .ec2()
                    .revokeSecurityGroupIngress(r -> r.groupId(id).ipPermissions(revoke)));
      }
      if (!authorize.isEmpty()) {
        run.call(
            "authorizing ingress rules of security group " + name,
            () ->
                run.clients()
                    .ec2()
                    .authorizeSecurityGroupIngress(r -> r.groupId(id).ipPermissions(authorize)));
      }
      if (live.isPresent()) {
        List<Tag> tags = new ArrayList<>();
        desiredTags(g).forEach((k, v) -> tags.add(Tag.builder().key(k).value(v).build()));
        run.call(
            "tagging security group " + name,
            () -> run.clients().ec2().createTags(r -> r.resources(id).tags(tags)));
        run.changed(new AppliedChange(this, name, Optional.empty(), "updated", id));
      }
    }
  }

  /** {@code "tcp 443 from 0.0.0.0/0"} or {@code "tcp 80 from sg-..."} as an IpPermission. */
  static IpPermission permission(String rule) {
    String[] parts = rule.split(" ");
    String proto = parts[0].equals("all") ? "-1" : parts[0];
    String[] ports = parts[1].split("-(?=\\d)");
    int from = Integer.parseInt(ports[0]);
    int to = ports.length > 1 ? Integer.parseInt(ports[1]) : from;
    String source = parts[3];
    IpPermission.Builder p = IpPermission.builder().ipProtocol(proto).fromPort(from).toPort(to);
    if (source.startsWith("sg-")) {
      p.userIdGroupPairs(u -> u.groupId(source));
    } else if (source.startsWith("pl-")) {
      p.prefixListIds(l -> l.prefixListId(source));
    } else if (source.contains(":")) {
      p.ipv6Ranges(r -> r.cidrIpv6(source));
    } else {
      p.ipRanges(r -> r.cidrIp(source));
    }
    return p.build();
  }

  /** Deletes fgd's groups once the load balancer and the services no longer use them. */
  @Override
  public void pruneApp(List<ResourceChange> changes, ApplyRun run) throws FgdRuntimeException {
    for (ResourceChange c : changes) {
      Optional<ObjectNode> live = live(run.observed(), c.name());
      if (c.action() != Action.DESTROY || live.isEmpty() || !owned(live.get(), run.app())) {
        continue;
      }
      String id = live.get().path("GroupId").asText();
      delete(c.name(), id, run);
      run.changed(new AppliedChange(this, c.name(), Optional.empty(), "deleted", id));
    }
  }

  /**
   * DeleteSecurityGroup, again while EC2 answers DependencyViolation: "If you attempt to delete a
   * security group that is associated with an instance or network interface, is referenced by
   * another security group in the same VPC, or has a VPC association, the operation fails with
   * DependencyViolation" (EC2 API reference, DeleteSecurityGroup). Just after the load balancer is
   * deleted its network interfaces still hold its group for a few minutes, and the tasks' group is
   * held until the services' old tasks have stopped. So while apply waits (not with --no-wait) the
   * request is repeated, 5 s apart and then up to 30 s, until --timeout; then, or at once with
   * --no-wait, the error says a later {@code fgd apply --prune} finishes it.
   */
  static void delete(String name, String id, ApplyRun run) throws FgdRuntimeException {
    Duration pause = Duration.ofSeconds(5);
    while (true) {
      try {
        run.call(
            "deleting security group " + name + " (" + id + ")",
            () -> run.clients().ec2().deleteSecurityGroup(r -> r.groupId(id)));
        return;
      } catch (FgdRuntimeException e) {
        if (!dependencyViolation(e)) {
          throw e;
        }
        boolean waiting = run.options().waitForSteadyState();
        if (!waiting || !run.clock().instant().plus(pause).isBefore(run.deadline())) {
          // ran out of --timeout: exit 4, as a rollout still going would (with --no-wait: 1)
          throw new StepFailedException(
              "Security group "
                  + name
                  + " ("
                  + id
                  + ") is still in use (DependencyViolation: a network interface, such as the"
                  + " deleted load balancer's or a stopping task's, still holds it"
                  + (waiting ? ", at the end of --timeout" : "; apply does not wait with --no-wait")
                  + "). Run fgd apply --prune again in a few minutes to delete it.",
              waiting,
              e);
        }
      }
      try {
        run.sleeper().sleep(pause);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new FgdRuntimeException(
            "Interrupted while waiting to delete security group "
                + name
                + "; run fgd apply again.");
      }
      pause = pause.multipliedBy(2).compareTo(MAX_PAUSE) > 0 ? MAX_PAUSE : pause.multipliedBy(2);
    }
  }

  private static final Duration MAX_PAUSE = Duration.ofSeconds(30);

  private static boolean dependencyViolation(FgdRuntimeException e) {
    return e.getCause() instanceof AwsServiceException a
        && a.awsErrorDetails() != null
        && "DependencyViolation".equals(a.awsErrorDetails().errorCode());
  }
}
