package io.fgd.runtime.kinds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * An app's spec against a moto account: compile (into moto's network, without what moto forgets),
 * plan and apply with waiting off (moto models no rollout).
 */
public class MotoApp {
  public final String name;
  protected final AwsClients clients;
  protected final AwsSettings settings;
  protected final MotoNetwork network;

  public MotoApp(String name, AwsClients clients, AwsSettings settings, MotoNetwork network) {
    this.name = name;
    this.clients = clients;
    this.settings = settings;
    this.network = network;
  }

  public MotoApp(String name, Account account) {
    this(name, account.clients, account.settings, account.network);
  }

  /** {@code specs/examples/<file>}, moved to the account's region. */
  public static String example(String file) throws Exception {
    return Files.readString(Path.of("../specs/examples/" + file)).replace("us-east-1", "us-west-1");
  }

  /** The spec's artifacts, as written: no error diagnostics. */
  public List<Artifact> compileAsWritten(String text) {
    var compiled = Compiler.compile(new SourceFile(name + ".fgd", text), CompileOptions.defaults());
    assertEquals(List.of(), compiled.diagnostics().stream().filter(Diagnostic::isError).toList());
    return compiled.artifacts();
  }

  /**
   * The app block of a spec that names moto's network itself (compile it with {@link
   * #compileNamingNetwork}): region, account, cluster {@code <name>-prod}, the network, then {@code
   * inside} (whole lines) before the closing brace.
   */
  public String headerInNetwork(String inside) {
    return appBlock(String.join(", ", network.subnets()), network.securityGroups().get(0), inside);
  }

  /** The app block with these subnets and security groups, then {@code inside} (whole lines). */
  protected String appBlock(String subnets, String securityGroups, String inside) {
    return """
        app %1$s {
          region         us-west-1
          account        123456789012
          cluster        %1$s-prod
          network {
            subnets         %2$s
            security_groups %3$s
          }
        %4$s}
        """
        .formatted(name, subnets, securityGroups, inside);
  }

  /**
   * The artifacts of a spec that names moto's network itself ({@link #headerInNetwork}), without
   * what moto forgets: the tasks' group fgd adds stays in service.json.
   */
  public List<Artifact> compileNamingNetwork(String text) {
    return MotoGaps.withoutUnmodelled(compileAsWritten(text));
  }

  /** The spec's artifacts in moto's network, without what moto forgets. */
  public List<Artifact> compile(String text) {
    return MotoGaps.withoutUnmodelled(
        Fixtures.inNetwork(compileAsWritten(text), network.subnets(), network.securityGroups()));
  }

  public PlanResult plan(List<Artifact> artifacts) throws Exception {
    return plan(artifacts, false);
  }

  /** The plan, for {@code --prune} when {@code prune}, as {@code fgd apply --prune} plans. */
  public PlanResult plan(List<Artifact> artifacts, boolean prune) throws Exception {
    return Planner.plan(
        DesiredState.fromArtifacts(name, artifacts).withPrune(prune),
        new AwsStateReader(clients, settings));
  }

  /** Applies the artifacts' plan (no pruning), whatever its status. */
  public ApplyResult tryApply(List<Artifact> artifacts) throws Exception {
    return tryApply(artifacts, false);
  }

  public ApplyResult tryApply(List<Artifact> artifacts, boolean prune) throws Exception {
    return new Applier(
            clients,
            settings,
            ApplyOptions.DEFAULTS.withWait(false).withPrune(prune),
            ApplyListener.none(),
            ProgressListener.none())
        .apply(plan(artifacts, prune));
  }

  /** Applies the artifacts' plan, asserting it applied. */
  public ApplyResult apply(List<Artifact> artifacts, boolean prune) throws Exception {
    ApplyResult result = tryApply(artifacts, prune);
    assertEquals(ApplyResult.Status.APPLIED, result.status(), () -> "errors: " + result.errors());
    return result;
  }

  public void assertNoChanges(List<Artifact> artifacts) throws Exception {
    assertNoChanges(plan(artifacts).plan());
  }

  public static void assertNoChanges(Plan plan) {
    assertEquals(List.of(), plan.changes(), () -> TextRenderer.render(plan, false));
  }

  /**
   * The plan changes nothing but fields of service {@code service} under {@code paths}, if those:
   * what moto does not keep (the caller names the gap), and no other change.
   */
  public static void assertOnlyServiceFields(Plan plan, String service, String... paths) {
    assertTrue(
        plan.changes().stream()
            .allMatch(
                c ->
                    c.type().id().equals("ecs_service")
                        && c.name().equals(service)
                        && c.fields().stream()
                            .allMatch(f -> Arrays.stream(paths).anyMatch(f.path()::startsWith))),
        () -> TextRenderer.render(plan, false));
  }
}
