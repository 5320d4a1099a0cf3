package io.fgd.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The runtime's one ARN parser, on the ARNs AWS answers with and on what is not an ARN. */
class ArnsTest {
  @ParameterizedTest
  @CsvSource({
    "arn:aws:ecs:us-west-1:123456789012:task-definition/sheets-api:42, sheets-api:42, sheets-api:42",
    "arn:aws:ecs:us-west-1:123456789012:service/sheets-prod/api, sheets-prod/api, api",
    "arn:aws:ecs:us-west-1:123456789012:service/api, api, api",
    "arn:aws:ecs:us-west-1:123456789012:cluster/sheets-prod, sheets-prod, sheets-prod",
    "arn:aws:ecs:us-west-1:123456789012:task/sheets-prod/0123abcd, sheets-prod/0123abcd, 0123abcd",
    "sheets-api:42, sheets-api:42, sheets-api:42",
    "sheets-prod, sheets-prod, sheets-prod",
    "arn:broken, arn:broken, arn:broken",
  })
  void resourceAndLastSegment(String arn, String resource, String lastSegment) {
    assertEquals(resource, Arns.resource(arn));
    assertEquals(lastSegment, Arns.lastSegment(arn));
  }

  @ParameterizedTest
  @CsvSource({
    "arn:aws:ecs:us-west-1:123456789012:service/sheets-prod/api, 123456789012",
    "arn:aws:ecs:us-west-1::service/sheets-prod/api, ''",
    "arn:aws:ecs:us-west-1:12345:service/sheets-prod/api, ''",
    "not-an-arn, ''",
  })
  void accountOnlyWhenItIsTwelveDigits(String arn, String account) {
    assertEquals(account.isEmpty() ? Optional.empty() : Optional.of(account), Arns.account(arn));
  }
}
