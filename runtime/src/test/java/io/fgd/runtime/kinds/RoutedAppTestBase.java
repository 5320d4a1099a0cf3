package io.fgd.runtime.kinds;

import io.fgd.runtime.engine.Plan;
import io.fgd.runtime.engine.ResourceChange;
import io.fgd.runtime.moto.MotoExtension;
import io.fgd.runtime.moto.MotoServer;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The set-up of the routed ITs against moto: an empty account, a {@link RoutedApp} of this name in
 * it, and (unless the test makes fgd's own load balancer) the user's load balancer and HTTP
 * listener, not fgd's, that its spec's {@code listener} names.
 */
@ExtendWith(MotoExtension.class)
public abstract class RoutedAppTestBase {
  /** The role ECS uses to shift a blue/green service's listener rules. */
  protected static final String ROLE =
      "arn:aws:iam::123456789012:role/ecsInfrastructureRoleForLoadBalancers";

  private final String name;
  private final boolean userListener;
  protected MotoServer moto;
  protected Account account;
  protected RoutedApp app;
  protected String listener;

  protected RoutedAppTestBase(String name) {
    this(name, true);
  }

  /** Without the user's listener when {@code userListener} is false ({@link #listener} is null). */
  protected RoutedAppTestBase(String name, boolean userListener) {
    this.name = name;
    this.userListener = userListener;
  }

  @BeforeEach
  protected void connect(MotoServer moto) {
    this.moto = moto;
    account = new Account(moto);
    app = new RoutedApp(name, account);
    if (userListener) {
      listener = app.createListener();
    }
  }

  @AfterEach
  protected void close() {
    account.close();
  }

  /** The plan's changes of other kinds than services and task definitions, as "action address". */
  protected static TreeSet<String> notServices(Plan plan) {
    TreeSet<String> out = new TreeSet<>();
    for (ResourceChange c : plan.changes()) {
      if (!c.type().id().equals("ecs_service") && !c.type().id().equals("task_definition")) {
        out.add(c.action().name().toLowerCase(Locale.ROOT) + " " + c.address());
      }
    }
    return out;
  }

  /**
   * The requests made since {@code mark} (the size of the account's call log then), as
   * "Service.Operation" ("Ec2.DescribeSubnets"), counted.
   */
  protected Map<String, Integer> callsSince(int mark) {
    Map<String, Integer> out = new TreeMap<>();
    var calls = account.clients.calls().all();
    calls.subList(mark, calls.size()).forEach(c -> out.merge(c, 1, Integer::sum));
    return out;
  }
}
