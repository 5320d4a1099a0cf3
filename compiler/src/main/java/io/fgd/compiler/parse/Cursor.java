package io.fgd.compiler.parse;

import static java.util.Objects.requireNonNull;

import io.fgd.compiler.source.SourceFile;
import io.fgd.compiler.source.Span;
import io.fgd.grammar.FgdLexer;
import io.fgd.grammar.FgdParser;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.atn.ATN;
import org.antlr.v4.runtime.misc.IntervalSet;

/**
 * What an editor needs to know about a position in a spec that may not parse: the block it is in,
 * the statement being written and the statements the grammar allows there. Works on the lexer's
 * tokens, so it answers for half-written text; the keyword lists come from the parser's own ATN
 * (the FIRST set of each block's statement rule), so they cannot drift from the grammar.
 */
public final class Cursor {
  private Cursor() {}

  /** The kind of block a position is in. */
  public enum Block {
    /** Outside any block: declarations. */
    TOP(FgdParser.RULE_declaration),
    APP(FgdParser.RULE_appStatement),
    NETWORK(FgdParser.RULE_networkStatement),
    /** {@code tags { key = "value" }}: keys are free. */
    TAGS(-1),
    SERVICE(FgdParser.RULE_serviceStatement),
    /** {@code job NAME { ... }}: its schedule statements and a service's. */
    JOB(FgdParser.RULE_jobStatement),
    DEPLOY(FgdParser.RULE_deployStatement),
    LOGS(FgdParser.RULE_logsStatement),
    SIDECAR(FgdParser.RULE_sidecarStatement),
    /** {@code build { ... }}: Dockerfile-like steps. */
    STEPS(FgdParser.RULE_buildStep),
    /** {@code build rust { ... }}: the preset's settings, which the checker knows. */
    PRESET(-1),
    STAGE(FgdParser.RULE_stageStatement),
    /** {@code service NAME { ... }} inside a stage: the grammar's service statements. */
    STAGE_SERVICE(FgdParser.RULE_serviceStatement),
    /** A block the tokens do not tell (after a syntax error). */
    OTHER(-1);

    private final int rule;

    Block(int rule) {
      this.rule = rule;
    }
  }

  /** What a token is, for an editor. */
  public enum Kind {
    /** A word the lexer knows as a keyword ({@code cpu}, {@code service}). */
    KEYWORD,
    /** Any other bare word or name. */
    WORD,
    STRING,
    NUMBER,
    /** A number with a unit attached: {@code 30s}. */
    QUANTITY,
    PUNCTUATION,
    NEWLINE,
    COMMENT,
    /** An unterminated string or a character the lexer does not know. */
    ERROR
  }

  /** One token as written. */
  public record Word(Kind kind, String text, Span span) {
    public Word {
      requireNonNull(kind, "kind is null");
      requireNonNull(text, "text is null");
      requireNonNull(span, "span is null");
    }

    /** A keyword or a bare word: something that can be a name. */
    public boolean isName() {
      return kind == Kind.KEYWORD || kind == Kind.WORD;
    }
  }

  /**
   * One open block around a position.
   *
   * @param header the tokens before its {@code {}: {@code service api}, {@code build rust}
   * @param statements the statements of the block written so far, each as its tokens
   */
  public record Frame(Block block, List<Word> header, List<List<Word>> statements) {
    public Frame {
      requireNonNull(block, "block is null");
      header = List.copyOf(header);
      statements = List.copyOf(statements);
    }

    /** The block's name: {@code api} of {@code service api}, {@code rust} of {@code build rust}. */
    public Optional<String> name() {
      return header.size() >= 2 && header.get(1).isName()
          ? Optional.of(header.get(1).text())
          : Optional.empty();
    }
  }

  /**
   * A position in a spec.
   *
   * @param frames the enclosing blocks, outermost first; never empty ({@link Block#TOP} first)
   * @param before the tokens of the current statement before the cursor, not counting {@code
   *     partial}
   * @param partial the word the cursor is at the end of (what completion replaces), or empty
   * @param token the token the cursor is in or at the end of, if any
   */
  public record Context(
      List<Frame> frames, List<Word> before, Optional<Word> partial, Optional<Word> token) {
    public Context {
      frames = List.copyOf(frames);
      before = List.copyOf(before);
      requireNonNull(partial, "partial is null");
      requireNonNull(token, "token is null");
    }

    public Frame innermost() {
      return frames.get(frames.size() - 1);
    }

    public Block block() {
      return innermost().block();
    }
  }

