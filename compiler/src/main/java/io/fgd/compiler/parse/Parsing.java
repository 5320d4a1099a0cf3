package io.fgd.compiler.parse;

import io.fgd.compiler.SpecOptions;
import io.fgd.compiler.diag.Diagnostic;
import io.fgd.compiler.diag.Diagnostics;
import io.fgd.compiler.ir.Spec;
import io.fgd.compiler.ir.SpecFile;
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
   * The IR of a spec file, with every syntax and structural problem found. The file is empty when
   * the text has syntax errors: a half-parsed file is never checked or compiled.
   */
  public record Result(Optional<SpecFile> file, List<Diagnostic> diagnostics) {
    public Result {
      diagnostics = List.copyOf(diagnostics);
    }

    /** The spec as written outside any stage. */
    public Optional<Spec> spec() {
      return file.map(SpecFile::base);
    }

    public boolean hasErrors() {
      return diagnostics.stream().anyMatch(Diagnostic::isError);
    }
  }

  /** Parses with no --var values and no environment: variables take their defaults. */
  public static Result parse(SourceFile source) {
    return parse(source, SpecOptions.none());
  }

  /** Parses, substituting variables with their values from {@code options}. */
  public static Result parse(SourceFile source, SpecOptions options) {
    Diagnostics diagnostics = new Diagnostics();
    FgdParser.FileContext tree = tree(source, diagnostics);
    if (diagnostics.hasErrors()) {
      return new Result(Optional.empty(), diagnostics.sorted());
    }
    SpecFile file = new AstBuilder(source.name(), diagnostics, options).build(tree);
    return new Result(Optional.of(file), diagnostics.sorted());
  }

  /** Only the syntax errors of a file: what stops {@code fgd fmt} from formatting it. */
  public static List<Diagnostic> syntaxErrors(SourceFile source) {
    Diagnostics diagnostics = new Diagnostics();
    tree(source, diagnostics);
    return diagnostics.sorted();
  }

  private static FgdParser.FileContext tree(SourceFile source, Diagnostics diagnostics) {
    FgdLexer lexer = new FgdLexer(CharStreams.fromString(source.text(), source.name()));
    lexer.removeErrorListeners();
    CommonTokenStream tokens = new CommonTokenStream(new StatementTerminators(lexer));
    FgdParser parser = new FgdParser(tokens);
    parser.removeErrorListeners();

    // Two-stage parsing: the fast SLL mode first, which is exact for every valid file, and the
    // full LL mode with error reporting only when SLL gives up.
    parser.getInterpreter().setPredictionMode(PredictionMode.SLL);
    parser.setErrorHandler(new BailErrorStrategy());
    try {
      return parser.file();
    } catch (ParseCancellationException e) {
      tokens.seek(0);
      parser.reset();
      parser.getInterpreter().setPredictionMode(PredictionMode.LL);
      parser.setErrorHandler(new StatementErrorStrategy());
      parser.addErrorListener(new SyntaxErrorListener(source.name(), diagnostics));
      return parser.file();
    }
  }
}
