package io.fgd.runtime.state;

import java.util.function.Function;

/**
 * The account fgd reads. It names no kind of object: each kind declares the interface of its reads
 * (its {@code *Reads.Api}) with an implementation over the SDK, and asks for it here; {@link
 * AwsStateReader} answers with that implementation, counting every request, and a test answers with
 * a fake of the interface. Every read is safe to call from several threads.
 */
public interface LiveState {
  /**
   * The reads of one kind: {@code overSdk} applied to the account over the SDK, or a test's fake of
   * {@code api}.
   */
  <A> A reads(Class<A> api, Function<AwsStateReader, ? extends A> overSdk);

  /** Number of AWS API calls made so far, for {@code --debug}. */
  int apiCalls();
}
