package io.fgd.runtime.state;

import io.fgd.runtime.FgdRuntimeException;
import io.fgd.runtime.aws.AwsClients;
import io.fgd.runtime.aws.AwsErrors;
import io.fgd.runtime.aws.AwsSettings;
import java.util.Iterator;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.pagination.sync.SdkIterable;

/** {@link LiveState} over the AWS SDK; counts every request it sends. */
public final class AwsStateReader implements LiveState {
  /** The tag fgd puts on everything it creates, with the app's name as value. */
  public static final String OWNER_TAG = "fgd:app";

  private final AwsClients clients;
  private final AwsSettings settings;
  private final AtomicInteger calls = new AtomicInteger();

  public AwsStateReader(AwsClients clients, AwsSettings settings) {
    this.clients = clients;
    this.settings = settings;
  }

  public AwsClients clients() {
    return clients;
  }

  public AwsSettings settings() {
    return settings;
  }

  @Override
  public <A> A reads(Class<A> api, Function<AwsStateReader, ? extends A> overSdk) {
    return overSdk.apply(this);
  }

  @Override
  public int apiCalls() {
    return calls.get();
  }

  /** Makes one read, counted, its failure a message for the user naming {@code action}. */
  public <T> T call(String action, Supplier<T> request) throws FgdRuntimeException {
    calls.incrementAndGet();
    try {
      return request.get();
    } catch (SdkException e) {
      throw AwsErrors.translate(e, action, settings);
    }
  }

  /** What to do with one page of a listing; false stops it before the next page is asked for. */
  public interface PageVisitor<P> {
    boolean visit(P page) throws FgdRuntimeException;
  }

  /**
   * Walks the pages of an SDK paginator, counting each request as {@link #call} does; the paginator
   * asks for a page only when the visitor wants the next one, so an early stop saves the requests.
   */
  public <P> void eachPage(String action, SdkIterable<P> pages, PageVisitor<P> visitor)
      throws FgdRuntimeException {
    Iterator<P> it = pages.iterator();
    while (true) {
      P page;
      try {
        if (!it.hasNext()) {
          return;
        }
        calls.incrementAndGet();
        page = it.next();
      } catch (SdkException e) {
        throw AwsErrors.translate(e, action, settings);
      }
      if (!visitor.visit(page)) {
        return;
      }
    }
  }

  /** Application Auto Scaling's name for an ECS service. */
  public static String resourceId(String cluster, String service) {
    return "service/" + cluster + "/" + service;
  }
}
