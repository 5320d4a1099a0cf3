package io.fgd.climodel;

import io.fgd.climodel.Annotations.Use;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.Element;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;

/**
 * Writes the {@value #CLASS} class of one package: for each class with picocli annotations (a
 * command, a mixin), a method that builds picocli's {@code CommandSpec} of an instance with
 * picocli's programmatic API, as {@code CommandSpec.forAnnotatedObject} would build it by
 * reflection. Fields are read and written by generated code ({@link Members}), not by reflection.
 */
final class ModelWriter {
  static final String CLASS = "CommandModels";

  private final ProcessingEnvironment env;
  private final PackageElement pkg;
  private final Members members;
  private final StringBuilder methods = new StringBuilder();
  private final Deque<TypeElement> pending = new ArrayDeque<>();
  private final Set<TypeElement> queued = new LinkedHashSet<>();

  /** The argument groups' classes, which FACTORY makes. */
  private final Set<String> groups = new LinkedHashSet<>();

  /** Every class whose annotated fields the model covers: commands, mixins, argument groups. */
  final Set<TypeElement> reached = new LinkedHashSet<>();

  private final Checks checks;

  ModelWriter(ProcessingEnvironment env, PackageElement pkg) {
    this.env = env;
    this.pkg = pkg;
    this.members = new Members(env);
    this.checks = new Checks(env, pkg);
  }

  /** Whether the package's annotations ask for what the model cannot express (reported). */
  boolean failed() {
    return checks.failed;
  }

  /** The source of the package's {@value #CLASS}, with a model of each of {@code commands}. */
  String source(List<TypeElement> commands) {
    for (TypeElement each : commands) {
      queue(each);
    }
    while (!pending.isEmpty()) {
      classMethod(pending.removeFirst());
    }
    StringBuilder out = new StringBuilder();
    out.append("package ").append(pkg.getQualifiedName()).append(";\n\n");
    out.append(Source.IMPORTS);
    out.append(
        "/**\n * picocli's model of the commands of this package, written at compile time by\n");
    out.append(
        " * io.fgd.climodel.CommandModelProcessor from their picocli annotations, so that picocli\n");
    out.append(" * need not read them by reflection at run time. Do not edit.\n */\n");
    out.append(
        "@javax.annotation.processing.Generated(\"io.fgd.climodel.CommandModelProcessor\")\n");
    out.append("@SuppressWarnings({\"unchecked\", \"rawtypes\", \"cast\"})\n");
    out.append("final class ").append(CLASS).append(" {\n");
    out.append("  private ").append(CLASS).append("() {}\n\n");
    out.append(
        "  /** The model of {@code command}, an instance of one of this package's commands. */\n");
    out.append("  static CommandSpec of(Object command) {\n");
    out.append("    Class<?> type = command.getClass();\n");
    for (TypeElement each : commands) {
      String name = each.getQualifiedName().toString();
      out.append("    if (type == ").append(name).append(".class) {\n");
      out.append("      return ")
          .append(method(each))
          .append("((")
          .append(name)
          .append(") command);\n");
      out.append("    }\n");
    }
    out.append(
        "    throw new IllegalArgumentException(\"no generated model for \" + type.getName());\n");
    out.append("  }\n\n");
    out.append(methods);
    out.append(Source.HELP_MIXIN);
    out.append(Source.FACTORY_START);
    for (String group : groups) {
      out.append("      if (type == ").append(group).append(".class) {\n");
      out.append("        return (K) new ").append(group).append("();\n");
      out.append("      }\n");
    }
    out.append(Source.FACTORY_END);
    members.write(out);
    out.append("}\n");
    return out.toString();
  }

  private void queue(TypeElement type) {
    if (queued.add(type)) {
      pending.addLast(type);
    }
  }

  /** The name of the method that builds {@code type}'s model: ApplyCommand -> applyCommand. */
  static String method(TypeElement type) {
    StringBuilder name = new StringBuilder(type.getSimpleName());
    Element outer = type.getEnclosingElement();
    while (outer instanceof TypeElement enclosing) {
      name.insert(0, enclosing.getSimpleName());
      outer = enclosing.getEnclosingElement();
    }
    return Character.toLowerCase(name.charAt(0)) + name.substring(1);
  }

