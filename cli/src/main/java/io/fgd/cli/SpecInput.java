package io.fgd.cli;

import io.fgd.compiler.CompileOptions;
import io.fgd.compiler.Compiler;
import io.fgd.compiler.SpecOptions;
import io.fgd.compiler.ir.App;
import io.fgd.compiler.ir.Spec;
import io.fgd.compiler.source.SourceFile;
import io.fgd.runtime.engine.DesiredState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/** Reads a spec file, turning every way that can fail into one sentence on stderr. */
final class SpecInput {
  private SpecInput() {}

  /** A spec that compiled without errors, with the text it came from. */
  record Compiled(SourceFile source, Compiler.Compilation compilation) {
    Spec spec() {
      return compilation.spec().orElseThrow();
    }

    /** The app block, which every spec that compiles has. */
    App app() {
      return spec().app().orElseThrow();
    }
  }

  /**
   * {@link #compile} for plan and apply: with {@code --image-tag} when given, otherwise with the
   * tag each live service already runs kept ({@link DesiredState#KEEP_LIVE_IMAGE_TAG}).
   */
  static Optional<Compiled> compileForDeploy(
      Path path, Terminal terminal, boolean color, SpecOptions spec, String imageTag) {
    String tag = imageTag != null ? imageTag : DesiredState.KEEP_LIVE_IMAGE_TAG;
    return compile(path, terminal, color, spec, new CompileOptions(Optional.of(tag)));
  }

  /**
   * Reads and compiles a spec, printing its diagnostics on stderr; empty when the file cannot be
   * read or the spec has errors, in which case the caller exits 1 and calls no AWS API.
   */
  static Optional<Compiled> compile(
      Path path, Terminal terminal, boolean color, SpecOptions spec, CompileOptions options) {
    Optional<SourceFile> source = read(path, terminal);
    if (source.isEmpty()) {
      return Optional.empty();
    }
    Compiler.Compilation compilation = Compiler.compile(source.get(), spec, options);
    Reports.diagnostics(terminal, color, compilation.diagnostics(), source.get());
    return compilation.hasErrors()
        ? Optional.empty()
        : Optional.of(new Compiled(source.get(), compilation));
  }

  static Optional<SourceFile> read(Path path, Terminal terminal) {
    try {
      if (Files.isDirectory(path)) {
        terminal.err().println("Error: " + path + " is a folder; give the path of a .fgd file.");
        return Optional.empty();
      }
      return Optional.of(SourceFile.read(path));
    } catch (NoSuchFileException e) {
      terminal.err().println("Error: " + path + " does not exist.");
    } catch (IOException e) {
      terminal.err().println("Error: cannot read " + path + ": " + e.getMessage());
    }
    return Optional.empty();
  }
}
