package io.fgd.runtime.kinds.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.fgd.runtime.importer.ImportRun;
import io.fgd.runtime.importer.SpecText.Block;
import java.util.ArrayList;
import java.util.List;

/** {@code fgd import} of a service's launch type or capacity provider strategy. */
final class CapacityImport {
  private CapacityImport() {}

  /**
   * Writes {@code capacity on_demand 1 base 2, spot 3} for a strategy of Fargate providers; warns
   * about a launch type other than FARGATE, an empty strategy (the cluster's default) and any other
   * provider.
   */
  static void write(ImportRun run, Block block, String subject, JsonNode svc) {
    JsonNode strategy = svc.path("capacityProviderStrategy");
    String launchType = svc.path("launchType").asText("");
    if (strategy.isArray() && !strategy.isEmpty()) {
      List<String> shares = new ArrayList<>();
      for (JsonNode item : strategy) {
        String provider = item.path("capacityProvider").asText("");
        String word =
            switch (provider) {
              case "FARGATE" -> "on_demand";
              case "FARGATE_SPOT" -> "spot";
              default -> null;
            };
        if (word == null) {
          run.warn(
              block,
              subject,
              "the capacity provider strategy was not imported: capacity provider \""
                  + provider
                  + "\" is not Fargate's; the first plan moves the service to the strategy"
                  + " fgd writes.");
          return;
        }
        int weight = item.path("weight").asInt(0);
        int base = item.path("base").asInt(0);
        shares.add(word + (weight == 1 ? "" : " " + weight) + (base == 0 ? "" : " base " + base));
      }
      block.add("capacity", String.join(", ", shares));
      return;
    }
    if (!launchType.equals("FARGATE")) {
      run.warn(
          block,
          subject,
          (launchType.isEmpty()
                  ? "the cluster's default capacity provider strategy"
                  : "launch type " + launchType)
              + " was not imported: fgd runs services on Fargate; the "
              + "first plan replaces the service.");
    }
  }
}
