package io.fgd.cli;

import io.fgd.compiler.output.AtomicFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * fgd's root help ({@code fgd --help}, {@code fgd -h}, and bare {@code fgd}) printed without
 * starting picocli. Building picocli's model of the seven commands by reflection is most of what
 * {@code fgd --help} used to cost (bench/RESULTS.md, round 4), and the text it renders never
 * changes between builds of the same sources. So the build renders it once with picocli, in both
 * colour schemes, into two resources beside this class ({@link #main}, run by the cli module's pom
 * in {@code process-classes}); at run time a root-help request prints the matching one. picocli
 * stays the only author of the text: MainTest compares what this prints with what picocli renders,
 * and when the resources are missing (classes built without the pom, in an IDE) {@link #print}
 * declines and picocli answers as before.
 */
public final class RootHelp {
  private RootHelp() {}

  private static final String PLAIN = "root-help.txt";
  private static final String COLOUR = "root-help.ansi.txt";

  /** The only arguments a root-help request may have, each at most once ({@code -h} is --help). */
  private static final Set<String> FLAGS = Set.of("--help", "--no-color", "--debug");

  /**
   * Prints the root help when {@code args} ask for it and nothing else: {@code --help} or {@code
   * -h}, or no argument at all, with fgd's own {@code --no-color} and {@code --debug} around them.
   * With a help flag the help goes to standard output and the code is 0; bare {@code fgd} gets it
   * on standard error with the usage code, as picocli does. Anything else, a repeated flag
   * included, is left to picocli: empty.
   */
  static OptionalInt print(Terminal terminal, String... args) {
    Set<String> seen = new HashSet<>();
    for (String arg : args) {
      String flag = arg.equals("-h") ? "--help" : arg;
      if (!FLAGS.contains(flag) || !seen.add(flag)) {
        return OptionalInt.empty();
      }
    }
    boolean help = seen.contains("--help");
    boolean noColor = seen.contains("--no-color");
    Optional<String> text = text(terminal.color(noColor));
    if (text.isEmpty()) {
      return OptionalInt.empty();
    }
    PrintWriter stream = help ? terminal.out() : terminal.err();
    stream.print(text.get());
    stream.flush();
    return OptionalInt.of(help ? ExitCodes.OK : ExitCodes.USAGE);
  }

  /** The rendered help in the colour scheme asked for, when the build made it. */
  static Optional<String> text(boolean colour) {
    try (InputStream in = RootHelp.class.getResourceAsStream(colour ? COLOUR : PLAIN)) {
      if (in == null) {
        return Optional.empty();
      }
      return Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** What picocli prints for {@code fgd --help}, plain or in colour. */
  static String renderedByPicocli(boolean colour) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    Main.runPicocli(
        new Terminal(new PrintWriter(out, true), new PrintWriter(err, true), Map.of(), colour),
        "--help");
    return out.toString();
  }

  /**
   * Build step: renders the root help with picocli into {@code args[0]/io/fgd/cli/}. It runs inside
   * Maven's JVM (exec-maven-plugin's {@code java} goal), so it returns instead of exiting.
   */
  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      throw new IllegalArgumentException("usage: RootHelp CLASSES_DIR");
    }
    Path dir = Path.of(args[0]).resolve(RootHelp.class.getPackageName().replace('.', '/'));
    Files.createDirectories(dir);
    AtomicFiles.write(
        dir.resolve(PLAIN), renderedByPicocli(false).getBytes(StandardCharsets.UTF_8));
    AtomicFiles.write(
        dir.resolve(COLOUR), renderedByPicocli(true).getBytes(StandardCharsets.UTF_8));
  }
}
