package io.fgd.compiler.aws;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The AWS regions fgd knows and the ARN partition each belongs to (aws, aws-cn, aws-us-gov, ...),
 * kept as data in {@code regions.txt} beside this class. A region decides the partition of every
 * ARN a service in it can use.
 */
public final class Regions {
  private Regions() {}

  private static final Map<String, String> PARTITION_OF = load();

  /** Every known region code, in the order of the data file (grouped by partition). */
  public static List<String> names() {
    return List.copyOf(PARTITION_OF.keySet());
  }

  /** Every partition some known region belongs to. */
  public static List<String> partitions() {
    return PARTITION_OF.values().stream().distinct().toList();
  }

  public static boolean isKnown(String region) {
    return PARTITION_OF.containsKey(region);
  }

  /** The partition of a known region. */
  public static Optional<String> partition(String region) {
    return Optional.ofNullable(PARTITION_OF.get(region));
  }

  private static Map<String, String> load() {
    Map<String, String> regions = new LinkedHashMap<>();
    try (InputStream in = Regions.class.getResourceAsStream("regions.txt")) {
      if (in == null) {
        throw new IllegalStateException("regions.txt is missing from the build");
      }
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        String trimmed = line.strip();
        if (trimmed.isEmpty() || trimmed.startsWith("#")) {
          continue;
        }
        String[] parts = trimmed.split("\\s+");
        regions.put(parts[0], parts[1]);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Collections.unmodifiableMap(regions);
  }
}
