package io.fgd.compiler.ir;

import static java.util.Objects.requireNonNull;

import io.fgd.compiler.source.Span;
import java.util.Optional;

/**
 * {@code images { keep 30 }}: the ECR repositories fgd owns for the services built from source.
 *
 * @param keep how many images each repository keeps (its lifecycle policy expires older ones)
 */
public record ImageSettings(Optional<Located<Integer>> keep, Span span) {
  /** Images a repository keeps when the spec does not say. */
  public static final int DEFAULT_KEEP = 30;

  public ImageSettings {
    requireNonNull(keep, "keep is null");
    requireNonNull(span, "span is null");
  }
}
