package io.fgd.climodel;

import java.util.ArrayList;
import java.util.List;

/** Java source text: literals, and the fixed parts of a generated class. */
final class Source {
  private Source() {}

  static final String IMPORTS =
      """
      import picocli.CommandLine;
      import picocli.CommandLine.Model.ArgGroupSpec;
      import picocli.CommandLine.Model.CommandSpec;
      import picocli.CommandLine.Model.IAnnotatedElement;
      import picocli.CommandLine.Model.IGetter;
      import picocli.CommandLine.Model.IScope;
      import picocli.CommandLine.Model.ISetter;
      import picocli.CommandLine.Model.ITypeInfo;
      import picocli.CommandLine.Model.OptionSpec;
      import picocli.CommandLine.Model.PositionalParamSpec;
      import picocli.CommandLine.Model.UsageMessageSpec;
      import picocli.CommandLine.Range;
      import picocli.CommandLine.ScopeType;

      """;

  /**
   * {@code CommandSpec.mixinStandardHelpOptions(true)}, which would build picocli's AutoHelpMixin
   * by reflection: the same two options (names, description keys and texts as in picocli 4.7's
   * AutoHelpMixin), added unless the command has an option of the same name.
   */
  static final String HELP_MIXIN =
      """
        /** picocli's standard --help and --version, as CommandSpec.mixinStandardHelpOptions(true). */
        private static void mixinStandardHelpOptions(CommandSpec spec) {
          CommandSpec mixin = CommandSpec.create();
          mixin.addOption(
              standard("${picocli.help.name.0:--h}", "${picocli.help.name.1:---help}", "helpRequested")
                  .usageHelp(true)
                  .descriptionKey("mixinStandardHelpOptions.help")
                  .description("Show this help message and exit.")
                  .build());
          mixin.addOption(
              standard("${picocli.version.name.0:--V}", "${picocli.version.name.1:---version}", "versionRequested")
                  .versionHelp(true)
                  .descriptionKey("mixinStandardHelpOptions.version")
                  .description("Print version information and exit.")
                  .build());
          for (String name : mixin.optionsMap().keySet()) {
            if (spec.optionsMap().containsKey(name)) {
              return;
            }
          }
          spec.addMixin("mixinStandardHelpOptions", mixin);
        }

        private static OptionSpec.Builder standard(String shortName, String longName, String field) {
          return OptionSpec.builder(new String[] {shortName, longName})
              .type(boolean.class)
              .auxiliaryTypes(boolean.class)
              .arity(Range.valueOf("0").unspecified(true))
              .paramLabel("<" + field + ">")
              .prompt("")
              .splitRegex("")
              .splitRegexSynopsisLabel("")
              .initialValue(false)
              .withToString("field boolean picocli.CommandLine$AutoHelpMixin." + field);
        }

        private static OptionSpec.Builder bound(OptionSpec.Builder builder, int id, Object target) {
          Member member = new Member(id, target, null, Member.ARG);
          return builder.getter(member).setter(member).initialValue(read(id, target));
        }

        private static PositionalParamSpec.Builder bound(
            PositionalParamSpec.Builder builder, int id, Object target) {
          Member member = new Member(id, target, null, Member.ARG);
          return builder.getter(member).setter(member).initialValue(read(id, target));
        }

      """;

  static final String FACTORY_START =
      """
        /**
         * picocli's factory for this package's commands: it makes the argument groups without
         * reflection, and leaves anything else to picocli's default factory.
         */
        static final CommandLine.IFactory FACTORY = new Factory();

        /** A command line for {@code command}, with its generated model and {@link #FACTORY}. */
        static CommandLine commandLine(Object command) {
          return new CommandLine(of(command), FACTORY);
        }

        private static final class Factory implements CommandLine.IFactory {
          @Override
          public <K> K create(Class<K> type) throws Exception {
      """;

