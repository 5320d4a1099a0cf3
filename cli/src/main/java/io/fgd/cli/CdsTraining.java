package io.fgd.cli;

import com.sun.net.httpserver.HttpServer;
import io.fgd.runtime.DaemonPools;
import io.fgd.runtime.aws.KeepAlive;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.util.List;
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
 *   <li>{@code aws}: the same plus, against a stand-in account on loopback ({@link CdsAccount},
 *       empty at first), a plan of the spec, an apply that creates its services and one that
 *       deploys a new image of each, for plan, apply, import and sandbox. (Trained on a plan alone,
 *       a deploy loaded some 850 classes outside the archive, the SDK's model classes for services
 *       and task definitions and the lambdas of their fields: bench/RESULTS.md, round 6.) The AWS
 *       SDK's classes are most of what those load; the archive with them is almost three times the
 *       size, which the offline commands would pay for at every start (bench/RESULTS.md, round 4).
 *       No call leaves the machine, and the credentials are dummies set in this JVM only.
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
    CdsAccount account = new CdsAccount();
    emptyAccount.createContext("/", account::answer);
    emptyAccount.setExecutor(DaemonPools.fixed("cds-training", 8));
    emptyAccount.start();
    try {
      String endpoint = "http://127.0.0.1:" + emptyAccount.getAddress().getPort();
      check(
          Main.run(
              terminal, "plan", spec, "--image-tag", "cds-training", "--endpoint-url", endpoint),
          "plan");
      // A deploy: the services created, then a new image of each (what most applies are).
      for (String tag : List.of("cds-training", "cds-training-2")) {
        check(
            Main.run(
                terminal,
                "apply",
                spec,
                "--image-tag",
                tag,
                "--auto-approve",
                "--no-wait",
                "--endpoint-url",
                endpoint),
            "apply");
      }
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
}
