package io.fgd.compiler.cost;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Reads the data file AWS's ECS and Fargate pricing pages render their rates from, {@code
 * https://b0.p.awsstatic.com/pricing/2.0/meteredUnitMaps/ecs/USD/current/ecs.json}: a {@code
 * manifest} (serviceId {@code ecs}, currencyCode, hawkFilePublicationDate) and, per location name
 * ("US East (N. Virginia)"), rates named by what they bill, each with the price list's rate code.
 *
 * <p>The five names read are the Linux rows of the price list's AmazonECS offer: in us-east-1 their
 * rate codes are those of {@code USE1-Fargate-vCPU-Hours:perCPU} ({@code perCPU per hour}), {@code
 * USE1-Fargate-GB-Hours} ({@code perGB per hour}), the two {@code ARM} ones and {@code
 * USE1-Fargate-EphemeralStorage-GB-Hours} ({@code Storage per GB-Hours}). The file names regions by
 * the price list's location names, so a location not in {@link #LOCATIONS} stops the import: add
 * its code (the price list's regionCode for that location) and run it again.
 */
final class PricingPageData {
  static final String URL =
      "https://b0.p.awsstatic.com/pricing/2.0/meteredUnitMaps/ecs/USD/current/ecs.json";

  /** Rate name in the file -> the figure of the price file it is. */
  private static final Map<String, PriceListImport.Figure> RATES =
      Map.of(
          "perCPU per hour", PriceListImport.Figure.X86_VCPU,
          "perGB per hour", PriceListImport.Figure.X86_GB,
          "ARM perCPU per hour", PriceListImport.Figure.ARM_VCPU,
          "ARM perGB per hour", PriceListImport.Figure.ARM_GB,
          "Storage per GB-Hours", PriceListImport.Figure.STORAGE);

  /**
   * The price list's location names and their region codes (each offer file's products carry both,
   * {@code location} and {@code regionCode}). Checked against the region descriptions of the AWS
   * SDK for Java's endpoints.json (the SDK's regions module, 2.59.1), which are the same but for
   * "Europe" where the price list says "EU", and "AWS GovCloud (US-West)" for its "AWS GovCloud
   * (US)".
   */
  static final Map<String, String> LOCATIONS =
      Map.ofEntries(
          Map.entry("US East (N. Virginia)", "us-east-1"),
          Map.entry("US East (Ohio)", "us-east-2"),
          Map.entry("US West (N. California)", "us-west-1"),
          Map.entry("US West (Oregon)", "us-west-2"),
          Map.entry("Africa (Cape Town)", "af-south-1"),
          Map.entry("Asia Pacific (Hong Kong)", "ap-east-1"),
          Map.entry("Asia Pacific (Taipei)", "ap-east-2"),
          Map.entry("Asia Pacific (Hyderabad)", "ap-south-2"),
          Map.entry("Asia Pacific (Jakarta)", "ap-southeast-3"),
          Map.entry("Asia Pacific (Malaysia)", "ap-southeast-5"),
          Map.entry("Asia Pacific (Melbourne)", "ap-southeast-4"),
          Map.entry("Asia Pacific (Mumbai)", "ap-south-1"),
          Map.entry("Asia Pacific (Osaka)", "ap-northeast-3"),
          Map.entry("Asia Pacific (Seoul)", "ap-northeast-2"),
          Map.entry("Asia Pacific (Singapore)", "ap-southeast-1"),
          Map.entry("Asia Pacific (Sydney)", "ap-southeast-2"),
          Map.entry("Asia Pacific (Thailand)", "ap-southeast-7"),
          Map.entry("Asia Pacific (Tokyo)", "ap-northeast-1"),
          Map.entry("Canada (Central)", "ca-central-1"),
          Map.entry("Canada West (Calgary)", "ca-west-1"),
          Map.entry("EU (Frankfurt)", "eu-central-1"),
          Map.entry("EU (Zurich)", "eu-central-2"),
          Map.entry("EU (Ireland)", "eu-west-1"),
          Map.entry("EU (London)", "eu-west-2"),
          Map.entry("EU (Paris)", "eu-west-3"),
          Map.entry("EU (Milan)", "eu-south-1"),
          Map.entry("EU (Spain)", "eu-south-2"),
          Map.entry("EU (Stockholm)", "eu-north-1"),
          Map.entry("Israel (Tel Aviv)", "il-central-1"),
          Map.entry("Mexico (Central)", "mx-central-1"),
          Map.entry("Middle East (Bahrain)", "me-south-1"),
          Map.entry("Middle East (UAE)", "me-central-1"),
          Map.entry("South America (Sao Paulo)", "sa-east-1"),
          Map.entry("AWS GovCloud (US-East)", "us-gov-east-1"),
          Map.entry("AWS GovCloud (US)", "us-gov-west-1"));

  private PricingPageData() {}

  /** Whether {@code file} is in this format (and not an offer file of the price list). */
  static boolean is(JsonNode file) {
    return file.has("manifest") && file.has("regions") && !file.has("offerCode");
  }

  /** Each location's figures; a location without Linux vCPU and memory rates is left out. */
  static List<PriceListImport.Region> regions(JsonNode file) {
    JsonNode manifest = file.path("manifest");
    PriceListImport.require(
        manifest.path("serviceId").asText().equals("ecs"), "not the pricing page's ECS file");
    PriceListImport.require(
        manifest.path("currencyCode").asText().equals("USD"),
        "prices in " + manifest.path("currencyCode").asText() + ", not USD");
    String published = PriceListImport.text(manifest, "hawkFilePublicationDate");
    List<PriceListImport.Region> out = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = file.path("regions").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> location = it.next();
      String code = LOCATIONS.get(location.getKey());
      PriceListImport.require(
          code != null,
          "unknown location \""
              + location.getKey()
              + "\": add its region code to PricingPageData.LOCATIONS");
      ObjectNode prices = new ObjectMapper().createObjectNode();
      prices.put("source", URL);
      prices.put("published", published);
      ObjectNode figures = prices.objectNode();
      for (Map.Entry<String, PriceListImport.Figure> rate : RATES.entrySet()) {
        JsonNode r = location.getValue().path(rate.getKey());
        if (r.isMissingNode()) {
          continue;
        }
        String what = location.getKey() + " " + rate.getKey();
        rate.getValue()
            .put(figures, PriceListImport.price(r.path("price").asText(""), what), "two " + what);
      }
      out.add(PriceListImport.region(code, prices, figures));
    }
    return out;
  }
}