  private void classMethod(TypeElement type) {
    reached.add(type);
    checks.checkClass(type, type);
    String name = type.getQualifiedName().toString();
    StringBuilder b = methods;
    b.append("  /** The model of {@link ").append(name).append("}. */\n");
    b.append("  static CommandSpec ")
        .append(method(type))
        .append("(")
        .append(name)
        .append(" o) {\n");
    b.append("    CommandSpec spec = CommandSpec.wrapWithoutInspection(o);\n");
    boolean help = false;
    Optional<Use> command = Annotations.find(type, "Command");
    if (command.isPresent()) {
      help = commandAttributes(type, command.get());
    }
    for (VariableElement field : ElementFilter.fieldsIn(type.getEnclosedElements())) {
      member(type, field);
    }
    if (help) {
      b.append("    mixinStandardHelpOptions(spec);\n");
    }
    b.append("    return spec;\n  }\n\n");
  }

  private static final List<String> USAGE_TEXTS = List.of("description", "header", "footer");
  private static final List<String> USAGE_HEADINGS =
      List.of(
          "descriptionHeading",
          "headerHeading",
          "footerHeading",
          "synopsisHeading",
          "optionListHeading",
          "parameterListHeading",
          "commandListHeading",
          "exitCodeListHeading",
          "synopsisSubcommandLabel");

  /** The attributes of {@code @Command} the model writes: any other is refused. */
  private static final Set<String> COMMAND =
      Stream.of(
              List.of("name", "mixinStandardHelpOptions", "versionProvider", "subcommands"),
              USAGE_TEXTS,
              USAGE_HEADINGS,
              List.of("exitCodeList"))
          .flatMap(List::stream)
          .collect(Collectors.toUnmodifiableSet());

  /**
   * {@code CommandSpec.updateCommandAttributes} and {@code initSubcommands}: returns whether the
   * standard help options are mixed in (last, as picocli does).
   */
  private boolean commandAttributes(TypeElement type, Use command) {
    checks.supported(type, command, COMMAND);
    StringBuilder b = methods;
    Optional<String> name = command.string("name");
    if (name.isPresent()) {
      b.append("    spec.name(").append(Source.literal(name.get())).append(");\n");
    }
    Optional<TypeMirror> provider = command.type("versionProvider");
    if (provider.isPresent()) {
      b.append("    spec.versionProvider(new ")
          .append(checks.constructible(type, command, "versionProvider", provider.get()))
          .append("());\n");
    }
    for (String attribute : USAGE_TEXTS) {
      if (command.has(attribute)) {
        b.append("    spec.usageMessage().")
            .append(attribute)
            .append(Source.arguments(command.strings(attribute)))
            .append(";\n");
      }
    }
    for (String attribute : USAGE_HEADINGS) {
      Optional<String> value = command.string(attribute);
      if (value.isPresent()) {
        b.append("    spec.usageMessage().")
            .append(attribute)
            .append("(")
            .append(Source.literal(value.get()))
            .append(");\n");
      }
    }
    if (command.has("exitCodeList")) {
      b.append("    spec.usageMessage().exitCodeList(UsageMessageSpec.keyValuesMap")
          .append(Source.arguments(command.strings("exitCodeList")))
          .append(");\n");
    }
    for (TypeMirror sub : command.types("subcommands")) {
      TypeElement subType = (TypeElement) ((DeclaredType) sub).asElement();
      Optional<String> subName =
          Annotations.find(subType, "Command").flatMap(each -> each.string("name"));
      if (subName.isEmpty() || !checks.samePackage(subType)) {
        checks.error(
            type,
            command,
            "subcommands",
            subType + ": a subcommand must be a class of the same package with @Command(name)");
        continue;
      }
      String created = checks.constructible(type, command, "subcommands", sub);
      b.append("    spec.addSubcommand(")
          .append(Source.literal(subName.get()))
          .append(", new CommandLine(")
          .append(method(subType))
          .append("(new ")
          .append(created)
          .append("()), FACTORY));\n");
      queue(subType);
    }
    return command.bool("mixinStandardHelpOptions", false);
  }

  private static final Set<String> OPTION =
      Set.of(
          "names",
          "description",
          "paramLabel",
          "defaultValue",
          "required",
          "hidden",
          "scope",
          "arity",
          "converter");
  private static final Set<String> PARAMETERS =
      Set.of("index", "description", "paramLabel", "defaultValue", "hidden", "arity", "converter");

