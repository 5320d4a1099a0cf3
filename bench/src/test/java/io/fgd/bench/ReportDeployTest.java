package io.fgd.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.fgd.compiler.emit.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The deploy section of the summary names the Java each fgd row ran on. */
class ReportDeployTest {
  static JsonNode tool(double ms) throws Exception {
    return Json.mapper()
        .readTree(
            "{\"wallMs\":{\"median\":%s,\"min\":%s,\"max\":%s},\"requests\":{\"median\":8,\"min\":8,\"max\":8},\"wallVsFgd\":1.0}"
                .formatted(ms, ms, ms));
  }

  /** The summary of a deploy with fgd on the PATH's java and fgd-java on a JDK 25. */
  static Report summary(double fgdMs, double fgdJavaMs, double ecsDeployMs) throws Exception {
    var deploy = Json.object();
    deploy.put("runs", 3);
    deploy.put("historyRevisions", 3);
    deploy.put("fgdRuntime", "java on PATH");
    deploy.put("fgdJavaRuntime", "/opt/jdk-25/bin/java");
    var tools = deploy.putObject("tools");
    tools.set("fgd", tool(fgdMs));
    tools.set("fgd-java", tool(fgdJavaMs));
    tools.set("ecs-deploy", tool(ecsDeployMs));
    tools.set("aws-cli", tool(1200));
    Report r = new Report();
    r.deploy(deploy);
    return r;
  }

  @Test
  void namesBothRuntimesWithFgdJava() throws Exception {
    String md = summary(1000, 850, 500).md.toString();
    assertTrue(md.contains("| fgd-java | 8 (8-8) | 850 (850-850) |"), md);
    assertTrue(md.contains("fgd ran on java on PATH; fgd-java on /opt/jdk-25/bin/java."), md);
  }

  @Test
  void judgesTheSpeedTargetOnEachJava() throws Exception {
    assertEquals(
        List.of(
            "HOLDS: at most 8 AWS requests to deploy a new image of one service: 8",
            "MISSED: deploying a new image no slower than ecs-deploy, whole process, fgd on java on"
                + " PATH: 1.40x",
            "HOLDS: deploying a new image no slower than ecs-deploy, whole process, fgd on"
                + " /opt/jdk-25/bin/java: 0.90x"),
        summary(700, 450, 500).verdicts);
  }

  @Test
  void namesOnlyFgdsRuntimeWithoutFgdJava() throws Exception {
    var deploy = Json.object();
    deploy.put("fgdRuntime", "/usr/lib/jvm/jdk-17/bin/java");
    var tools = deploy.putObject("tools");
    tools.set("fgd", tool(1000));
    tools.set("ecs-deploy", tool(500));
    Report r = new Report();
    r.deploy(deploy);
    assertTrue(
        r.md.toString().contains("fgd ran on /usr/lib/jvm/jdk-17/bin/java.\n"), r.md.toString());
  }
}
