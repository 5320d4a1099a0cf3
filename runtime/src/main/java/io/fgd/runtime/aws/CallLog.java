package io.fgd.runtime.aws;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Records every API call the SDK clients start, as {@code "Ecs.CreateService"}, through the SDK's
 * own interceptor hook: once per call, before the first attempt, so retries are not counted twice.
 * {@code fgd apply} uses it to say, and tests to check, how many calls changed something.
 */
public final class CallLog implements ExecutionInterceptor {
  private final List<String> calls = new ArrayList<>();

  @Override
  public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
    String service = attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME);
    String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
    synchronized (calls) {
      calls.add(service + "." + operation);
    }
  }

  /** Every call so far, in the order they started. */
  public List<String> all() {
    synchronized (calls) {
      return List.copyOf(calls);
    }
  }

  /** How many calls were made so far; pass it to {@link #mutatingSince} later. */
  public int size() {
    synchronized (calls) {
      return calls.size();
    }
  }

  /** The calls since the {@code mark}-th that change something (all but Describe, List, Get). */
  public List<String> mutatingSince(int mark) {
    synchronized (calls) {
      return calls.subList(Math.min(mark, calls.size()), calls.size()).stream()
          .filter(CallLog::isMutating)
          .toList();
    }
  }

  /** Whether an operation changes the account: every AWS read starts with Describe, List or Get. */
  public static boolean isMutating(String call) {
    String operation = call.substring(call.indexOf('.') + 1);
    return !(operation.startsWith("Describe")
        || operation.startsWith("List")
        || operation.startsWith("Get"));
  }
}
