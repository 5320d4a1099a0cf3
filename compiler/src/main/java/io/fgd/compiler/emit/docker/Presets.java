package io.fgd.compiler.emit.docker;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The presets fgd knows and the settings each accepts: the one list both the build rules and the
 * emitter read, so a setting cannot be accepted by one and ignored by the other.
 */
public final class Presets {
  private Presets() {}

  /** What kind of value a setting takes, which decides how it is checked. */
  public enum Kind {
    /** A cargo package or binary name. */
    CARGO_NAME,
    /** A Rust toolchain version, {@code 1.83} or {@code 1.83.0}. */
    RUST_VERSION,
    /** A Node.js version, {@code 22} or {@code 22.12.0}. */
    NODE_VERSION,
    /** An npm script name, or {@code none}. */
    NPM_SCRIPT,
    /** A command line the container runs. */
    COMMAND,
    /** A folder inside the build context. */
    RELATIVE_PATH
  }

  /** One setting of a preset. {@code example} completes "such as" in messages. */
  public record Setting(String name, boolean required, Kind kind, String example) {}

  /** A preset: its name and settings in the order documentation lists them. */
  public record Preset(String name, List<Setting> settings) {
    public Optional<Setting> setting(String settingName) {
      return settings.stream().filter(s -> s.name().equals(settingName)).findFirst();
    }

    public List<String> settingNames() {
      return settings.stream().map(Setting::name).toList();
    }
  }

  public static final Preset RUST =
      new Preset(
          "rust",
          List.of(
              new Setting("package", true, Kind.CARGO_NAME, "package server"),
              new Setting("binary", false, Kind.CARGO_NAME, "binary server"),
              new Setting("toolchain", false, Kind.RUST_VERSION, "toolchain \"1.83\""),
              new Setting("context", false, Kind.RELATIVE_PATH, "context server")));

  public static final Preset NODE =
      new Preset(
          "node",
          List.of(
              new Setting("start", true, Kind.COMMAND, "start \"node dist/main.js\""),
              new Setting("node", false, Kind.NODE_VERSION, "node 22"),
              new Setting("script", false, Kind.NPM_SCRIPT, "script build"),
              new Setting("context", false, Kind.RELATIVE_PATH, "context api")));

  private static final Map<String, Preset> BY_NAME =
      List.of(RUST, NODE).stream()
          .collect(Collectors.toUnmodifiableMap(Preset::name, Function.identity()));

  public static Optional<Preset> named(String name) {
    return Optional.ofNullable(BY_NAME.get(name));
  }

  /** Preset names in a stable order, for "did you mean" and messages. */
  public static List<String> names() {
    return List.of(RUST.name(), NODE.name());
  }
}
