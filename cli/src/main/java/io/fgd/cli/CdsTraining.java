package io.fgd.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.fgd.runtime.DaemonPools;
import io.fgd.runtime.aws.KeepAlive;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Not a command: the training run after which bin/fgd has the JVM write a class-data-sharing
 * archive ({@code -XX:ArchiveClassesAtExit}), so later runs map fgd's classes ready-parsed and
 * verified instead of loading them from the jar. It runs commands in one JVM so that every class
 * they need is archived, for one of two archives:
 *
 * <ul>
 *   <li>{@code offline}: the help, validate and compile of a spec, for the commands that never call
 *       AWS;
 *   <li>{@code aws}: the same plus a plan of the spec against a stand-in endpoint on loopback that
 *       answers every AWS call with an empty result (an empty account), for plan, apply, import and
 *       sandbox. The AWS SDK's classes are most of what those load; the archive with them is almost
 *       three times the size, which the offline commands would pay for at every start
 *       (bench/RESULTS.md, round 4). No call leaves the machine, and the credentials are dummies
 *       set in this JVM only.
 * </ul>
 *
 * <p>Usage: {@code java -XX:ArchiveClassesAtExit=fgd.jsa -cp fgd.jar io.fgd.cli.CdsTraining
 * offline|aws SPEC OUT_DIR}
 */
public final class CdsTraining {
  private CdsTraining() {}

  public static void main(String[] args) throws IOException {
    if (args.length != 3 || !(args[0].equals("offline") || args[0].equals("aws"))) {
      throw new IllegalArgumentException("usage: CdsTraining offline|aws SPEC OUT_DIR");
    }
    String spec = args[1];
    PrintWriter nowhere = new PrintWriter(OutputStream.nullOutputStream(), true);
    Terminal terminal = new Terminal(nowhere, nowhere, Map.of(), false);
    check(Main.run(terminal, "--help"), "--help");
    check(Main.runPicocli(terminal, "--help"), "--help, through picocli");
    check(Main.run(terminal, "validate", spec), "validate");
    check(
        Main.run(terminal, "compile", spec, "--image-tag", "cds-training", "--out", args[2]),
        "compile");
    check(Main.run(terminal, "--version"), "--version");
    if (args[0].equals("offline")) {
      return;
    }
    check(Main.run(terminal, "plan", "--help"), "plan --help");
    KeepAlive.configure();
    System.setProperty("aws.accessKeyId", "cds-training");
    System.setProperty("aws.secretAccessKey", "cds-training");
    HttpServer emptyAccount = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
    emptyAccount.createContext("/", CdsTraining::answerEmpty);
    emptyAccount.setExecutor(DaemonPools.fixed("cds-training", 8));
    emptyAccount.start();
    try {
      String endpoint = "http://127.0.0.1:" + emptyAccount.getAddress().getPort();
      check(
          Main.run(
              terminal, "plan", spec, "--image-tag", "cds-training", "--endpoint-url", endpoint),
          "plan");
    } finally {
      emptyAccount.stop(0);
    }
  }

  /**
   * Fails the training when a command did not succeed: an archive made from a run that stopped
   * early would silently leave out the classes it was for.
   */
  private static void check(int code, String step) {
    if (code != ExitCodes.OK) {
      throw new IllegalStateException("training step 'fgd " + step + "' exited " + code);
    }
  }

  /** Every AWS JSON-protocol call ECS, Application Auto Scaling and Logs use, answered empty. */
  private static void answerEmpty(HttpExchange exchange) throws IOException {
    try (exchange) {
      exchange.getRequestBody().readAllBytes();
      byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.1");
      exchange.getResponseHeaders().set("x-amzn-RequestId", "cds-training");
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
    }
  }
}
