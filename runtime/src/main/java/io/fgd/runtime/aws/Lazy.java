package io.fgd.runtime.aws;

import java.util.function.Supplier;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * An SDK client made on first use and closed only if it was made: the clients of services that only
 * some commands or specs need, so that a command needing none of them loads none of their classes.
 */
final class Lazy<T extends SdkAutoCloseable> {
  /** Configures a client builder the way every client of {@link AwsClients} is, and builds it. */
  interface Maker {
    <C, B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>> C make(B builder);
  }

  private final Supplier<T> factory;
  private T client;

  Lazy(Supplier<T> factory) {
    this.factory = factory;
  }

  synchronized T get() {
    if (client == null) {
      client = factory.get();
    }
    return client;
  }

  synchronized void close() {
    if (client != null) {
      client.close();
    }
  }
}
