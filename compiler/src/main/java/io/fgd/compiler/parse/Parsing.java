package io.fgd.compiler.parse;

import io.fgd.compiler.diag.Diagnostic;
import io.fgd.compiler.diag.Diagnostics;
import io.fgd.compiler.ir.Spec;
import io.fgd.compiler.source.SourceFile;
import io.fgd.grammar.FgdLexer;
import io.fgd.grammar.FgdParser;
import java.util.List;
import java.util.Optional;
import org.antlr.v4.runtime.BailErrorStrategy;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.atn.PredictionMode;
import org.antlr.v4.runtime.misc.ParseCancellationException;

/** Text to IR: the only entry point into the grammar. */
public final class Parsing {
  private Parsing() {}

  /**
   * The IR of a spec, with every syntax and structural problem found. The spec is empty when
   * the text has syntax errors: a half-parsed file is never checked or compiled.
   */
  public record Result(Optional<Spec> spec, List<Diagnostic> diagnostics) {
    public Result {
      diagnostics = List.copyOf(diagnostics);
    }

    public boolean hasErrors() {
      return diagnostics.stream().anyMatch(Diagnostic::isError);
    }
  }

  public static Result parse(SourceFile source) {
    Diagnostics diagnostics = new Diagnostics();
    FgdLexer lexer = new FgdLexer(CharStreams.fromString(source.text(), source.name()));
    lexer.removeErrorListeners();
    CommonTokenStream tokens = new CommonTokenStream(new StatementTerminators(lexer));
    FgdParser parser = new FgdParser(tokens);
    parser.removeErrorListeners();

    // Two-stage parsing: the fast SLL mode first, which is exact for every valid file, and the
    // full LL mode with error reporting only when SLL gives up.
    parser.getInterpreter().setPredictionMode(PredictionMode.SLL);
    parser.setErrorHandler(new BailErrorStrategy());
    FgdParser.FileContext tree;
    try {
      tree = parser.file();
    } catch (ParseCancellationException e) {
      tokens.seek(0);
      parser.reset();
      parser.getInterpreter().setPredictionMode(PredictionMode.LL);
      parser.setErrorHandler(new StatementErrorStrategy());
      parser.addErrorListener(new SyntaxErrorListener(source.name(), diagnostics));
      tree = parser.file();
    }
    if (diagnostics.hasErrors()) {
      return new Result(Optional.empty(), diagnostics.sorted());
    }
    Spec spec = new AstBuilder(source.name(), diagnostics).build(tree);
    return new Result(Optional.of(spec), diagnostics.sorted());
  }
}
