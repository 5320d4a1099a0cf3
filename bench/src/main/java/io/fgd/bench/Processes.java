package io.fgd.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fgd.compiler.emit.Json;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whole {@code fgd} processes, timed, with their peak RSS from GNU time ({@code /usr/bin/time -v}).
 */
final class Processes {
  private static final Pattern MAX_RSS =
      Pattern.compile("Maximum resident set size \\(kbytes\\): (\\d+)");

  private Processes() {}

  /** {@code fgd plan} of the spec against the endpoint, {@code runs} times. */
  static ObjectNode fgdPlan(Path fgd, String specText, URI endpoint, int runs) throws Exception {
    Path dir = Files.createTempDirectory("fgd-bench-plan-");
    Path spec = dir.resolve("fleet.fgd");
    Files.writeString(spec, specText);
    List<Double> wall = new ArrayList<>();
    List<Double> rss = new ArrayList<>();
    try {
      for (int i = 0; i < runs + 1; i++) {
        long start = System.nanoTime();
        double kb =
            maxRssKb(
                List.of(
                    fgd.toAbsolutePath().toString(),
                    "plan",
                    spec.toString(),
                    "--image-tag",
                    "bench",
                    "--endpoint-url",
                    endpoint.toString()),
                dir);
        double ms = (System.nanoTime() - start) / 1e6;
        if (i > 0) { // the first run pays for page cache and the CDS archive check
          wall.add(ms);
          rss.add(kb / 1024);
        }
      }
    } finally {
      try (var files = Files.list(dir)) {
        for (Path p : files.toList()) {
          Files.deleteIfExists(p);
        }
      }
      Files.deleteIfExists(dir);
    }
    ObjectNode o = Json.object();
    o.set("wallMs", Stats.of(wall).toJson());
    o.set("maxRssMiB", Stats.of(rss).toJson());
    return o;
  }

  /** Runs the command under GNU time and returns its peak RSS in KiB; fails on a non-zero exit. */
  static long maxRssKb(List<String> command, Path dir) throws IOException, InterruptedException {
    List<String> timed = new ArrayList<>(List.of("/usr/bin/time", "-v"));
    timed.addAll(command);
    ProcessBuilder pb = new ProcessBuilder(timed).directory(dir.toFile());
    pb.environment().put("AWS_ACCESS_KEY_ID", "testing");
    pb.environment().put("AWS_SECRET_ACCESS_KEY", "testing");
    pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
    Path err = Files.createTempFile(dir, "time-", ".txt");
    pb.redirectError(err.toFile());
    Process p = pb.start();
    int code = p.waitFor();
    String text = Files.readString(err, StandardCharsets.UTF_8);
    Files.deleteIfExists(err);
    if (code != 0) {
      throw new IllegalStateException(
          String.join(" ", command) + " exited with " + code + ":\n" + text);
    }
    Matcher m = MAX_RSS.matcher(text);
    if (!m.find()) {
      throw new IllegalStateException("no peak RSS in the output of /usr/bin/time -v:\n" + text);
    }
    return Long.parseLong(m.group(1));
  }
}
