package io.fgd.runtime.importer;

import com.fasterxml.jackson.databind.JsonNode;
import io.fgd.runtime.state.AwsStateReader;
import io.fgd.runtime.state.LiveState;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The account as one import reads it: a read asked for twice (the same method of a kind's reads,
 * with the same arguments; a collection of names compared as a set) is answered the second time
 * from the first answer, without a request. The import reads the account, then plans the spec it
 * wrote against it ({@link FirstPlan}); what the plan asks that the import already asked costs
 * nothing, and what the plan asks for in addition is read once. Answers are the account as it was
 * during this import, which is what both compare. Names no kind: the reads are any kind's {@code
 * Api} interface, wrapped by a dynamic proxy.
 */
final class ReadOnce implements LiveState {
  private final LiveState live;
  private final Map<List<Object>, Object> answers = new ConcurrentHashMap<>();

  ReadOnce(LiveState live) {
    this.live = live;
  }

  @Override
  public <A> A reads(Class<A> api, Function<AwsStateReader, ? extends A> overSdk) {
    A reads = live.reads(api, overSdk);
    if (!api.isInterface()) {
      return reads;
    }
    InvocationHandler handler =
        (proxy, method, args) -> {
          if (method.getDeclaringClass() == Object.class) {
            return method.invoke(reads, args);
          }
          List<Object> key = key(api, method, args);
          Object answer = answers.get(key);
          if (answer == null) {
            try {
              // a kind's Api may be package-private (ScheduleImport.Api): the proxy may call it
              method.setAccessible(true);
              answer = method.invoke(reads, args);
            } catch (InvocationTargetException e) {
              throw e.getCause();
            }
            if (answer != null) {
              answers.put(key, answer);
            }
          }
          return copy(answer);
        };
    return api.cast(Proxy.newProxyInstance(api.getClassLoader(), new Class<?>[] {api}, handler));
  }

  @Override
  public int apiCalls() {
    return live.apiCalls();
  }

  private static List<Object> key(Class<?> api, Method method, Object[] args) {
    List<Object> key = new ArrayList<>();
    key.add(api.getName());
    key.add(method.getName());
    key.add(List.of(method.getParameterTypes()));
    if (args != null) {
      for (Object a : args) {
        key.add(
            a instanceof Collection<?> c
                ? new TreeSet<>(c.stream().map(String::valueOf).toList())
                : Optional.ofNullable(a));
      }
    }
    return key;
  }

  /** JSON answers are copied: a reader may change what it was given. */
  private static Object copy(Object answer) {
    return answer instanceof JsonNode n ? n.deepCopy() : answer;
  }
}
