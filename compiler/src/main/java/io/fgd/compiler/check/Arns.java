package io.fgd.compiler.check;

import io.fgd.compiler.aws.Regions;
import io.fgd.compiler.diag.Diagnostics;
import io.fgd.compiler.diag.Suggestions;
import io.fgd.compiler.ir.Located;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * ARNs checked part by part ({@code arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE}), so that a
 * diagnostic names the one part that is wrong (an account of 11 digits, the service {@code sts}
 * where {@code iam} belongs) rather than repeating the whole value, and an ARN of another partition
 * than the app's region is caught before AWS refuses it.
 */
final class Arns {
  private Arns() {}

  /** What one kind of ARN must look like. */
  enum Kind {
    ROLE(
        "iam",
        false,
        "role/(?:[\\w+=,.@-]+/)*[\\w+=,.@-]{1,64}",
        "role/NAME (or role/PATH/NAME)",
        "arn:aws:iam::123456789012:role/ecsTaskExecutionRole"),
    TARGET_GROUP(
        "elasticloadbalancing",
        true,
        "targetgroup/[A-Za-z0-9](?:[A-Za-z0-9-]{0,30}[A-Za-z0-9])?/[0-9a-f]{16}",
        "targetgroup/NAME/ID, with a name of 1 to 32 letters, digits and hyphens and a 16-digit"
            + " hexadecimal id",
        "arn:aws:elasticloadbalancing:us-west-1:123456789012:targetgroup/web/0123456789abcdef"),
    // A listener rule (ALB) or a listener (NLB): what ECS moves traffic on in a canary, linear or
    // blue/green deployment (API_AdvancedConfiguration: productionListenerRule, testListenerRule).
    LISTENER_RULE(
        "elasticloadbalancing",
        true,
        "listener(?:-rule)?/(?:app|net)/[A-Za-z0-9](?:[A-Za-z0-9-]{0,30}[A-Za-z0-9])?/[0-9a-f]{16}"
            + "/[0-9a-f]{16}(?:/[0-9a-f]{16})?",
        "listener-rule/app/LB/ID/LISTENER-ID/RULE-ID (an ALB's rule) or listener/net/LB/ID/LISTENER-ID"
            + " (an NLB's listener)",
        "arn:aws:elasticloadbalancing:us-west-1:123456789012:listener-rule/app/web/0123456789abcdef"
            + "/0123456789abcdef/0123456789abcdef"),
    LISTENER(
        "elasticloadbalancing",
        true,
        "listener/app/[A-Za-z0-9](?:[A-Za-z0-9-]{0,30}[A-Za-z0-9])?/[0-9a-f]{16}/[0-9a-f]{16}",
        "listener/app/NAME/ID/ID: the listener of an Application Load Balancer",
        "arn:aws:elasticloadbalancing:us-west-1:123456789012:listener/app/web/0123456789abcdef/"
            + "fedcba9876543210"),
    SECRET(
        "secretsmanager",
        true,
        "secret:[A-Za-z0-9/_+=.@-]{1,512}",
        "secret:NAME, with letters, digits and / _ + = . @ - in the name",
        "arn:aws:secretsmanager:us-west-1:123456789012:secret:db-AbCdEf"),
    SSM_PARAMETER(
        "ssm",
        true,
        "parameter/[A-Za-z0-9_.-]+(?:/[A-Za-z0-9_.-]+)*",
        "parameter/NAME (or parameter/PATH/NAME), with letters, digits and _ . - in each part",
        "arn:aws:ssm:us-west-1:123456789012:parameter/shop/db-url"),
    // A deployment lifecycle hook's function (API_DeploymentLifecycleHook hookTargetArn: "For
    // AWS_LAMBDA hooks, this is the Lambda function ARN"). Names are 1 to 64 letters, digits,
    // hyphens and underscores, with an optional version or alias (Lambda API reference,
    // FunctionName).
    LAMBDA(
        "lambda",
        true,
        "function:[A-Za-z0-9_-]{1,64}(?::(?:\\$LATEST|[A-Za-z0-9_-]{1,128}))?",
        "function:NAME (or function:NAME:VERSION or :ALIAS), with a name of 1 to 64 letters, digits,"
            + " hyphens and underscores",
        "arn:aws:lambda:us-west-1:123456789012:function:check-deploy"),
    NAMESPACE(
        "servicediscovery",
        true,
        "namespace/ns-[a-z0-9]{1,64}",
        "namespace/ns-ID, with an id of lowercase letters and digits",
        "arn:aws:servicediscovery:us-west-1:123456789012:namespace/ns-abcdef0123456789");

