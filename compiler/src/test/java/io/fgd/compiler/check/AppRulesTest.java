package io.fgd.compiler.check;

import static io.fgd.compiler.check.ServiceRulesTest.assertOne;
import static io.fgd.compiler.check.Snippets.withApp;
import static io.fgd.compiler.check.Snippets.withServices;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** App block rules: each row is a whole app body, the one diagnostic and what it underlines. */
class AppRulesTest {
  static final String ROLE = "execution_role \"arn:aws:iam::123456789012:role/exec\"\n";
  static final String NET =
      "network {\n  subnets subnet-0a1b2c3d\n  security_groups sg-0a1b2c3d\n}\n";

  static String app(String region, String account, String cluster, String rest) {
    return "region " + region + "\naccount " + account + "\ncluster " + cluster + "\n" + rest;
  }

  static Stream<Arguments> appBodies() {
    return Stream.of(
        Arguments.of(app("us-west-1", "123456789012", "shop", NET), null, null),
        Arguments.of(app("us-gov-west-1", "012345678901", "shop_prod-1", NET), null, null),
        Arguments.of(app("ap-southeast-2", "123456789012", "shop", ROLE + NET), null, null),
        Arguments.of(app("us-west", "123456789012", "shop", NET), "app.region", "us-west"),
        Arguments.of(app("US-WEST-1", "123456789012", "shop", NET), "app.region", "US-WEST-1"),
        Arguments.of(
            app("us-west-1", "12345678901", "shop", NET), "app.accountShort", "12345678901"),
        Arguments.of(
            app("us-west-1", "123456789012", "shop.prod", NET), "app.cluster", "shop.prod"),
        Arguments.of("account 123456789012\ncluster shop\n" + NET, "app.settingMissing", "shop"),
        Arguments.of("region us-west-1\ncluster shop\n" + NET, "app.settingMissing", "shop"),
        Arguments.of(
            "region us-west-1\naccount 123456789012\n" + NET, "app.settingMissing", "shop"),
        Arguments.of(app("us-west-1", "123456789012", "shop", ""), "app.settingMissing", "shop"),
        Arguments.of(
            app(
                "us-west-1",
                "123456789012",
                "shop",
                "execution_role \"ecsTaskExecutionRole\"\n" + NET),
            "app.roleName",
            "\"ecsTaskExecutionRole\""),
        Arguments.of(
            app(
                "us-west-1",
                "123456789012",
                "shop",
                "task_role \"arn:aws:iam::123456789012:user/bob\"\n" + NET),
            "arn.resource",
            "\"arn:aws:iam::123456789012:user/bob\""),
        // issue 12, items 10, 12 and 13: regions as data, the wrong part of an ARN named
        Arguments.of(app("us-west-3", "123456789012", "shop", NET), "app.region", "us-west-3"),
        Arguments.of(app("eu-centrl-1", "123456789012", "shop", NET), "app.region", "eu-centrl-1"),
        Arguments.of(app("eusc-de-east-1", "123456789012", "shop", NET), null, null),
        Arguments.of(
            app("us-west-1", "1234567890123", "shop", NET), "app.accountLong", "1234567890123"),
        Arguments.of(app("us-west-1", "acct-1234", "shop", NET), "app.account", "acct-1234"),
        Arguments.of(
            app(
                "us-west-1",
                "123456789012",
                "shop",
                "task_role \"arn:aws:iam::12345678901:role/app\"\n" + NET),
            "arn.accountLength",
            "\"arn:aws:iam::12345678901:role/app\""),
        Arguments.of(
            app(
                "us-west-1",
                "123456789012",
                "shop",
                "task_role \"arn:aws:sts::123456789012:assumed-role/app/s\"\n" + NET),
            "arn.service",
            "\"arn:aws:sts::123456789012:assumed-role/app/s\""),
        Arguments.of(
            app(
                "us-west-1",
                "123456789012",
                "shop",
                "task_role \"arn:aws:iam:us-west-1:123456789012:role/app\"\n" + NET),
            "arn.regionGlobal",
            "\"arn:aws:iam:us-west-1:123456789012:role/app\""),
        Arguments.of(
            app(
                "us-west-1",
                "123456789012",
                "shop",
                "task_role \"arn:aws-cn:iam::123456789012:role/app\"\n" + NET),
            "arn.appPartition",
            "\"arn:aws-cn:iam::123456789012:role/app\""),
        Arguments.of(
            app(
                "cn-north-1",
                "123456789012",
                "shop",
                "task_role \"arn:aws-cn:iam::123456789012:role/app\"\n" + NET),
            null,
            null),
        Arguments.of(
            app(
                "us-west-1",
                "123456789012",
                "shop",
                "task_role \"arn:amazon:iam::123456789012:role/app\"\n" + NET),
            "arn.partition",
            "\"arn:amazon:iam::123456789012:role/app\""),
        Arguments.of(
            app(
                "us-west-1",
                "123456789012",
                "shop",
                "task_role \"arn:aws:iam:123456789012:role/app\"\n" + NET),
            "arn.parts",
            "\"arn:aws:iam:123456789012:role/app\""),
        Arguments.of(
            app(
                "us-west-1",
                "123456789012",
                "shop",
                "task_role \"arn:aws:iam::123456789012:role/service-role/app\"\n" + NET),
            null,
            null),
        Arguments.of(
            app(
                "us-west-1",
                "123456789012",
                "shop",
                "network {\n  security_groups sg-0a1b2c3d\n}\n"),
            "app.subnetsMissing",
            "network {"),
        Arguments.of(
            app("us-west-1", "123456789012", "shop", "network {\n  subnets subnet-0a1b2c3d\n}\n"),
            "app.securityGroupsMissing",
            "network {"),
        Arguments.of(
            app(
                "us-west-1",
                "123456789012",
                "shop",
                "network {\n  subnets subnet-0A1B2C3D\n  security_groups sg-0a1b2c3d\n}\n"),
            "app.subnet",
            "subnet-0A1B2C3D"),
        Arguments.of(
            app(
                "us-west-1",
                "123456789012",
                "shop",
                "network {\n  subnets subnet-0a1b2c3d\n  security_groups sg-123\n}\n"),
            "app.securityGroup",
            "sg-123"),
        Arguments.of(
            app(
                "us-west-1",
                "123456789012",
                "shop",
                "network {\n  subnets subnet-0a1b2c3d\n  security_groups sg-00000001, sg-00000002, sg-00000003, sg-00000004, sg-00000005, sg-00000006\n}\n"),
            "app.tooManySecurityGroups",
            "sg-00000006"),
        Arguments.of(
            app(
                "us-west-1",
                "123456789012",
                "shop",
                "network {\n  subnets " + subnets(17) + "\n  security_groups sg-0a1b2c3d\n}\n"),
            "app.tooManySubnets",
            "subnet-00000017"),
        Arguments.of(
            app("us-west-1", "123456789012", "shop", NET + "tags {\n  \"aws:x\" = \"y\"\n}\n"),
            "tag.reservedAws",
            "\"aws:x\""));
  }

