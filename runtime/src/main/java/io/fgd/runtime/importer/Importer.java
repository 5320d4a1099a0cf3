package io.fgd.runtime.importer;

import io.fgd.runtime.FgdRuntimeException;
import io.fgd.runtime.aws.AwsClients;
import io.fgd.runtime.aws.AwsSettings;
import io.fgd.runtime.state.AwsStateReader;
import io.fgd.runtime.state.LiveState;
import java.util.List;
import java.util.Optional;

/**
 * {@code fgd import}: live ECS services in, an idiomatic {@code .fgd} spec out.
 *
 * <p>The spec is the inverse of the compiler's ECS backend: every statement is chosen so that the
 * spec compiles to what runs (so {@code fgd plan} shows no changes), written the way a person would
 * write it (units, defaults left out). What the language cannot say is never dropped silently: it
 * becomes a {@link ImportWarning}, written as a comment where it belongs and returned with its
 * line.
 */
public final class Importer {

  private Importer() {}

  /**
   * What to import.
   *
   * @param services the services to import; empty means every service of the cluster
   * @param app the app name to use; empty means the one the services' names suggest
   * @param region the region read from, which the spec's {@code region} says
   */
  public record Request(
      String cluster, List<String> services, Optional<String> app, String region) {
    public Request {
      services = List.copyOf(services);
    }
  }

  /** Imports from the account {@code settings} point at. */
  public static ImportResult run(Request request, AwsSettings settings) throws FgdRuntimeException {
    try (AwsClients clients = AwsClients.connect(settings)) {
      return run(request, new AwsStateReader(clients, settings));
    }
  }

  /** Imports from any {@link LiveState}. */
  public static ImportResult run(Request request, LiveState live) throws FgdRuntimeException {
    return new ImportRun(request).write(new ReadOnce(live));
  }
}
