package io.fgd.cli;

import io.fgd.compiler.SpecOptions;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * {@code --stage} and {@code --var}: shared by every command that reads a spec (a picocli mixin),
 * so they mean the same everywhere.
 */
final class StageOptions {
  @Option(
      names = "--stage",
      paramLabel = "NAME",
      description =
          "The stage to use, such as staging or prod; required when the spec declares stages.")
  String stage;

  @Option(
      names = "--var",
      paramLabel = "NAME=VALUE",
      description =
          "Set a variable the spec declares with 'var NAME'; repeatable. Otherwise the"
              + " environment variable FGD_VAR_NAME, then the declared default, is used.")
  Map<String, String> variables = new LinkedHashMap<>();

  @Option(
      names = "--strict",
      description =
          "Make warnings about values that look like credentials (an env var named PASSWORD, an AWS key in a value) errors.")
  boolean strict;

  SpecOptions specOptions(Terminal terminal) {
    return new SpecOptions(Optional.ofNullable(stage), variables, terminal.env(), strict);
  }
}