  private static String subnets(int n) {
    StringBuilder b = new StringBuilder();
    for (int i = 1; i <= n; i++) {
      b.append(i > 1 ? ", " : "").append(String.format("subnet-%08d", i));
    }
    return b.toString();
  }

  @ParameterizedTest(name = "{1}: {0}")
  @MethodSource("appBodies")
  void appBodyGivesExactlyItsDiagnostic(String body, String code, String expected) {
    assertOne(withApp(body), code, expected);
  }

  @Test
  void appNameMustBeLowercase() {
    String text =
        withApp(app("us-west-1", "123456789012", "shop", NET)).replace("app shop", "app Shop");
    assertOne(text, "app.name", "Shop");
  }

  static Stream<Arguments> executionRoleReasons() {
    String base = "app shop {\n" + app("us-west-1", "123456789012", "shop", NET) + "}\n";
    return Stream.of(
        Arguments.of(base + "service web {\n  image \"nginx:1.27\"\n  health none\n}\n", "web"),
        Arguments.of(
            base
                + "service web {\n  image \"nginx:1.27\"\n  health none\n  logs {\n    retention 7d\n  }\n}\n",
            "logs {"),
        Arguments.of(
            base
                + "service web {\n  image \"123456789012.dkr.ecr.us-west-1.amazonaws.com/web:1\"\n"
                + "  health none\n  logs off\n}\n",
            "\"123456789012.dkr.ecr.us-west-1.amazonaws.com/web:1\""),
        Arguments.of(
            base
                + "service web {\n  image \"nginx:1.27\"\n  health none\n  logs off\n"
                + "  secret DB from ssm \"/shop/db\"\n}\n",
            "\"/shop/db\""));
  }

  @ParameterizedTest
  @MethodSource("executionRoleReasons")
  void executionRoleIsRequiredWhereItIsNeeded(String text, String expected) {
    assertOne(text, "app.executionRoleRequired", expected);
  }

  @Test
  void noExecutionRoleNeededWithoutLogsSecretsOrEcr() {
    String text =
        "app shop {\n"
            + app("us-west-1", "123456789012", "shop", NET)
            + "}\n"
            + "service web {\n  image \"nginx:1.27\"\n  health none\n  logs off\n}\n";
    assertOne(text, null, null);
  }

  @Test
  void appTagsCount() {
    StringBuilder tags = new StringBuilder("tags {\n");
    for (int i = 0; i < 50; i++) {
      tags.append("  t").append(i).append(" = \"v\"\n");
    }
    tags.append("}\n");
    assertOne(withApp(app("us-west-1", "123456789012", "shop", NET + tags)), "tag.tooMany", "t49");
  }

  @Test
  void withServicesHelperIsClean() {
    assertOne(
        withServices("service web {\n  image \"nginx:1.27\"\n  health none\n}\n"), null, null);
  }
}
