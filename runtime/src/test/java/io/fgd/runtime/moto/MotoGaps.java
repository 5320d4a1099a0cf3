package io.fgd.runtime.moto;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fgd.compiler.Artifact;
import io.fgd.runtime.importer.ImportResult;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Inputs moto 5.2.5 accepts and then forgets, so a round trip through it cannot show them:
 * CreateService's {@code deploymentConfiguration.deploymentCircuitBreaker} and {@code
 * enableECSManagedTags} and {@code enableExecuteCommand} (moto's Service model has no field for
 * them; DescribeServices never returns them). Round-trip tests leave them out of the desired state,
 * and out of what an import announces its first plan changes (the import plans the spec as written,
 * so against moto it truthfully announces turning them on); the differ's and the import's handling
 * of them is covered by unit tests with real-ECS-shaped JSON instead.
 */
public final class MotoGaps {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The service attributes moto forgets, as the plan's paths start. */
  private static final List<String> UNMODELLED =
      List.of(
          ".enableECSManagedTags",
          ".enableExecuteCommand",
          ".deploymentConfiguration.deploymentCircuitBreaker");

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

  /** Whether a plan's attribute path is one moto forgets. */
  public static boolean unmodelled(String path) {
    return UNMODELLED.stream().anyMatch(path::startsWith);
  }

  /** What an import announces its first plan changes, without what moto forgets. */
  public static List<ImportResult.Announcement> firstPlan(ImportResult imported) {
    return imported.firstPlan().stream().filter(a -> !unmodelled(a.path())).toList();
  }
}
