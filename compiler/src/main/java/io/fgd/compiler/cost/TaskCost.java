package io.fgd.compiler.cost;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Locale;
import java.util.Optional;

/**
 * What a service's tasks cost on Fargate: tasks x (vCPU x vCPU-hour price + GB x GB-hour price +
 * storage beyond 20 GB x its GB-hour price) x hours. Read from a task definition's size, so the
 * spec's and a running revision's are priced the same way.
 *
 * @param region the AWS region
 * @param architecture "x86_64" or "arm64"
 * @param cpuUnits task CPU units (1024 = 1 vCPU)
 * @param memoryMib task memory in MiB (1024 = 1 GB, as AWS's pricing counts GB)
 * @param ephemeralGib the task's ephemeral storage, GiB (20 when not set)
 */
public record TaskCost(
    String region, String architecture, int cpuUnits, int memoryMib, int ephemeralGib) {
  private static final BigDecimal K = BigDecimal.valueOf(1024);
  private static final int FREE_STORAGE_GIB = 20;

  /** One task for {@code hours}, or empty when the price file has no price for the region. */
  public Optional<BigDecimal> forHours(BigDecimal hours) {
    return FargatePrices.rate(region, architecture)
        .map(
            rate -> {
              BigDecimal vcpu = BigDecimal.valueOf(cpuUnits).divide(K, MathContext.DECIMAL64);
              BigDecimal gb = BigDecimal.valueOf(memoryMib).divide(K, MathContext.DECIMAL64);
              BigDecimal extra = BigDecimal.valueOf(Math.max(0, ephemeralGib - FREE_STORAGE_GIB));
              return vcpu.multiply(rate.vcpuHour())
                  .add(gb.multiply(rate.gbHour()))
                  .add(extra.multiply(rate.storageGbHour()))
                  .multiply(hours);
            });
  }

  /** One task for a month of {@link FargatePrices#hoursPerMonth()} hours. */
  public Optional<BigDecimal> monthly() {
    return forHours(FargatePrices.hoursPerMonth());
  }

  /** {@code $23.10}: dollars and cents, rounded half up. */
  public static String dollars(BigDecimal amount) {
    return "$" + amount.setScale(2, RoundingMode.HALF_UP).toPlainString();
  }

  /** {@code +$23.10}, {@code -$4.00}, {@code $0.00}. */
  public static String signedDollars(BigDecimal amount) {
    BigDecimal rounded = amount.setScale(2, RoundingMode.HALF_UP);
    String sign = rounded.signum() > 0 ? "+" : rounded.signum() < 0 ? "-" : "";
    return sign + "$" + rounded.abs().toPlainString();
  }

  /** The architecture of a task definition's runtimePlatform.cpuArchitecture. */
  public static String architectureOf(String cpuArchitecture) {
    return cpuArchitecture == null || cpuArchitecture.isEmpty()
        ? "x86_64"
        : cpuArchitecture.toLowerCase(Locale.ROOT);
  }
}
