package io.fgd.cli;

/** The exit codes CI can rely on. Documented in every command's --help and in the README. */
public final class ExitCodes {
  /** Success: the spec is valid, the files were written, the plan or apply succeeded. */
  public static final int OK = 0;

  /** The spec has errors, an input could not be read, or AWS refused: see the messages. */
  public static final int ERROR = 1;

  /** apply: a deployment failed; ECS rolled it back (or its tasks kept failing and it will). */
  public static final int DEPLOYMENT_FAILED = 3;

  /** apply: the timeout passed before every changed service reached steady state. */
  public static final int TIMED_OUT = 4;

  /** apply FILE: the account changed since the plan was saved; plan again. */
  public static final int STALE_PLAN = 5;

  /** status: a service is not steady (rollout in progress or failed, or no such service). */
  public static final int NOT_STEADY = 6;

  /**
   * apply: a service's before_deploy task (a migration) exited non-zero or never ran; no service
   * was created or updated.
   */
  public static final int BEFORE_DEPLOY_FAILED = 7;

  /** Usage error: an unknown command or option, a missing argument. */
  public static final int USAGE = 64;

  /** A bug in fgd; please report it (with --debug output). */
  public static final int BUG = 70;

  private ExitCodes() {}

  static final String[] LIST = {
    "0:success",
    "1:errors in the spec, unreadable input, or AWS refused (see the messages)",
    "3:apply: a deployment failed and ECS rolled it back (or its tasks kept failing)",
    "4:apply: timed out waiting for the services to reach steady state",
    "5:apply FILE: the saved plan is stale, the account changed since it was made",
    "6:status: a service is not steady (rollout in progress or failed, or missing)",
    "7:apply: a before_deploy task failed or never ran; no service was changed",
    "64:usage error (unknown command or option, missing argument)",
    "70:a bug in fgd (run again with --debug and report it)",
  };
}
