package io.fgd.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Help;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.ArgGroupSpec;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * The model CommandModels builds (written at compile time by io.fgd.climodel from the picocli
 * annotations) against the one picocli builds from the same annotations by reflection ({@code
 * CommandSpec.forAnnotatedObject}), for fgd and each of its commands: the usage help, plain and in
 * colour; every option, positional parameter and argument group, attribute by attribute; the
 * mixins; and the fields of the commands after parsing the same arguments (or the same error).
 */
class CommandModelsTest {
  private static final Terminal QUIET =
      new Terminal(
          new PrintWriter(new StringWriter()),
          new PrintWriter(new StringWriter()),
          Map.of(),
          false);

  /** The whole command line, fgd and every command, both ways. */
  private static CommandLine generated() {
    return Main.everything(new FgdCommand(QUIET));
  }

  private static CommandLine reflected() {
    CommandLine cli = new CommandLine(new FgdCommand(QUIET));
    for (String each : Main.COMMANDS) {
      cli.addSubcommand(Main.command(each, QUIET));
    }
    return cli;
  }

  @TestFactory
  Stream<DynamicTest> everyCommandIsModelledAsPicocliReadsIt() {
    CommandLine generated = generated();
    CommandLine reflected = reflected();
    List<DynamicTest> tests = new ArrayList<>();
    collect(generated, reflected, tests);
    assertEquals(Main.COMMANDS.size() + 1 + 3, tests.size(), "fgd, its commands, sandbox's three");
    return tests.stream();
  }

  private static void collect(CommandLine generated, CommandLine reflected, List<DynamicTest> out) {
    String name = reflected.getCommandSpec().qualifiedName();
    out.add(DynamicTest.dynamicTest(name, () -> sameCommand(generated, reflected)));
    assertEquals(reflected.getSubcommands().keySet(), generated.getSubcommands().keySet(), name);
    for (String each : reflected.getSubcommands().keySet()) {
      collect(generated.getSubcommands().get(each), reflected.getSubcommands().get(each), out);
    }
  }

  private static void sameCommand(CommandLine generated, CommandLine reflected) {
    CommandSpec g = generated.getCommandSpec();
    CommandSpec r = reflected.getCommandSpec();
    String where = r.qualifiedName();
    for (Help.Ansi ansi : List.of(Help.Ansi.OFF, Help.Ansi.ON)) {
      g.usageMessage().width(100);
      r.usageMessage().width(100);
      assertEquals(reflected.getUsageMessage(ansi), generated.getUsageMessage(ansi), where);
    }
    assertEquals(describe(r), describe(g), where);
    assertEquals(r.options().size(), g.options().size(), where);
    for (int i = 0; i < r.options().size(); i++) {
      assertEquals(describe(r.options().get(i)), describe(g.options().get(i)), where);
    }
    assertEquals(r.positionalParameters().size(), g.positionalParameters().size(), where);
    for (int i = 0; i < r.positionalParameters().size(); i++) {
      assertEquals(
          describe(r.positionalParameters().get(i)),
          describe(g.positionalParameters().get(i)),
          where);
    }
    assertEquals(r.argGroups().size(), g.argGroups().size(), where);
    for (int i = 0; i < r.argGroups().size(); i++) {
      assertEquals(describe(r.argGroups().get(i)), describe(g.argGroups().get(i)), where);
    }
    assertEquals(r.mixins().keySet(), g.mixins().keySet(), where);
    for (String mixin : r.mixins().keySet()) {
      assertEquals(
          names(r.mixins().get(mixin).options()), names(g.mixins().get(mixin).options()), mixin);
      assertEquals(r.mixins().get(mixin).name(), g.mixins().get(mixin).name(), mixin);
      if (!mixin.equals("mixinStandardHelpOptions")) { // picocli's own is named by its user object
        assertEquals(r.mixins().get(mixin).toString(), g.mixins().get(mixin).toString(), mixin);
      }
    }
  }

