package io.fgd.compiler.check;

import io.fgd.compiler.diag.Diagnostics;
import io.fgd.compiler.ir.Container;
import io.fgd.compiler.ir.EnvVar;
import io.fgd.compiler.ir.HealthCheck;
import io.fgd.compiler.ir.Located;
import io.fgd.compiler.ir.SecretRef;
import io.fgd.compiler.source.Span;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Rules for what one container says: its image, environment, secrets and health check. Used for a
 * service's main container and for each sidecar; rules that span the task are in ServiceRules.
 */
final class ContainerRules {
  private ContainerRules() {}

  /** POSIX-style variable names: a shell in the container can read them. */
  static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  /** Words in a variable name that say its value is a secret. */
  private static final List<String> SECRET_WORDS =
      List.of(
          "PASSWORD",
          "PASSWD",
          "SECRET",
          "TOKEN",
          "API_KEY",
          "APIKEY",
          "PRIVATE_KEY",
          "ACCESS_KEY",
          "CREDENTIAL",
          "AUTH_KEY",
          "SIGNING_KEY",
          "CLIENT_KEY");

  /** Endings that mark a variable as naming or locating a secret rather than holding one. */
  private static final List<String> REFERENCE_SUFFIXES =
      List.of(
          "_URL",
          "_URI",
          "_PATH",
          "_FILE",
          "_ARN",
          "_NAME",
          "_ID",
          "_REGION",
          "_ENDPOINT",
          "_HEADER",
          "_TTL",
          "_EXPIRY",
          "_LENGTH");

  /** Values that are credentials by their shape: AWS key ids, PEM private keys, vendor tokens. */
  private static final List<Pattern> CREDENTIAL_VALUES =
      List.of(
          Pattern.compile("(?:AKIA|ASIA)[A-Z0-9]{16}"),
          Pattern.compile("-----BEGIN [A-Z ]*PRIVATE KEY-----"),
          Pattern.compile("gh[pousr]_[A-Za-z0-9]{30,}"),
          Pattern.compile("github_pat_[A-Za-z0-9_]{30,}"),
          Pattern.compile("xox[abposr]-[A-Za-z0-9-]{10,}"),
          Pattern.compile("glpat-[A-Za-z0-9_-]{20,}"),
          Pattern.compile("(?:sk|rk)_live_[A-Za-z0-9]{16,}"),
          Pattern.compile("AIza[A-Za-z0-9_-]{35}"));

  static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(30);
  static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

  /**
   * @param appRegion the app's region, if it is valid, to notice secrets from elsewhere
   */
  static void check(Container container, Optional<String> appRegion, Diagnostics diagnostics) {
    container.image().ifPresent(image -> image(image, diagnostics));
    Map<String, Span> names = new HashMap<>();
    for (EnvVar env : container.env()) {
      String name = env.name().value();
      if (!ENV_NAME.matcher(name).matches()) {
        diagnostics.error("env.name", env.name().span(), name);
      }
      Span first = names.putIfAbsent(name, env.name().span());
      if (first != null) {
        diagnostics.errorWithContext(
            "env.duplicate", env.name().span(), first, name, first.startLine());
      }
      if (looksSecretByName(name)) {
        diagnostics.warning("env.secretName", env.name().span(), name);
      } else if (looksSecretByValue(env.value().value())) {
        diagnostics.warning("env.secretValue", env.value().span(), name);
      }
    }
    Map<String, Span> secretNames = new HashMap<>();
    for (SecretRef secret : container.secrets()) {
      String name = secret.name().value();
      if (!ENV_NAME.matcher(name).matches()) {
        diagnostics.error("env.name", secret.name().span(), name);
      }
      Span asEnv = names.get(name);
      Span first = secretNames.putIfAbsent(name, secret.name().span());
      if (asEnv != null) {
        diagnostics.errorWithContext(
            "secret.alsoEnv", secret.name().span(), asEnv, name, asEnv.startLine());
      } else if (first != null) {
        diagnostics.errorWithContext(
            "secret.duplicate", secret.name().span(), first, name, first.startLine());
      }
      secret(secret, appRegion, diagnostics);
    }
    container
        .health()
        .ifPresent(
            h -> {
              if (h instanceof HealthCheck check) {
                health(check, diagnostics);
              }
            });
  }

  private static void image(Located<String> image, Diagnostics diagnostics) {
    String ref = image.value();
    if (ref.isBlank()) {
      diagnostics.error("image.empty", image.span());
      return;
    }
    if (AwsFormats.hasDigest(ref)) {
      return;
    }
    Optional<String> tag = AwsFormats.imageTag(ref);
    if (tag.isEmpty()) {
      diagnostics.warning("image.untagged", image.span(), ref);
    } else if (tag.get().equals("latest")) {
      diagnostics.warning("image.latest", image.span(), ref);
    }
  }

