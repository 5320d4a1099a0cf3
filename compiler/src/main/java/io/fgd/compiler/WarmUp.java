package io.fgd.compiler;

import io.fgd.compiler.emit.ecs.SchemaValidator;
import io.fgd.compiler.parse.Parsing;
import io.fgd.compiler.source.SourceFile;

/**
 * Start-up help for a short-lived process with a spare core: while the command line sets up
 * picocli, a second thread initialises the two slow first-time costs of a compile that do not
 * depend on the input, so the real compile finds them done (or waits on the initialisation already
 * under way, never doing it twice). They are the grammar (ANTLR deserialises the lexer's and the
 * parser's state machines and fills its decision cache on a first parse) and, for a compile, the
 * JSON schemas of what every service emits (networknt and Jackson's classes, and the schema
 * documents; the others load when a spec needs them). Running the whole pipeline on the second
 * thread was measured too, and was slower: both threads then do the same cold work at once
 * (bench/RESULTS.md, round 4). Nothing here changes any result: those caches are built the same way
 * whoever builds them first.
 */
public final class WarmUp {
  private WarmUp() {}

  /** How far a command goes: validation only, or the whole compile with its schemas. */
  public enum Depth {
    VALIDATE,
    COMPILE
  }

  // Every kind of statement once, so that the parser's decision cache covers the usual paths.
  private static final String SPEC =
      """
      app warmup {
        region         us-east-1
        account        123456789012
        cluster        warmup
        execution_role "arn:aws:iam::123456789012:role/ecsTaskExecutionRole"
        network {
          subnets         subnet-0a1b2c3d
          security_groups sg-0123456789abcdef0
        }
      }
      service web {
        image  "nginx:1.27.3"
        port   80
        env    MODE = "warm"
        secret TOKEN from "arn:aws:secretsmanager:us-east-1:123456789012:secret:token-AbCdEf"
        cpu    256
        memory 512
        health "curl -f http://localhost/ || exit 1" every 30s timeout 5s retries 3
        scale  1..2 on cpu 60%
      }
      service worker {
        build {
          from    "debian:12.8-slim"
          workdir /app
          copy    worker ./
          cmd     ["/app/worker"]
        }
        port 8080
      }
      """;

  static SourceFile source() {
    return new SourceFile("warm-up.fgd", SPEC);
  }

  /** Initialises what {@code depth} needs; never throws, since the real run will report it. */
  public static void run(Depth depth) {
    try {
      Parsing.parse(source());
      if (depth == Depth.COMPILE) {
        // The schemas of what every service emits; the others load when a spec needs them.
        SchemaValidator.load(
            SchemaValidator.Kind.TASK_DEFINITION,
            SchemaValidator.Kind.SERVICE,
            SchemaValidator.Kind.LOGS);
      }
    } catch (RuntimeException | LinkageError e) {
      // Whatever failed here fails again on the real input, where it is reported properly.
    }
  }

  /**
   * Starts {@link #run} on a daemon thread when the machine has a second core, and returns at once.
   * On one core it would only compete with the caller, so nothing is started.
   */
  public static void inBackground(Depth depth) {
    if (Runtime.getRuntime().availableProcessors() < 2) {
      return;
    }
    Thread thread = new Thread(() -> run(depth), "fgd-warm-up");
    thread.setDaemon(true);
    thread.start();
  }
}
