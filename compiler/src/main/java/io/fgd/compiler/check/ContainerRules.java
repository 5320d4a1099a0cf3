package io.fgd.compiler.check;

import io.fgd.compiler.aws.Regions;
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
  static void check(
      Container container, Optional<Located<String>> appRegion, Diagnostics diagnostics) {
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
    if (!imageReference(image, "image", diagnostics)) {
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

  /**
   * ECS's rule for {@code image} (ContainerDefinition.image): up to {@value #IMAGE_MAX} letters,
   * digits and {@code - _ : . / #}; or the same followed by {@code @sha256:} and 64 hexadecimal
   * digits. Checked on the final text, after variables are substituted. True when it holds.
   */
  static boolean imageReference(Located<String> image, String what, Diagnostics diagnostics) {
    String ref = image.value();
    int at = ref.indexOf('@');
    String name = at < 0 ? ref : ref.substring(0, at);
    for (int i = 0; i < name.length(); ) {
      int c = name.codePointAt(i);
      if (!IMAGE_CHAR.matcher(Character.toString(c)).matches()) {
        diagnostics.error(
            "image.invalid",
            image.span(),
            what,
            describeCharacter(c),
            name.codePointCount(0, i) + 1);
        return false;
      }
      i += Character.charCount(c);
    }
    if (name.length() > IMAGE_MAX) {
      diagnostics.error("image.tooLong", image.span(), what, name.length(), IMAGE_MAX);
      return false;
    }
    if (at >= 0 && !IMAGE_DIGEST.matcher(ref.substring(at + 1)).matches()) {
      diagnostics.error("image.digest", image.span(), what, ref.substring(at + 1));
      return false;
    }
    return true;
  }

  /** ECS: "up to 255 characters total", or for a digest "everything before the @ sign". */
  static final int IMAGE_MAX = 255;

  private static final Pattern IMAGE_CHAR = Pattern.compile("[A-Za-z0-9_:./#-]");
  private static final Pattern IMAGE_DIGEST = Pattern.compile("sha256:[0-9a-fA-F]{64}");

  /** A character as a person can read it in a message: "a space", "U+00E9 (é)", "\"!\"". */
  static String describeCharacter(int c) {
    if (c == ' ') {
      return "a space";
    }
    if (Character.isISOControl(c) || Character.isWhitespace(c) || c > 0x7e) {
      return String.format("U+%04X", c);
    }
    return "\"" + Character.toString(c) + "\"";
  }

  static boolean looksSecretByName(String name) {
    return Credentials.looksSecretByName(name);
  }

  static boolean looksSecretByValue(String value) {
    return Credentials.looksSecretByValue(value);
  }

  private static void secret(
      SecretRef secret, Optional<Located<String>> appRegion, Diagnostics diagnostics) {
    Located<String> ref = secret.reference();
    String what = "secret " + secret.name().value();
    boolean secretsManager = false;
    if (secret.source() == SecretRef.Source.SSM_PARAMETER_NAME) {
      if (ref.value().startsWith("arn:")) {
        diagnostics.error("secret.ssmArn", ref.span(), ref.value());
      } else if (!AwsFormats.SSM_NAME.matcher(ref.value()).matches()) {
        diagnostics.error("secret.ssmName", ref.span(), ref.value());
      } else {
        ssmNameLimits(ref, appRegion, diagnostics);
      }
    } else if (!ref.value().startsWith("arn:")) {
      diagnostics.error("secret.reference", ref.span(), ref.value(), secret.name().value());
    } else {
      Optional<Arns.Parts> parts = Arns.Parts.of(ref.value());
      boolean ssm = parts.map(p -> p.service().equals("ssm")).orElse(false);
      secretsManager = !ssm;
      // ECS's ARN:key:stage:id is reported with the statement that says it in fgd's words.
      boolean suffixed = secretsManager && versionedSecretArn(secret, parts, diagnostics);
      if (!suffixed
          && Arns.check(
              ref,
              ssm ? Arns.Kind.SSM_PARAMETER : Arns.Kind.SECRET,
              what,
              appRegion,
              diagnostics)) {
        if (ssm) {
          ssmNameLimits(ref, appRegion, diagnostics);
        }
        Optional<String> region = Arns.region(ref.value());
        if (region.isPresent()
            && appRegion.isPresent()
            && !region.get().equals(appRegion.get().value())) {
          diagnostics.warning(
              "secret.otherRegion", ref.span(), region.get(), appRegion.get().value());
        }
      }
    }
    if (!secretsManager) {
      onlySecretsManager(secret.jsonKey(), "key", secret, diagnostics);
      onlySecretsManager(secret.versionStage(), "version_stage", secret, diagnostics);
      onlySecretsManager(secret.versionId(), "version_id", secret, diagnostics);
    }
    secret
        .jsonKey()
        .filter(k -> k.value().isEmpty() || k.value().contains(":"))
        .ifPresent(k -> diagnostics.error("secret.jsonKey", k.span(), k.value()));
    secret
        .versionStage()
        .filter(v -> !VERSION_STAGE.matcher(v.value()).matches())
        .ifPresent(v -> diagnostics.error("secret.versionStage", v.span(), v.value()));
    secret
        .versionId()
        .filter(v -> !VERSION_ID.matcher(v.value()).matches())
        .ifPresent(v -> diagnostics.error("secret.versionId", v.span(), v.value()));
  }

  private static void onlySecretsManager(
      Optional<Located<String>> setting, String word, SecretRef secret, Diagnostics diagnostics) {
    setting.ifPresent(
        s ->
            diagnostics.error(
                "secret.keyWithoutSecretsManager", s.span(), word, secret.name().value()));
  }

  /**
   * A Secrets Manager staging label: 1 to 256 characters, none of them a colon (ECS's separator).
   */
  private static final Pattern VERSION_STAGE = Pattern.compile("[^:\\s]{1,256}");

  /** A Secrets Manager version id: 32 to 64 characters, usually a UUID. */
  private static final Pattern VERSION_ID = Pattern.compile("[A-Za-z0-9-]{32,64}");

  /**
   * A Secrets Manager ARN with ECS's {@code :json-key:version-stage:version-id} suffix: fgd says
   * these with {@code key}, {@code version_stage} and {@code version_id}, so the error shows the
   * statement to write. True when it was one (and reported).
   */
  private static boolean versionedSecretArn(
      SecretRef secret, Optional<Arns.Parts> parts, Diagnostics diagnostics) {
    if (parts.isEmpty() || !parts.get().resource().startsWith("secret:")) {
      return false;
    }
    String[] r = parts.get().resource().substring("secret:".length()).split(":", -1);
    if (r.length < 2 || r.length > 4) {
      return false;
    }
    Located<String> ref = secret.reference();
    String arn = ref.value().substring(0, ref.value().length() - parts.get().resource().length());
    StringBuilder written =
        new StringBuilder("from \"").append(arn).append("secret:").append(r[0]).append('"');
    String[] words = {"key", "version_stage", "version_id"};
    for (int i = 1; i < r.length; i++) {
      if (!r[i].isEmpty()) {
        written.append(' ').append(words[i - 1]).append(" \"").append(r[i]).append('"');
      }
    }
    diagnostics.error("secret.versionSuffix", ref.span(), secret.name().value(), written);
    return true;
  }

  /**
   * AWS's limits on a parameter name: its ARN at most 1011 characters, at most 15 levels of
   * hierarchy.
   */
  private static void ssmNameLimits(
      Located<String> ref, Optional<Located<String>> appRegion, Diagnostics diagnostics) {
    String value = ref.value();
    String arn = value;
    String name = value;
    if (!value.startsWith("arn:")) {
      // The ARN fgd writes for it: arn:PARTITION:ssm:REGION:ACCOUNT:parameter/NAME.
      String region = appRegion.map(Located::value).orElse("us-east-1");
      String partition = Regions.partition(region).orElse("aws");
      arn =
          "arn:"
              + partition
              + ":ssm:"
              + region
              + ":123456789012:parameter/"
              + (value.startsWith("/") ? value.substring(1) : value);
    } else {
      name = value.substring(value.indexOf(":parameter/") + ":parameter/".length());
    }
    if (arn.length() > SSM_ARN_MAX) {
      diagnostics.error("secret.ssmTooLong", ref.span(), arn.length(), SSM_ARN_MAX);
    }
    long levels = java.util.Arrays.stream(name.split("/")).filter(p -> !p.isEmpty()).count();
    if (levels > SSM_MAX_LEVELS) {
      diagnostics.error("secret.ssmTooDeep", ref.span(), levels, SSM_MAX_LEVELS);
    }
  }

  /** SSM: "the maximum length for a parameter name, including the full length of the ARN". */
  static final int SSM_ARN_MAX = 1011;

  /** SSM: "parameter hierarchies are limited to a maximum depth of fifteen levels". */
  static final int SSM_MAX_LEVELS = 15;

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

  /** Whole seconds, and at most {@code max} of them; reported when not. */
  static boolean atMost(Located<Duration> d, String what, long max, Diagnostics diagnostics) {
    if (!wholeSeconds(d, what, diagnostics)) {
      return false;
    }
    if (d.value().toSeconds() > max) {
      diagnostics.error("duration.tooLong", d.span(), what, d.value().toSeconds(), max);
      return false;
    }
    return true;
  }

  static boolean wholeSeconds(Located<Duration> d, String what, Diagnostics diagnostics) {
    if (d.value().toMillis() % 1000 != 0) {
      diagnostics.error("duration.wholeSeconds", d.span(), what, d.value().toMillis());
      return false;
    }
    return true;
  }
}
