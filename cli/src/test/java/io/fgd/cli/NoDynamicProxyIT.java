package io.fgd.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * fgd.jar builds picocli's model of its commands from the generated CommandModels, not from the
 * annotations: the JDK, asked for picocli's annotations, makes a dynamic proxy class for each
 * annotation type at run time, which no class-data archive can hold (about 46 ms of a one-service
 * apply). Runs the packaged jar with {@code -Xlog:class+load} and looks for them. Maven runs it
 * after the package phase, with BinFgdIT (cli/pom.xml, execution "bin-fgd").
 */
class NoDynamicProxyIT {
  @TempDir Path tmp;

  @ParameterizedTest
  @ValueSource(strings = {"apply --help", "validate SPEC", "--version", "sandbox stop --help"})
  void aCommandLoadsNoDynamicProxy(String args) throws Exception {
    assumeTrue(Files.isRegularFile(BinFgdIT.JAR), "no " + BinFgdIT.JAR + ": run after mvn package");
    Path log = tmp.resolve("classes.log");
    List<String> command = new ArrayList<>();
    command.add(BinFgdIT.thisJava());
    command.addAll(ChildJvm.BIN_FGD_OPTIONS);
    command.add("-Xlog:class+load=info:file=" + log);
    command.add("-jar");
    command.add(BinFgdIT.JAR.toString());
    for (String arg : args.split(" ")) {
      command.add(
          arg.equals("SPEC")
              ? MainTest.SPECS.resolve("examples/sheets.fgd").toAbsolutePath().toString()
              : arg);
    }
    Process p =
        new ProcessBuilder(command)
            .redirectOutput(tmp.resolve("out").toFile())
            .redirectError(tmp.resolve("err").toFile())
            .start();
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "fgd " + args + " did not finish");
    assertEquals(0, p.exitValue(), Files.readString(tmp.resolve("err")));
    List<String> loaded = Files.readAllLines(log);
    // The log is the one the check reads: it names the classes this run used.
    assertTrue(
        loaded.stream().anyMatch(line -> line.contains("picocli.CommandLine ")), "picocli loaded");
    List<String> proxies =
        loaded.stream().filter(line -> line.contains("__dynamic_proxy__")).toList();
    assertEquals(List.of(), proxies, "dynamic proxies loaded by fgd " + args);
  }
}
