package io.fgd.compiler.check;

import io.fgd.compiler.diag.Diagnostics;
import io.fgd.compiler.diag.Suggestions;
import io.fgd.compiler.emit.docker.BaseImages;
import io.fgd.compiler.emit.docker.Presets;
import io.fgd.compiler.ir.Build;
import io.fgd.compiler.ir.BuildStep;
import io.fgd.compiler.ir.Command;
import io.fgd.compiler.ir.Located;
import io.fgd.compiler.ir.PresetBuild;
import io.fgd.compiler.ir.Service;
import io.fgd.compiler.ir.Spec;
import io.fgd.compiler.ir.StepsBuild;
import io.fgd.compiler.source.Span;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Rules for build recipes: step order, required steps, presets and their settings, and the
 * Dockerfile mistakes that break a build or bloat an image (hadolint's most useful rules, found in
 * the spec, where they can be pointed at).
 */
final class BuildRules {
  private BuildRules() {}

  /** Environment and build argument names: what a POSIX shell can expand. */
  private static final Pattern VARIABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  /** {@code user}, {@code 10001}, {@code app:app}, {@code $APP_USER}. */
  private static final Pattern USER =
      Pattern.compile("[A-Za-z0-9_.$][A-Za-z0-9_.$-]*(:[A-Za-z0-9_.$][A-Za-z0-9_.$-]*)?");

  /** Cargo package and binary names. */
  private static final Pattern CARGO_NAME = Pattern.compile("[A-Za-z0-9_-]+");

  private static final Pattern NPM_SCRIPT = Pattern.compile("[A-Za-z0-9:_.-]+");

  private static final Pattern RUST_VERSION = Pattern.compile("\\d+\\.\\d+(\\.\\d+)?");
  private static final Pattern NODE_VERSION = Pattern.compile("\\d+(\\.\\d+\\.\\d+)?|\\d+\\.\\d+");

  private static final Pattern APT_INSTALL =
      Pattern.compile("\\bapt-get\\s+(?:\\S+\\s+)*?install\\b");
  private static final Pattern APT_YES =
      Pattern.compile("(?<=\\s)(-y|--yes|--assume-yes|-[a-zA-Z]*y[a-zA-Z]*|-qq?y)(?=\\s|$)");
  private static final Pattern APT_UPGRADE =
      Pattern.compile("\\bapt-get\\s+(?:\\S+\\s+)*?(dist-)?upgrade\\b");

  static void check(Spec spec, Diagnostics diagnostics) {
    for (Service service : spec.services()) {
      if (service.build().isEmpty()) {
        continue;
      }
      Build build = service.build().get();
      if (build instanceof StepsBuild steps) {
        checkSteps(service, steps, diagnostics);
      } else {
        checkPreset((PresetBuild) build, diagnostics);
      }
    }
  }

  // ------------------------------------------------------------------ steps

  private static void checkSteps(Service service, StepsBuild build, Diagnostics diagnostics) {
    List<BuildStep> steps = build.steps();
    if (steps.isEmpty()) {
      diagnostics.error("build.empty", keyword(build.span()));
      return;
    }
    if (!(steps.get(0) instanceof BuildStep.From)) {
      diagnostics.error("build.fromFirst", steps.get(0).span());
    }
    Span from = null;
    Span cmd = null;
    Span entrypoint = null;
    BuildStep.Cmd firstCmd = null;
    BuildStep.Entrypoint firstEntrypoint = null;
    BuildStep.User lastUser = null;
    boolean workdirSet = false;
    for (BuildStep step : steps) {
      if (step instanceof BuildStep.From s) {
        if (from != null) {
          diagnostics.errorWithContext("build.fromRepeated", s.span(), from, from.startLine());
        } else {
          from = s.span();
        }
        checkImage(s.image(), diagnostics);
      } else if (step instanceof BuildStep.Workdir s) {
        workdirSet = true;
        if (!lineBreak(s.path(), diagnostics)) {
          String path = s.path().value();
          if (!path.startsWith("/") && !path.startsWith("$")) {
            diagnostics.error("build.workdirRelative", s.path().span(), path);
          }
        }
      } else if (step instanceof BuildStep.Copy s) {
        for (Located<String> source : s.sources()) {
          checkCopySource(source, diagnostics);
        }
        lineBreak(s.destination(), diagnostics);
      } else if (step instanceof BuildStep.Run s) {
        checkRun(s.command(), diagnostics);
      } else if (step instanceof BuildStep.Env s) {
        if (!VARIABLE.matcher(s.name().value()).matches()) {
          diagnostics.error("build.envName", s.name().span(), s.name().value());
        }
        lineBreak(s.value(), diagnostics);
      } else if (step instanceof BuildStep.Arg s) {
        if (!VARIABLE.matcher(s.name().value()).matches()) {
          diagnostics.error("build.argName", s.name().span(), s.name().value());
        }
        s.defaultValue().ifPresent(v -> lineBreak(v, diagnostics));
      } else if (step instanceof BuildStep.User s) {
        lastUser = s;
        if (!lineBreak(s.user(), diagnostics) && !USER.matcher(s.user().value()).matches()) {
          diagnostics.error("build.userInvalid", s.user().span(), s.user().value());
        }
      } else if (step instanceof BuildStep.Cmd s) {
        if (cmd != null) {
          diagnostics.errorWithContext("build.cmdRepeated", s.span(), cmd, cmd.startLine());
        } else {
          cmd = s.span();
          firstCmd = s;
        }
      } else if (step instanceof BuildStep.Entrypoint s) {
        if (entrypoint != null) {
          diagnostics.errorWithContext(
              "build.entrypointRepeated", s.span(), entrypoint, entrypoint.startLine());
        } else {
          entrypoint = s.span();
          firstEntrypoint = s;
        }
      }
    }
    if (firstCmd != null && firstEntrypoint != null) {
      checkCommandPair(firstEntrypoint, firstCmd, diagnostics);
    }
    boolean serviceSaysWhatToRun =
        service.container().command().isPresent() || service.container().entrypoint().isPresent();
    if (cmd == null && entrypoint == null && !serviceSaysWhatToRun) {
      diagnostics.error("build.commandMissing", keyword(build.span()), service.name().value());
    }
    if (lastUser != null && isRoot(lastUser.user().value())) {
      diagnostics.warning("build.userRoot", lastUser.user().span(), lastUser.user().value());
    }
  }

