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

  private static final Map<String, String[]> USAGE =
      Map.of(
          "Fargate-vCPU-Hours:perCPU", new String[] {"x86_64", "vcpuHour"},
          "Fargate-GB-Hours", new String[] {"x86_64", "gbHour"},
          "Fargate-ARM-vCPU-Hours:perCPU", new String[] {"arm64", "vcpuHour"},
          "Fargate-ARM-GB-Hours", new String[] {"arm64", "gbHour"},
          "Fargate-EphemeralStorage-GB-Hours", new String[] {"", "storageGbHour"});

  private PriceListImport() {}

  /** One region's figures from its offer file, or why it has none. */
  record Region(String code, ObjectNode prices, List<String> notes) {}

  /**
   * The price file: {@code template} (the file as it is) with {@code taken} and the regions of
   * {@code offers}, sorted by code, in place of its own. Regions whose files have no Fargate rows
   * are left out and named in {@code skipped}.
   */
  static ObjectNode priceFile(
      JsonNode template, String taken, List<JsonNode> offers, List<String> skipped) {
    Map<String, ObjectNode> regions = new TreeMap<>();
    for (JsonNode offer : offers) {
      Region r = region(offer);
      if (r.prices() == null) {
        skipped.add(r.code() + ": " + String.join("; ", r.notes()));
      } else if (regions.put(r.code(), r.prices()) != null) {
        throw new IllegalArgumentException("two offer files for " + r.code());
      }
    }
    ObjectNode out = template.deepCopy();
    out.put("taken", taken);
    // What was searched when AWS's list could not be had; a refresh from the list replaces it.
    out.remove("searched");
    ObjectNode rs = out.putObject("regions");
    regions.forEach(rs::set);
    return out;
  }

  /** The figures of one per-region AmazonECS offer file. */
  static Region region(JsonNode offer) {
    require(offer.path("offerCode").asText().equals("AmazonECS"), "not an AmazonECS offer file");
    String version = text(offer, "version");
    String published = text(offer, "publicationDate");
    String code = null;
    Map<String, BigDecimal> found = new TreeMap<>();
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
      require(
          found.put(usage, price) == null, "two on-demand rows for " + usage + " in " + regionCode);
      String date = term.path("effectiveDate").asText("");
      effective = date.compareTo(effective) > 0 ? date : effective;
    }
    if (code == null) {
      return new Region(anyRegion(offer), null, List.of("no Fargate rows in offer " + version));
    }
    ObjectNode prices = new ObjectMapper().createObjectNode();
    prices.put(
        "source",
        PRICE_LIST + "/offers/v1.0/aws/AmazonECS/" + version + "/" + code + "/index.json");
    prices.put("published", published);
    prices.put("effective", effective.length() >= 10 ? effective.substring(0, 10) : effective);
    List<String> notes = new ArrayList<>();
    for (String arch : List.of("x86_64", "arm64")) {
      BigDecimal vcpu = figure(found, arch, "vcpuHour");
      BigDecimal gb = figure(found, arch, "gbHour");
      require(
          (vcpu == null) == (gb == null),
          code + " has only the " + arch + " " + (vcpu == null ? "memory" : "vCPU") + " price");
      if (vcpu != null) {
        ObjectNode a = prices.putObject(arch);
        a.put("vcpuHour", plain(vcpu));
        a.put("gbHour", plain(gb));
      } else {
        notes.add("no " + arch + " rows: " + arch + " tasks have no price in " + code);
      }
    }
    if (!prices.has("x86_64") && !prices.has("arm64")) {
      return new Region(code, null, List.of("no Linux vCPU and memory rows"));
    }
    BigDecimal storage = found.get("Fargate-EphemeralStorage-GB-Hours");
    if (storage != null) {
      prices.put("storageGbHour", plain(storage));
    } else {
      notes.add("no ephemeral storage row: storage beyond 20 GB is counted as free in " + code);
    }
    if (!notes.isEmpty()) {
      prices.put("notes", String.join("; ", notes));
    }
    return new Region(code, prices, notes);
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

  /** {@code urls REGION_INDEX} or {@code write TAKEN TEMPLATE OFFER...}; see tools/prices. */
  public static void main(String[] args) throws IOException {
    System.exit(run(args, System.out, System.err));
  }

  static int run(String[] args, PrintStream out, PrintStream err) throws IOException {
    ObjectMapper json = new ObjectMapper();
    if (args.length == 2 && args[0].equals("urls")) {
      offerUrls(json.readTree(Path.of(args[1]).toFile())).forEach(out::println);
      return 0;
    }
    if (args.length >= 4 && args[0].equals("write")) {
      List<JsonNode> offers = new ArrayList<>();
      for (int i = 3; i < args.length; i++) {
        offers.add(json.readTree(Files.readAllBytes(Path.of(args[i]))));
      }
      List<String> skipped = new ArrayList<>();
      ObjectNode file;
      try {
        file = priceFile(json.readTree(Path.of(args[2]).toFile()), args[1], offers, skipped);
      } catch (IllegalArgumentException e) {
        err.println(e.getMessage());
        return 1;
      }
      out.print(write(file));
      skipped.forEach(s -> err.println("no Fargate prices for " + s));
      return 0;
    }
    err.println("usage: PriceListImport urls REGION_INDEX_JSON");
    err.println("       PriceListImport write TAKEN_DATE PRICE_FILE OFFER_JSON...");
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

  private static BigDecimal figure(Map<String, BigDecimal> found, String arch, String field) {
    for (Map.Entry<String, String[]> u : USAGE.entrySet()) {
      if (u.getValue()[0].equals(arch) && u.getValue()[1].equals(field)) {
        return found.get(u.getKey());
      }
    }
    return null;
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
    String usd = d.path("pricePerUnit").path("USD").asText("");
    require(!usd.isEmpty(), usagetype + " has no USD price");
    BigDecimal price = new BigDecimal(usd);
    require(price.signum() > 0, usagetype + " costs " + usd);
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

  private static String plain(BigDecimal d) {
    return d.stripTrailingZeros().toPlainString();
  }

  private static String text(JsonNode node, String field) {
    String v = node.path(field).asText("");
    require(!v.isEmpty(), "no " + field);
    return v;
  }

  private static void require(boolean ok, String what) {
    if (!ok) {
      throw new IllegalArgumentException("AmazonECS price list: " + what);
    }
  }
}
