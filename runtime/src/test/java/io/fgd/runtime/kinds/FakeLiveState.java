package io.fgd.runtime.kinds;

import io.fgd.runtime.state.AwsStateReader;
import io.fgd.runtime.state.LiveState;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * An account for tests without network. A test's fake implements this and the {@code Api} of each
 * kind whose reads it fakes (such as {@code ServiceReads.Api}), and answers those; the reads of
 * every other kind find nothing (empty maps and lists, false), as in an account without any object
 * of that kind. So a new kind needs no change to the existing fakes.
 */
public interface FakeLiveState extends LiveState {
  @Override
  default <A> A reads(Class<A> api, Function<AwsStateReader, ? extends A> overSdk) {
    if (api.isInstance(this)) {
      return api.cast(this);
    }
    return api.cast(
        Proxy.newProxyInstance(
            api.getClassLoader(),
            new Class<?>[] {api},
            (proxy, method, args) ->
                // a default method answers from the others (describeCluster from readCluster)
                method.isDefault()
                    ? InvocationHandler.invokeDefault(proxy, method, args)
                    : nothing(method.getReturnType())));
  }

  @Override
  default int apiCalls() {
    return 0;
  }

  private static Object nothing(Class<?> type) {
    if (type == Map.class) {
      return Map.of();
    } else if (type == List.class || type == Collection.class) {
      return List.of();
    } else if (type == Set.class) {
      return Set.of();
    } else if (type == Optional.class) {
      return Optional.empty();
    } else if (type == boolean.class) {
      return false;
    }
    throw new IllegalStateException("FakeLiveState has no empty " + type.getName());
  }
}
