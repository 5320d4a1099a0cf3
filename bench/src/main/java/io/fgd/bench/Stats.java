package io.fgd.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fgd.compiler.emit.Json;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Median and spread of repeated measurements. */
record Stats(int runs, double median, double min, double max, double p10, double p90) {
  static Stats of(List<Double> values) {
    if (values.isEmpty()) {
      throw new IllegalArgumentException("no measurements");
    }
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    return new Stats(
        sorted.size(),
        percentile(sorted, 50),
        sorted.get(0),
        sorted.get(sorted.size() - 1),
        percentile(sorted, 10),
        percentile(sorted, 90));
  }

  /** Linear interpolation between closest ranks. */
  static double percentile(List<Double> sorted, double p) {
    double rank = p / 100 * (sorted.size() - 1);
    int lo = (int) Math.floor(rank);
    int hi = (int) Math.ceil(rank);
    return sorted.get(lo) + (sorted.get(hi) - sorted.get(lo)) * (rank - lo);
  }

  ObjectNode toJson() {
    ObjectNode o = Json.object();
    o.put("runs", runs);
    o.put("median", round(median));
    o.put("min", round(min));
    o.put("max", round(max));
    o.put("p10", round(p10));
    o.put("p90", round(p90));
    return o;
  }

  private static double round(double v) {
    return Math.round(v * 100) / 100.0;
  }
}
