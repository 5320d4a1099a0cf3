package io.fgd.runtime.sandbox;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * A lock that other processes see: an OS lock on a file ({@link FileChannel#lock}), held until
 * closed and dropped by the OS when the process dies, so a crashed holder never blocks the next
 * one. Two fgd processes using the sandbox for the first time take turns through it; threads of one
 * process must take turns by other means (the methods that use it are {@code synchronized}), since
 * the OS lock belongs to the process.
 */
final class InterProcessLock implements AutoCloseable {
  private final FileChannel channel;
  private final FileLock lock;

  private InterProcessLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /** Waits until no other process holds the lock on {@code file}, then holds it. */
  static InterProcessLock acquire(Path file) throws IOException {
    FileChannel channel = open(file);
    try {
      return new InterProcessLock(channel, channel.lock());
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
  }

  /** The lock if no other process holds it now; empty otherwise. */
  static Optional<InterProcessLock> tryAcquire(Path file) throws IOException {
    FileChannel channel = open(file);
    try {
      FileLock lock = channel.tryLock();
      if (lock == null) {
        channel.close();
        return Optional.empty();
      }
      return Optional.of(new InterProcessLock(channel, lock));
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
  }

  private static FileChannel open(Path file) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    return FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
  }

  @Override
  public void close() throws IOException {
    try {
      lock.release();
    } finally {
      channel.close();
    }
  }
}
