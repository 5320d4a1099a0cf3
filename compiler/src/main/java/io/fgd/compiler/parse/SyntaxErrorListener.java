package io.fgd.compiler.parse;

import io.fgd.compiler.diag.Diagnostics;
import io.fgd.compiler.diag.Suggestions;
import io.fgd.compiler.source.Span;
import io.fgd.grammar.FgdLexer;
import io.fgd.grammar.FgdParser;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.Parser;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.TokenStream;
import org.antlr.v4.runtime.misc.IntervalSet;

/**
 * Turns ANTLR's syntax errors into diagnostics in the language's own terms (Trino's ErrorHandler):
 * an unknown word where a statement starts is an "Unknown attribute" with a "did you mean" among
 * the statements valid there; other errors name what was expected as the user knows it ({@code a
 * number with a unit, such as 30s}) rather than as token names. At most one syntax error is
 * reported per line, so one mistake does not bury the rest under echoes.
 */
final class SyntaxErrorListener extends BaseErrorListener {
  private final String file;
  private final Diagnostics diagnostics;
  private final Set<Integer> linesWithErrors = new HashSet<>();

  SyntaxErrorListener(String file, Diagnostics diagnostics) {
    this.file = file;
    this.diagnostics = diagnostics;
  }

  @Override
  public void syntaxError(
      Recognizer<?, ?> recognizer,
      Object offendingSymbol,
      int line,
      int charPositionInLine,
      String msg,
      RecognitionException e) {
    if (!(recognizer instanceof Parser parser) || !(offendingSymbol instanceof Token token)) {
      // The lexer has a catch-all token, so it never reports; this is a safety net.
      report(
          "syntax.unexpected",
          Span.point(file, line, charPositionInLine + 1),
          "input",
          "valid input");
      return;
    }
    if (!linesWithErrors.add(token.getLine())) {
      return;
    }
    Span span = AstBuilder.span(file, token);
    switch (token.getType()) {
      case FgdLexer.UNTERMINATED_STRING -> {
        report("syntax.unterminatedString", span);
        return;
      }
      case FgdLexer.ERROR_CHAR -> {
        report("syntax.unexpectedCharacter", span, token.getText());
        return;
      }
      default -> {}
    }
    IntervalSet expected =
        e != null && e.getExpectedTokens() != null
            ? e.getExpectedTokens()
            : parser.getExpectedTokens();
    ParserRuleContext context = parser.getContext();
    String block = blockName(context);
    if (token.getType() == Token.EOF) {
      ParserRuleContext open = innermostBody(context);
      if (open != null && expected.contains(FgdLexer.RBRACE)) {
        report("syntax.unclosedBlock", span, block, open.getStart().getLine());
      } else {
        report("syntax.unexpected", span, "the end of the file", describe(expected, parser));
      }
      return;
    }
    List<String> keywords = keywordsIn(expected, parser);
    if (startsStatement(parser.getInputStream(), token)
        && isWordLike(token)
        && !keywords.isEmpty()) {
      String text = token.getText();
      if (block == null) {
        report("syntax.unknownDeclaration", span, text, Suggestions.didYouMean(text, keywords));
      } else {
        report(
            "syntax.unknownAttribute", span, text, block, Suggestions.didYouMean(text, keywords));
      }
      return;
    }
    if (token.getType() == FgdLexer.NEWLINE) {
      Token statement = statementStart(parser.getInputStream(), token);
      if (statement != null) {
        report("syntax.missingValue", span, statement.getText(), describe(expected, parser));
        return;
      }
    }
    report("syntax.unexpected", span, describe(token), describe(expected, parser));
  }

  /** The first token of the statement that {@code token} is in, if it is a keyword. */
  private static Token statementStart(TokenStream tokens, Token token) {
    Token first = null;
    for (int i = token.getTokenIndex() - 1; i >= 0; i--) {
      Token previous = tokens.get(i);
      if (previous.getChannel() != Token.DEFAULT_CHANNEL) {
        continue;
      }
      if (previous.getType() == FgdLexer.NEWLINE || previous.getType() == FgdLexer.LBRACE) {
        break;
      }
      first = previous;
    }
    return first != null && isKeyword(first.getType()) ? first : null;
  }

  private void report(String key, Span span, Object... args) {
    diagnostics.error(key, span, args);
  }

  private static boolean startsStatement(TokenStream tokens, Token token) {
    for (int i = token.getTokenIndex() - 1; i >= 0; i--) {
      Token previous = tokens.get(i);
      if (previous.getChannel() != Token.DEFAULT_CHANNEL) {
        continue;
      }
      return previous.getType() == FgdLexer.NEWLINE || previous.getType() == FgdLexer.LBRACE;
    }
    return true;
  }