  /**
   * Docker runs a string entrypoint as {@code /bin/sh -c "..."}, which drops cmd, and passes a
   * string cmd to an entrypoint as {@code /bin/sh -c "..."} arguments: both almost never meant.
   */
  private static void checkCommandPair(
      BuildStep.Entrypoint entrypoint, BuildStep.Cmd cmd, Diagnostics diagnostics) {
    if (entrypoint.command().value() instanceof Command.Shell) {
      diagnostics.add(
          io.fgd.compiler.diag.Severity.WARNING,
          "build.entrypointShellIgnoresCmd",
          cmd.command().span(),
          Optional.of(entrypoint.command().span()),
          entrypoint.span().startLine());
    } else if (cmd.command().value() instanceof Command.Shell) {
      diagnostics.warning("build.cmdShellWithEntrypoint", cmd.command().span());
    }
  }

  private static void checkImage(Located<String> image, Diagnostics diagnostics) {
    String ref = image.value();
    if (ref.isBlank() || ref.chars().anyMatch(Character::isWhitespace)) {
      diagnostics.error("build.imageInvalid", image.span(), ref);
      return;
    }
    if (ref.contains("@") || ref.startsWith("$")) {
      return; // a digest pins exactly; a build argument is the caller's choice
    }
    int lastSlash = ref.lastIndexOf('/');
    int colon = ref.indexOf(':', lastSlash + 1);
    if (colon < 0) {
      if (!ref.equals("scratch")) {
        diagnostics.warning("build.fromUntagged", image.span(), ref);
      }
    } else if (ref.substring(colon + 1).equals("latest")) {
      diagnostics.warning("build.fromLatest", image.span(), ref);
    }
  }

  private static void checkCopySource(Located<String> source, Diagnostics diagnostics) {
    if (lineBreak(source, diagnostics)) {
      return;
    }
    String path = source.value();
    if (path.startsWith("/")) {
      diagnostics.error("build.copyAbsolute", source.span(), path);
      return;
    }
    int depth = 0;
    for (String segment : path.split("/")) {
      if (segment.equals("..")) {
        depth--;
      } else if (!segment.isEmpty() && !segment.equals(".")) {
        depth++;
      }
      if (depth < 0) {
        diagnostics.error("build.copyEscapes", source.span(), path);
        return;
      }
    }
  }

  /** apt-get mistakes, per command of a run ({@code a && b; c}), since each may differ. */
  private static void checkRun(Located<Command> run, Diagnostics diagnostics) {
    String line =
        run.value() instanceof Command.Shell s
            ? s.line()
            : String.join(" ", ((Command.Exec) run.value()).argv());
    boolean installs = false;
    for (String command : line.split("&&|\\|\\||;|\\n")) {
      if (APT_INSTALL.matcher(command).find()) {
        installs = true;
        if (!APT_YES.matcher(command).find()) {
          diagnostics.error("build.aptNoYes", run.span());
        }
      }
      if (APT_UPGRADE.matcher(command).find()) {
        diagnostics.warning("build.aptUpgrade", run.span());
      }
    }
    if (installs && !line.contains("rm -rf /var/lib/apt/lists")) {
      diagnostics.warning("build.aptNoCleanup", run.span());
    }
  }

