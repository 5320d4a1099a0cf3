package io.fgd.runtime.kinds;

import io.fgd.runtime.moto.MotoExtension;
import io.fgd.runtime.moto.MotoServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The set-up of the routed ITs against moto: an empty account, a {@link RoutedApp} of this name in
 * it, and the user's load balancer and HTTP listener (not fgd's) its spec's {@code listener} names.
 */
@ExtendWith(MotoExtension.class)
public abstract class RoutedAppTestBase {
  /** The role ECS uses to shift a blue/green service's listener rules. */
  protected static final String ROLE =
      "arn:aws:iam::123456789012:role/ecsInfrastructureRoleForLoadBalancers";

  private final String name;
  protected Account account;
  protected RoutedApp app;
  protected String listener;

  protected RoutedAppTestBase(String name) {
    this.name = name;
  }

  @BeforeEach
  protected void connect(MotoServer moto) {
    account = new Account(moto);
    app = new RoutedApp(name, account);
    listener = app.createListener();
  }

  @AfterEach
  protected void close() {
    account.close();
  }
}