    final String service;
    final boolean regional;
    final Pattern resource;
    final String resourceShape;
    final String example;

    Kind(String service, boolean regional, String resource, String shape, String example) {
      this.service = service;
      this.regional = regional;
      this.resource = Pattern.compile(resource);
      this.resourceShape = shape;
      this.example = example;
    }
  }

  /** The six parts of a value that starts with {@code arn:}. */
  record Parts(String partition, String service, String region, String account, String resource) {
    static Optional<Parts> of(String value) {
      if (!value.startsWith("arn:")) {
        return Optional.empty();
      }
      String[] p = value.split(":", 6);
      if (p.length < 6) {
        return Optional.empty();
      }
      return Optional.of(new Parts(p[1], p[2], p[3], p[4], p[5]));
    }
  }

  private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");

  /**
   * Reports the first wrong part of {@code arn}, a {@code kind} ARN given for {@code what}; true
   * when every part is right. {@code appRegion} is the app's region when it is a known one: an ARN
   * of another partition is of no use to a service there.
   */
  static boolean check(
      Located<String> arn,
      Kind kind,
      String what,
      Optional<Located<String>> appRegion,
      Diagnostics diagnostics) {
    String value = arn.value();
    Optional<Parts> parsed = Parts.of(value);
    if (parsed.isEmpty()) {
      if (!value.startsWith("arn:")) {
        diagnostics.error("arn.notArn", arn.span(), what, kind.example);
      } else {
        diagnostics.error("arn.parts", arn.span(), what, value.split(":", -1).length, kind.example);
      }
      return false;
    }
    Parts p = parsed.get();
    if (!Regions.partitions().contains(p.partition())) {
      diagnostics.error(
          "arn.partition",
          arn.span(),
          p.partition(),
          Suggestions.didYouMean(p.partition(), Regions.partitions()),
          String.join(", ", Regions.partitions()));
      return false;
    }
    if (!p.service().equals(kind.service)) {
      String hint = "";
      if (kind == Kind.ROLE
          && p.service().equals("sts")
          && p.resource().startsWith("assumed-role/")) {
        String[] r = p.resource().split("/");
        hint =
            " An sts assumed-role ARN names a session of a role; the role itself is \"arn:"
                + p.partition()
                + ":iam::"
                + p.account()
                + ":role/"
                + (r.length > 1 ? r[1] : "NAME")
                + "\" (with its path, if it has one).";
      }
      diagnostics.error(
          "arn.service", arn.span(), what, p.service(), kind.service, kind.example, hint);
      return false;
    }
    if (!kind.regional && !p.region().isEmpty()) {
      diagnostics.error("arn.regionGlobal", arn.span(), kind.service, p.region());
      return false;
    }
    if (kind.regional) {
      if (p.region().isEmpty()) {
        diagnostics.error("arn.regionMissing", arn.span(), what, kind.example);
        return false;
      }
      if (!Regions.isKnown(p.region())) {
        diagnostics.error(
            "arn.regionUnknown",
            arn.span(),
            p.region(),
            Suggestions.didYouMean(p.region(), Regions.names()));
        return false;
      }
      String regionPartition = Regions.partition(p.region()).orElseThrow();
      if (!regionPartition.equals(p.partition())) {
        diagnostics.error(
            "arn.regionPartition", arn.span(), p.partition(), p.region(), regionPartition);
        return false;
      }
    }
    if (!ACCOUNT.matcher(p.account()).matches()) {
      if (p.account().chars().allMatch(Character::isDigit)) {
        diagnostics.error("arn.accountLength", arn.span(), p.account(), p.account().length(), what);
      } else {
        diagnostics.error("arn.accountDigits", arn.span(), p.account(), what);
      }
      return false;
    }
    if (!kind.resource.matcher(p.resource()).matches()) {
      diagnostics.error(
          "arn.resource", arn.span(), p.resource(), what, kind.resourceShape, kind.example);
      return false;
    }
    if (appRegion.isPresent()) {
      String app = appRegion.get().value();
      String appPartition = Regions.partition(app).orElseThrow();
      if (!appPartition.equals(p.partition())) {
        diagnostics.errorWithContext(
            "arn.appPartition",
            arn.span(),
            appRegion.get().span(),
            p.partition(),
            app,
            appPartition);
        return false;
      }
    }
    return true;
  }

  /** The region of an ARN that {@link #check} accepted, if the kind has one. */
  static Optional<String> region(String arn) {
    return Parts.of(arn).map(Parts::region).filter(r -> !r.isEmpty());
  }
}
