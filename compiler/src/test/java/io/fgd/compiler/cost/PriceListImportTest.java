package io.fgd.compiler.cost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The price file's regions from AWS's price list for AmazonECS. The fixtures under {@code offers/}
 * are small files in the shape of AWS's per-region offer files (formatVersion v1.0: products with
 * attributes, terms.OnDemand with priceDimensions), written for these tests: us-east-1 with AWS's
 * figures of the 2026-09-11 list and rows that must not be read (Windows, ECS on EC2, ECS
 * Anywhere's tiered price), eu-west-1 with the {@code EU-} prefix, made-up figures and no ARM or
 * storage rows, and a region with no Fargate rows at all.
 */
class PriceListImportTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static JsonNode fixture(String name) throws IOException {
    try (InputStream in = PriceListImportTest.class.getResourceAsStream("offers/" + name)) {
      return JSON.readTree(in);
    }
  }

  /** The shipped file without its regions: what a first import starts from. */
  private static ObjectNode bare() {
    ObjectNode template = FargatePrices.data().deepCopy();
    template.putObject("regions");
    template.put("notes", "on the last import");
    return template;
  }

  private static List<JsonNode> offers() throws IOException {
    return List.of(fixture("eu-west-1.json"), fixture("us-east-1.json"), fixture("xx-test-1.json"));
  }

  @Test
  void eachRegionGetsItsFiguresSourceAndDatesFromItsOfferFile() throws IOException {
    List<String> report = new ArrayList<>();
    ObjectNode file = PriceListImport.priceFile(bare(), "2026-11-29", null, offers(), report);

    assertEquals("2026-11-29", file.path("taken").asText());
    assertEquals(List.of("eu-west-1", "us-east-1"), names(file.path("regions")));
    assertEquals(
        JSON.readTree(
            """
            {"source": "https://pricing.us-east-1.amazonaws.com/offers/v1.0/aws/AmazonECS/20260911124425/us-east-1/index.json",
             "published": "2026-09-11T12:44:25Z", "effective": "2026-07-01", "asOf": "2026-11-29",
             "x86_64": {"vcpuHour": "0.04048", "gbHour": "0.004445"},
             "arm64": {"vcpuHour": "0.03238", "gbHour": "0.00356"},
             "storageGbHour": "0.000111"}
            """),
        file.path("regions").path("us-east-1"));
    // eu-west-1: the EU- prefix; the latest of its rows' effective dates; no ARM, no storage.
    JsonNode eu = file.path("regions").path("eu-west-1");
    assertEquals("1.1", eu.path("x86_64").path("vcpuHour").asText());
    assertEquals("0.22", eu.path("x86_64").path("gbHour").asText());
    assertEquals("2026-08-01", eu.path("effective").asText());
    assertTrue(eu.path("arm64").isMissingNode());
    assertTrue(eu.path("storageGbHour").isMissingNode());
    assertEquals(
        "no arm64 rows: arm64 tasks have no price in eu-west-1; no ephemeral storage row: storage"
            + " beyond 20 GB is counted as free in eu-west-1",
        eu.path("notes").asText());
    assertEquals(
        List.of("no Fargate prices for xx-test-1: no Fargate rows in offer 20260911124425"),
        report);
    // The rest of the file is kept; the note on what was searched goes with the old regions.
    assertEquals(FargatePrices.data().path("spot"), file.path("spot"));
    assertEquals(730, file.path("hoursPerMonth").asInt());
    assertTrue(file.path("searched").isMissingNode());
    assertTrue(file.path("notes").isMissingNode());
  }

  @Test
  void theCostFormulaReadsTheImportedFileByRegionAndArchitecture() throws IOException {
    ObjectNode file =
        PriceListImport.priceFile(bare(), "2026-11-29", null, offers(), new ArrayList<>());
    assertEquals(
        Optional.of(
            new FargatePrices.Rate(
                new BigDecimal("1.1"), new BigDecimal("0.22"), new BigDecimal("0"))),
        FargatePrices.rate(file, "eu-west-1", "x86_64"));
    assertEquals(Optional.empty(), FargatePrices.rate(file, "eu-west-1", "arm64"));
    assertEquals(Optional.empty(), FargatePrices.rate(file, "xx-test-1", "x86_64"));
    assertEquals(
        new BigDecimal("0.000111"),
        FargatePrices.rate(file, "us-east-1", "arm64").orElseThrow().storageGbHour());
  }

  @Test
  void theShippedUsEast1IsWhatTheImportMakesOfTheListsRows() throws IOException {
    // The fixture's us-east-1 rows are those of AWS's list of 2026-09-11 (see the file's notes):
    // the shipped figures must be what a refresh from them would write, notes aside.
    ObjectNode shipped = FargatePrices.data().path("regions").path("us-east-1").deepCopy();
    shipped.remove(List.of("notes", "asOf"));
    assertEquals(
        PriceListImport.region(fixture("us-east-1.json")).prices(), shipped, "us-east-1 by hand");
  }

  @Test
  void theShippedFileIsAsTheImportWritesIt() throws IOException {
    String text;
    try (InputStream in = FargatePrices.class.getResourceAsStream("fargate-prices.json")) {
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    assertEquals(text, PriceListImport.write(FargatePrices.data()));
    JsonNode regions = FargatePrices.data().path("regions");
    assertEquals(FargatePrices.regions(), names(regions).stream().sorted().toList());
    assertTrue(FargatePrices.taken().matches("\\d{4}-\\d{2}-\\d{2}"), FargatePrices.taken());
    for (String r : FargatePrices.regions()) {
      JsonNode region = regions.path(r);
      String source = region.path("source").asText();
      assertTrue(
          source.equals(PricingPageData.URL)
              || source.startsWith(PriceListImport.PRICE_LIST + "/offers/")
                  && source.contains("/" + r + "/"),
          r + ": " + source);
      assertTrue(region.path("published").asText().matches("\\d{4}-\\d{2}-\\d{2}T.*Z"), r);
      assertTrue(region.path("asOf").asText().matches("\\d{4}-\\d{2}-\\d{2}"), r);
      assertTrue(region.path("asOf").asText().compareTo(FargatePrices.taken()) <= 0, r);
      assertEquals(region.path("asOf").asText(), FargatePrices.asOf(r), r);
      Optional<FargatePrices.Rate> x86 = FargatePrices.rate(r, "x86_64");
      Optional<FargatePrices.Rate> arm = FargatePrices.rate(r, "arm64");
      assertTrue(x86.isPresent() || arm.isPresent(), r);
      for (FargatePrices.Rate rate : Stream.of(x86, arm).flatMap(Optional::stream).toList()) {
        assertTrue(rate.vcpuHour().signum() > 0 && rate.gbHour().signum() > 0, r);
        // A GB-hour of memory costs less than a vCPU-hour, and storage less than memory.
        assertTrue(rate.gbHour().compareTo(rate.vcpuHour()) < 0, r);
        assertTrue(rate.storageGbHour().compareTo(rate.gbHour()) < 0, r);
      }
      if (x86.isPresent() && arm.isPresent()) {
        assertTrue(arm.get().vcpuHour().compareTo(x86.get().vcpuHour()) < 0, r + ": ARM cheaper");
      }
    }
  }

  @Test
  void usageTypesAreReadWithOrWithoutTheRegionsPrefixAndOnlyThoseFive() {
    assertEquals(
        "Fargate-vCPU-Hours:perCPU", PriceListImport.usage("USE1-Fargate-vCPU-Hours:perCPU"));
    assertEquals("Fargate-GB-Hours", PriceListImport.usage("EU-Fargate-GB-Hours"));
    assertEquals("Fargate-ARM-GB-Hours", PriceListImport.usage("Fargate-ARM-GB-Hours"));
    assertEquals(
        "Fargate-EphemeralStorage-GB-Hours",
        PriceListImport.usage("APS3-Fargate-EphemeralStorage-GB-Hours"));
    assertNull(PriceListImport.usage("USE1-SpotUsage-Fargate-vCPU-Hours:perCPU"));
    assertNull(PriceListImport.usage("USE1-Fargate-Windows-vCPU-Hours:perCPU"));
    assertNull(PriceListImport.usage("USE1-Fargate-Windows-GB-Hours"));
    assertNull(PriceListImport.usage("USE1-ECS-EC2-GB-Hours"));
    assertNull(PriceListImport.usage(""));
  }

  static Stream<Arguments> whatItRefuses() {
    return Stream.of(
        Arguments.of(
            "a tiered price",
            (Consumer<ObjectNode>)
                o -> {
                  ObjectNode dims = dimensions(o, "SKUX86GB00000001");
                  ObjectNode second = dims.elements().next().deepCopy();
                  second.put("beginRange", "1000");
                  dims.set("SKUX86GB00000001.JRTCKXETXF.SECOND", second);
                },
            "USE1-Fargate-GB-Hours has 2 price dimensions"),
        Arguments.of(
            "a range that is not 0 to Inf",
            (Consumer<ObjectNode>)
                o ->
                    ((ObjectNode) dimensions(o, "SKUARMGB00000001").elements().next())
                        .put("endRange", "2200"),
            "USE1-Fargate-ARM-GB-Hours has a tiered price"),
        Arguments.of(
            "no USD price",
            (Consumer<ObjectNode>)
                o ->
                    ((ObjectNode) dimensions(o, "SKUX86CPU0000001").elements().next())
                        .putObject("pricePerUnit")
                        .put("CNY", "0.3"),
            "USE1-Fargate-vCPU-Hours:perCPU has no USD price"),
        Arguments.of(
            "a zero price",
            (Consumer<ObjectNode>)
                o ->
                    ((ObjectNode) dimensions(o, "SKUARMCPU0000001").elements().next())
                        .putObject("pricePerUnit")
                        .put("USD", "0.0000000000"),
            "USE1-Fargate-ARM-vCPU-Hours:perCPU costs 0.0000000000"),
        Arguments.of(
            "another unit",
            (Consumer<ObjectNode>)
                o ->
                    ((ObjectNode) dimensions(o, "SKUX86CPU0000001").elements().next())
                        .put("unit", "vCPU-Months"),
            "USE1-Fargate-vCPU-Hours:perCPU is priced per vCPU-Months"),
        Arguments.of(
            "two rows for one figure",
            (Consumer<ObjectNode>)
                o -> {
                  ObjectNode products = (ObjectNode) o.path("products");
                  products.set("SKUX86CPUCOPY001", products.path("SKUX86CPU0000001").deepCopy());
                  ObjectNode onDemand = (ObjectNode) o.path("terms").path("OnDemand");
                  onDemand.set("SKUX86CPUCOPY001", onDemand.path("SKUX86CPU0000001").deepCopy());
                },
            "two on-demand rows for Fargate-vCPU-Hours:perCPU in us-east-1"),
        Arguments.of(
            "vCPU without memory",
            (Consumer<ObjectNode>)
                o -> ((ObjectNode) o.path("products")).remove("SKUARMGB00000001"),
            "us-east-1 has only the arm64 vCPU price"),
        Arguments.of(
            "a row without its term",
            (Consumer<ObjectNode>)
                o -> ((ObjectNode) o.path("terms").path("OnDemand")).remove("SKUSTORAGE000001"),
            "product SKUSTORAGE000001 has 0 on-demand terms"),
        Arguments.of(
            "rows of two regions",
            (Consumer<ObjectNode>)
                o ->
                    ((ObjectNode) o.path("products").path("SKUARMGB00000001").path("attributes"))
                        .put("regionCode", "us-east-2"),
            "rows of two regions in one offer file"),
        Arguments.of(
            "another service's file",
            (Consumer<ObjectNode>) o -> o.put("offerCode", "AmazonEKS"),
            "not an AmazonECS offer file"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("whatItRefuses")
  void whatItCannotReadWithCertaintyStopsIt(
      String what, Consumer<ObjectNode> change, String message) throws IOException {
    ObjectNode offer = (ObjectNode) fixture("us-east-1.json");
    PriceListImport.region(offer); // as it is, it reads
    change.accept(offer);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> PriceListImport.region(offer));
    assertEquals("AmazonECS price list: " + message, e.getMessage());
  }

  @Test
  void twoFilesForOneRegionStopIt() throws IOException {
    List<JsonNode> twice = List.of(fixture("us-east-1.json"), fixture("ecs-pricing-page.json"));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> PriceListImport.priceFile(bare(), "2026-11-29", null, twice, new ArrayList<>()));
    assertEquals("AmazonECS price list: two sources for us-east-1", e.getMessage());
  }

  @Test
  void theRegionIndexGivesEachRegionsOfferFile() throws IOException {
    assertEquals(
        List.of(
            "us-east-1 https://pricing.us-east-1.amazonaws.com/offers/v1.0/aws/AmazonECS/20260911124425/us-east-1/index.json",
            "eu-west-1 https://pricing.us-east-1.amazonaws.com/offers/v1.0/aws/AmazonECS/20260911124425/eu-west-1/index.json"),
        PriceListImport.offerUrls(fixture("region_index.json")));
  }

  @Test
  void theCommandWritesTheFileAndNamesTheRegionsLeftOut(@TempDir Path dir) throws IOException {
    Path template = dir.resolve("fargate-prices.json");
    Files.writeString(template, PriceListImport.write(bare()));
    List<String> args = new ArrayList<>(List.of("write", "2026-11-29", template.toString()));
    for (String name : List.of("us-east-1.json", "eu-west-1.json", "xx-test-1.json")) {
      Path p = dir.resolve(name);
      Files.writeString(p, fixture(name).toString());
      args.add(p.toString());
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        PriceListImport.run(
            args.toArray(String[]::new), new PrintStream(out, true), new PrintStream(err, true));
    assertEquals(0, code);
    String written = out.toString(StandardCharsets.UTF_8);
    assertTrue(written.contains("\n  \"taken\": \"2026-11-29\",\n"), written);
    assertTrue(written.endsWith("}\n"), written);
    assertEquals(List.of("eu-west-1", "us-east-1"), names(JSON.readTree(written).path("regions")));
    assertEquals(
        "no Fargate prices for xx-test-1: no Fargate rows in offer 20260911124425\n",
        err.toString(StandardCharsets.UTF_8));

    // Two files for one region: nothing written, the reason on stderr, exit 1.
    args.add(args.get(3));
    ByteArrayOutputStream none = new ByteArrayOutputStream();
    ByteArrayOutputStream why = new ByteArrayOutputStream();
    assertEquals(
        1,
        PriceListImport.run(
            args.toArray(String[]::new), new PrintStream(none, true), new PrintStream(why, true)));
    assertEquals("", none.toString(StandardCharsets.UTF_8));
    assertEquals(
        "AmazonECS price list: two sources for us-east-1\n", why.toString(StandardCharsets.UTF_8));

    ByteArrayOutputStream usage = new ByteArrayOutputStream();
    assertEquals(
        2,
        PriceListImport.run(
            new String[] {"write"}, new PrintStream(out, true), new PrintStream(usage, true)));
    assertFalse(usage.toString(StandardCharsets.UTF_8).isEmpty());
  }

  @Test
  void thePricingPagesDataFileGivesEveryLocationsFiguresByItsRegionCode() throws IOException {
    List<String> report = new ArrayList<>();
    ObjectNode file =
        PriceListImport.priceFile(
            bare(),
            "2026-11-29",
            "a copy kept by someone",
            List.of(fixture("ecs-pricing-page.json")),
            report);
    assertEquals(List.of("eu-west-1", "us-east-1", "us-gov-west-1"), names(file.path("regions")));
    assertEquals(
        JSON.readTree(
            """
            {"source": "https://b0.p.awsstatic.com/pricing/2.0/meteredUnitMaps/ecs/USD/current/ecs.json",
             "published": "2026-09-11T13:00:00Z", "asOf": "2026-09-11", "copy": "a copy kept by someone",
             "x86_64": {"vcpuHour": "5.5", "gbHour": "0.55"},
             "arm64": {"vcpuHour": "4.4", "gbHour": "0.44"},
             "storageGbHour": "0.055"}
            """),
        file.path("regions").path("eu-west-1"));
    // The same figures as the price list's rows for us-east-1 (their rate codes are the same SKUs).
    ObjectNode fromList = PriceListImport.region(fixture("us-east-1.json")).prices();
    for (String figure : List.of("x86_64", "arm64", "storageGbHour")) {
      assertEquals(
          fromList.get(figure), file.path("regions").path("us-east-1").get(figure), figure);
    }
    JsonNode gov = file.path("regions").path("us-gov-west-1");
    assertTrue(gov.path("arm64").isMissingNode());
    assertEquals("6.6", gov.path("x86_64").path("vcpuHour").asText());
    assertEquals(List.of("no Fargate prices for ap-east-1: no Linux vCPU and memory rows"), report);
  }

  @Test
  void theNewerPublicationOfARegionIsKept() throws IOException {
    // The template has us-east-1 from a list published after the page's data file: it stays, and
    // so do regions no input has; eu-west-1, older in the template, is replaced.
    ObjectNode template = bare();
    ObjectNode regions = (ObjectNode) template.path("regions");
    ObjectNode newer = PriceListImport.region(fixture("us-east-1.json")).prices().deepCopy();
    newer.put("published", "2027-01-01T00:00:00Z");
    regions.set("us-east-1", newer);
    ObjectNode older = newer.deepCopy();
    older.put("published", "2020-01-01T00:00:00Z");
    regions.set("eu-west-1", older);
    regions.set("sa-east-1", older);
    List<String> report = new ArrayList<>();
    ObjectNode file =
        PriceListImport.priceFile(
            template, "2026-11-29", null, List.of(fixture("ecs-pricing-page.json")), report);
    assertEquals(newer, file.path("regions").path("us-east-1"));
    assertEquals(
        "5.5", file.path("regions").path("eu-west-1").path("x86_64").path("vcpuHour").asText());
    assertEquals(older, file.path("regions").path("sa-east-1"));
    assertEquals(
        List.of(
            "kept us-east-1 as it was: published 2027-01-01T00:00:00Z, after 2026-09-11T13:00:00Z",
            "no Fargate prices for ap-east-1: no Linux vCPU and memory rows",
            "kept sa-east-1 as it was: in no input"),
        report);
  }

  @Test
  void thePricingPagesDataFileStopsOnWhatItCannotPlace() throws IOException {
    ObjectNode unknown = (ObjectNode) fixture("ecs-pricing-page.json");
    ((ObjectNode) unknown.path("regions"))
        .set("Moon (Base)", unknown.path("regions").path("EU (Ireland)"));
    assertEquals(
        "AmazonECS price list: unknown location \"Moon (Base)\": add its region code to"
            + " PricingPageData.LOCATIONS",
        assertThrows(IllegalArgumentException.class, () -> PricingPageData.regions(unknown))
            .getMessage());
    ObjectNode euros = (ObjectNode) fixture("ecs-pricing-page.json");
    ((ObjectNode) euros.path("manifest")).put("currencyCode", "EUR");
    assertEquals(
        "AmazonECS price list: prices in EUR, not USD",
        assertThrows(IllegalArgumentException.class, () -> PricingPageData.regions(euros))
            .getMessage());
    ObjectNode half = (ObjectNode) fixture("ecs-pricing-page.json");
    ((ObjectNode) half.path("regions").path("EU (Ireland)")).remove("ARM perGB per hour");
    assertEquals(
        "AmazonECS price list: eu-west-1 has only the arm64 vCPU price",
        assertThrows(IllegalArgumentException.class, () -> PricingPageData.regions(half))
            .getMessage());
  }

  private static ObjectNode dimensions(ObjectNode offer, String sku) {
    JsonNode term = offer.path("terms").path("OnDemand").path(sku).elements().next();
    return (ObjectNode) term.path("priceDimensions");
  }

  private static List<String> names(JsonNode object) {
    List<String> out = new ArrayList<>();
    object.fieldNames().forEachRemaining(out::add);
    return out;
  }
}
