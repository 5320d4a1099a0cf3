package io.fgd.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fgd.compiler.emit.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The whole {@code fgd compile} process on a generated spec: wall time and peak RSS, median of
 * {@code runs} after one unmeasured run.
 *
 * <pre>java -cp benchmarks.jar io.fgd.bench.CompileProcessBench bin/fgd 1000 5 out.json</pre>
 */
public final class CompileProcessBench {
  private CompileProcessBench() {}

  public static void main(String[] args) throws Exception {
    Path fgd = Path.of(args[0]).toAbsolutePath();
    int services = Integer.parseInt(args[1]);
    int runs = Integer.parseInt(args[2]);
    Path dir = Files.createTempDirectory("fgd-bench-compile-");
    Path spec = dir.resolve("fleet.fgd");
    Files.writeString(spec, SpecGenerator.spec(services));
    List<Double> wall = new ArrayList<>();
    List<Double> rss = new ArrayList<>();
    for (int i = 0; i < runs + 1; i++) {
      long start = System.nanoTime();
      long kb =
          Processes.maxRssKb(
              List.of(
                  fgd.toString(),
                  "compile",
                  spec.toString(),
                  "--image-tag",
                  "bench",
                  "--out",
                  dir.resolve("out").toString()),
              dir);
      double ms = (System.nanoTime() - start) / 1e6;
      if (i > 0) {
        wall.add(ms);
        rss.add(kb / 1024.0);
      }
    }
    ObjectNode o = Json.object();
    o.put("services", services);
    o.set("wallMs", Stats.of(wall).toJson());
    o.set("maxRssMiB", Stats.of(rss).toJson());
    String json = Json.write(o);
    if (args.length > 3) {
      Files.writeString(Path.of(args[3]), json);
    }
    System.out.print(json);
    try (var walk = Files.walk(dir)) {
      for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