  /** Every token of a spec, comments included, in order. Never fails. */
  public static List<Word> words(SourceFile source) {
    FgdLexer lexer = new FgdLexer(CharStreams.fromString(source.text(), source.name()));
    lexer.removeErrorListeners();
    List<Word> words = new ArrayList<>();
    for (Token t = lexer.nextToken(); t.getType() != Token.EOF; t = lexer.nextToken()) {
      if (t.getType() == FgdLexer.WS) {
        continue;
      }
      words.add(new Word(kind(t), t.getText(), AstBuilder.span(source.name(), t)));
    }
    return List.copyOf(words);
  }

  /**
   * The context of a position: {@code line} 1-based, {@code column} 1-based in code points (a
   * {@link Span}'s columns).
   */
  public static Context at(SourceFile source, int line, int column) {
    return at(words(source), line, column);
  }

  /** {@link #at(SourceFile, int, int)} over the {@link #words} of a spec, made once for many. */
  public static Context at(List<Word> words, int line, int column) {
    List<Frame> frames = new ArrayList<>();
    List<List<List<Word>>> statements = new ArrayList<>();
    frames.add(new Frame(Block.TOP, List.of(), List.of()));
    statements.add(new ArrayList<>());
    List<Word> current = new ArrayList<>();
    Optional<Word> token = Optional.empty();
    Optional<Word> partial = Optional.empty();
    int next = words.size();
    for (int i = 0; i < words.size(); i++) {
      Word w = words.get(i);
      if (!startsBefore(w.span(), line, column)) {
        next = i;
        break;
      }
      boolean touches = !endsBefore(w.span(), line, column);
      if (touches) {
        token = Optional.of(w);
        if (w.kind() != Kind.NEWLINE && w.kind() != Kind.COMMENT && w.kind() != Kind.PUNCTUATION) {
          // The cursor is inside or at the end of this token: it is being written.
          partial = w.isName() ? Optional.of(w) : Optional.empty();
          next = i;
          break;
        }
      }
      switch (w.kind()) {
        case COMMENT -> {}
        case NEWLINE -> {
          if (!current.isEmpty() && !continues(current)) {
            statements.get(statements.size() - 1).add(List.copyOf(current));
            current.clear();
          }
        }
        case PUNCTUATION -> {
          if (w.text().equals("{")) {
            Block block = open(frames.get(frames.size() - 1).block(), current);
            frames.add(new Frame(block, current, List.of()));
            statements.add(new ArrayList<>());
            current.clear();
          } else if (w.text().equals("}")) {
            if (frames.size() > 1) {
              Frame closed = frames.remove(frames.size() - 1);
              statements.remove(statements.size() - 1);
              statements.get(statements.size() - 1).add(List.copyOf(closed.header()));
            }
            current.clear();
          } else {
            current.add(w);
          }
        }
        default -> current.add(w);
      }
      if (touches && w.kind() == Kind.PUNCTUATION) {
        next = i + 1;
        break;
      }
    }
    List<Word> before = List.copyOf(current);
    rest(words, next, current, statements.get(statements.size() - 1));
    return new Context(withStatements(frames, statements), before, partial, token);
  }

  /**
   * The rest of the innermost block after the cursor, so that its statements are all known (a
   * {@code cpu} written below the {@code memory} being completed): from {@code from} to the {@code
   * }} that closes it, each statement at its level, the one being written included.
   */
  private static void rest(
      List<Word> words, int from, List<Word> current, List<List<Word>> statements) {
    List<Word> statement = new ArrayList<>(current);
    int depth = 0;
    for (int i = from; i < words.size(); i++) {
      Word w = words.get(i);
      boolean brace = w.kind() == Kind.PUNCTUATION;
      if (brace && w.text().equals("{")) {
        depth++;
      } else if (brace && w.text().equals("}")) {
        if (depth == 0) {
          break;
        }
        depth--;
      } else if (depth == 0 && w.kind() == Kind.NEWLINE) {
        if (!statement.isEmpty() && !continues(statement)) {
          statements.add(List.copyOf(statement));
          statement.clear();
        }
      } else if (depth == 0 && w.kind() != Kind.COMMENT) {
        statement.add(w);
      }
    }
    if (!statement.isEmpty()) {
      statements.add(List.copyOf(statement));
    }
  }

  /** The statement keywords of a block, in the grammar's order; empty where names are free. */
  public static List<String> statements(Block block) {
    return block.rule < 0 ? List.of() : literals(firstTokens(block.rule));
  }

  /** The words a toggle takes ({@code on}, {@code off}, ...), from the grammar. */
  public static List<String> toggles() {
    return literals(firstTokens(FgdParser.RULE_toggle));
  }

  /** The options after a health check's command ({@code every}, {@code timeout}, ...). */
  public static List<String> healthOptions() {
    return literals(firstTokens(FgdParser.RULE_healthOption));
  }

