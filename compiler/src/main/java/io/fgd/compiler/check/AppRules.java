package io.fgd.compiler.check;

import io.fgd.compiler.aws.Regions;
import io.fgd.compiler.diag.Diagnostics;
import io.fgd.compiler.diag.Suggestions;
import io.fgd.compiler.ir.App;
import io.fgd.compiler.ir.Container;
import io.fgd.compiler.ir.ImageSettings;
import io.fgd.compiler.ir.Located;
import io.fgd.compiler.ir.Network;
import io.fgd.compiler.ir.SecretRef;
import io.fgd.compiler.ir.Service;
import io.fgd.compiler.ir.Sidecar;
import io.fgd.compiler.ir.Spec;
import io.fgd.compiler.source.Span;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** Rules for the app block: region, account, roles, network, tags. */
final class AppRules {
  private AppRules() {}

  /**
   * The app's name prefixes ECR repositories ({@code <app>/<service>}) and log groups, and ECR
   * repository names are lowercase letters and digits separated by single hyphens.
   */
  static final Pattern APP_NAME = Pattern.compile("[a-z0-9]+(?:-[a-z0-9]+)*");

  /** awsvpc limits: at most 16 subnets and 5 security groups per service. */
  static final int MAX_SUBNETS = 16;

  static final int MAX_SECURITY_GROUPS = 5;

  /**
   * ECR's default quota of images per repository, 100,000
   * (https://docs.aws.amazon.com/AmazonECR/latest/userguide/service-quotas.html): a lifecycle
   * policy keeping more would never expire anything.
   */
  static final int MAX_KEEP_IMAGES = 100_000;

  static void check(Spec spec, Diagnostics diagnostics) {
    if (spec.app().isEmpty()) {
      return;
    }
    App app = spec.app().get();
    Span at = app.name().span();
    if (!APP_NAME.matcher(app.name().value()).matches()) {
      diagnostics.error("app.name", at, app.name().value());
    }
    required(app.region(), "region", "region us-west-1", at, diagnostics)
        .filter(r -> !Regions.isKnown(r.value()))
        .ifPresent(
            r ->
                diagnostics.error(
                    "app.region",
                    r.span(),
                    r.value(),
                    Suggestions.didYouMean(r.value(), Regions.names())));
    required(app.account(), "account", "account 123456789012", at, diagnostics)
        .filter(a -> !AwsFormats.ACCOUNT.matcher(a.value()).matches())
        .ifPresent(a -> account(a, diagnostics));
    required(app.cluster(), "cluster", "cluster NAME", at, diagnostics)
        .filter(c -> !AwsFormats.CLUSTER.matcher(c.value()).matches())
        .ifPresent(c -> diagnostics.error("app.cluster", c.span(), c.value()));
    app.executionRole().ifPresent(r -> role(r, "execution_role", app, diagnostics));
    app.taskRole().ifPresent(r -> role(r, "task_role", app, diagnostics));
    app.schedulerRole().ifPresent(r -> role(r, "scheduler_role", app, diagnostics));
    app.registry().ifPresent(r -> registry(r, diagnostics));
    app.images()
        .flatMap(ImageSettings::keep)
        .filter(k -> k.value() < 1 || k.value() > MAX_KEEP_IMAGES)
        .ifPresent(k -> diagnostics.error("images.keep", k.span(), k.value(), MAX_KEEP_IMAGES));
    if (app.network().isEmpty()) {
      diagnostics.error("app.settingMissing", at, "network", "network { subnets subnet-0a1b2c3d }");
    } else {
      network(app.network().get(), at, diagnostics);
    }
    TagRules.checkEach(app.tags(), diagnostics);
    if (app.tags().size() > TagRules.MAX_USER_TAGS) {
      diagnostics.error(
          "tag.tooMany",
          app.tags().get(TagRules.MAX_USER_TAGS).key().span(),
          "the app",
          app.tags().size(),
          TagRules.MAX_USER_TAGS);
    }
    if (app.executionRole().isEmpty()) {
      String partition = partition(app);
      String account = account(app);
      for (Service service : spec.services()) {
        whyExecutionRole(service)
            .ifPresent(
                why ->
                    diagnostics.error(
                        "app.executionRoleRequired",
                        why.span(),
                        service.name().value(),
                        why.value(),
                        partition,
                        account));
      }
    }
  }

  private static Optional<Located<String>> required(
      Optional<Located<String>> value,
      String name,
      String example,
      Span at,
      Diagnostics diagnostics) {
    if (value.isEmpty()) {
      diagnostics.error("app.settingMissing", at, name, example);
    }
    return value;
  }

  private static void account(Located<String> account, Diagnostics diagnostics) {
    String value = account.value();
    if (!value.chars().allMatch(c -> c >= '0' && c <= '9')) {
      diagnostics.error("app.account", account.span(), value);
    } else if (value.length() < 12) {
      diagnostics.error("app.accountShort", account.span(), value, value.length());
    } else {
      diagnostics.error("app.accountLong", account.span(), value, value.length());
    }
  }

