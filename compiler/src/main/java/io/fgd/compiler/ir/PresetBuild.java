package io.fgd.compiler.ir;

import static java.util.Objects.requireNonNull;

import io.fgd.compiler.source.Span;
import java.util.List;
import java.util.Optional;

/**
 * {@code build rust { package server }} or {@code build node { start "node dist/main.js" }}: a
 * production multi-stage Dockerfile for a known stack, from a few settings.
 *
 * @param preset the stack's name, such as {@code rust} or {@code node}
 * @param settings name/value pairs; which names a preset accepts is checked, not parsed
 */
public record PresetBuild(Located<String> preset, List<Setting> settings, Span span)
    implements Build {
  public PresetBuild {
    requireNonNull(preset, "preset is null");
    settings = List.copyOf(settings);
    requireNonNull(span, "span is null");
  }

  public Optional<Located<String>> setting(String name) {
    return settings.stream()
        .filter(s -> s.name().value().equals(name))
        .map(Setting::value)
        .findFirst();
  }

  /** One {@code name value} line of a preset. */
  public record Setting(Located<String> name, Located<String> value, Span span) {}
}
