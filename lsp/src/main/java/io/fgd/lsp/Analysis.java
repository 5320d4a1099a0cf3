package io.fgd.lsp;

import io.fgd.compiler.Compiler;
import io.fgd.compiler.SpecOptions;
import io.fgd.compiler.diag.Diagnostic;
import io.fgd.compiler.diag.Diagnostics;
import io.fgd.compiler.parse.Parsing;
import io.fgd.compiler.source.SourceFile;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The diagnostics of a document: exactly {@code fgd validate}'s, for every stage of a staged spec.
 * A diagnostic found in some stages only says which; one found in all of them is shown once.
 */
final class Analysis {
  private Analysis() {}

  /**
   * @param environment the server's environment, for {@code FGD_VAR_NAME} values, as {@code fgd
   *     validate} reads them
   * @param strict {@code --strict}: credential-looking values are errors instead of warnings
   */
  static List<Diagnostic> diagnostics(
      SourceFile source, Map<String, String> environment, boolean strict) {
    SpecOptions none = options(Optional.empty(), environment, strict);
    // One pass for a spec without stages; a spec with stages says so (stage.required) and is then
    // checked once per stage, as --stage NAME would check it.
    List<Diagnostic> plain = Compiler.validate(source, none).diagnostics();
    if (plain.stream().noneMatch(d -> d.code().equals("stage.required"))) {
      return plain;
    }
    Parsing.Result parsed = Parsing.parse(source, none);
    List<String> stages =
        parsed.file().map(f -> f.stageNames()).orElse(List.of()).stream().distinct().toList();
    if (stages.isEmpty()) {
      return plain;
    }
    Map<Diagnostic, List<String>> found = new LinkedHashMap<>();
    for (String stage : stages) {
      for (Diagnostic d :
          Compiler.validateChosenStage(source, options(Optional.of(stage), environment, strict))
              .diagnostics()) {
        found.computeIfAbsent(d, k -> new ArrayList<>()).add(stage);
      }
    }
    Diagnostics all = new Diagnostics();
    found.forEach(
        (d, in) ->
            all.add(
                in.size() == stages.size()
                    ? d
                    : new Diagnostic(
                        d.severity(),
                        d.code(),
                        d.summary(),
                        d.detail() + " (" + stagesPhrase(in) + ")",
                        d.subject(),
                        d.context())));
    return all.sorted();
  }

  private static SpecOptions options(
      Optional<String> stage, Map<String, String> environment, boolean strict) {
    SpecOptions options = new SpecOptions(stage, Map.of(), environment);
    return strict ? options.strictly() : options;
  }

  private static String stagesPhrase(List<String> stages) {
    if (stages.size() == 1) {
      return "in stage " + stages.get(0);
    }
    return "in stages "
        + String.join(", ", stages.subList(0, stages.size() - 1))
        + " and "
        + stages.get(stages.size() - 1);
  }
}
