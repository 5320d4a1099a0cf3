package io.fgd.compiler.ir;

import io.fgd.compiler.source.Span;
import java.util.List;
import java.util.Optional;

/**
 * One instruction of a {@code build} block. There is no EXPOSE: it is derived from the service's
 * ports, so the two can never disagree.
 */
public sealed interface BuildStep {
  Span span();

  /** FROM: the base image. Must come first. */
  record From(Located<String> image, Span span) implements BuildStep {}

  /** WORKDIR. */
  record Workdir(Located<String> path, Span span) implements BuildStep {}

  /** COPY: sources, then the destination last. */
  record Copy(List<Located<String>> sources, Located<String> destination, Span span)
      implements BuildStep {
    public Copy {
      sources = List.copyOf(sources);
    }
  }

  /** RUN. */
  record Run(Located<Command> command, Span span) implements BuildStep {}

  /** ENV, at build time and in the image. */
  record Env(Located<String> name, Located<String> value, Span span) implements BuildStep {}

  /** ARG, with an optional default. */
  record Arg(Located<String> name, Optional<Located<String>> defaultValue, Span span)
      implements BuildStep {}

  /** USER. */
  record User(Located<String> user, Span span) implements BuildStep {}

  /** CMD. */
  record Cmd(Located<Command> command, Span span) implements BuildStep {}

  /** ENTRYPOINT. */
  record Entrypoint(Located<Command> command, Span span) implements BuildStep {}
}