  private void member(TypeElement owner, VariableElement field) {
    List<Use> uses = Annotations.of(field);
    if (uses.isEmpty()) {
      return;
    }
    if (uses.size() > 1) {
      checks.error(
          field, uses.get(1), null, "a field takes one picocli annotation, as picocli requires");
      return;
    }
    Use use = uses.get(0);
    if (!checks.accessible(field, use)) {
      return;
    }
    String o = "o";
    StringBuilder b = methods;
    switch (use.name()) {
      case "Option", "Parameters" -> {
        Optional<String> arg = arg(owner, field, use, null, -1);
        arg.ifPresent(
            each ->
                b.append("    spec.add")
                    .append(use.name().equals("Option") ? "Option" : "Positional")
                    .append("(")
                    .append(each)
                    .append(");\n"));
      }
      case "Mixin" -> {
        checks.supported(field, use, Set.of("name"));
        Optional<TypeElement> mixin = checks.samePackageClass(field, use);
        if (mixin.isEmpty()) {
          return;
        }
        String type = checks.constructible(field, use, null, field.asType());
        String name =
            use.string("name")
                .filter(each -> !each.isEmpty())
                .orElse(field.getSimpleName().toString());
        int id = members.field(owner, field);
        b.append("    if (o.").append(field.getSimpleName()).append(" == null) {\n");
        b.append("      o.")
            .append(field.getSimpleName())
            .append(" = new ")
            .append(type)
            .append("();\n");
        b.append("    }\n");
        b.append("    spec.addMixin(")
            .append(Source.literal(name))
            .append(", ")
            .append(method(mixin.get()))
            .append("(o.")
            .append(field.getSimpleName())
            .append(").withToString(")
            .append(
                Source.literal(
                    Source.abbreviate("mixin from member " + FieldType.genericString(field, env))))
            .append("), new Member(")
            .append(id)
            .append(", o, ")
            .append(Source.literal(name))
            .append(", Member.MIXIN));\n");
        queue(mixin.get());
      }
      case "ParentCommand" -> {
        checks.supported(field, use, Set.of());
        int id = members.field(owner, field);
        b.append("    spec.addParentCommandElement(new Member(")
            .append(id)
            .append(", ")
            .append(o)
            .append(", ")
            .append(Source.literal(field.getSimpleName().toString()))
            .append(", Member.PARENT));\n");
      }
      case "Spec" -> {
        checks.supported(field, use, Set.of());
        if (!field.asType().toString().equals("picocli.CommandLine.Model.CommandSpec")) {
          checks.error(
              field, use, null, "@Spec needs a field of type CommandSpec, as picocli requires");
          return;
        }
        int id = members.field(owner, field);
        b.append("    o.").append(field.getSimpleName()).append(" = spec;\n");
        b.append("    spec.addSpecElement(new Member(")
            .append(id)
            .append(", o, ")
            .append(Source.literal(field.getSimpleName().toString()))
            .append(", Member.SPEC));\n");
      }
      case "ArgGroup" -> group(owner, field, use);
      default -> checks.error(field, use, null, "@" + use.name() + " is not modelled");
    }
  }

