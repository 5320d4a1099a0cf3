package io.fgd.compiler.check;

import static io.fgd.compiler.check.Snippets.inService;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The checks of lifecycle hooks and early success criteria (issue 15), one per row: a snippet added
 * to a valid service, the one diagnostic it must produce (or none), and the text it underlines. The
 * errors that end a compile also have a spec under specs/invalid/deploy-hook-* and
 * deploy-early-success-*.
 */
class HookRulesTest {
  static final String FN = "\"arn:aws:lambda:us-west-1:123456789012:function:check\"";
  static final String ROLE = "\"arn:aws:iam::123456789012:role/ecsLambdaHookRole\"";
  static final String PORT = RolloutRulesTest.PORT;

  static Stream<Arguments> snippets() {
    return Stream.of(
        // what is fine
        row("deploy {\n  hook pre_scale_up lambda " + FN + " role " + ROLE + "\n}", null, null),
        row(
            "deploy {\n  hook reconcile_service, post_scale_up lambda "
                + FN.replace("check\"", "check:$LATEST\"")
                + " role "
                + ROLE
                + " timeout 1440m\n}",
            null,
            null),
        row(
            PORT
                + "deploy {\n  strategy blue_green\n  hook test_traffic_shift,\n"
                + "    post_production_traffic_shift lambda "
                + FN
                + " role "
                + ROLE
                + " timeout 5m\n}",
            null,
            null),
        row("deploy {\n  min_healthy 50%\n  early_success 50%\n}", null, null),
        row("deploy {\n  early_success 100% cleanup deferred\n}", null, null),
        // stages
        row(
            "deploy {\n  hook post_scale lambda " + FN + " role " + ROLE + "\n}",
            "deploy.hookStage",
            "post_scale"),
        row(
            "deploy {\n  hook pre_scale_up, pre_scale_up lambda " + FN + " role " + ROLE + "\n}",
            "deploy.hookStageTwice",
            "pre_scale_up"),
        row(
            "deploy {\n  hook production_traffic_shift lambda " + FN + " role " + ROLE + "\n}",
            "deploy.hookStageRolling",
            "production_traffic_shift"),
        // the function and its role
        row(
            "deploy {\n  hook pre_scale_up lambda "
                + FN.replace(":lambda:", ":sns:")
                + " role "
                + ROLE
                + "\n}",
            "arn.service",
            FN.replace(":lambda:", ":sns:")),
        row(
            "deploy {\n  hook pre_scale_up lambda "
                + FN.replace("function:check", "layer:check")
                + " role "
                + ROLE
                + "\n}",
            "arn.resource",
            FN.replace("function:check", "layer:check")),
        row(
            "deploy {\n  hook pre_scale_up lambda "
                + FN.replace("arn:aws:lambda:us-west-1", "arn:aws-cn:lambda:cn-north-1")
                + " role "
                + ROLE
                + "\n}",
            "arn.appPartition",
            FN.replace("arn:aws:lambda:us-west-1", "arn:aws-cn:lambda:cn-north-1")),
        row("deploy {\n  hook pre_scale_up lambda " + FN + "\n}", "deploy.hookNeedsRole", FN),
        row(
            "deploy {\n  hook pre_scale_up lambda "
                + FN
                + " role \"arn:aws:sts::123456789012:assumed-role/hook/s\"\n}",
            "arn.service",
            "\"arn:aws:sts::123456789012:assumed-role/hook/s\""),
        // timeouts
        row(
            "deploy {\n  hook pre_scale_up lambda " + FN + " role " + ROLE + " timeout 90s\n}",
            "deploy.hookTimeoutMinutes",
            "90s"),
        row(
            "deploy {\n  hook pre_scale_up lambda " + FN + " role " + ROLE + " timeout 25h\n}",
            "deploy.hookTimeoutRange",
            "25h"),
        row(
            "deploy {\n  hook pre_scale_up lambda " + FN + " role " + ROLE + " timeout 0m\n}",
            "deploy.hookTimeoutRange",
            "0m"),
        // early success
        row("deploy {\n  early_success 90%\n}", "deploy.earlySuccessBelowDefaultMinHealthy", "90%"),
        row(
            "deploy {\n  min_healthy 80%\n  early_success 70%\n}",
            "deploy.earlySuccessBelowMinHealthy", "70%"),
        row("deploy {\n  early_success 120%\n}", "deploy.earlySuccessPercent", "120%"),
        row(
            "deploy {\n  early_success 100% cleanup defered\n}",
            "deploy.earlySuccessCleanup", "defered"),
        row(
            PORT + "deploy {\n  strategy blue_green\n  early_success 100%\n}",
            "deploy.earlySuccessStrategy",
            "early_success 100%"));
  }

  /** Eleven hooks: ECS takes ten; the eleventh is underlined. */
  static Stream<Arguments> tooMany() {
    StringBuilder s = new StringBuilder("deploy {\n");
    for (int i = 0; i < 11; i++) {
      s.append("  hook pre_scale_up lambda ")
          .append(FN.replace("check", "check" + i))
          .append(" role ")
          .append(ROLE)
          .append("\n");
    }
    s.append("}");
    String eleventh =
        "hook pre_scale_up lambda " + FN.replace("check", "check10") + " role " + ROLE;
    return Stream.of(row(s.toString(), "deploy.hookCount", eleventh));
  }

  private static Arguments row(String snippet, String code, String underlined) {
    return Arguments.of(snippet, code, underlined);
  }

  @ParameterizedTest(name = "{1}: {0}")
  @MethodSource({"snippets", "tooMany"})
  void snippetGivesExactlyItsDiagnostic(String snippet, String code, String expected) {
    ServiceRulesTest.assertOne(inService(snippet), code, expected);
  }
}
