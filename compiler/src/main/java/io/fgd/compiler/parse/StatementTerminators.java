package io.fgd.compiler.parse;

import io.fgd.grammar.FgdLexer;
import org.antlr.v4.runtime.CharStream;
import org.antlr.v4.runtime.CommonToken;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.TokenFactory;
import org.antlr.v4.runtime.TokenSource;

/**
 * Go's semicolon insertion, for newlines: emits a synthetic NEWLINE before every '}' and before the
 * end of the file unless one is already there, so the last statement of a block needs no line break
 * of its own. The synthetic token is empty and sits where the '}' or the end is, so diagnostics
 * describe what the user wrote there.
 */
final class StatementTerminators implements TokenSource {
  private final FgdLexer lexer;
  private Token pending;
  private int lastType = FgdLexer.NEWLINE;

  StatementTerminators(FgdLexer lexer) {
    this.lexer = lexer;
  }

  /** Whether a token was inserted here rather than written. */
  static boolean isSynthetic(Token token) {
    return token.getType() == FgdLexer.NEWLINE && token.getText().isEmpty();
  }

  @Override
  public Token nextToken() {
    Token next;
    if (pending != null) {
      next = pending;
      pending = null;
    } else {
      next = lexer.nextToken();
      boolean closes = next.getType() == FgdLexer.RBRACE || next.getType() == Token.EOF;
      if (closes && lastType != FgdLexer.NEWLINE && lastType != FgdLexer.LBRACE) {
        pending = next;
        CommonToken terminator = new CommonToken(next);
        terminator.setType(FgdLexer.NEWLINE);
        terminator.setText("");
        terminator.setChannel(Token.DEFAULT_CHANNEL);
        terminator.setStopIndex(next.getStartIndex() - 1);
        next = terminator;
      }
    }
    if (next.getChannel() == Token.DEFAULT_CHANNEL) {
      lastType = next.getType();
    }
    return next;
  }

  @Override
  public int getLine() {
    return lexer.getLine();
  }

  @Override
  public int getCharPositionInLine() {
    return lexer.getCharPositionInLine();
  }

  @Override
  public CharStream getInputStream() {
    return lexer.getInputStream();
  }

  @Override
  public String getSourceName() {
    return lexer.getSourceName();
  }

  @Override
  public void setTokenFactory(TokenFactory<?> factory) {
    lexer.setTokenFactory(factory);
  }

  @Override
  public TokenFactory<?> getTokenFactory() {
    return lexer.getTokenFactory();
  }
}
