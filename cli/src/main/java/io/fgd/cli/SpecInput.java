package io.fgd.cli;

import io.fgd.compiler.CompileOptions;
import io.fgd.compiler.Compiler;
import io.fgd.compiler.SpecOptions;
import io.fgd.compiler.ir.App;
import io.fgd.compiler.ir.Spec;
import io.fgd.compiler.source.SourceFile;
import io.fgd.runtime.FgdRuntimeException;
import io.fgd.runtime.build.ImageTag;
import io.fgd.runtime.build.Processes;
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
   * {@link #compile} for plan and apply: with {@code --image-tag} when given; otherwise, for a spec
   * with services built from source, the default tag ({@link ImageTag#fromGit}: the commit of the
   * git work tree that holds the spec); outside a work tree, with the tag each live service already
   * runs kept ({@link DesiredState#KEEP_LIVE_IMAGE_TAG}).
   */
  static Optional<Compiled> compileForDeploy(
      Path path, Terminal terminal, boolean color, SpecOptions spec, String imageTag) {
    if (imageTag != null) {
      return compile(path, terminal, color, spec, new CompileOptions(Optional.of(imageTag)));
    }
    Optional<SourceFile> source = read(path, terminal);
    if (source.isEmpty()) {
      return Optional.empty();
    }
    CompileOptions keep = new CompileOptions(Optional.of(DesiredState.KEEP_LIVE_IMAGE_TAG));
    Compiler.Compilation compilation = Compiler.compile(source.get(), spec, keep);
    if (!compilation.hasErrors() && buildsFromSource(compilation.spec().orElseThrow())) {
      try {
        Optional<ImageTag> tag = ImageTag.fromGit(folderOf(path), Processes.plain());
        if (tag.isPresent()) {
          if (tag.get().dirty()) {
            terminal.err().println(tag.get().dirtyWarning());
          }
          compilation =
              Compiler.compile(
                  source.get(), spec, new CompileOptions(Optional.of(tag.get().value())));
        }
      } catch (FgdRuntimeException e) {
        terminal.err().println("Error: " + e.getMessage());
        return Optional.empty();
      }
    }
    Reports.diagnostics(terminal, color, compilation.diagnostics(), source.get());
    return compilation.hasErrors()
        ? Optional.empty()
        : Optional.of(new Compiled(source.get(), compilation));
  }

  /**
   * The tag for {@code fgd build}: {@code --image-tag}, else the git default; empty (with the
   * reason on stderr) when there is neither.
   */
  static Optional<ImageTag> buildTag(Path path, Terminal terminal, String imageTag) {
    if (imageTag != null) {
      if (!ImageTag.valid(imageTag)) {
        terminal
            .err()
            .println(
                "Error: --image-tag \""
                    + imageTag
                    + "\" is not a valid image tag: use letters, digits, '_', '.' and '-', at most"
                    + " 128, not starting with '.' or '-'.");
        return Optional.empty();
      }
      return Optional.of(ImageTag.given(imageTag));
    }
    try {
      Optional<ImageTag> tag = ImageTag.fromGit(folderOf(path), Processes.plain());
      if (tag.isEmpty()) {
        terminal
            .err()
            .println(
                "Error: "
                    + path
                    + " is not in a git work tree with a commit, so there is no default image tag:"
                    + " pass --image-tag TAG.");
      } else if (tag.get().dirty()) {
        terminal.err().println(tag.get().dirtyWarning());
      }
      return tag;
    } catch (FgdRuntimeException e) {
      terminal.err().println("Error: " + e.getMessage());
      return Optional.empty();
    }
  }

  /** Whether a service runs an image built from its {@code build} (it has no {@code image}). */
  static boolean buildsFromSource(Spec spec) {
    return spec.services().stream()
        .anyMatch(s -> s.build().isPresent() && s.container().image().isEmpty());
  }

  static Path folderOf(Path spec) {
    Path parent = spec.toAbsolutePath().getParent();
    return parent != null ? parent : Path.of(".").toAbsolutePath();
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
