package io.fgd.runtime.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AwsSettingsTest {
  @Test
  void theDefaultRegionIsAwsRegionThenAwsDefaultRegionAsTheAwsCliReadsThem() {
    assertEquals(
        Optional.of("eu-west-3"),
        AwsSettings.defaultRegion(Map.of("AWS_DEFAULT_REGION", "eu-west-3"), Optional.empty()));
    assertEquals(
        Optional.of("us-east-2"),
        AwsSettings.defaultRegion(
            Map.of("AWS_REGION", "us-east-2", "AWS_DEFAULT_REGION", "eu-west-3"),
            Optional.empty()));
    assertEquals(
        Optional.of("eu-west-3"),
        AwsSettings.defaultRegion(
            Map.of("AWS_REGION", " ", "AWS_DEFAULT_REGION", "eu-west-3"), Optional.empty()));
  }
}
