package io.fgd.compiler.cost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fgd.compiler.Compiler;
import io.fgd.compiler.source.SourceFile;
import java.math.BigDecimal;
import java.math.RoundingMode;
import org.junit.jupiter.api.Test;

/**
 * The formula against the worked examples of https://aws.amazon.com/fargate/pricing/ (US East (N.
 * Virginia)), which AWS rounds to cents per charge.
 */
class TaskCostTest {
  /** 10 minutes a day for 30 days: 5 hours. */
  private static final BigDecimal FIVE_HOURS = BigDecimal.valueOf(5);

  private static String cents(BigDecimal amount) {
    return amount.setScale(2, RoundingMode.HALF_UP).toPlainString();
  }

  private static BigDecimal hours(TaskCost task, BigDecimal hours) {
    return task.forHours(hours).orElseThrow();
  }

  @Test
  void example1LinuxX86With30GbOfStorageIs126() {
    // 5 tasks x 1 vCPU, 2 GB, 30 GB storage: $1.01 + $0.22 + $0.03 = $1.26.
    BigDecimal one = hours(new TaskCost("us-east-1", "x86_64", 1024, 2048, 30), FIVE_HOURS);
    assertEquals("1.26", cents(one.multiply(BigDecimal.valueOf(5))));
    BigDecimal cpu = hours(new TaskCost("us-east-1", "x86_64", 1024, 0, 20), FIVE_HOURS);
    assertEquals("1.01", cents(cpu.multiply(BigDecimal.valueOf(5))));
    BigDecimal memory = hours(new TaskCost("us-east-1", "x86_64", 0, 2048, 20), FIVE_HOURS);
    assertEquals("0.22", cents(memory.multiply(BigDecimal.valueOf(5))));
  }

  @Test
  void example2LinuxArmIs102() {
    // 5 tasks x 1 vCPU, 2 GB, 30 GB storage on ARM: $0.81 + $0.18 + $0.03 = $1.02.
    BigDecimal one = hours(new TaskCost("us-east-1", "arm64", 1024, 2048, 30), FIVE_HOURS);
    assertEquals("1.02", cents(one.multiply(BigDecimal.valueOf(5))));
    BigDecimal cpu = hours(new TaskCost("us-east-1", "arm64", 1024, 0, 20), FIVE_HOURS);
    assertEquals("0.81", cents(cpu.multiply(BigDecimal.valueOf(5))));
    BigDecimal memory = hours(new TaskCost("us-east-1", "arm64", 0, 2048, 20), FIVE_HOURS);
    assertEquals("0.18", cents(memory.multiply(BigDecimal.valueOf(5))));
  }

  @Test
  void example3QuarterVcpuOneGbForAnHourADayIs437() {
    // 10 pods x 0.25 vCPU, 1 GB, 1 hour a day for 30 days: $3.04 + $1.33 = $4.37.
    BigDecimal one =
        hours(new TaskCost("us-east-1", "x86_64", 256, 1024, 20), BigDecimal.valueOf(30));
    assertEquals("4.37", cents(one.multiply(BigDecimal.TEN)));
  }

  @Test
  void aMonthIs730HoursOfTheTask() {
    // 1 vCPU, 2 GB x86 all month: (0.04048 + 2 x 0.004445) x 730 = $36.04.
    TaskCost small = new TaskCost("us-east-1", "x86_64", 1024, 2048, 20);
    TaskCost bigger = new TaskCost("us-east-1", "x86_64", 1024, 4096, 20);
    assertEquals("$36.04", TaskCost.dollars(small.monthly().orElseThrow()));
    // A memory bump of 2 GB on 3 tasks: 3 x 2 x 0.004445 x 730.
    assertEquals(
        "+$19.47",
        TaskCost.signedDollars(
            bigger
                .monthly()
                .orElseThrow()
                .subtract(small.monthly().orElseThrow())
                .multiply(BigDecimal.valueOf(3))));
  }

  private static final String APP =
      """
      app a {
        region         REGION
        account        123456789012
        cluster        c
        execution_role "arn:aws:iam::123456789012:role/x"
        network {
          subnets         subnet-0a1b2c3d
          security_groups sg-0123456789abcdef0
        }
      }
      """;

  @Test
  void aRegionWithoutPricesCostsNothingAndSaysSo() {
    // AWS China's regions are priced in CNY, apart from AWS's price list: fgd has no prices there.
    assertTrue(new TaskCost("cn-north-1", "x86_64", 1024, 2048, 20).monthly().isEmpty());
    String spec =
        APP.replace("REGION", "cn-north-1").replace("arn:aws:", "arn:aws-cn:")
            + """
            service web {
              image  "nginx:1.27.3"
              health none
            }
            """;
    var v = Compiler.validate(new SourceFile("a.fgd", spec));
    assertEquals(
        "No Fargate prices for cn-north-1 in fgd's price file (taken 2026-11-29): its cost is not"
            + " counted.\n",
        CostReport.render(v.spec().orElseThrow()));
  }