  static final String FACTORY_END =
      """
            return CommandLine.defaultFactory().create(type);
          }
        }

        /** An argument group's class, as picocli's reflection describes a field of that type. */
        private static final class GroupType implements ITypeInfo {
          private final Class<?> type;

          GroupType(Class<?> type) {
            this.type = type;
          }

          @Override public boolean isBoolean() { return false; }
          @Override public boolean isMultiValue() { return false; }
          @Override public boolean isOptional() { return false; }
          @Override public boolean isArray() { return false; }
          @Override public boolean isCollection() { return false; }
          @Override public boolean isMap() { return false; }
          @Override public boolean isEnum() { return false; }
          @Override public java.util.List<String> getEnumConstantNames() { return java.util.List.of(); }
          @Override public String getClassName() { return type.getName(); }
          @Override public String getClassSimpleName() { return type.getSimpleName(); }
          @Override public java.util.List<ITypeInfo> getAuxiliaryTypeInfos() { return java.util.List.of(this); }
          @Override public java.util.List<String> getActualGenericTypeArguments() { return java.util.List.of(); }
          @Override public Class<?> getType() { return type; }
          @Override public Class<?>[] getAuxiliaryTypes() { return new Class<?>[] {type}; }
        }

      """;

  static final String MEMBER =
      """

        /** A field, for picocli: its getter and setter (and scope), and its element for @ParentCommand, @Spec, @Mixin. */
        private static final class Member implements IScope, IAnnotatedElement {
          static final int ARG = 0;
          static final int MIXIN = 1;
          static final int PARENT = 2;
          static final int SPEC = 3;

          private final int id;
          private final Object target;
          private final String name;
          private final int kind;

          Member(int id, Object target, String name, int kind) {
            this.id = id;
            this.target = target;
            this.name = name;
            this.kind = kind;
          }

          @Override public <T> T get() { return (T) read(id, target); }
          @Override public <T> T set(T value) { T old = get(); write(id, target, value); return old; }
          @Override public Object userObject() { return null; }
          @Override public boolean isAnnotationPresent(Class<? extends java.lang.annotation.Annotation> type) { return false; }
          @Override public <T extends java.lang.annotation.Annotation> T getAnnotation(Class<T> type) { return null; }
          @Override public String getName() { return name; }
          @Override public String getMixinName() { return name; }
          @Override public boolean isArgSpec() { return false; }
          @Override public boolean isOption() { return false; }
          @Override public boolean isParameter() { return false; }
          @Override public boolean isArgGroup() { return false; }
          @Override public boolean isMixin() { return kind == MIXIN; }
          @Override public boolean isUnmatched() { return false; }
          @Override public boolean isSpec() { return kind == SPEC; }
          @Override public boolean isParentCommand() { return kind == PARENT; }
          @Override public boolean isMultiValue() { return false; }
          @Override public boolean isInteractive() { return false; }
          @Override public boolean hasInitialValue() { return false; }
          @Override public boolean isMethodParameter() { return false; }
          @Override public int getMethodParamPosition() { return -1; }
          @Override public IScope scope() { return null; }
          @Override public IGetter getter() { return this; }
          @Override public ISetter setter() { return this; }
          @Override public ITypeInfo getTypeInfo() { return null; }
          @Override public String getToString() { return name; }
        }
      """;

  static String literal(String value) {
    StringBuilder s = new StringBuilder("\"");
    for (char c : value.toCharArray()) {
      switch (c) {
        case '"' -> s.append("\\\"");
        case '\\' -> s.append("\\\\");
        case '\n' -> s.append("\\n");
        case '\r' -> s.append("\\r");
        case '\t' -> s.append("\\t");
        default -> {
          if (c < 0x20 || c > 0x7e) {
            s.append(String.format("\\u%04x", (int) c));
          } else {
            s.append(c);
          }
        }
      }
    }
    return s.append('"').toString();
  }

  /** {@code (new String[] {"a", "b"})}: a String... argument that is never null. */
  static String arguments(List<String> values) {
    return "(new String[] " + array(values) + ")";
  }

  static String array(List<String> values) {
    List<String> literals = new ArrayList<>();
    for (String each : values) {
      literals.add(literal(each));
    }
    return "{" + String.join(", ", literals) + "}";
  }

  /** picocli's TypedMember.abbreviate, for the names picocli gives fields in its messages. */
  static String abbreviate(String text) {
    return text.replace("private ", "")
        .replace("protected ", "")
        .replace("public ", "")
        .replace("java.lang.", "");
  }
}
