package io.fgd.compiler.cost;

import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes the regions of {@code fargate-prices.json} from AWS's price list for AmazonECS, the
 * per-region offer files of the Price List Bulk API
 * (https://docs.aws.amazon.com/awsaccountbilling/latest/aboutv2/bulk-api-reading-price-list-files.html):
 * {@code
 * https://pricing.us-east-1.amazonaws.com/offers/v1.0/aws/AmazonECS/VERSION/REGION/index.json}.
 * {@code tools/prices/refresh} downloads them and runs this; it is not part of any fgd command.
 *
 * <p>Of each file it reads the on-demand rows of five usage types, with or without the region's
 * prefix ({@code USE1-}, {@code EU-}...): {@code Fargate-vCPU-Hours:perCPU} and {@code
 * Fargate-GB-Hours} (Linux x86), {@code Fargate-ARM-vCPU-Hours:perCPU} and {@code
 * Fargate-ARM-GB-Hours} (Linux ARM), {@code Fargate-EphemeralStorage-GB-Hours} (storage beyond the
 * 20 GB every task gets). Windows, ECS Anywhere and ECS-on-EC2 rows are not read. The list has no
 * Spot rows (Spot prices move; AWS states them as "up to 70%" off), so Spot stays the file's {@code
 * spot.discountUpTo}. Anything it cannot read with certainty (a tiered or non-USD price, two rows
 * for one figure, vCPU without memory) stops it: a price file is better old than wrong.
 */
public final class PriceListImport {
  /** Where AWS serves the price list; offer files name their versions relative to it. */
  public static final String PRICE_LIST = "https://pricing.us-east-1.amazonaws.com";

  private static final Map<String, Figure> USAGE =
      Map.of(
          "Fargate-vCPU-Hours:perCPU", Figure.X86_VCPU,
          "Fargate-GB-Hours", Figure.X86_GB,
          "Fargate-ARM-vCPU-Hours:perCPU", Figure.ARM_VCPU,
          "Fargate-ARM-GB-Hours", Figure.ARM_GB,
          "Fargate-EphemeralStorage-GB-Hours", Figure.STORAGE);

  /**
   * The five figures of a region's entry, each an architecture's field ({@code x86_64.vcpuHour})
   * or, for storage, the region's own.
   */
  enum Figure {
    X86_VCPU("x86_64", "vcpuHour"),
    X86_GB("x86_64", "gbHour"),
    ARM_VCPU("arm64", "vcpuHour"),
    ARM_GB("arm64", "gbHour"),
    STORAGE("", "storageGbHour");

    private final String architecture;
    private final String field;

    Figure(String architecture, String field) {
      this.architecture = architecture;
      this.field = field;
    }

    /** Puts {@code price} in its place in {@code figures}, or stops with {@code twice} if taken. */
    void put(ObjectNode figures, BigDecimal price, String twice) {
      ObjectNode into =
          architecture.isEmpty()
              ? figures
              : figures.has(architecture)
                  ? (ObjectNode) figures.get(architecture)
                  : figures.putObject(architecture);
      require(!into.has(field), twice);
      into.put(field, plain(price));
    }
  }

  private PriceListImport() {}

  /**
   * One region's figures from one file: {@code prices} is its entry in the price file (without
   * {@code asOf}), or null when the file has no Linux prices for it, and {@code notes} says why.
   */
  record Region(String code, String published, ObjectNode prices, List<String> notes) {}

  /**
   * The price file: {@code template} (the file as it is) with {@code taken} and the regions of
   * {@code inputs} (offer files of the price list, or the pricing page's data file), sorted by
   * code. A region keeps the template's entry when that was published later than the input's;
   * regions no input has are kept as they were. {@code copy}, when not null, says the inputs are
   * copies taken from elsewhere (where, in its text): their prices are then as of their publication
   * date, not as of {@code taken}. What was left out or kept is added to {@code report}.
   */
  static ObjectNode priceFile(
      JsonNode template, String taken, String copy, List<JsonNode> inputs, List<String> report) {
    Map<String, ObjectNode> regions = new TreeMap<>();
    template
        .path("regions")
        .fields()
        .forEachRemaining(e -> regions.put(e.getKey(), (ObjectNode) e.getValue()));
    List<String> seen = new ArrayList<>();
    for (JsonNode input : inputs) {
      for (Region r :
          PricingPageData.is(input) ? PricingPageData.regions(input) : List.of(region(input))) {
        require(!seen.contains(r.code()), "two sources for " + r.code());
        seen.add(r.code());
        if (r.prices() == null) {
          report.add("no Fargate prices for " + r.code() + ": " + String.join("; ", r.notes()));
          continue;
        }
        ObjectNode old = regions.get(r.code());
        String oldPublished = old == null ? "" : old.path("published").asText("");
        if (oldPublished.compareTo(r.published()) > 0) {
          report.add(
              "kept "
                  + r.code()
                  + " as it was: published "
                  + oldPublished
                  + ", after "
                  + r.published());
          continue;
        }
        regions.put(
            r.code(), withDate(r, copy == null ? taken : r.published().substring(0, 10), copy));
      }
    }
    regions.keySet().stream()
        .filter(c -> !seen.contains(c))
        .forEach(c -> report.add("kept " + c + " as it was: in no input"));
    ObjectNode out = template.deepCopy();
    out.put("taken", taken);
    // Notes on one import (what was searched, what was cross-checked) do not carry to the next.
    out.remove(List.of("searched", "notes"));
    ObjectNode rs = out.putObject("regions");
    regions.forEach(rs::set);
    return out;
  }

  /** The region's entry with {@code asOf} (and {@code copy}) after its source and dates. */
  private static ObjectNode withDate(Region r, String asOf, String copy) {
    ObjectNode out = r.prices().objectNode();
    for (String head : List.of("source", "published", "effective")) {
      if (r.prices().has(head)) {
        out.set(head, r.prices().get(head));
      }
    }
    out.put("asOf", asOf);
    if (copy != null) {
      out.put("copy", copy);
    }
    r.prices()
        .fields()
        .forEachRemaining(
            e -> {
              if (!out.has(e.getKey())) {
                out.set(e.getKey(), e.getValue());
              }
            });
    return out;
  }

  /** The figures of one per-region AmazonECS offer file. */
  static Region region(JsonNode offer) {
    require(offer.path("offerCode").asText().equals("AmazonECS"), "not an AmazonECS offer file");
    String version = text(offer, "version");
    String published = text(offer, "publicationDate");
    String code = null;
    ObjectNode figures = new ObjectMapper().createObjectNode();
    String effective = "";
    for (Iterator<Map.Entry<String, JsonNode>> it = offer.path("products").fields();
        it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode attributes = e.getValue().path("attributes");
      String usage = usage(attributes.path("usagetype").asText());
      if (usage == null) {
        continue;
      }
      String regionCode = text(attributes, "regionCode");
      require(code == null || code.equals(regionCode), "rows of two regions in one offer file");
      code = regionCode;
      JsonNode term = onDemand(offer, e.getKey());
      BigDecimal price = usd(term, attributes.path("usagetype").asText());
      USAGE.get(usage).put(figures, price, "two on-demand rows for " + usage + " in " + regionCode);
      String date = term.path("effectiveDate").asText("");
      effective = date.compareTo(effective) > 0 ? date : effective;
    }
    if (code == null) {
      return new Region(
          anyRegion(offer), published, null, List.of("no Fargate rows in offer " + version));
    }
    ObjectNode head = new ObjectMapper().createObjectNode();
    head.put(
        "source",
        PRICE_LIST + "/offers/v1.0/aws/AmazonECS/" + version + "/" + code + "/index.json");
    head.put("published", published);
    head.put("effective", effective.length() >= 10 ? effective.substring(0, 10) : effective);
    return region(code, head, figures);
  }

  /**
   * A region's entry from its {@code head} (source and dates) and {@code figures} ({@code x86_64}
   * and {@code arm64} with {@code vcpuHour} and {@code gbHour}, and {@code storageGbHour}), in the
   * price file's order, with notes on what it lacks.
   */
  static Region region(String code, ObjectNode head, ObjectNode figures) {
    ObjectNode prices = head.deepCopy();
    List<String> notes = new ArrayList<>();
    for (String arch : List.of("x86_64", "arm64")) {
      JsonNode a = figures.path(arch);
      boolean vcpu = a.has("vcpuHour");
      boolean gb = a.has("gbHour");
      require(
          vcpu == gb, code + " has only the " + arch + " " + (vcpu ? "vCPU" : "memory") + " price");
      if (vcpu) {
        ObjectNode out = prices.putObject(arch);
        out.set("vcpuHour", a.get("vcpuHour"));
        out.set("gbHour", a.get("gbHour"));
      } else {
        notes.add("no " + arch + " rows: " + arch + " tasks have no price in " + code);
      }
    }
    String published = head.path("published").asText();
    if (!prices.has("x86_64") && !prices.has("arm64")) {
      return new Region(code, published, null, List.of("no Linux vCPU and memory rows"));
    }
    if (figures.has("storageGbHour")) {
      prices.set("storageGbHour", figures.get("storageGbHour"));
    } else {
      notes.add("no ephemeral storage row: storage beyond 20 GB is counted as free in " + code);
    }
    if (!notes.isEmpty()) {
      prices.put("notes", String.join("; ", notes));
    }
    return new Region(code, published, prices, notes);
  }

  /**
   * The absolute address of each region's current AmazonECS offer file, from the service's region
   * index ({@code /offers/v1.0/aws/AmazonECS/current/region_index.json}): {@code REGION URL} lines.
   */
  static List<String> offerUrls(JsonNode regionIndex) {
    List<String> out = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = regionIndex.path("regions").fields();
        it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String url = text(e.getValue(), "currentVersionUrl");
      require(url.startsWith("/offers/") && url.endsWith("/index.json"), "odd offer URL " + url);
      out.add(e.getKey() + " " + PRICE_LIST + url);
    }
    return out;
  }

  /**
   * {@code urls REGION_INDEX}, or {@code write [--copy WHERE] TAKEN PRICE_FILE FILE...}: the price
   * file on stdout, what was left out or kept on stderr. See tools/prices.
   */
  public static void main(String[] args) throws IOException {
    System.exit(run(args, System.out, System.err));
  }

  static int run(String[] args, PrintStream out, PrintStream err) throws IOException {
    ObjectMapper json = new ObjectMapper();
    if (args.length == 2 && args[0].equals("urls")) {
      offerUrls(json.readTree(Path.of(args[1]).toFile())).forEach(out::println);
      return 0;
    }
    int first = args.length >= 3 && args[0].equals("write") && args[1].equals("--copy") ? 3 : 1;
    if (args.length >= first + 3 && args[0].equals("write")) {
      String copy = first == 3 ? args[2] : null;
      List<JsonNode> inputs = new ArrayList<>();
      for (int i = first + 2; i < args.length; i++) {
        inputs.add(json.readTree(Files.readAllBytes(Path.of(args[i]))));
      }
      List<String> report = new ArrayList<>();
      ObjectNode file;
      try {
        JsonNode template = json.readTree(Path.of(args[first + 1]).toFile());
        file = priceFile(template, args[first], copy, inputs, report);
      } catch (IllegalArgumentException e) {
        err.println(e.getMessage());
        return 1;
      }
      out.print(write(file));
      report.forEach(err::println);
      return 0;
    }
    err.println("usage: PriceListImport urls REGION_INDEX_JSON");
    err.println("       PriceListImport write [--copy WHERE] TAKEN_DATE PRICE_FILE FILE...");
    return 2;
  }

  /** The file as it is checked in: two-space indent, {@code "key": value}, a final newline. */
  static String write(JsonNode file) throws IOException {
    DefaultPrettyPrinter printer =
        new DefaultPrettyPrinter()
            .withSeparators(
                Separators.createDefaultInstance()
                    .withObjectFieldValueSpacing(Separators.Spacing.AFTER));
    return new ObjectMapper().writer(printer).writeValueAsString(file) + "\n";
  }

  /** The usage type without its region prefix, if it is one of the five read; null otherwise. */
  static String usage(String usagetype) {
    if (USAGE.containsKey(usagetype)) {
      return usagetype;
    }
    int dash = usagetype.indexOf('-');
    String rest = dash < 0 ? "" : usagetype.substring(dash + 1);
    return USAGE.containsKey(rest) ? rest : null;
  }

  /** The single on-demand term of a product. */
  private static JsonNode onDemand(JsonNode offer, String sku) {
    JsonNode terms = offer.path("terms").path("OnDemand").path(sku);
    require(terms.size() == 1, "product " + sku + " has " + terms.size() + " on-demand terms");
    return terms.elements().next();
  }

  /** The one untiered USD price of a term, per hour (vCPU, GB) or per GB-hour (storage). */
  private static BigDecimal usd(JsonNode term, String usagetype) {
    JsonNode dims = term.path("priceDimensions");
    require(dims.size() == 1, usagetype + " has " + dims.size() + " price dimensions");
    JsonNode d = dims.elements().next();
    require(
        d.path("beginRange").asText().equals("0") && d.path("endRange").asText().equals("Inf"),
        usagetype + " has a tiered price");
    String unit = d.path("unit").asText().toLowerCase(Locale.ROOT);
    require(
        unit.equals("hours") || unit.equals("hrs") || unit.equals("gb-hours"),
        usagetype + " is priced per " + d.path("unit").asText());
    return price(d.path("pricePerUnit").path("USD").asText(""), usagetype);
  }

  /** A price as its source writes it in USD, {@code what}'s: there, and more than nothing. */
  static BigDecimal price(String usd, String what) {
    require(!usd.isEmpty(), what + " has no USD price");
    BigDecimal price = new BigDecimal(usd);
    require(price.signum() > 0, what + " costs " + usd);
    return price;
  }

  private static String anyRegion(JsonNode offer) {
    for (JsonNode p : offer.path("products")) {
      String r = p.path("attributes").path("regionCode").asText("");
      if (!r.isEmpty()) {
        return r;
      }
    }
    return "?";
  }

  static String plain(BigDecimal d) {
    return d.stripTrailingZeros().toPlainString();
  }

  static String text(JsonNode node, String field) {
    String v = node.path(field).asText("");
    require(!v.isEmpty(), "no " + field);
    return v;
  }

  static void require(boolean ok, String what) {
    if (!ok) {
      throw new IllegalArgumentException("AmazonECS price list: " + what);
    }
  }
}