  /** A registry prefixes image references, so it takes their characters (without # or @). */
  private static void registry(Located<String> registry, Diagnostics diagnostics) {
    String value = registry.value();
    for (int i = 0; i < value.length(); ) {
      int c = value.codePointAt(i);
      if (!REGISTRY_CHAR.matcher(Character.toString(c)).matches()) {
        diagnostics.error(
            "app.registry",
            registry.span(),
            ContainerRules.describeCharacter(c),
            value.codePointCount(0, i) + 1);
        return;
      }
      i += Character.charCount(c);
    }
  }

  private static final Pattern REGISTRY_CHAR = Pattern.compile("[A-Za-z0-9_:./-]");

  /** The partition of the app's region, for an ARN a message suggests; aws when unknown. */
  static String partition(App app) {
    return knownRegion(Optional.of(app)).flatMap(r -> Regions.partition(r.value())).orElse("aws");
  }

  /** The app's account, for an ARN a message suggests; ACCOUNT when it has none that is valid. */
  static String account(App app) {
    return app.account()
        .map(Located::value)
        .filter(a -> AwsFormats.ACCOUNT.matcher(a).matches())
        .orElse("ACCOUNT");
  }

  /** The app's region, when it is one fgd knows: what ARNs of the app are checked against. */
  static Optional<Located<String>> knownRegion(Optional<App> app) {
    return app.flatMap(App::region).filter(r -> Regions.isKnown(r.value()));
  }

  /** An IAM role: fgd wants its ARN; a bare name is answered with the ARN it would likely be. */
  private static void role(Located<String> role, String which, App app, Diagnostics diagnostics) {
    Optional<Located<String>> region = knownRegion(Optional.of(app));
    if (!role.value().startsWith("arn:") && ROLE_NAME.matcher(role.value()).matches()) {
      diagnostics.error(
          "app.roleName", role.span(), which, role.value(), partition(app), account(app));
      return;
    }
    Arns.check(role, Arns.Kind.ROLE, which, region, diagnostics);
  }

  /** An IAM role name, as {@code taskRoleArn} also accepts: what fgd asks to write as an ARN. */
  private static final Pattern ROLE_NAME = Pattern.compile("[\\w+=,.@-]{1,64}");

  private static void network(Network network, Span at, Diagnostics diagnostics) {
    if (network.subnets().isEmpty()) {
      diagnostics.error("app.subnetsMissing", network.span());
    }
    for (Located<String> subnet : network.subnets()) {
      if (!AwsFormats.SUBNET.matcher(subnet.value()).matches()) {
        diagnostics.error("app.subnet", subnet.span(), subnet.value());
      }
    }
    if (network.subnets().size() > MAX_SUBNETS) {
      diagnostics.error(
          "app.tooManySubnets",
          network.subnets().get(MAX_SUBNETS).span(),
          network.subnets().size(),
          MAX_SUBNETS);
    }
    if (network.securityGroups().isEmpty()) {
      diagnostics.error("app.securityGroupsMissing", network.span());
    }
    for (Located<String> group : network.securityGroups()) {
      if (!AwsFormats.SECURITY_GROUP.matcher(group.value()).matches()) {
        diagnostics.error("app.securityGroup", group.span(), group.value());
      }
    }
    if (network.securityGroups().size() > MAX_SECURITY_GROUPS) {
      diagnostics.error(
          "app.tooManySecurityGroups",
          network.securityGroups().get(MAX_SECURITY_GROUPS).span(),
          network.securityGroups().size(),
          MAX_SECURITY_GROUPS);
    }
  }

  /**
   * The first thing in a service that makes ECS act on the task's behalf before it starts (and so
   * needs an execution role), located where it is written, with why in words.
   */
  static Optional<Located<String>> whyExecutionRole(Service service) {
    for (Container container : containers(service)) {
      for (SecretRef secret : container.secrets()) {
        return Optional.of(
            new Located<>(
                "ECS reads the secret " + secret.name().value() + " for it",
                secret.reference().span()));
      }
    }
    for (Container container : containers(service)) {
      Optional<Located<String>> image = container.image();
      if (image.isPresent() && AwsFormats.isPrivateEcr(image.get().value())) {
        return Optional.of(
            new Located<>("ECS pulls its image from a private ECR repository", image.get().span()));
      }
    }
    if (service.build().isPresent() && service.container().image().isEmpty()) {
      return Optional.of(
          new Located<>(
              "it is built from source and ECS pulls the image from a private ECR repository",
              service.build().get().span()));
    }
    if (service.logs().isEmpty()) {
      return Optional.of(
          new Located<>(
              "its output goes to CloudWatch Logs, as it does unless the service says logs off",
              service.name().span()));
    }
    if (service.logs().get().enabled()) {
      return Optional.of(
          new Located<>("ECS writes its output to CloudWatch Logs", service.logs().get().span()));
    }
    return Optional.empty();
  }

  static List<Container> containers(Service service) {
    List<Container> all = new java.util.ArrayList<>();
    all.add(service.container());
    for (Sidecar sidecar : service.sidecars()) {
      all.add(sidecar.container());
    }
    return all;
  }
}
