package io.fgd.climodel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.tools.JavaCompiler;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * The generated model of a command that uses what the processor models beyond fgd's own commands
 * (those are compared in the cli module's CommandModelsTest): enums, maps, lists of numbers,
 * inherited options, a converter, an argument group whose options have defaults, a co-occurring
 * group, positional ranges, a subcommand with a parent. Compiled here with the processor, then
 * compared with picocli's reflection on the same class: usage help, every argument, and the fields
 * after parsing the same arguments (or the same error).
 */
class GeneratedModelTest {
  private static final String DEMO =
      """
      package demo;
      import java.nio.file.Path;
      import java.time.Duration;
      import java.util.*;
      import java.util.concurrent.Callable;
      import picocli.CommandLine.*;
      import picocli.CommandLine.Model.CommandSpec;

      @Command(name = "demo", mixinStandardHelpOptions = true, versionProvider = Demo.V.class,
          description = {"A demo.", "Second line."}, header = "Head", footerHeading = "%nFoot:%n",
          footer = "  demo x", exitCodeListHeading = "%nExit codes:%n",
          exitCodeList = {"0:ok", "1:bad: really"}, synopsisSubcommandLabel = "CMD",
          subcommands = {Demo.Sub.class})
      class Demo implements Callable<Integer> {
        static final class V implements IVersionProvider {
          public String[] getVersion() { return new String[] {"demo 1"}; }
        }
        static final class Seconds implements ITypeConverter<Duration> {
          public Duration convert(String s) { return Duration.ofSeconds(Long.parseLong(s)); }
        }
        enum Mode { FAST, SLOW }

        @Spec CommandSpec spec;
        @Option(names = {"-v", "--verbose"}, scope = ScopeType.INHERIT, description = "Say more.")
        boolean verbose;
        @Option(names = "--count", defaultValue = "3", description = "How many (${DEFAULT-VALUE}).")
        int count;
        @Option(names = "--mode", description = "One of ${COMPLETION-CANDIDATES}.")
        Mode mode = Mode.FAST;
        @Option(names = "--label", description = "Labels.") Map<String, Integer> labels;
        @Option(names = "--n", arity = "1..2", description = "Numbers.")
        List<Integer> numbers = new ArrayList<>();
        @Option(names = "--wait", converter = Seconds.class, defaultValue = "5",
            paramLabel = " SECONDS ") Duration wait;
        @Option(names = "--secret", hidden = true) String secret;
        @Option(names = "--name", required = true) String name;
        @Option(names = "--flag", arity = "0..1") Boolean flag;
        @Parameters(description = "Inputs.") List<Path> inputs;
        @Mixin Shared shared;
        @ArgGroup(exclusive = true) Out out;
        @ArgGroup(exclusive = false, multiplicity = "0..1") Pair pair;

        static final class Out {
          @Option(names = "--json", description = "JSON.") boolean json;
          @Option(names = "--text", defaultValue = "plain", description = "Text.") String text;
        }
        static final class Pair {
          @Option(names = "--a", defaultValue = "x") String a;
          @Option(names = "--b") String b;
        }
        public Integer call() { return 0; }

        @Command(name = "sub", description = "A sub.")
        static final class Sub implements Callable<Integer> {
          @ParentCommand Demo parent;
          @Parameters(index = "0", paramLabel = "FIRST") String first;
          @Parameters(index = "1..*") List<String> rest = new ArrayList<>();
          public Integer call() { return 0; }
        }
      }

      class Shared {
        @Option(names = "--region", paramLabel = "REGION", description = "Where.") String region;
      }
      """;

  @TempDir static Path dir;
  private static ClassLoader loader;
  private static Method of;

  @BeforeAll
  static void compile() throws Exception {
    Path source = Files.createDirectories(dir.resolve("src/demo")).resolve("Demo.java");
    Files.writeString(source, DEMO);
    Path classes = Files.createDirectories(dir.resolve("classes"));
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    try (StandardJavaFileManager files = javac.getStandardFileManager(null, Locale.ROOT, null)) {
      files.setLocationFromPaths(StandardLocation.CLASS_OUTPUT, List.of(classes));
      files.setLocationFromPaths(
          StandardLocation.SOURCE_OUTPUT, List.of(Files.createDirectories(dir.resolve("gen"))));
      var task =
          javac.getTask(
              null,
              files,
              null,
              List.of("-classpath", System.getProperty("java.class.path")),
              null,
              files.getJavaFileObjects(source));
      task.setProcessors(List.of(new CommandModelProcessor()));
      assertTrue(task.call(), "the demo compiles with its generated model");
    }
    loader =
        new URLClassLoader(
            new URL[] {classes.toUri().toURL()}, GeneratedModelTest.class.getClassLoader());
    of = loader.loadClass("demo.CommandModels").getDeclaredMethod("commandLine", Object.class);
    of.setAccessible(true);
  }

  private Object demo() throws Exception {
    var constructor = loader.loadClass("demo.Demo").getDeclaredConstructor();
    constructor.setAccessible(true);
    return constructor.newInstance();
  }

  private CommandLine generated() throws Exception {
    return (CommandLine) of.invoke(null, demo());
  }

  private CommandLine reflected() throws Exception {
    return new CommandLine(demo());
  }

  @Test
  void theModelIsPicocliReading() throws Exception {
    CommandLine g = generated();
    CommandLine r = reflected();
    for (String sub : List.of("", "sub")) {
      CommandLine gs = sub.isEmpty() ? g : g.getSubcommands().get(sub);
      CommandLine rs = sub.isEmpty() ? r : r.getSubcommands().get(sub);
      for (Help.Ansi ansi : List.of(Help.Ansi.OFF, Help.Ansi.ON)) {
        assertEquals(rs.getUsageMessage(ansi), gs.getUsageMessage(ansi), sub);
      }
      assertEquals(describe(rs.getCommandSpec()), describe(gs.getCommandSpec()), sub);
    }
    assertEquals(
        r.getCommandSpec().versionProvider().getVersion()[0],
        g.getCommandSpec().versionProvider().getVersion()[0]);
  }

  private static List<Map<String, Object>> describe(CommandSpec spec) {
    List<Map<String, Object>> all = new ArrayList<>();
    for (ArgSpec arg : spec.args()) {
      Map<String, Object> d = new LinkedHashMap<>();
      if (arg instanceof OptionSpec option) {
        d.put("names", List.of(option.names()));
        d.put("order", option.order());
      } else {
        d.put("index", ((PositionalParamSpec) arg).index().toString());
      }
      d.put("toString", arg.toString());
      d.put("paramLabel", arg.paramLabel());
      d.put("arity", arg.arity() + (arg.arity().isUnspecified() ? " unspecified" : ""));
      d.put("type", arg.type());
      d.put("auxiliaryTypes", List.of(arg.auxiliaryTypes()));
      d.put("defaultValue", arg.defaultValue());
      // Both groups of the demo are null until matched: picocli's reflection cannot read their
      // options' initial values before it has made an instance (null here), the model gives a
      // new instance's. What they are once used is compared by parsingSetsTheSameFields.
      if (arg.group() == null) {
        d.put("initialValue", arg.initialValue());
      }
      d.put("required", arg.required());
      d.put("hidden", arg.hidden());
      d.put("description", List.of(arg.description()));
      d.put("scopeType", arg.scopeType());
      d.put("inherited", arg.inherited());
      d.put(
          "completionCandidates",
          arg.completionCandidates() == null ? null : arg.completionCandidates().toString());
      d.put(
          "converters", Arrays.stream(arg.converters()).map(c -> c.getClass().getName()).toList());
      d.put(
          "group",
          arg.group() == null
              ? null
              : arg.group().synopsis()
                  + " "
                  + arg.group().exclusive()
                  + " "
                  + arg.group().multiplicity());
      all.add(d);
    }
    return all;
  }

  @Test
  void parsingSetsTheSameFields() throws Exception {
    List<List<String>> arguments =
        List.of(
            List.of("--name", "n"),
            List.of(
                "--name",
                "n",
                "-v",
                "--count",
                "7",
                "--mode",
                "SLOW",
                "--label",
                "a=1",
                "--label",
                "b=2",
                "--n",
                "1",
                "2",
                "--n",
                "3",
                "--wait",
                "9",
                "--secret",
                "s",
                "--flag",
                "--region",
                "r",
                "a.txt",
                "b.txt"),
            List.of("--name", "n", "--json"),
            List.of("--name", "n", "--text", "t"),
            List.of("--name", "n", "--json", "--text", "t"),
            List.of("--name", "n", "--a", "1", "--b", "2"),
            List.of("--name", "n", "--b", "2"),
            List.of(),
            List.of("--name", "n", "sub", "f", "r1", "r2"),
            List.of("--name", "n", "sub", "-v", "f"),
            List.of("--count", "x", "--name", "n"),
            List.of("--mode", "MEDIUM", "--name", "n"),
            List.of("--help"),
            List.of("sub", "--help"),
            List.of("--version"));
    for (List<String> args : arguments) {
      String[] array = args.toArray(new String[0]);
      assertEquals(parse(reflected(), array), parse(generated(), array), args.toString());
    }
    // the same command line again: picocli resets what the previous arguments set
    List<List<String>> again =
        List.of(
            List.of("--name", "n", "--text", "t", "--a", "1", "--mode", "SLOW", "--n", "1", "x"),
            List.of("--name", "m", "--json", "--b", "2"),
            List.of("--name", "o"));
    CommandLine reflected = reflected();
    CommandLine generated = generated();
    for (List<String> args : again) {
      String[] array = args.toArray(new String[0]);
      assertEquals(parse(reflected, array), parse(generated, array), "again " + args);
    }
    String parsed = parse(generated(), new String[] {"--name", "n", "--text", "t"});
    assertTrue(parsed.contains("text=t") && parsed.contains("count=3"), parsed);
  }

  private static String parse(CommandLine cli, String[] args) throws Exception {
    CommandLine.ParseResult result;
    try {
      result = cli.parseArgs(args);
    } catch (CommandLine.ParameterException e) {
      return e.getClass().getSimpleName() + ": " + e.getMessage();
    }
    StringBuilder out = new StringBuilder("help=" + result.isUsageHelpRequested());
    out.append(" version=").append(result.isVersionHelpRequested()).append('\n');
    for (CommandLine each : result.asCommandLineList()) {
      out.append(fields(each.getCommand(), each.getCommandSpec())).append('\n');
    }
    return out.toString();
  }

  private static Map<String, Object> fields(Object object, CommandSpec spec) throws Exception {
    Map<String, Object> values = new LinkedHashMap<>();
    for (Field field : object.getClass().getDeclaredFields()) {
      if (field.getAnnotations().length == 0) {
        continue;
      }
      field.setAccessible(true);
      Object value = field.get(object);
      if (field.isAnnotationPresent(CommandLine.Mixin.class)
          || field.isAnnotationPresent(CommandLine.ArgGroup.class)) {
        values.put(field.getName(), value == null ? null : fields(value, spec));
      } else if (field.isAnnotationPresent(CommandLine.ParentCommand.class)) {
        assertSame(spec.parent().userObject(), value);
      } else if (field.isAnnotationPresent(CommandLine.Spec.class)) {
        assertSame(spec, value);
      } else {
        values.put(field.getName(), value);
      }
    }
    return values;
  }
}