  /** An @Option or @Parameters, as {@code OptionSpec.Builder(Option, ...)} reads it. */
  private Optional<String> arg(
      TypeElement owner, VariableElement field, Use use, VariableElement group, int scope) {
    boolean option = use.name().equals("Option");
    checks.supported(field, use, option ? OPTION : PARAMETERS);
    StringBuilder why = new StringBuilder();
    Optional<FieldType> found = FieldType.of(field.asType(), env, why);
    if (found.isEmpty()) {
      checks.error(field, use, null, why + " is not modelled");
      return Optional.empty();
    }
    FieldType type = found.get();
    Optional<String> arity = use.string("arity").filter(each -> !each.isEmpty());
    String defaultArity =
        option
            ? (type.bool() || (type.multiValue() && type.auxiliaryBool()) ? "0" : "1")
            : (type.multiValue() ? "0..1" : "1");
    if (arity.isPresent() && arity.get().contains("$")) {
      checks.error(field, use, "arity", "variables in arity are not modelled");
      return Optional.empty();
    }
    String label =
        use.string("paramLabel")
            .filter(each -> !each.isEmpty())
            .map(String::trim)
            .orElse(
                "<"
                    + (type.map()
                        ? type.auxiliaryNames().get(0) + "=" + type.auxiliaryNames().get(1)
                        : field.getSimpleName().toString())
                    + ">");
    String arityValue =
        arity
            .map(each -> "Range.valueOf(" + Source.literal(each) + ")")
            .orElse("Range.valueOf(\"" + defaultArity + "\").unspecified(true)");
    // picocli: an option is required when it says so; a positional parameter when its arity's
    // minimum is above 0 (PositionalParamSpec.Builder(Parameters, ...)).
    String required =
        option ? String.valueOf(use.bool("required", false)) : arityValue + ".min() > 0";
    StringBuilder e = new StringBuilder();
    if (option) {
      List<String> names = use.strings("names");
      e.append("OptionSpec.builder(new String[] ").append(Source.array(names)).append(")");
    } else {
      e.append("PositionalParamSpec.builder()");
      use.string("index")
          .filter(each -> !each.isEmpty())
          .ifPresent(
              each -> e.append("\n        .index(").append(Source.literal(each)).append(")"));
    }
    e.append("\n        .type(").append(type.literal()).append(")");
    e.append("\n        .auxiliaryTypes(").append(String.join(", ", type.auxiliary())).append(")");
    e.append("\n        .arity(").append(arityValue).append(")");
    e.append("\n        .required(").append(required).append(")");
    e.append("\n        .paramLabel(").append(Source.literal(label)).append(")");
    e.append("\n        .prompt(\"\")");
    e.append("\n        .description").append(Source.arguments(use.strings("description")));
    e.append("\n        .descriptionKey(\"\")");
    e.append("\n        .splitRegex(\"\")");
    e.append("\n        .splitRegexSynopsisLabel(\"\")");
    e.append("\n        .hidden(").append(use.bool("hidden", false)).append(")");
    Optional<String> defaultValue = use.string("defaultValue");
    if (defaultValue.isPresent()) {
      if (defaultValue.get().equals("_NULL_") || defaultValue.get().contains("${")) {
        checks.error(field, use, "defaultValue", "_NULL_ and variables are not modelled");
        return Optional.empty();
      }
      if (!defaultValue.get().equals("__no_default_value__")) {
        e.append("\n        .defaultValue(").append(Source.literal(defaultValue.get())).append(")");
      }
    }
    String scopeType = option ? use.constant("scope").orElse("LOCAL") : "LOCAL";
    e.append("\n        .scopeType(ScopeType.").append(scopeType).append(")");
    List<String> converters = new ArrayList<>();
    for (TypeMirror converter : use.types("converter")) {
      converters.add("new " + checks.constructible(field, use, "converter", converter) + "()");
    }
    if (!converters.isEmpty()) {
      e.append("\n        .converters(").append(String.join(", ", converters)).append(")");
    }
    e.append("\n        .withToString(")
        .append(Source.literal(Source.abbreviate("field " + FieldType.genericString(field, env))))
        .append(")");
    if (group != null) {
      // The group instance, as picocli's ObjectScope of the group's field: picocli applies the
      // defaults of a group's options only while it is not null (Interpreter.applyGroupDefaults).
      e.append("\n        .scope(new Member(").append(scope).append(", o, null, Member.ARG))");
    }
    int id = group == null ? members.field(owner, field) : members.inGroup(owner, group, field);
    String bound = "bound(" + e + ", " + id + ", o)";
    if (group != null) {
      // picocli's reflection reads a group option's initial value when it first needs it, which
      // is after it has made the group's instance for a match: the value a new instance holds.
      bound +=
          "\n        .initialValue(new " + group.asType() + "()." + field.getSimpleName() + ")";
    }
    return Optional.of(bound + ".build()");
  }

  private void group(TypeElement owner, VariableElement field, Use use) {
    checks.supported(field, use, Set.of("exclusive", "multiplicity"));
    Optional<TypeElement> found = checks.samePackageClass(field, use);
    if (found.isEmpty()) {
      return;
    }
    TypeElement group = found.get();
    reached.add(group);
    checks.checkClass(group, field);
    String type = checks.constructible(field, use, null, field.asType());
    groups.add(type);
    int scope = members.field(owner, field);
    // As picocli's reflection: the group's type, so that picocli makes a new instance (with
    // FACTORY) each time the group is matched, and stores it in the field.
    StringBuilder g = new StringBuilder("ArgGroupSpec.builder()");
    g.append("\n        .typeInfo(new GroupType(").append(type).append(".class))");
    g.append("\n        .getter(new Member(").append(scope).append(", o, null, Member.ARG))");
    g.append("\n        .setter(new Member(").append(scope).append(", o, null, Member.ARG))");
    g.append("\n        .exclusive(").append(use.bool("exclusive", true)).append(")");
    g.append("\n        .multiplicity(")
        .append(Source.literal(use.string("multiplicity").orElse("0..1")))
        .append(")");
    for (VariableElement member : ElementFilter.fieldsIn(group.getEnclosedElements())) {
      List<Use> uses = Annotations.of(member);
      if (uses.isEmpty()) {
        continue;
      }
      Use inner = uses.get(0);
      if (uses.size() > 1
          || !(inner.name().equals("Option") || inner.name().equals("Parameters"))) {
        checks.error(
            member,
            inner,
            null,
            "an argument group's fields may only be @Option or @Parameters here");
        continue;
      }
      if (checks.accessible(member, inner)) {
        arg(owner, member, inner, field, scope)
            .ifPresent(each -> g.append("\n        .addArg(").append(each).append(")"));
      }
    }
    methods.append("    spec.addArgGroup(").append(g).append("\n        .build());\n");
  }
}