  private static boolean isRoot(String user) {
    String name = user.contains(":") ? user.substring(0, user.indexOf(':')) : user;
    return name.equals("root") || name.equals("0");
  }

  /** Reports a value that cannot be written on one Dockerfile line; true if it was reported. */
  private static boolean lineBreak(Located<String> value, Diagnostics diagnostics) {
    if (value.value().indexOf('\n') >= 0 || value.value().indexOf('\r') >= 0) {
      diagnostics.error("build.lineBreak", value.span());
      return true;
    }
    return false;
  }

  /** The {@code build} keyword a build's span starts with: short, where the block begins. */
  private static Span keyword(Span build) {
    return new Span(
        build.file(),
        build.startLine(),
        build.startColumn(),
        build.startLine(),
        build.startColumn() + "build".length());
  }

  // ------------------------------------------------------------------ presets

  private static void checkPreset(PresetBuild build, Diagnostics diagnostics) {
    Located<String> name = build.preset();
    Optional<Presets.Preset> known = Presets.named(name.value());
    if (known.isEmpty()) {
      diagnostics.error(
          "build.presetUnknown",
          name.span(),
          name.value(),
          quotedAnd(Presets.names()),
          Suggestions.didYouMean(name.value(), Presets.names()));
      return;
    }
    Presets.Preset preset = known.get();
    for (PresetBuild.Setting setting : build.settings()) {
      Optional<Presets.Setting> definition = preset.setting(setting.name().value());
      if (definition.isEmpty()) {
        diagnostics.error(
            "build.presetSettingUnknown",
            setting.name().span(),
            setting.name().value(),
            preset.name(),
            quotedAnd(preset.settingNames()),
            Suggestions.didYouMean(setting.name().value(), preset.settingNames()));
        continue;
      }
      if (!lineBreak(setting.value(), diagnostics)) {
        checkValue(definition.get(), setting.value(), diagnostics);
      }
    }
    for (Presets.Setting definition : preset.settings()) {
      if (definition.required() && build.setting(definition.name()).isEmpty()) {
        diagnostics.error(
            "build.presetSettingMissing",
            name.span(),
            preset.name(),
            definition.name(),
            definition.example());
      }
    }
  }

  private static void checkValue(
      Presets.Setting definition, Located<String> value, Diagnostics diagnostics) {
    String v = value.value();
    switch (definition.kind()) {
      case CARGO_NAME -> {
        if (!CARGO_NAME.matcher(v).matches()) {
          diagnostics.error("build.presetName", value.span(), v, definition.name());
        }
      }
      case RUST_VERSION ->
          checkVersion(
              value,
              RUST_VERSION,
              "Rust",
              "1.83.0",
              BaseImages.pinRust(v).isPresent(),
              BaseImages.knownRust(),
              diagnostics);
      case NODE_VERSION ->
          checkVersion(
              value,
              NODE_VERSION,
              "Node.js",
              "22.12.0",
              BaseImages.pinNode(v).isPresent(),
              BaseImages.knownNode(),
              diagnostics);
      case NPM_SCRIPT -> {
        if (!NPM_SCRIPT.matcher(v).matches()) {
          diagnostics.error("build.presetScript", value.span(), v);
        }
      }
      case COMMAND -> {
        if (v.isBlank()) {
          diagnostics.error("build.presetStart", value.span());
        }
      }
      case RELATIVE_PATH -> {
        boolean escapes = ("/" + v + "/").contains("/../");
        if (v.isBlank()
            || v.startsWith("/")
            || escapes
            || v.contains("\\")
            || v.chars().anyMatch(Character::isWhitespace)) {
          diagnostics.error("build.presetContext", value.span(), v);
        }
      }
    }
  }

  private static void checkVersion(
      Located<String> value,
      Pattern shape,
      String what,
      String example,
      boolean pinnable,
      String known,
      Diagnostics diagnostics) {
    if (!shape.matcher(value.value()).matches()) {
      diagnostics.error("build.presetVersion", value.span(), value.value(), what, example);
    } else if (!pinnable) {
      diagnostics.error(
          "build.presetVersionUnpinned", value.span(), value.value(), what, example, known);
    }
  }

  private static String quotedAnd(List<String> names) {
    return join(names, " and ");
  }

  private static String join(List<String> names, String last) {
    List<String> quoted = names.stream().map(n -> "\"" + n + "\"").toList();
    if (quoted.size() == 1) {
      return quoted.get(0);
    }
    return String.join(", ", quoted.subList(0, quoted.size() - 1))
        + last
        + quoted.get(quoted.size() - 1);
  }
}
