package io.fgd.runtime.aws;

/**
 * Idle connections the JDK keeps open per host for reuse (the {@code http.maxConnections}
 * networking property, default 5), which the SDK's URL-connection client goes through. fgd has up
 * to 8 reads in flight in a plan, and up to 8 services plus 8 deployment watches in an apply; with
 * 5, every burst past the fifth request opened new connections, each a TCP and TLS handshake
 * against AWS (PlanBench counted 36 connections for 20 plans of 50 services with 5, and 8 with 16).
 * The JDK reads the property once, the first time it keeps a connection, so a process sets it first
 * thing: {@code fgd}'s main does.
 *
 * <p>A class of its own, apart from {@link AwsClients}: loading that one loads SDK classes, and
 * commands that never call AWS must not.
 */
public final class KeepAlive {
  private KeepAlive() {}

  public static final int CONNECTIONS = 16;

  /** Sets {@code http.maxConnections} to {@link #CONNECTIONS} unless it is set already. */
  public static void configure() {
    if (System.getProperty("http.maxConnections") == null) {
      System.setProperty("http.maxConnections", Integer.toString(CONNECTIONS));
    }
  }
}
