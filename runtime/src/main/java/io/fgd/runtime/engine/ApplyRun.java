package io.fgd.runtime.engine;

import com.fasterxml.jackson.databind.JsonNode;
import io.fgd.runtime.FgdRuntimeException;
import io.fgd.runtime.aws.AwsClients;
import io.fgd.runtime.aws.AwsErrors;
import io.fgd.runtime.aws.AwsSettings;
import io.fgd.runtime.aws.SdkJson;
import io.fgd.runtime.deploy.Sleeper;
import io.fgd.runtime.state.LiveState;
import io.fgd.runtime.state.ObservedState;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Consumer;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * What every kind applies its changes with: the clients, the options, and the one way to make a
 * call (interruptible, its errors translated for the user) and to report a change or a note.
 */
public final class ApplyRun {
  private final AwsClients clients;
  private final AwsSettings settings;
  private final ApplyOptions options;
  private final LiveState reader;
  private final String app;
  private final String cluster;
  private final ObservedState observed;
  private final DesiredState desired;
  private final String clientToken;
  private final Consumer<AppliedChange> changed;
  private final Consumer<String> note;
  private final Context context = new Context();
  private final Clock clock;
  private final Sleeper sleeper;
  private final Instant deadline;
  private final ApplyListener listener;

  ApplyRun(
      AwsClients clients,
      AwsSettings settings,
      ApplyOptions options,
      LiveState reader,
      String app,
      String cluster,
      ObservedState observed,
      DesiredState desired,
      String clientToken,
      Consumer<AppliedChange> changed,
      Consumer<String> note,
      ApplyListener listener,
      Clock clock,
      Sleeper sleeper,
      Instant deadline) {
    this.clients = Objects.requireNonNull(clients, "clients");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.options = Objects.requireNonNull(options, "options");
    this.reader = Objects.requireNonNull(reader, "reader");
    this.app = Objects.requireNonNull(app, "app");
    this.cluster = Objects.requireNonNull(cluster, "cluster");
    this.observed = Objects.requireNonNull(observed, "observed");
    this.desired = Objects.requireNonNull(desired, "desired");
    this.clientToken = Objects.requireNonNull(clientToken, "clientToken");
    this.changed = Objects.requireNonNull(changed, "changed");
    this.note = Objects.requireNonNull(note, "note");
    this.listener = Objects.requireNonNull(listener, "listener");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    this.deadline = Objects.requireNonNull(deadline, "deadline");
  }

  /** The time, as the apply's waits measure it. */
  public Clock clock() {
    return clock;
  }

  /** How the apply's waits pause between two reads. */
  public Sleeper sleeper() {
    return sleeper;
  }

  /** When the apply's --timeout runs out, for every wait of the apply. */
  public Instant deadline() {
    return deadline;
  }

  /** A line printed by a task apply waits for. */
  public void output(String service, String line) {
    listener.output(service, line);
  }

  public AwsClients clients() {
    return clients;
  }

  /** Where the calls go, for translating their errors. */
  public AwsSettings settings() {
    return settings;
  }

  public ApplyOptions options() {
    return options;
  }

  /** Reads (a task definition with its tags) through the same counted reader as the plan. */
  public LiveState reader() {
    return reader;
  }

  /** The app of the plan being applied: the value of the fgd:app tag. */
  public String app() {
    return app;
  }

  public String cluster() {
    return cluster;
  }

  /**
   * What the kinds tell each other across services: written by a kind's {@link Kind#applyApp}
   * (before any service is applied), read by the kinds of each service, and by the app-level kinds
   * (the revision a job's task definition got), under keys the kind that writes them publishes.
   */
  public Context context() {
    return context;
  }

  /** What the spec asks for. */
  public DesiredState desired() {
    return desired;
  }

  /** What the plan saw. */
  public ObservedState observed() {
    return observed;
  }

  /** One per apply: a create retried by the SDK after a lost answer is then not a second create. */
  public String clientToken() {
    return clientToken;
  }

  public void changed(AppliedChange change) {
    changed.accept(change);
  }

  public void note(String message) {
    note.accept(message);
  }

  /** A request that changes or reads the account. */
  public interface Call<T> {
    T run();
  }

  /**
   * Makes one call; the SDK retries throttling and transient errors, what still fails comes back as
   * a message for the user naming {@code action}.
   */
  public <T> T call(String action, Call<T> call) throws FgdRuntimeException {
    if (Thread.currentThread().isInterrupted()) {
      throw new FgdRuntimeException(
          "Interrupted before " + action + "; run fgd apply again to finish.");
    }
    try {
      return call.run();
    } catch (SdkException e) {
      throw AwsErrors.translate(e, action, settings);
    }
  }

  /** An SDK request from an artifact's JSON; {@code file} names the artifact when it is not one. */
  public static <T> T fromJson(
      JsonNode json, software.amazon.awssdk.utils.builder.SdkBuilder<?, T> builder, String file)
      throws FgdRuntimeException {
    try {
      return SdkJson.fromJson(json, builder);
    } catch (IllegalArgumentException e) {
      throw new FgdRuntimeException(
          file
              + " is not a valid AWS request ("
              + e.getMessage()
              + "). This is a bug in fgd or a damaged saved plan.",
          e);
    }
  }

  /** ECS tags ({@code [{"key":..,"value":..}]}) as a map, without AWS's own {@code aws:} tags. */
  public static Map<String, String> tags(JsonNode list) {
    Map<String, String> out = new TreeMap<>();
    for (JsonNode t : list) {
      String key = t.path("key").asText();
      if (!key.startsWith("aws:")) {
        out.put(key, t.path("value").asText());
      }
    }
    return out;
  }

  /** Changes of one kind, in plan order. */
  static List<ResourceChange> of(Kind kind, List<ResourceChange> changes) {
    return changes.stream().filter(c -> c.type() == kind).toList();
  }
}
