package io.fgd.runtime.moto;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fgd.compiler.Artifact;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Inputs moto 5.2.5 accepts and then forgets, so a round trip through it cannot show them:
 * CreateService's {@code deploymentConfiguration.deploymentCircuitBreaker} and {@code
 * enableECSManagedTags} and {@code enableExecuteCommand} (moto's Service model has no field for
 * them; DescribeServices never returns them). Round-trip tests leave them out of the desired state;
 * the differ's handling of them is covered by unit tests with real-ECS-shaped JSON instead.
 */
public final class MotoGaps {
  private static final ObjectMapper JSON = new ObjectMapper();

  private MotoGaps() {}

  public static List<Artifact> withoutUnmodelled(List<Artifact> artifacts) {
    List<Artifact> out = new ArrayList<>();
    for (Artifact a : artifacts) {
      if (!a.path().endsWith("/service.json")) {
        out.add(a);
        continue;
      }
      try {
        ObjectNode s = (ObjectNode) JSON.readTree(a.content());
        s.remove("enableECSManagedTags");
        s.remove("enableExecuteCommand");
        if (s.get("deploymentConfiguration") instanceof ObjectNode dc) {
          dc.remove("deploymentCircuitBreaker");
        }
        out.add(new Artifact(a.path(), JSON.writeValueAsBytes(s)));
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }
    return out;
  }

  /**
   * An import's warnings without the one moto's gap causes on every service: with {@code
   * enableECSManagedTags} never returned, each imported service is warned that the first plan turns
   * ECS managed tags on (true of real ECS only for services made that way; see ImporterTest).
   */
  public static List<io.fgd.runtime.importer.ImportResult.Located> warnings(
      io.fgd.runtime.importer.ImportResult imported) {
    return imported.warnings().stream()
        .filter(w -> !w.warning().message().startsWith("enableECSManagedTags false"))
        .toList();
  }
}
