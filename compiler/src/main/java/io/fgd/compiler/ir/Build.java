package io.fgd.compiler.ir;

import io.fgd.compiler.source.Span;

/** How a service's image is built: explicit steps, or a preset for a known stack. */
public sealed interface Build permits StepsBuild, PresetBuild {
  Span span();
}
