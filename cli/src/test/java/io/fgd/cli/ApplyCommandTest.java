package io.fgd.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code fgd apply} up to the point where it would talk to AWS, and its documented exit codes. */
class ApplyCommandTest {
  @TempDir Path tmp;

  static MainTest.Run run(boolean terminal, String input, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        Main.run(
            new Terminal(
                new PrintWriter(out, true),
                new PrintWriter(err, true),
                Map.of(),
                terminal,
                new BufferedReader(new StringReader(input))),
            args);
    return new MainTest.Run(code, out.toString(), err.toString());
  }

  @Test
  void helpDocumentsEveryExitCode() {
    MainTest.Run r = MainTest.run("apply", "--help");
    assertEquals(0, r.code());
    for (String code :
        new String[] {
          "0    applied",
          "1    the spec",
          "3    a deployment failed",
          "4    timed out",
          "5    the saved plan is stale"
        }) {
      assertTrue(r.out().contains(code), code + " in:\n" + r.out());
    }
    assertTrue(r.out().contains("--auto-approve"), r.out());
    MainTest.Run root = MainTest.run("--help");
    assertTrue(root.out().contains("apply"), root.out());
    assertTrue(root.out().contains("5    apply FILE"), root.out());
  }

  @Test
  void refusesWithoutAutoApproveWhenNotOnATerminal() {
    MainTest.Run r = run(false, "yes\n", "apply", MainTest.EXAMPLE);
    assertEquals(ExitCodes.ERROR, r.code());
    assertTrue(r.err().contains("Pass --auto-approve"), r.err());
    assertEquals("", r.out());
  }

  @Test
  void inputsAreCheckedBeforeAskingForConfirmation() throws Exception {
    Path missing = tmp.resolve("missing.plan");
    MainTest.Run r = run(false, "", "apply", missing.toString());
    assertEquals(ExitCodes.ERROR, r.code());
    assertEquals("Error: " + missing + " does not exist.\n", r.err());
    Path broken = Files.writeString(tmp.resolve("broken.fgd"), "app x {\n  region\n}\n");
    MainTest.Run spec = run(false, "", "apply", broken.toString());
    assertEquals(ExitCodes.ERROR, spec.code());
    assertTrue(spec.err().contains("Missing value"), spec.err());
    assertTrue(!spec.err().contains("confirmation"), spec.err());
    MainTest.Run folder = run(false, "", "apply", tmp.toString());
    assertTrue(folder.err().contains("is a folder"), folder.err());
  }

  @Test
  void specErrorsStopBeforeAnyAwsCall() throws Exception {
    Path spec =
        Files.writeString(
            tmp.resolve("broken.fgd"), "app x {\n  region nowhere-1\n}\nservice web {}\n");
    MainTest.Run r =
        run(
            false,
            "",
            "apply",
            spec.toString(),
            "--auto-approve",
            "--endpoint-url",
            "http://127.0.0.1:9");
    assertEquals(ExitCodes.ERROR, r.code());
    assertTrue(r.err().contains("error"), r.err());
    assertTrue(!r.err().contains("Could not reach AWS"), r.err());
  }

  @Test
  void aCorruptPlanFileIsRefused() throws Exception {
    Path plan =
        Files.writeString(
            tmp.resolve("app.plan"), "{\"kind\": \"fgd-saved-plan\", \"formatVersion\": 99}");
    MainTest.Run r = run(false, "", "apply", plan.toString());
    assertEquals(ExitCodes.ERROR, r.code());
    assertTrue(r.err().contains("plan format 99"), r.err());
    Path truncated = Files.writeString(tmp.resolve("cut.plan"), "{\"kind\": \"fgd-saved-pl");
    MainTest.Run cut = run(false, "", "apply", truncated.toString());
    assertEquals(ExitCodes.ERROR, cut.code());
    assertTrue(cut.err().contains("is not a saved fgd plan"), cut.err());
  }

  @Test
  void imageTagCannotChangeASavedPlan() throws Exception {
    Path plan = Files.writeString(tmp.resolve("app.plan"), "{}");
    MainTest.Run r = run(false, "", "apply", plan.toString(), "--image-tag", "abc");
    assertEquals(ExitCodes.USAGE, r.code());
    assertTrue(r.err().contains("--image-tag cannot change a saved plan"), r.err());
  }

  @Test
  void timeoutsReadLikeDurations() {
    var c = new ApplyCommand.DurationConverter();
    assertEquals(Duration.ofMinutes(15), c.convert("15m"));
    assertEquals(Duration.ofSeconds(90), c.convert("90s"));
    assertEquals(Duration.ofMinutes(90), c.convert("1h30m"));
    MainTest.Run r = MainTest.run("apply", MainTest.EXAMPLE, "--timeout", "soon");
    assertEquals(ExitCodes.USAGE, r.code());
    assertTrue(r.err().contains("not a duration"), r.err());
  }
}
