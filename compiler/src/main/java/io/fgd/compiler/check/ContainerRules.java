package io.fgd.compiler.check;

import io.fgd.compiler.diag.Credentials;
import io.fgd.compiler.diag.Diagnostics;
import io.fgd.compiler.ir.Command;
import io.fgd.compiler.ir.Container;
import io.fgd.compiler.ir.EnvVar;
import io.fgd.compiler.ir.HealthCheck;
import io.fgd.compiler.ir.Located;
import io.fgd.compiler.ir.SecretRef;
import io.fgd.compiler.source.Span;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
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
    return Credentials.looksSecretByName(name);
  }

  static boolean looksSecretByValue(String value) {
    return Credentials.looksSecretByValue(value);
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
    healthCommand(check.command(), diagnostics);
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
   * A health check command runs something: a non-blank shell line, or a program. A list may start
   * with ECS's own first word ({@code "CMD"}, or {@code "CMD-SHELL"} and one shell line).
   */
  private static void healthCommand(Located<Command> command, Diagnostics diagnostics) {
    if (command.value() instanceof Command.Shell shell) {
      if (shell.line().isBlank()) {
        diagnostics.error("health.commandEmpty", command.span());
      }
      return;
    }
    List<String> argv = ((Command.Exec) command.value()).argv();
    String first = argv.isEmpty() ? "" : argv.get(0);
    if (first.equals(HealthCheck.ECS_SHELL)) {
      if (argv.size() != 2 || argv.get(1).isBlank()) {
        diagnostics.error("health.cmdShell", command.span(), argv.size() - 1);
      }
    } else {
      List<String> program =
          first.equals(HealthCheck.ECS_EXEC) ? argv.subList(1, argv.size()) : argv;
      if (program.isEmpty() || program.get(0).isBlank()) {
        diagnostics.error("health.commandEmpty", command.span());
      }
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
