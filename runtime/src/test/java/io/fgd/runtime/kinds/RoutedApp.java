package io.fgd.runtime.kinds;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fgd.compiler.Artifact;
import io.fgd.compiler.CompileOptions;
import io.fgd.compiler.Compiler;
import io.fgd.compiler.diag.Diagnostic;
import io.fgd.compiler.source.SourceFile;
import io.fgd.runtime.aws.AwsClients;
import io.fgd.runtime.aws.AwsSettings;
import io.fgd.runtime.deploy.ProgressListener;
import io.fgd.runtime.engine.Applier;
import io.fgd.runtime.engine.ApplyListener;
import io.fgd.runtime.engine.ApplyOptions;
import io.fgd.runtime.engine.ApplyResult;
import io.fgd.runtime.engine.DesiredState;
import io.fgd.runtime.engine.Fixtures;
import io.fgd.runtime.engine.Plan;
import io.fgd.runtime.engine.PlanResult;
import io.fgd.runtime.engine.Planner;
import io.fgd.runtime.moto.MotoGaps;
import io.fgd.runtime.moto.MotoNetwork;
import io.fgd.runtime.render.TextRenderer;
import io.fgd.runtime.state.AwsStateReader;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Rule;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;

/**
 * A routed app against moto (ELBv2 and ECS over HTTP), for the route, load balancer and alarm
 * tests: the load balancer and HTTP listener a spec's {@code listener} names, the app block that
 * names it, and compile, plan and apply of the app's spec (waiting off: moto models no rollout).
 */
public final class RoutedApp {
  public final String name;
  private final AwsClients clients;
  private final AwsSettings settings;
  private final MotoNetwork network;

  public RoutedApp(String name, AwsClients clients, AwsSettings settings, MotoNetwork network) {
    this.name = name;
    this.clients = clients;
    this.settings = settings;
    this.network = network;
  }

  public RoutedApp(String name, Account account) {
    this(name, account.clients, account.settings, account.network);
  }

  /**
   * An internet-facing ALB named after the app in moto's network, with an HTTP listener on 80
   * answering a fixed 404: the listener's ARN.
   */
  public String createListener() {
    var elb = clients.elb();
    String lb =
        elb.createLoadBalancer(
                r ->
                    r.name(name)
                        .subnets(network.subnets())
                        .securityGroups(network.securityGroups())
                        .scheme("internet-facing")
                        .type("application"))
            .loadBalancers()
            .get(0)
            .loadBalancerArn();
    return elb.createListener(
            r ->
                r.loadBalancerArn(lb)
                    .protocol("HTTP")
                    .port(80)
                    .defaultActions(
                        a ->
                            a.type("fixed-response").fixedResponseConfig(f -> f.statusCode("404"))))
        .listeners()
        .get(0)
        .listenerArn();
  }

  /** The app block (cluster {@code <name>-prod}, the fixtures' network) naming the listener. */
  public String header(String listener) {
    return """
        app %1$s {
          region         us-west-1
          account        123456789012
          cluster        %1$s-prod
          network {
            subnets         subnet-0a1b2c3d, subnet-4e5f6a7b
            security_groups sg-0123456789abcdef0
          }
          load_balancer {
            listener "%2$s"
          }
        }
        """
        .formatted(name, listener);
  }

  /** The spec's artifacts, as written: no error diagnostics. */
  public List<Artifact> compileAsWritten(String text) {
    var compiled = Compiler.compile(new SourceFile(name + ".fgd", text), CompileOptions.defaults());
    assertEquals(List.of(), compiled.diagnostics().stream().filter(Diagnostic::isError).toList());
    return compiled.artifacts();
  }

  /** The spec's artifacts in moto's network, without what moto forgets. */
  public List<Artifact> compile(String text) {
    return MotoGaps.withoutUnmodelled(
        Fixtures.inNetwork(compileAsWritten(text), network.subnets(), network.securityGroups()));
  }

  public PlanResult plan(List<Artifact> artifacts) throws Exception {
    return Planner.plan(
        DesiredState.fromArtifacts(name, artifacts), new AwsStateReader(clients, settings));
  }

  /** Applies the artifacts' plan, asserting it applied. */
  public ApplyResult apply(List<Artifact> artifacts, boolean prune) throws Exception {
    ApplyResult result =
        new Applier(
                clients,
                settings,
                ApplyOptions.DEFAULTS.withWait(false).withPrune(prune),
                ApplyListener.none(),
                ProgressListener.none())
            .apply(plan(artifacts));
    assertEquals(ApplyResult.Status.APPLIED, result.status(), () -> "errors: " + result.errors());
    return result;
  }

  public void assertNoChanges(List<Artifact> artifacts) throws Exception {
    Plan plan = plan(artifacts).plan();
    assertEquals(List.of(), plan.changes(), () -> TextRenderer.render(plan, false));
  }

  /** The account's target groups by name. */
  public Map<String, TargetGroup> targetGroups() {
    Map<String, TargetGroup> out = new TreeMap<>();
    clients
        .elb()
        .describeTargetGroups()
        .targetGroups()
        .forEach(t -> out.put(t.targetGroupName(), t));
    return out;
  }

  /** The listener's rules other than its default. */
  public List<Rule> rules(String listener) {
    return clients.elb().describeRules(r -> r.listenerArn(listener)).rules().stream()
        .filter(r -> !r.isDefault())
        .toList();
  }
}
