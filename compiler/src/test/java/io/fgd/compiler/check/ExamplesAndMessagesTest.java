package io.fgd.compiler.check;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fgd.compiler.Compiler;
import io.fgd.compiler.diag.DiagnosticRenderer;
import io.fgd.compiler.diag.Messages;
import io.fgd.compiler.source.SourceFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class ExamplesAndMessagesTest {
  static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

  @Test
  void theSheetsExampleHasNoErrors() throws IOException {
    Path spec = ROOT.resolve("specs/examples/sheets.fgd");
    SourceFile source = new SourceFile("specs/examples/sheets.fgd", Files.readString(spec));
    Compiler.Validation v = Compiler.validate(source);
    assertEquals(
        false, v.hasErrors(), () -> new DiagnosticRenderer(false).render(v.diagnostics(), source));
  }

  /** A string literal in main code that is a message key: "a.b" or "a.bC", lowercase first. */
  private static final Pattern LITERAL =
      Pattern.compile("\"([a-z][A-Za-z]*(?:\\.[a-z][A-Za-z]*)+)\"");

  /**
   * Every key used in code has wording, and all wording is used: messages live in one place. Keys
   * are found as string literals in main sources that name a key, or look like one and are passed
   * to a Diagnostics method.
   */
  @Test
  void everyMessageKeyIsDefinedAndUsed() throws IOException {
    Set<String> used = new TreeSet<>();
    Set<String> undefined = new TreeSet<>();
    Path main = ROOT.resolve("compiler/src/main/java");
    List<Path> sources;
    try (Stream<Path> walk = Files.walk(main)) {
      sources = walk.filter(p -> p.toString().endsWith(".java")).toList();
    }
    Pattern call = Pattern.compile("(?:error|warning|errorWithContext|report)\\(\\s*\"([^\"]+)\"");
    for (Path p : sources) {
      String text = Files.readString(p);
      Matcher m = LITERAL.matcher(text);
      while (m.find()) {
        if (Messages.has(m.group(1))) {
          used.add(m.group(1));
        }
      }
      Matcher c = call.matcher(text);
      while (c.find()) {
        used.add(c.group(1));
        if (!Messages.has(c.group(1))) {
          undefined.add(c.group(1) + " in " + p.getFileName());
        }
      }
    }
    assertEquals(Set.of(), undefined, "keys used in code without wording");
    Set<String> unused = new TreeSet<>(Messages.keys());
    unused.removeAll(used);
    assertEquals(Set.of(), unused, "wording no code uses");
  }
}