  private static Map<String, Object> describe(CommandSpec spec) {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("name", spec.name());
    d.put("qualifiedName", spec.qualifiedName());
    d.put("aliases", List.of(spec.aliases()));
    d.put("mixinStandardHelpOptions", spec.mixinStandardHelpOptions());
    d.put("scopeType", spec.scopeType());
    d.put("inherited", spec.inherited());
    d.put("helpCommand", spec.helpCommand());
    d.put("version", List.of(spec.version()));
    d.put("versionProvider", spec.versionProvider() == null ? null : List.of(versionOf(spec)));
    d.put("exitCodeOnSuccess", spec.exitCodeOnSuccess());
    d.put("exitCodeOnUsageHelp", spec.exitCodeOnUsageHelp());
    d.put("exitCodeOnInvalidInput", spec.exitCodeOnInvalidInput());
    d.put("exitCodeOnExecutionException", spec.exitCodeOnExecutionException());
    d.put("parentCommandElements", spec.parentCommandElements().size());
    d.put("specElements", spec.specElements().size());
    d.put("optionsMap", spec.optionsMap().keySet());
    var usage = spec.usageMessage();
    d.put("description", List.of(usage.description()));
    d.put("header", List.of(usage.header()));
    d.put("footer", List.of(usage.footer()));
    d.put(
        "headings",
        List.of(
            usage.descriptionHeading(),
            usage.headerHeading(),
            usage.footerHeading(),
            usage.synopsisHeading(),
            usage.optionListHeading(),
            usage.parameterListHeading(),
            usage.commandListHeading(),
            usage.exitCodeListHeading()));
    d.put("exitCodeList", usage.exitCodeList());
    d.put("synopsisSubcommandLabel", usage.synopsisSubcommandLabel());
    d.put("sortOptions", usage.sortOptions());
    d.put("showDefaultValues", usage.showDefaultValues());
    return d;
  }

