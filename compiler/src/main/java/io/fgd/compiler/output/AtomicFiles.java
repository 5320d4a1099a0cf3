package io.fgd.compiler.output;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How fgd writes every file (a formatted spec, an imported one, a saved plan, the sandbox's
 * bookkeeping) and the folders it replaces: the new content goes to a hidden temporary file beside
 * the target, reaches the disk, and then takes the target's place in one rename. A reader sees the
 * old file or the new one, never half of one, and a failure leaves the old one as it was.
 *
 * <p>A file that is replaced keeps its permissions (a spec that was 0644 stays 0644); a new file or
 * folder gets what the user's umask gives any new file (it is created the ordinary way, not as a
 * private temporary file). A symbolic link is written through: the file it points to is replaced,
 * and the link stays.
 */
public final class AtomicFiles {
  private AtomicFiles() {}

  /** Writes {@code content} to {@code target}, replacing it if it exists. */
  public static void write(Path target, byte[] content) throws IOException {
    Path file = resolved(target);
    Path temp = temporaryBeside(file, content);
    try {
      keepPermissions(file, temp);
      try {
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  /**
   * Writes {@code content} to {@code target}, which must not exist: also not when another process
   * creates it meanwhile.
   *
   * @throws FileAlreadyExistsException when it exists
   */
  public static void create(Path target, byte[] content) throws IOException {
    Path file = target.toAbsolutePath().normalize();
    if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
      throw new FileAlreadyExistsException(target.toString());
    }
    Path temp = temporaryBeside(file, content);
    try {
      try {
        // A link, not a rename: it fails instead of replacing a file created meanwhile.
        Files.createLink(file, temp);
      } catch (UnsupportedOperationException e) {
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
      }
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  /**
   * A new empty folder beside {@code target}, hidden and named after it, with the permissions the
   * umask gives (or, when {@code target} is a folder already, the same as it), to be filled and
   * then renamed onto {@code target}.
   */
  public static Path folderBeside(Path target) throws IOException {
    Path folder = target.toAbsolutePath().normalize();
    Files.createDirectories(folder.getParent());
    while (true) {
      Path staging = folder.resolveSibling("." + folder.getFileName() + ".new-" + suffix());
      try {
        Files.createDirectory(staging);
      } catch (FileAlreadyExistsException e) {
        continue;
      }
      keepPermissions(folder, staging);
      return staging;
    }
  }

  /** The file a write to {@code target} replaces: the target, or what its link points to. */
  private static Path resolved(Path target) throws IOException {
    Path file = target.toAbsolutePath().normalize();
    return Files.isSymbolicLink(file) && Files.exists(file) ? file.toRealPath() : file;
  }

  /** A new file beside {@code file} holding {@code content}, on the disk (not only in a cache). */
  private static Path temporaryBeside(Path file, byte[] content) throws IOException {
    Path dir = file.getParent();
    Files.createDirectories(dir);
    while (true) {
      Path temp = dir.resolve("." + file.getFileName() + "." + suffix() + ".tmp");
      FileChannel channel;
      try {
        // Created as any new file is (0666 less the umask), unlike Files.createTempFile's 0600.
        channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
      } catch (FileAlreadyExistsException e) {
        continue;
      }
      try (channel;
          OutputStream out = Channels.newOutputStream(channel)) {
        out.write(content);
        out.flush();
        channel.force(true);
      } catch (IOException | RuntimeException e) {
        Files.deleteIfExists(temp);
        throw e;
      }
      return temp;
    }
  }

  /** Gives {@code fresh} the permissions of {@code existing}, when it exists (POSIX only). */
  private static void keepPermissions(Path existing, Path fresh) throws IOException {
    if (!Files.exists(existing)
        || Files.getFileAttributeView(existing, PosixFileAttributeView.class) == null) {
      return;
    }
    Files.setPosixFilePermissions(fresh, Files.getPosixFilePermissions(existing));
  }

  private static String suffix() {
    return Long.toString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE, 36);
  }
}
