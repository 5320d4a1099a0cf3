package io.fgd.runtime.importer;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A small writer of {@code .fgd} text: blocks of one-line statements whose values line up, nested
 * blocks, and comments. Deterministic: the same blocks always give the same bytes.
 */
public final class SpecText {
  private SpecText() {}

  /** One line of a block. */
  public sealed interface Item permits Statement, Nested, Comment, Blank {}

  /**
   * {@code keyword value}; in a {@code tags} block the keyword is the key and the value {@code =
   * "v"}.
   */
  record Statement(String keyword, String value) implements Item {}

  public record Nested(Block block) implements Item {}

  /** A {@code #} comment; {@code warning} is set when the comment reports an import warning. */
  public record Comment(String text, ImportWarning warning) implements Item {}

  public record Blank() implements Item {}

  /**
   * A block: {@code header { ... }}. Values line up in one column after the longest keyword of at
   * most {@code alignUpTo} characters; longer keywords are followed by one space, so one long
   * keyword ({@code execution_role}, {@code replicas}) does not push every value to the right.
   */
  public static final class Block {
    final String header;
    final int alignUpTo;
    final List<Item> items = new ArrayList<>();

    /** Warnings about this block, written at its top so they are read first. */
    final List<Item> notes = new ArrayList<>();

    public Block(String header, int alignUpTo) {
      this.header = header;
      this.alignUpTo = alignUpTo;
    }

    /** The block's header, such as {@code app shop}. */
    public String header() {
      return header;
    }

    public Block add(String keyword, String value) {
      items.add(new Statement(keyword, value));
      return this;
    }

    public Block add(Block nested) {
      items.add(new Nested(nested));
      return this;
    }

    public Block comment(String text) {
      items.add(new Comment(text, null));
      return this;
    }

    public Block warning(ImportWarning warning) {
      notes.add(new Comment(ImportWarning.COMMENT_PREFIX + warning.message(), warning));
      return this;
    }

    public Block blank() {
      items.add(new Blank());
      return this;
    }

    public boolean isEmpty() {
      return items.isEmpty() && notes.isEmpty();
    }
  }

  /** The rendered text and the 1-based line of each warning's comment. */
  record Rendered(String text, Map<ImportWarning, Integer> lines) {}

  /** Top-level items (comments, blank lines, blocks), rendered with a final newline. */
  static Rendered render(List<Item> top) {
    StringBuilder out = new StringBuilder();
    Map<ImportWarning, Integer> lines = new IdentityHashMap<>();
    int[] line = {1};
    for (Item item : top) {
      renderItem(item, "", 0, out, lines, line);
    }
    return new Rendered(out.toString(), lines);
  }

  private static void renderItem(
      Item item,
      String indent,
      int column,
      StringBuilder out,
      Map<ImportWarning, Integer> lines,
      int[] line) {
    if (item instanceof Statement s) {
      String pad = s.keyword().length() < column ? " ".repeat(column - s.keyword().length()) : "";
      emit(out, line, indent + s.keyword() + pad + " " + s.value());
    } else if (item instanceof Comment c) {
      if (c.warning() != null) {
        lines.put(c.warning(), line[0]);
      }
      emit(out, line, indent + "# " + c.text());
    } else if (item instanceof Blank) {
      emit(out, line, "");
    } else if (item instanceof Nested n) {
      Block b = n.block();
      emit(out, line, indent + b.header + " {");
      int inner = 0;
      for (Item i : b.items) {
        if (i instanceof Statement s && s.keyword().length() <= b.alignUpTo) {
          inner = Math.max(inner, s.keyword().length());
        }
      }
      for (Item i : b.notes) {
        renderItem(i, indent + "  ", inner, out, lines, line);
      }
      for (Item i : b.items) {
        renderItem(i, indent + "  ", inner, out, lines, line);
      }
      emit(out, line, indent + "}");
    }
  }

  private static void emit(StringBuilder out, int[] line, String text) {
    out.append(text.stripTrailing()).append('\n');
    line[0]++;
  }

  // ---- values ----

  /** A bare word the lexer reads back as one word: letters, digits and {@code _ . / : @ + - *}. */
  private static final Pattern WORD =
      Pattern.compile("(?:[a-zA-Z_/*]|\\.\\.?/|\\.[a-zA-Z_])[a-zA-Z0-9_./:@+*-]*");

  /**
   * An identifier (service and sidecar names): a word made of letters, digits, {@code _} and {@code
   * -}.
   */
  private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_-]*");

  public static boolean isWord(String s) {
    return WORD.matcher(s).matches();
  }

  public static boolean isIdentifier(String s) {
    return IDENTIFIER.matcher(s).matches();
  }

  /** A string literal; {@code $} is escaped so the text never reads as an interpolation. */
  public static String quote(String s) {
    StringBuilder out = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\t' -> out.append("\\t");
        case '$' -> out.append("\\$");
        default -> {
          if (c < 0x20 || c == 0x7f) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }

  /** A word when it can be one, otherwise a string. */
  public static String text(String s) {
    return isWord(s) ? s : quote(s);
  }

  /** {@code ["a", "b"]}. */
  public static String list(List<String> values) {
    List<String> quoted = values.stream().map(SpecText::quote).toList();
    return "[" + String.join(", ", quoted) + "]";
  }

  /** A number without a trailing {@code .0}: 60, 62.5. */
  public static String number(BigDecimal n) {
    BigDecimal d = n.stripTrailingZeros();
    return (d.scale() < 0 ? d.setScale(0) : d).toPlainString();
  }

  /** Seconds as fgd writes durations: {@code 2m} when whole minutes, else {@code 90s}. */
  public static String duration(int seconds) {
    return seconds >= 60 && seconds % 60 == 0 ? seconds / 60 + "m" : seconds + "s";
  }

  /** Task or container CPU: {@code 0.25 vcpu} for whole quarters of a vCPU, else CPU units. */
  public static String cpu(int units) {
    if (units >= 256 && units % 256 == 0) {
      return number(BigDecimal.valueOf(units).divide(BigDecimal.valueOf(1024))) + " vcpu";
    }
    return Integer.toString(units);
  }

  /** Memory: {@code 2 GiB} for whole GiB, else {@code 512 MiB}. */
  public static String memory(int mebibytes) {
    if (mebibytes >= 1024 && mebibytes % 1024 == 0) {
      return mebibytes / 1024 + " GiB";
    }
    return mebibytes + " MiB";
  }
}
