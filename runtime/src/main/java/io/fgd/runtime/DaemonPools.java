package io.fgd.runtime;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The bounded thread pools fgd runs AWS work on: daemon threads, so an interrupted command never
 * waits for them to exit, named {@code fgd-<purpose>-N} so a thread dump says what they do.
 */
public final class DaemonPools {
  private DaemonPools() {}

  /** A pool of at most {@code size} threads (at least one). Callers shut it down. */
  public static ExecutorService fixed(String purpose, int size) {
    AtomicInteger number = new AtomicInteger();
    return Executors.newFixedThreadPool(
        Math.max(1, size),
        runnable -> {
          Thread thread = new Thread(runnable, "fgd-" + purpose + "-" + number.incrementAndGet());
          thread.setDaemon(true);
          return thread;
        });
  }
}
