package io.fgd.runtime.engine;

import io.fgd.runtime.FgdRuntimeException;
import io.fgd.runtime.state.LiveState;
import io.fgd.runtime.state.ObservedState;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * What a {@link KindRead} reads with: the desired state, the results of the reads it comes after,
 * the account, and a pool to run its requests in parallel.
 */
public final class ReadScope {
  private final DesiredState desired;
  private final ObservedState observed;
  private final LiveState live;
  private final ExecutorService executor;

  ReadScope(
      DesiredState desired, ObservedState observed, LiveState live, ExecutorService executor) {
    this.desired = desired;
    this.observed = observed;
    this.live = live;
    this.executor = executor;
  }

  public DesiredState desired() {
    return desired;
  }

  /** The results of the reads of the earlier waves (those in {@link KindRead#after} included). */
  public ObservedState observed() {
    return observed;
  }

  public LiveState live() {
    return live;
  }

  /** A read in progress; {@link #join} waits for its result. */
  public interface Pending<T> {
    T join() throws FgdRuntimeException;
  }

  /** One request (or a few in a row) to run beside the others. */
  public interface Request<T> {
    T read() throws FgdRuntimeException;
  }

  /** Starts {@code request} on the read pool. */
  public <T> Pending<T> fork(Request<T> request) {
    Future<T> future = executor.submit(request::read);
    return () -> get(future);
  }

  /** A result known without a request. */
  public static <T> Pending<T> done(T value) {
    return () -> value;
  }

  private static <T> T get(Future<T> future) throws FgdRuntimeException {
    try {
      return future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new FgdRuntimeException("Interrupted while reading the account.", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof FgdRuntimeException f) {
        throw f;
      }
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException(e.getCause());
    }
  }
}
