package io.fgd.compiler.source;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The text of one spec file, with the name diagnostics use for it. */
public final class SourceFile {
  private final String name;
  private final String text;
  private final List<String> lines;

  public SourceFile(String name, String text) {
    this.name = requireNonNull(name, "name is null");
    // A byte-order mark is not part of the spec.
    this.text =
        requireNonNull(text, "text is null").startsWith("\uFEFF") ? text.substring(1) : text;
    this.lines = splitLines(this.text);
  }

  /**
   * Reads a file as UTF-8. Invalid UTF-8 is an {@link IOException} with a sentence a user can act
   * on, never replacement characters silently compiled into a deployment.
   */
  public static SourceFile read(Path path) throws IOException {
    byte[] bytes = Files.readAllBytes(path);
    try {
      String text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes))
              .toString();
      return new SourceFile(path.toString(), text);
    } catch (CharacterCodingException e) {
      throw new IOException(path + " is not valid UTF-8 text", e);
    }
  }

  public String name() {
    return name;
  }

  public String text() {
    return text;
  }

  /** Line {@code n} (1-based) without its line break, or "" past the end. */
  public String line(int n) {
    return n >= 1 && n <= lines.size() ? lines.get(n - 1) : "";
  }

  public int lineCount() {
    return lines.size();
  }

  /**
   * Lines as the parser counts them: a line ends at '\n' (a '\r' before it belongs to the line
   * break). A lone '\r' does not end a line, for the parser or here, so spans always point into the
   * line they name.
   */
  private static List<String> splitLines(String text) {
    List<String> result = new ArrayList<>();
    int start = 0;
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) == '\n') {
        int end = i > start && text.charAt(i - 1) == '\r' ? i - 1 : i;
        result.add(text.substring(start, end));
        start = i + 1;
      }
    }
    result.add(text.substring(start));
    return List.copyOf(result);
  }
}