  /** Every keyword of the lexer, in the lexer's order (for editors' syntax highlighting). */
  public static List<String> keywords() {
    List<String> keywords = new ArrayList<>();
    for (int type = 1; type <= FgdParser.VOCABULARY.getMaxTokenType(); type++) {
      String literal = FgdParser.VOCABULARY.getLiteralName(type);
      if (literal != null && Character.isLetter(literal.charAt(1))) {
        keywords.add(literal.substring(1, literal.length() - 1));
      }
    }
    return List.copyOf(keywords);
  }

  /** Whether a word is one of the lexer's keywords. */
  public static boolean isKeyword(String text) {
    for (int type = 1; type <= FgdParser.VOCABULARY.getMaxTokenType(); type++) {
      if (("'" + text + "'").equals(FgdParser.VOCABULARY.getLiteralName(type))
          && Character.isLetter(text.charAt(0))) {
        return true;
      }
    }
    return false;
  }

  private static IntervalSet firstTokens(int rule) {
    ATN atn = FgdParser._ATN;
    return atn.nextTokens(atn.ruleToStartState[rule]);
  }

  private static List<String> literals(IntervalSet tokens) {
    List<String> names = new ArrayList<>();
    for (int type : tokens.toList()) {
      String literal = FgdParser.VOCABULARY.getLiteralName(type);
      if (literal != null && Character.isLetter(literal.charAt(1))) {
        names.add(literal.substring(1, literal.length() - 1));
      }
    }
    return List.copyOf(names);
  }

  private static List<Frame> withStatements(List<Frame> frames, List<List<List<Word>>> statements) {
    List<Frame> result = new ArrayList<>();
    for (int i = 0; i < frames.size(); i++) {
      Frame f = frames.get(i);
      result.add(new Frame(f.block(), f.header(), statements.get(i)));
    }
    return result;
  }

  /** A statement continues on the next line after a comma or inside brackets. */
  private static boolean continues(List<Word> statement) {
    Word last = statement.get(statement.size() - 1);
    if (last.text().equals(",") && last.kind() == Kind.PUNCTUATION) {
      return true;
    }
    int depth = 0;
    for (Word w : statement) {
      if (w.kind() == Kind.PUNCTUATION && w.text().equals("[")) {
        depth++;
      } else if (w.kind() == Kind.PUNCTUATION && w.text().equals("]")) {
        depth--;
      }
    }
    return depth > 0;
  }

  /** The block a {@code {} opens, from the statement before it and the block it is in. */
  private static Block open(Block parent, List<Word> header) {
    String first = header.isEmpty() ? "" : header.get(0).text();
    return switch (parent) {
      case TOP ->
          switch (first) {
            case "app" -> Block.APP;
            case "service" -> Block.SERVICE;
            case "job" -> Block.JOB;
            case "stage" -> Block.STAGE;
            default -> Block.OTHER;
          };
      case APP, STAGE ->
          switch (first) {
            case "network" -> Block.NETWORK;
            case "tags" -> Block.TAGS;
            case "service" -> parent == Block.STAGE ? Block.STAGE_SERVICE : Block.OTHER;
            default -> Block.OTHER;
          };
      case SERVICE, STAGE_SERVICE, JOB ->
          switch (first) {
            case "deploy" -> Block.DEPLOY;
            case "logs" -> Block.LOGS;
            case "tags" -> Block.TAGS;
            case "sidecar" -> Block.SIDECAR;
            case "build" -> header.size() == 1 ? Block.STEPS : Block.PRESET;
            default -> Block.OTHER;
          };
      default -> Block.OTHER;
    };
  }

  private static boolean startsBefore(Span span, int line, int column) {
    return span.startLine() < line || (span.startLine() == line && span.startColumn() < column);
  }

  private static boolean endsBefore(Span span, int line, int column) {
    return span.endLine() < line || (span.endLine() == line && span.endColumn() < column);
  }

  private static Kind kind(Token t) {
    return switch (t.getType()) {
      case FgdLexer.STRING -> Kind.STRING;
      case FgdLexer.NUMBER -> Kind.NUMBER;
      case FgdLexer.QUANTITY -> Kind.QUANTITY;
      case FgdLexer.VERSION, FgdLexer.WORD -> Kind.WORD;
      case FgdLexer.NEWLINE -> Kind.NEWLINE;
      case FgdLexer.COMMENT -> Kind.COMMENT;
      case FgdLexer.UNTERMINATED_STRING, FgdLexer.ERROR_CHAR -> Kind.ERROR;
      case FgdLexer.LBRACE,
          FgdLexer.RBRACE,
          FgdLexer.LBRACKET,
          FgdLexer.RBRACKET,
          FgdLexer.COMMA,
          FgdLexer.EQ,
          FgdLexer.DOTDOT ->
          Kind.PUNCTUATION;
      default -> Kind.KEYWORD;
    };
  }
}
