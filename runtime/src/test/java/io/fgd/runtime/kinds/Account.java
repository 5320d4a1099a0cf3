package io.fgd.runtime.kinds;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fgd.compiler.Artifact;
import io.fgd.runtime.FgdRuntimeException;
import io.fgd.runtime.aws.AwsClients;
import io.fgd.runtime.aws.AwsSettings;
import io.fgd.runtime.deploy.ProgressListener;
import io.fgd.runtime.engine.AppliedChange;
import io.fgd.runtime.engine.Applier;
import io.fgd.runtime.engine.ApplyListener;
import io.fgd.runtime.engine.ApplyOptions;
import io.fgd.runtime.engine.ApplyResult;
import io.fgd.runtime.engine.Fixtures;
import io.fgd.runtime.engine.PlanResult;
import io.fgd.runtime.engine.Planner;
import io.fgd.runtime.moto.MotoGaps;
import io.fgd.runtime.moto.MotoNetwork;
import io.fgd.runtime.moto.MotoServer;
import io.fgd.runtime.state.AwsStateReader;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * A moto account the kinds' tests plan and apply the sheets fixtures against, with waiting off
 * (moto models no rollout).
 */
public final class Account implements AutoCloseable {
  public final AwsSettings settings;
  public final AwsClients clients;
  public final MotoNetwork network;

  public Account(MotoServer moto) {
    settings =
        new AwsSettings(Optional.empty(), Optional.of("us-west-1"), Optional.of(moto.endpoint()));
    var credentials =
        StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing"));
    clients = AwsClients.create(settings, credentials);
    network = MotoNetwork.create(moto.endpoint(), "us-west-1", credentials);
  }

  /** The sheets fixtures, in this account's network, without what moto forgets. */
  public List<Artifact> sheets() {
    return inMoto(Fixtures.sheets());
  }

  /** The sheets fixtures with one file edited. */
  public List<Artifact> sheetsWith(String path, Consumer<ObjectNode> edit) {
    return inMoto(Fixtures.sheetsWith(path, edit));
  }

  public List<Artifact> inMoto(List<Artifact> artifacts) {
    return MotoGaps.withoutUnmodelled(
        Fixtures.inNetwork(artifacts, network.subnets(), network.securityGroups()));
  }

  public PlanResult plan(List<Artifact> artifacts) throws FgdRuntimeException {
    return Planner.plan(Fixtures.desired(artifacts), new AwsStateReader(clients, settings));
  }

  public ApplyResult apply(List<Artifact> artifacts) throws Exception {
    return new Applier(
            clients,
            settings,
            ApplyOptions.DEFAULTS.withWait(false),
            ApplyListener.none(),
            ProgressListener.none())
        .apply(plan(artifacts));
  }

  /** What apply did, as the summary says it. */
  public static List<String> described(ApplyResult result) {
    return result.changes().stream().map(AppliedChange::describe).toList();
  }

  @Override
  public void close() {
    clients.close();
  }
}
