package io.fgd.cli;

import io.fgd.compiler.source.SourceFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/** Reads a spec file, turning every way that can fail into one sentence on stderr. */
final class SpecInput {
  private SpecInput() {}

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