  static boolean looksSecretByName(String name) {
    String upper = name.toUpperCase(Locale.ROOT);
    for (String suffix : REFERENCE_SUFFIXES) {
      if (upper.endsWith(suffix)) {
        return false;
      }
    }
    for (String word : SECRET_WORDS) {
      if (upper.contains(word)) {
        return true;
      }
    }
    return false;
  }

  static boolean looksSecretByValue(String value) {
    for (Pattern p : CREDENTIAL_VALUES) {
      if (p.matcher(value).find()) {
        return true;
      }
    }
    return false;
  }

  private static void secret(
      SecretRef secret, Optional<String> appRegion, Diagnostics diagnostics) {
    Located<String> ref = secret.reference();
    boolean secretsManager = false;
    if (secret.source() == SecretRef.Source.SSM_PARAMETER_NAME) {
      if (ref.value().startsWith("arn:")) {
        diagnostics.error("secret.ssmArn", ref.span(), ref.value());
      } else if (!AwsFormats.SSM_NAME.matcher(ref.value()).matches()
          || ref.value().length() > 2048) {
        diagnostics.error("secret.ssmName", ref.span(), ref.value());
      }
    } else if (AwsFormats.SECRETS_MANAGER_ARN.matcher(ref.value()).matches()) {
      secretsManager = true;
      otherRegion(
          AwsFormats.region(AwsFormats.SECRETS_MANAGER_ARN, ref.value()),
          ref,
          appRegion,
          diagnostics);
    } else if (AwsFormats.SSM_ARN.matcher(ref.value()).matches()) {
      otherRegion(AwsFormats.region(AwsFormats.SSM_ARN, ref.value()), ref, appRegion, diagnostics);
    } else if (ref.value().contains(":secretsmanager:")) {
      secretsManager = true;
      diagnostics.error("secret.secretsManagerArn", ref.span(), ref.value());
    } else if (ref.value().contains(":ssm:")) {
      diagnostics.error("secret.ssmParameterArn", ref.span(), ref.value());
    } else {
      diagnostics.error("secret.reference", ref.span(), ref.value(), secret.name().value());
    }
    if (secret.jsonKey().isPresent() && !secretsManager) {
      diagnostics.error(
          "secret.keyWithoutSecretsManager", secret.jsonKey().get().span(), secret.name().value());
    }
  }

  private static void otherRegion(
      Optional<String> region,
      Located<String> ref,
      Optional<String> appRegion,
      Diagnostics diagnostics) {
    if (region.isPresent() && appRegion.isPresent() && !region.get().equals(appRegion.get())) {
      diagnostics.warning("secret.otherRegion", ref.span(), region.get(), appRegion.get());
    }
  }

  private static void health(HealthCheck check, Diagnostics diagnostics) {
    Optional<Duration> interval =
        seconds(check.interval(), "The health check interval (every)", 5, 300, diagnostics);
    Optional<Duration> timeout =
        seconds(check.timeout(), "The health check timeout", 2, 60, diagnostics);
    seconds(check.startPeriod(), "The health check grace", 0, 300, diagnostics);
    check
        .retries()
        .filter(r -> r.value() < 1 || r.value() > 10)
        .ifPresent(r -> diagnostics.error("health.retries", r.span(), r.value()));
    if (check.command().value() instanceof io.fgd.compiler.ir.Command.Exec exec
        && exec.argv().isEmpty()) {
      diagnostics.error("health.commandEmpty", check.command().span());
    }
    if (check.interval().isPresent() && interval.isEmpty()
        || check.timeout().isPresent() && timeout.isEmpty()) {
      return;
    }
    Duration i = interval.orElse(DEFAULT_INTERVAL);
    Duration t = timeout.orElse(DEFAULT_TIMEOUT);
    if (t.compareTo(i) >= 0) {
      Span at =
          check.timeout().map(Located::span).orElseGet(() -> check.interval().orElseThrow().span());
      diagnostics.warning("health.timeoutNotBelowInterval", at, t.toSeconds(), i.toSeconds());
    }
  }

  /**
   * A duration ECS takes in whole seconds within a range. Empty when it is absent or wrong (and
   * then reported).
   */
  static Optional<Duration> seconds(
      Optional<Located<Duration>> value, String what, long min, long max, Diagnostics diagnostics) {
    if (value.isEmpty()) {
      return Optional.empty();
    }
    Located<Duration> d = value.get();
    if (!wholeSeconds(d, what, diagnostics)) {
      return Optional.empty();
    }
    long s = d.value().toSeconds();
    if (s < min || s > max) {
      diagnostics.error("health.range", d.span(), what, s, min, max);
      return Optional.empty();
    }
    return Optional.of(d.value());
  }

  static boolean wholeSeconds(Located<Duration> d, String what, Diagnostics diagnostics) {
    if (d.value().toMillis() % 1000 != 0) {
      diagnostics.error("duration.wholeSeconds", d.span(), what, d.value().toMillis());
      return false;
    }
    return true;
  }
}
