package io.fgd.compiler.output;

import io.fgd.compiler.Artifact;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Writes compiled files so that a reader never sees half an output: everything goes to a temporary
 * folder beside the target, which then replaces the target in one rename. A failure at any point
 * leaves the previous output as it was.
 *
 * <p>fgd owns the folders it writes and marks them with {@value #MARKER}; it refuses to replace a
 * non-empty folder without that mark, so {@code --out .} cannot wipe a user's work.
 */
public final class OutputFolder {
  public static final String MARKER = ".fgd-output";

  private OutputFolder() {}

  /** Thrown when writing is refused or fails; the message is a sentence for the user. */
  public static final class OutputException extends Exception {
    public OutputException(String message) {
      super(message);
    }

    public OutputException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  public static void replace(Path target, List<Artifact> artifacts) throws OutputException {
    Path folder = target.toAbsolutePath().normalize();
    if (Files.exists(folder) && !Files.isDirectory(folder)) {
      throw new OutputException(target + " exists and is not a folder; choose another --out.");
    }
    if (Files.isDirectory(folder) && !isEmpty(folder) && !Files.exists(folder.resolve(MARKER))) {
      throw new OutputException(
          "Refusing to replace "
              + target
              + ": it is not empty and was not written by fgd. Choose an empty or new folder with --out.");
    }
    Path parent = folder.getParent();
    Path staging = null;
    Path previous = null;
    try {
      // Not Files.createTempDirectory: its folders are private (0700), and this one becomes the
      // output. It gets the previous output's permissions, or the umask's for a first compile.
      staging = AtomicFiles.folderBeside(folder);
      for (Artifact artifact : artifacts) {
        Path file = staging.resolve(artifact.path()).normalize();
        if (!file.startsWith(staging)) {
          throw new IllegalStateException("artifact escapes the output folder: " + artifact.path());
        }
        Files.createDirectories(file.getParent());
        Files.write(file, artifact.content());
      }
      Files.writeString(
          staging.resolve(MARKER),
          "This folder is written by fgd and replaced whole on every compile.\n");
      if (Files.exists(folder)) {
        previous = parent.resolve("." + folder.getFileName() + ".old-" + System.nanoTime());
        move(folder, previous);
      }
      move(staging, folder);
      staging = null;
    } catch (IOException e) {
      if (previous != null && !Files.exists(folder)) {
        try {
          move(previous, folder);
          previous = null;
        } catch (IOException restore) {
          e.addSuppressed(restore);
        }
      }
      throw new OutputException("Could not write " + target + ": " + e.getMessage(), e);
    } finally {
      deleteQuietly(staging);
      deleteQuietly(previous);
    }
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException | FileAlreadyExistsException e) {
      Files.move(from, to);
    }
  }

  private static boolean isEmpty(Path folder) throws OutputException {
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder)) {
      return !entries.iterator().hasNext();
    } catch (IOException e) {
      throw new OutputException("Could not read " + folder + ": " + e.getMessage(), e);
    }
  }

  private static void deleteQuietly(Path path) {
    if (path == null || !Files.exists(path)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(path)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // Best effort: a leftover hidden temporary folder is harmless and named as ours.
    }
  }
}
