package io.fgd.compiler;

import io.fgd.compiler.check.Checker;
import io.fgd.compiler.diag.Diagnostic;
import io.fgd.compiler.diag.Diagnostics;
import io.fgd.compiler.diag.Messages;
import io.fgd.compiler.emit.Emitters;
import io.fgd.compiler.ir.Spec;
import io.fgd.compiler.ir.SpecFile;
import io.fgd.compiler.ir.Stage;
import io.fgd.compiler.parse.Parsing;
import io.fgd.compiler.source.SourceFile;
import io.fgd.compiler.stage.Stages;
import java.util.List;
import java.util.Optional;

/** The offline half of fgd: text to checked IR to files. */
public final class Compiler {
  private Compiler() {}

  /** A checked spec; {@code spec} is empty when there are errors. */
  public record Validation(Optional<Spec> spec, List<Diagnostic> diagnostics) {
    public Validation {
      diagnostics = List.copyOf(diagnostics);
    }

    public boolean hasErrors() {
      return diagnostics.stream().anyMatch(Diagnostic::isError);
    }
  }

  /** The files a spec compiles to; {@code artifacts} is empty when there are errors. */
  public record Compilation(
      Optional<Spec> spec, List<Diagnostic> diagnostics, List<Artifact> artifacts) {
    public Compilation {
      diagnostics = List.copyOf(diagnostics);
      artifacts = List.copyOf(artifacts);
    }

    public boolean hasErrors() {
      return diagnostics.stream().anyMatch(Diagnostic::isError);
    }
  }

  /** Parses and checks with no stage and the variables' defaults. */
  public static Validation validate(SourceFile source) {
    return validate(source, SpecOptions.none());
  }

  /**
   * Parses, substitutes variables, applies the chosen stage and checks the result: every error and
   * warning, no output. {@code spec} is the spec of that stage.
   */
  public static Validation validate(SourceFile source, SpecOptions options) {
    return validate(source, options, true);
  }

  /**
   * {@link #validate(SourceFile, SpecOptions)} without the other stages' errors: what the chosen
   * stage alone has. The language server checks every stage this way and says which stages a
   * diagnostic is found in.
   */
  public static Validation validateChosenStage(SourceFile source, SpecOptions options) {
    return validate(source, options, false);
  }

  private static Validation validate(SourceFile source, SpecOptions options, boolean allStages) {
    List<Diagnostic> tooLarge = Limits.checkText(source);
    if (!tooLarge.isEmpty()) {
      return new Validation(Optional.empty(), tooLarge);
    }
    Parsing.Result parsed = Parsing.parse(source, options);
    if (parsed.file().isEmpty() || parsed.hasErrors()) {
      return new Validation(Optional.empty(), parsed.diagnostics());
    }
    Diagnostics diagnostics = new Diagnostics();
    diagnostics.addAll(parsed.diagnostics());
    Optional<Spec> spec = Stages.resolve(parsed.file().get(), options.stage(), diagnostics);
    if (spec.isEmpty() || diagnostics.hasErrors()) {
      return new Validation(Optional.empty(), diagnostics.sorted());
    }
    List<Diagnostic> checked = check(spec.get());
    diagnostics.addAll(options.strict() ? strictly(checked) : checked);
    if (allStages) {
      diagnostics.addAll(otherStages(parsed.file().get(), options.stage(), checked));
    }
    return new Validation(diagnostics.hasErrors() ? Optional.empty() : spec, diagnostics.sorted());
  }

  private static List<Diagnostic> check(Spec spec) {
    Diagnostics diagnostics = new Diagnostics();
    diagnostics.addAll(Limits.checkSpec(spec));
    diagnostics.addAll(Checker.check(spec));
    return diagnostics.sorted();
  }

  /**
   * The errors of every stage that was not chosen, so that a mistake in {@code prod} is found while
   * working on {@code staging}: each error a stage's spec has and the chosen one does not (the same
   * rule at the same place), with the stage named in its detail.
   */
  private static List<Diagnostic> otherStages(
      SpecFile file, Optional<String> chosen, List<Diagnostic> chosenDiagnostics) {
    java.util.Set<List<Object>> seen = new java.util.HashSet<>();
    for (Diagnostic d : chosenDiagnostics) {
      seen.add(List.of(d.code(), d.subject(), d.context()));
    }
    Diagnostics others = new Diagnostics();
    for (Stage stage : file.stages()) {
      String name = stage.name().value();
      if (chosen.isPresent() && chosen.get().equals(name)) {
        continue;
      }
      for (Diagnostic d : check(Stages.apply(file.base(), stage))) {
        if (d.isError() && seen.add(List.of(d.code(), d.subject(), d.context()))) {
          others.add(
              new Diagnostic(
                  d.severity(),
                  d.code(),
                  d.summary(),
                  Messages.detail("stage.inOtherStage", d.detail(), name, chosen.orElse("")),
                  d.subject(),
                  d.context()));
        }
      }
    }
    return others.sorted();
  }

  /** Warnings that {@code --strict} makes errors: values that look like credentials. */
  static final java.util.Set<String> STRICT = java.util.Set.of("env.secretName", "env.secretValue");

  private static List<Diagnostic> strictly(List<Diagnostic> diagnostics) {
    return diagnostics.stream()
        .map(
            d ->
                STRICT.contains(d.code())
                    ? new Diagnostic(
                        io.fgd.compiler.diag.Severity.ERROR,
                        d.code(),
                        d.summary(),
                        d.detail() + " (An error because of --strict.)",
                        d.subject(),
                        d.context())
                    : d)
        .toList();
  }

  /** Compiles with no stage and the variables' defaults. */
  public static Compilation compile(SourceFile source, CompileOptions options) {
    return compile(source, SpecOptions.none(), options);
  }

  /** Validates, then emits every file, or none when anything is wrong. */
  public static Compilation compile(
      SourceFile source, SpecOptions specOptions, CompileOptions options) {
    Validation validation = validate(source, specOptions);
    if (validation.hasErrors()) {
      return new Compilation(Optional.empty(), validation.diagnostics(), List.of());
    }
    Spec spec = validation.spec().orElseThrow();
    Diagnostics diagnostics = new Diagnostics();
    diagnostics.addAll(validation.diagnostics());
    diagnostics.addAll(Checker.checkCompileOptions(spec, options));
    if (diagnostics.hasErrors()) {
      return new Compilation(Optional.empty(), diagnostics.sorted(), List.of());
    }
    return new Compilation(Optional.of(spec), diagnostics.sorted(), Emitters.emit(spec, options));
  }
}
