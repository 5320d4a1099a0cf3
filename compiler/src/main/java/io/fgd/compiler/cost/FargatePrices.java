package io.fgd.compiler.cost;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Fargate's prices, from {@code fargate-prices.json} beside this class: per vCPU-hour and per
 * GB-hour by region and architecture, the ephemeral storage price, and Spot's "up to" discount.
 * {@link PriceListImport} writes the file's regions from AWS's price list for AmazonECS.
 */
public final class FargatePrices {
  private static final JsonNode DATA = load();

  private FargatePrices() {}

  /** The price of one hour of one vCPU and of one GB in a region, for one architecture. */
  public record Rate(BigDecimal vcpuHour, BigDecimal gbHour, BigDecimal storageGbHour) {}

  /**
   * The rate in {@code region} for {@code architecture} ("x86_64" or "arm64"), if the file has it.
   */
  public static Optional<Rate> rate(String region, String architecture) {
    return rate(DATA, region, architecture);
  }

  /** The same, read from a price file of this shape (one {@link PriceListImport} wrote, say). */
  static Optional<Rate> rate(JsonNode file, String region, String architecture) {
    JsonNode r = file.path("regions").path(region);
    JsonNode a = r.path(architecture);
    if (a.isMissingNode()) {
      return Optional.empty();
    }
    return Optional.of(
        new Rate(
            new BigDecimal(a.path("vcpuHour").asText()),
            new BigDecimal(a.path("gbHour").asText()),
            new BigDecimal(r.path("storageGbHour").asText("0"))));
  }

  /** The regions the file has prices for, in its order. */
  static List<String> regions() {
    List<String> out = new ArrayList<>();
    DATA.path("regions").fieldNames().forEachRemaining(out::add);
    return out;
  }

  /** Hours in a month, as AWS's calculator counts them (730). */
  public static BigDecimal hoursPerMonth() {
    return new BigDecimal(DATA.path("hoursPerMonth").asText());
  }

  /** Fargate Spot's largest discount off the on-demand price, as AWS states it (0.70). */
  public static BigDecimal spotDiscountUpTo() {
    return new BigDecimal(DATA.path("spot").path("discountUpTo").asText());
  }

  /** The date the file was last written from AWS's prices. */
  public static String taken() {
    return DATA.path("taken").asText();
  }

  /**
   * The date {@code region}'s prices are AWS's as of: the day they were read from AWS's current
   * price list, or the publication date of the copy they were read from. {@link #taken()} for a
   * region the file has no prices for.
   */
  public static String asOf(String region) {
    return DATA.path("regions").path(region).path("asOf").asText(taken());
  }

  /** The file as read, for tests that check its shape. */
  static JsonNode data() {
    return DATA;
  }

  private static JsonNode load() {
    try (InputStream in = FargatePrices.class.getResourceAsStream("fargate-prices.json")) {
      if (in == null) {
        throw new IllegalStateException("fargate-prices.json is missing from the build");
      }
      return new ObjectMapper().readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