  private static boolean isWordLike(Token token) {
    return token.getType() == FgdLexer.WORD || isKeyword(token.getType());
  }

  private static boolean isKeyword(int type) {
    String literal = FgdLexer.VOCABULARY.getLiteralName(type);
    return literal != null && Character.isLetter(literal.charAt(1));
  }

  private static List<String> keywordsIn(IntervalSet expected, Parser parser) {
    List<String> keywords = new ArrayList<>();
    for (int type : expected.toList()) {
      if (isKeyword(type)) {
        keywords.add(unquote(FgdLexer.VOCABULARY.getLiteralName(type)));
      }
    }
    // Where any word is allowed (a name, a value), keywords are not what the user is missing.
    return expected.contains(FgdLexer.WORD) ? List.of() : keywords;
  }

  /** What the user wrote, as they would call it. */
  static String describe(Token token) {
    return switch (token.getType()) {
      case Token.EOF -> "the end of the file";
      case FgdLexer.NEWLINE ->
          StatementTerminators.isSynthetic(token) ? "the end of the block" : "the end of the line";
      case FgdLexer.STRING -> "the string " + token.getText();
      default -> "\"" + token.getText() + "\"";
    };
  }

  /** What would have been valid, as the user knows it; statements are summarised, not listed. */
  static String describe(IntervalSet expected, Parser parser) {
    Set<String> names = new LinkedHashSet<>();
    boolean keywords = false;
    for (int type : expected.toList()) {
      if (isKeyword(type)) {
        keywords = true;
        continue;
      }
      names.add(
          switch (type) {
            case Token.EOF -> "the end of the file";
            case FgdLexer.NEWLINE -> "the end of the line";
            case FgdLexer.STRING -> "a string in double quotes";
            case FgdLexer.NUMBER -> expected.contains(FgdLexer.WORD) ? "a bare word" : "a number";
            case FgdLexer.VERSION -> "a bare word";
            case FgdLexer.QUANTITY -> "a number with a unit, such as 30s, 60% or 512MiB";
            case FgdLexer.WORD -> "a bare word";
            default -> {
              String literal = FgdLexer.VOCABULARY.getLiteralName(type);
              yield literal != null
                  ? "\"" + unquote(literal) + "\""
                  : FgdLexer.VOCABULARY.getDisplayName(type);
            }
          });
    }
    if (keywords && !names.contains("a bare word")) {
      List<String> words = new ArrayList<>();
      for (int type : expected.toList()) {
        if (isKeyword(type)) {
          words.add("\"" + unquote(FgdLexer.VOCABULARY.getLiteralName(type)) + "\"");
        }
      }
      if (words.size() <= 4) {
        names.addAll(words);
      } else {
        names.add("a statement");
      }
    }
    List<String> list = new ArrayList<>(names);
    if (list.isEmpty()) {
      return "something else";
    }
    if (list.size() == 1) {
      return list.get(0);
    }
    return String.join(", ", list.subList(0, list.size() - 1)) + " or " + list.get(list.size() - 1);
  }

  private static String unquote(String literal) {
    return literal.substring(1, literal.length() - 1);
  }

  private static ParserRuleContext innermostBody(ParserRuleContext context) {
    for (ParserRuleContext c = context; c != null; c = c.getParent()) {
      if (blockName(c.getRuleIndex()) != null
          || c.getRuleIndex() == FgdParser.RULE_tagsBody
          || c.getRuleIndex() == FgdParser.RULE_presetBody) {
        return c;
      }
    }
    return null;
  }

  /** "a service", "the app block": how a diagnostic names the block being parsed, if any. */
  static String blockName(ParserRuleContext context) {
    for (ParserRuleContext c = context; c != null; c = c.getParent()) {
      String name = blockName(c.getRuleIndex());
      if (name != null) {
        return name;
      }
    }
    return null;
  }

  private static String blockName(int rule) {
    return switch (rule) {
      case FgdParser.RULE_appBody -> "the app block";
      case FgdParser.RULE_stageBody -> "a stage";
      case FgdParser.RULE_networkBody -> "a network block";
      case FgdParser.RULE_tagsBody -> "a tags block";
      case FgdParser.RULE_serviceBody -> "a service";
      case FgdParser.RULE_jobBody -> "a job";
      case FgdParser.RULE_deployBody -> "a deploy block";
      case FgdParser.RULE_logsBody -> "a logs block";
      case FgdParser.RULE_sidecarBody -> "a sidecar";
      case FgdParser.RULE_stepsBody -> "a build block";
      case FgdParser.RULE_presetBody -> "a build preset";
      default -> null;
    };
  }
}
