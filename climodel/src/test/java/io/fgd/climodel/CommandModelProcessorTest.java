package io.fgd.climodel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The processor run by javac on small commands (picocli from the test classpath). What it models is
 * compared with picocli's reflection for every fgd command in the cli module's CommandModelsTest;
 * here: what it refuses, and that the refusal names the element and attribute.
 */
class CommandModelProcessorTest {
  @TempDir Path out;

  private record Compiled(boolean ok, List<String> errors, Path generated) {}

  private Compiled compile(String source) throws IOException {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    try (StandardJavaFileManager files =
        javac.getStandardFileManager(diagnostics, Locale.ROOT, null)) {
      Files.createDirectories(out.resolve("classes"));
      Files.createDirectories(out.resolve("generated"));
      files.setLocationFromPaths(StandardLocation.CLASS_OUTPUT, List.of(out.resolve("classes")));
      files.setLocationFromPaths(StandardLocation.SOURCE_OUTPUT, List.of(out.resolve("generated")));
      JavaFileObject file =
          new SimpleJavaFileObject(
              URI.create("string:///demo/Demo.java"), JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
              return source;
            }
          };
      JavaCompiler.CompilationTask task =
          javac.getTask(
              null,
              files,
              diagnostics,
              List.of("-classpath", System.getProperty("java.class.path")),
              null,
              List.of(file));
      task.setProcessors(List.of(new CommandModelProcessor()));
      boolean ok = task.call();
      List<String> errors = new ArrayList<>();
      for (Diagnostic<? extends JavaFileObject> each : diagnostics.getDiagnostics()) {
        if (each.getKind() == Diagnostic.Kind.ERROR) {
          errors.add(each.getMessage(Locale.ROOT));
        }
      }
      return new Compiled(ok, errors, out.resolve("generated/demo/CommandModels.java"));
    }
  }

  private static String command(String members) {
    return """
        package demo;
        import java.util.List;
        import picocli.CommandLine.*;
        @Command(name = "demo", mixinStandardHelpOptions = true, description = "A demo.")
        class Demo implements java.util.concurrent.Callable<Integer> {
        %s
          public Integer call() { return 0; }
        }
        """
        .formatted(members);
  }

  @Test
  void aSupportedCommandGetsItsModel() throws IOException {
    Compiled compiled =
        compile(command("@Option(names = \"--name\", paramLabel = \"NAME\") String name;"));
    assertTrue(compiled.ok(), compiled.errors().toString());
    String source = Files.readString(compiled.generated());
    assertTrue(source.contains("static CommandSpec demo(demo.Demo o)"), source);
    assertTrue(source.contains("OptionSpec.builder(new String[] {\"--name\"})"), source);
    assertTrue(source.contains("case 0: return ((demo.Demo) t).name;"), source);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        // an attribute the model does not express
        "@Option(names = \"--x\", split = \",\") List<String> x;"
            + "|@Option(split) on field demo.Demo.x: this attribute is not modelled",
        "@Option(names = \"--x\", negatable = true) boolean x;"
            + "|@Option(negatable) on field demo.Demo.x: this attribute is not modelled",
        "@Parameters(arity = \"${N}\") List<String> x;"
            + "|@Parameters(arity) on field demo.Demo.x: variables in arity are not modelled",
        "@Option(names = \"--x\", defaultValue = \"_NULL_\") String x;"
            + "|@Option(defaultValue) on field demo.Demo.x: _NULL_ and variables are not modelled",
        // an annotation the model does not express
        "@Unmatched List<String> rest;|field demo.Demo.rest: @Unmatched is not modelled",
        // fields the generated code, in the same package, cannot read and write as picocli does
        "@Option(names = \"--x\") private String x;"
            + "|@Option on field demo.Demo.x: a private field is not modelled",
        "@Option(names = \"--x\") final String x = \"\";"
            + "|@Option on field demo.Demo.x: a final field is not modelled",
        "@Option(names = \"--x\") String[] x;"
            + "|@Option on field demo.Demo.x: its type java.lang.String[] (arrays and type"
            + " variables are not modelled) is not modelled",
        "@Option(names = \"--x\") List x;"
            + "|@Option on field demo.Demo.x: its raw type java.util.List (give the element types)"
            + " is not modelled",
        "@Option(names = \"--x\") void x(String x) {}"
            + "|demo.Demo.x: @Option on a method is not modelled",
      })
  void whatTheModelCannotExpressIsACompileError(String member, String expected) throws IOException {
    Compiled compiled = compile(command(member));
    assertEquals(false, compiled.ok());
    String errors = compiled.errors().stream().collect(Collectors.joining("\n"));
    assertTrue(errors.contains(expected), errors);
    assertTrue(Files.notExists(compiled.generated()), "no model is written when one is refused");
  }

  @Test
  void anUnmodelledCommandAttributeIsNamed() throws IOException {
    Compiled compiled =
        compile(
            """
            package demo;
            import picocli.CommandLine.*;
            @Command(name = "demo", aliases = {"d"})
            class Demo {}
            """);
    assertEquals(false, compiled.ok());
    assertTrue(
        compiled
            .errors()
            .toString()
            .contains("@Command(aliases) on class demo.Demo: this attribute is not modelled"),
        compiled.errors().toString());
  }

  @Test
  void optionsOfAClassNoCommandReachesAreAnError() throws IOException {
    Compiled compiled =
        compile(
            """
            package demo;
            import picocli.CommandLine.*;
            @Command(name = "demo")
            class Demo {}
            class Loose { @Option(names = "--x") String x; }
            """);
    assertEquals(false, compiled.ok());
    assertTrue(
        compiled
            .errors()
            .toString()
            .contains("demo.Loose.x: its class is neither a @Command class"),
        compiled.errors().toString());
  }
}