  private static String[] versionOf(CommandSpec spec) {
    try {
      return spec.versionProvider().getVersion();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static Map<String, Object> describe(ArgSpec arg) {
    Map<String, Object> d = new LinkedHashMap<>();
    if (arg instanceof OptionSpec option) {
      d.put("names", List.of(option.names()));
      d.put("order", option.order());
      d.put("negatable", option.negatable());
      d.put("usageHelp", option.usageHelp());
      d.put("versionHelp", option.versionHelp());
      d.put("fallbackValue", option.fallbackValue());
    } else {
      d.put("index", ((PositionalParamSpec) arg).index().toString());
    }
    d.put("toString", arg.toString());
    d.put("paramLabel", arg.paramLabel());
    d.put("arity", arg.arity().toString() + (arg.arity().isUnspecified() ? " unspecified" : ""));
    d.put("type", arg.type());
    d.put("auxiliaryTypes", List.of(arg.auxiliaryTypes()));
    d.put("multiValue", arg.isMultiValue());
    d.put("defaultValue", arg.defaultValue());
    d.put("defaultValueString", arg.defaultValueString());
    d.put("initialValue", arg.initialValue());
    d.put("hasInitialValue", arg.hasInitialValue());
    d.put("required", arg.required());
    d.put("originallyRequired", arg.originallyRequired());
    d.put("hidden", arg.hidden());
    d.put("description", List.of(arg.description()));
    d.put("descriptionKey", arg.descriptionKey());
    d.put("scopeType", arg.scopeType());
    d.put("inherited", arg.inherited());
    d.put("interactive", arg.interactive());
    d.put("splitRegex", arg.splitRegex());
    d.put("showDefaultValue", arg.showDefaultValue());
    d.put("hideParamSyntax", arg.hideParamSyntax());
    d.put(
        "completionCandidates",
        arg.completionCandidates() == null ? null : listOf(arg.completionCandidates()));
    d.put(
        "converters",
        Arrays.stream(arg.converters()).map(each -> each.getClass().getName()).toList());
    d.put("group", arg.group() == null ? null : arg.group().synopsis());
    return d;
  }

  private static List<String> listOf(Iterable<String> values) {
    List<String> result = new ArrayList<>();
    values.forEach(result::add);
    return result;
  }

  private static Map<String, Object> describe(ArgGroupSpec group) {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("exclusive", group.exclusive());
    d.put("multiplicity", group.multiplicity().toString());
    d.put("validate", group.validate());
    d.put("order", group.order());
    d.put("heading", group.heading());
    d.put("synopsis", group.synopsis());
    d.put("options", names(group.options()));
    d.put("positionals", group.positionalParameters().size());
    d.put("subgroups", group.subgroups().size());
    return d;
  }

  private static List<List<String>> names(List<OptionSpec> options) {
    return options.stream().map(each -> List.of(each.names())).toList();
  }

  /** Argument lists like those of the cli tests: every option of every command, and errors. */
  private static final List<List<String>> ARGUMENTS =
      List.of(
          List.of("validate", "x.fgd"),
          List.of(
              "validate",
              "--cost",
              "x.fgd",
              "--stage",
              "prod",
              "--var",
              "a=b",
              "--var",
              "c=d",
              "--strict"),
          List.of("--debug", "--no-color", "compile", "x.fgd", "--out", "o", "--image-tag", "t"),
          List.of("compile", "x.fgd", "--debug", "--no-color"),
          List.of("compile", "x.fgd"),
          List.of(
              "build",
              "x.fgd",
              "--push",
              "--service",
              "a",
              "--service",
              "b",
              "--json",
              "--parallel",
              "3",
              "--builder",
              "podman",
              "--cache",
              "--sandbox",
              "--stage",
              "s"),
          List.of("build", "x.fgd"),
          List.of("plan", "x.fgd"),
          List.of(
              "plan",
              "x.fgd",
              "--json",
              "--out",
              "p.plan",
              "--detailed-exitcode",
              "--prune",
              "--skip-before-deploy",
              "--profile",
              "p",
              "--region",
              "us-east-1",
              "--endpoint-url",
              "http://localhost:5000"),
          List.of("plan", "x.fgd", "--markdown", "--image-tag", "v1"),
          List.of("plan", "x.fgd", "--json", "--markdown"),
          List.of("apply", "x.fgd"),
          List.of(
              "apply",
              "app.plan",
              "--auto-approve",
              "--keep-revisions",
              "3",
              "--timeout",
              "90s",
              "--max-task-failures",
              "0",
              "--no-wait",
              "--prune",
              "--sandbox",
              "--build",
              "--builder",
              "docker",
              "--parallel",
              "4",
              "--cache",
              "--image-tag",
              "v1",
              "--skip-before-deploy",
              "--var",
              "k=v"),
          List.of("apply", "x.fgd", "--keep-revisions", "many"),
          List.of("apply", "x.fgd", "--timeout", "soon"),
          List.of("apply"),
          List.of(
              "import",
              "--cluster",
              "c",
              "--service",
              "a",
              "--service",
              "b",
              "--app",
              "x",
              "--out",
              "f",
              "--force",
              "--region",
              "r"),
          List.of("import"),
          List.of("sandbox"),
          List.of("sandbox", "start"),
          List.of("sandbox", "status"),
          List.of("sandbox", "stop"),
          List.of("sandbox", "stop", "--help"),
          List.of("fmt", "--check", "a.fgd", "b"),
          List.of("fmt"),
          List.of("lsp", "--stdio"),
          List.of("status", "x.fgd", "--json", "--stage", "s"),
          List.of("run", "x.fgd", "api", "--live", "--detach", "--", "sh", "-c", "echo hi"),
          List.of("run", "x.fgd", "nightly"),
          List.of(
              "logs",
              "x.fgd",
              "api",
              "--since",
              "1h",
              "-f",
              "--container",
              "app",
              "--filter",
              "ERROR",
              "--poll-interval",
              "1s"),
          List.of("logs", "x.fgd", "api"),
          List.of("logs", "x.fgd"),
          List.of("--version"),
          List.of("apply", "--help"),
          List.of("frobnicate"),
          List.of("validate", "x.fgd", "--frobnicate"));

  @TestFactory
  Stream<DynamicTest> parsingSetsTheSameFields() {
    return ARGUMENTS.stream()
        .map(
            args ->
                DynamicTest.dynamicTest(
                    String.join(" ", args), () -> sameParse(args.toArray(new String[0]))));
  }

  private static void sameParse(String[] args) throws Exception {
    CommandLine generated = generated();
    CommandLine reflected = reflected();
    String expected = parse(reflected, args);
    assertEquals(expected, parse(generated, args));
  }

  /** What parsing sets: each parsed command's annotated fields, or the error picocli reports. */
  private static String parse(CommandLine cli, String[] args) throws Exception {
    CommandLine.ParseResult result;
    try {
      result = cli.parseArgs(args);
    } catch (CommandLine.ParameterException e) {
      return e.getClass().getSimpleName() + ": " + e.getMessage();
    }
    StringBuilder out = new StringBuilder();
    out.append("help=").append(result.isUsageHelpRequested());
    out.append(" version=").append(result.isVersionHelpRequested()).append('\n');
    for (CommandLine each : result.asCommandLineList()) {
      Object command = each.getCommand();
      out.append(each.getCommandSpec().qualifiedName()).append(": ");
      out.append(fields(command, each.getCommandSpec())).append('\n');
    }
    return out.toString();
  }

  /** The fields picocli sets, by name, read by reflection (this test's, not the model's). */
  private static Map<String, Object> fields(Object object, CommandSpec spec) throws Exception {
    Map<String, Object> values = new LinkedHashMap<>();
    for (Field field : object.getClass().getDeclaredFields()) {
      field.setAccessible(true);
      Object value = field.get(object);
      String name = field.getName();
      if (field.isAnnotationPresent(Option.class) || field.isAnnotationPresent(Parameters.class)) {
        values.put(name, value);
      } else if (field.isAnnotationPresent(Mixin.class)
          || field.isAnnotationPresent(ArgGroup.class)) {
        values.put(name, value == null ? null : fields(value, spec));
      } else if (field.isAnnotationPresent(ParentCommand.class)) {
        assertSame(spec.parent().userObject(), value, name);
        values.put(name, value.getClass().getSimpleName());
      } else if (field.isAnnotationPresent(CommandLine.Spec.class)) {
        assertSame(spec, value, name);
        values.put(name, "spec");
      }
    }
    return values;
  }

  /** Pairs of argument lists parsed one after the other by the same command line. */
  private static final List<List<List<String>>> REPARSED =
      List.of(
          List.of(List.of("plan", "x.fgd", "--json"), List.of("plan", "y.fgd", "--markdown")),
          List.of(List.of("plan", "x.fgd", "--markdown", "--out", "p"), List.of("plan", "y.fgd")),
          List.of(
              List.of("apply", "x.fgd", "--keep-revisions", "2", "--sandbox", "--var", "a=b"),
              List.of("apply", "y.fgd")),
          List.of(List.of("--debug", "validate", "x.fgd"), List.of("validate", "y.fgd")));

  @TestFactory
  Stream<DynamicTest> parsingAgainResetsTheSameFields() {
    return REPARSED.stream()
        .map(
            pair ->
                DynamicTest.dynamicTest(
                    pair.toString(),
                    () -> {
                      CommandLine generated = generated();
                      CommandLine reflected = reflected();
                      for (List<String> args : pair) {
                        String[] array = args.toArray(new String[0]);
                        assertEquals(
                            parse(reflected, array), parse(generated, array), args.toString());
                      }
                    }));
  }

  @Test
  void theComparisonSeesTheFields() throws Exception {
    // parse() must show the values it compares, or every comparison above would pass vacuously.
    String parsed = parse(generated(), new String[] {"apply", "x.fgd", "--keep-revisions", "3"});
    assertTrue(parsed.contains("keepRevisions=3"), parsed);
    assertTrue(parsed.contains("timeout=PT15M"), parsed);
    assertTrue(parsed.contains("parent=FgdCommand"), parsed);
    assertTrue(parsed.contains("aws={sandbox=false"), parsed);
  }
}
