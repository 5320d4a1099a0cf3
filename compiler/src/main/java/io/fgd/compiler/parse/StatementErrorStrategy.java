package io.fgd.compiler.parse;

import io.fgd.grammar.FgdLexer;
import org.antlr.v4.runtime.DefaultErrorStrategy;
import org.antlr.v4.runtime.InputMismatchException;
import org.antlr.v4.runtime.Parser;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.TokenStream;
import org.antlr.v4.runtime.atn.ATNState;
import org.antlr.v4.runtime.misc.IntervalSet;

/**
 * Error recovery by statement (Trino's and Go's approach): after a syntax error the parser skips to
 * the end of the statement, passing over any balanced {@code { ... }} block, and carries on with
 * the next one. It never guesses by inserting or deleting tokens, so one mistake is one error, a
 * misspelt block keyword does not turn every line of the block into an error, and every later
 * mistake is still found.
 */
final class StatementErrorStrategy extends DefaultErrorStrategy {
  /**
   * Where a statement should end but something else follows, reports it, skips the rest of the
   * statement and goes on inside the same block; anywhere else the enclosing rule recovers.
   */
  @Override
  public Token recoverInline(Parser recognizer) throws RecognitionException {
    InputMismatchException mismatch = new InputMismatchException(recognizer);
    if (!recognizer.getExpectedTokens().contains(FgdLexer.NEWLINE)) {
      throw mismatch;
    }
    reportError(recognizer, mismatch);
    skipStatement(recognizer);
    if (recognizer.getInputStream().LA(1) != FgdLexer.NEWLINE) {
      throw mismatch;
    }
    Token newline = recognizer.getCurrentToken();
    reportMatch(recognizer);
    recognizer.consume();
    return newline;
  }

  @Override
  public void recover(Parser recognizer, RecognitionException e) {
    int before = recognizer.getInputStream().index();
    skipStatement(recognizer);
    if (recognizer.getInputStream().index() == before
        && lastErrorIndex == before
        && recognizer.getInputStream().LA(1) != Token.EOF) {
      // The same error at the same place twice: move on, or the parser would loop.
      recognizer.consume();
    }
    lastErrorIndex = before;
  }

  @Override
  public void sync(Parser recognizer) throws RecognitionException {
    ATNState state = recognizer.getInterpreter().atn.states.get(recognizer.getState());
    if (inErrorRecoveryMode(recognizer)) {
      return;
    }
    TokenStream tokens = recognizer.getInputStream();
    int la = tokens.LA(1);
    IntervalSet next = recognizer.getATN().nextTokens(state);
    if (next.contains(la) || next.contains(Token.EPSILON)) {
      return;
    }
    switch (state.getStateType()) {
      case ATNState.BLOCK_START,
          ATNState.STAR_BLOCK_START,
          ATNState.PLUS_BLOCK_START,
          ATNState.STAR_LOOP_ENTRY,
          ATNState.PLUS_LOOP_BACK,
          ATNState.STAR_LOOP_BACK -> {
        reportUnwantedToken(recognizer);
        skipStatement(recognizer);
      }
      default -> {}
    }
  }

  /**
   * Consumes up to, not including, the NEWLINE that ends the current statement, a '}' that closes
   * the enclosing block, or the end of the file; a block opened on the way is skipped whole.
   */
  private static void skipStatement(Parser recognizer) {
    TokenStream tokens = recognizer.getInputStream();
    int depth = 0;
    while (true) {
      int type = tokens.LA(1);
      if (type == Token.EOF) {
        return;
      }
      if (depth == 0 && (type == FgdLexer.NEWLINE || type == FgdLexer.RBRACE)) {
        return;
      }
      if (type == FgdLexer.LBRACE) {
        depth++;
      } else if (type == FgdLexer.RBRACE) {
        depth--;
      }
      recognizer.consume();
    }
  }
}