  @Test
  void eachRegionIsPricedFromItsOwnFigures() {
    // sa-east-1, x86: (0.0696 + 2 x 0.0076) x 730 = $61.90.
    assertEquals(
        "$61.90",
        TaskCost.dollars(
            new TaskCost("sa-east-1", "x86_64", 1024, 2048, 20).monthly().orElseThrow()));
    // ap-south-1, ARM: (0.25 x 0.02383 + 0.5 x 0.00261) x 730 = $5.30.
    assertEquals(
        "$5.30",
        TaskCost.dollars(
            new TaskCost("ap-south-1", "arm64", 256, 512, 20).monthly().orElseThrow()));
    // eu-west-1, ARM with 30 GiB: (0.03238 + 2 x 0.00356 + 10 x 0.000122) x 730 = $29.73; its
    // storage costs more than us-east-1's 0.000111.
    String spec =
        APP.replace("REGION", "eu-west-1")
            + """
            service worker {
              image             "nginx:1.27.3"
              health            none
              cpu               1 vcpu
              memory            2 GiB
              architecture      arm64
              ephemeral_storage 30 GiB
            }
            """;
    var v = Compiler.validate(new SourceFile("a.fgd", spec));
    assertEquals(
        """
        Monthly cost, Fargate on-demand in eu-west-1 (730 hours, AWS prices of 2025-06-05):
          worker  1 task x 1 vCPU, 2 GB, 30 GiB disk, arm64  $29.73
        Total: $29.73 a month (compute and storage only: load balancers, logs, data transfer and \
        public IPs are billed apart).
        """,
        CostReport.render(v.spec().orElseThrow()));
  }

  @Test
  void theReportShowsEachServiceAndTheScalingRange() {
    String spec =
        APP.replace("REGION", "us-east-1")
            + """
            service web {
              image  "nginx:1.27.3"
              health none
              cpu    1 vcpu
              memory 2 GiB
              scale  2..10 on cpu 60%
            }
            service worker {
              image        "nginx:1.27.3"
              health       none
              architecture arm64
            }
            """;
    var v = Compiler.validate(new SourceFile("a.fgd", spec));
    assertEquals(
        """
        Monthly cost, Fargate on-demand in us-east-1 (730 hours, AWS prices of 2026-10-09):
          web     2..10 tasks x 1 vCPU, 2 GB, x86_64  $72.08 .. $360.40
          worker  1 task x 0.25 vCPU, 0.5 GB, arm64   $7.21
        Total: $79.29 .. $367.61 a month (compute and storage only: load balancers, logs, data \
        transfer and public IPs are billed apart).
        """,
        CostReport.render(v.spec().orElseThrow()));
  }

  @Test
  void spotIsPricedOnDemandWithItsUpToDiscountBeside() throws Exception {
    // api: 6 tasks of 0.5 vCPU, 1 GB; base 2 on on-demand, then 1:3, so 3 of the other 4 on Spot.
    // One task: (0.5 x 0.04048 + 1 x 0.004445) x 730 = $18.02005; 6 tasks $108.1203; at 70% off
    // for 3 of them: 108.1203 - 3 x 18.02005 x 0.7 = $70.28. renderer: 2 tasks of 1 vCPU, 2 GB,
    // all on Spot: (0.04048 + 2 x 0.004445) x 730 x 2 = $72.0802, as low as 30% of it, $21.62.
    String text =
        java.nio.file.Files.readString(java.nio.file.Path.of("../specs/examples/capacity.fgd"));
    var v = Compiler.validate(new SourceFile("capacity.fgd", text));
    assertEquals(
        """
        Monthly cost, Fargate on-demand in us-east-1 (730 hours, AWS prices of 2026-10-09):
          api       6 tasks x 0.5 vCPU, 1 GB, x86_64  $108.12  (Spot: 3 of 6 tasks, up to 70% off \
        theirs, as low as $70.28)
          renderer  2 tasks x 1 vCPU, 2 GB, x86_64    $72.08  (Spot: 2 of 2 tasks, up to 70% off \
        theirs, as low as $21.62)
        Total: $180.20 on-demand, as low as $91.90 with Spot, a month (compute and storage only: \
        load balancers, logs, data transfer and public IPs are billed apart).
        """,
        CostReport.render(v.spec().orElseThrow()));
  }

  @Test
  void spotTasksAreTheBaseThenTheWeights() {
    // on_demand 1 base 2, spot 3
    SpotShare mixed = new SpotShare(1, 3, 2, false);
    assertEquals(0, mixed.spotTasks(2));
    assertEquals(3, mixed.spotTasks(6));
    assertEquals(75, mixed.spotTasks(102));
    // spot base 1, on_demand 1: the first task on Spot, then half and half.
    SpotShare spotBase = new SpotShare(1, 1, 1, true);
    assertEquals(1, spotBase.spotTasks(1));
    assertEquals(3, spotBase.spotTasks(5));
    assertEquals(false, new SpotShare(1, 0, 0, false).usesSpot());
  }
}
