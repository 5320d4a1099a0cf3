package io.fgd.climodel;

import java.util.ArrayList;
import java.util.List;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.PrimitiveType;
import javax.lang.model.type.TypeMirror;

/**
 * The fields the generated model reads and writes, each by a number: {@code read(id, target)} and
 * {@code write(id, target, value)} are one switch each in the generated class, and {@code Member}
 * is the one class of picocli's getters and setters. (picocli's {@code IGetter} and {@code ISetter}
 * declare generic methods, which a lambda cannot implement; one class with a switch is also fewer
 * classes to load than one per field.)
 */
final class Members {
  private final ProcessingEnvironment env;
  private final List<String> reads = new ArrayList<>();
  private final List<String> writes = new ArrayList<>();

  Members(ProcessingEnvironment env) {
    this.env = env;
  }

  /** A field of {@code owner} (a command or a mixin): its number. */
  int field(TypeElement owner, VariableElement field) {
    String o = "((" + owner.getQualifiedName() + ") t)";
    reads.add("return " + o + "." + field.getSimpleName() + ";");
    writes.add(o + "." + field.getSimpleName() + " = (" + cast(field.asType()) + ") v;");
    return reads.size() - 1;
  }

  /**
   * A field of the argument group that {@code group}, a field of {@code owner}, holds. Reading it
   * while the group is null gives null, as picocli's reflection finds no initial value then;
   * writing it creates the group first, as picocli does when an option of the group is matched.
   */
  int inGroup(TypeElement owner, VariableElement group, VariableElement field) {
    String x = owner.getQualifiedName() + " x = (" + owner.getQualifiedName() + ") t; ";
    String g = "x." + group.getSimpleName();
    reads.add(
        "{ " + x + "return " + g + " == null ? null : " + g + "." + field.getSimpleName() + "; }");
    writes.add(
        "{ "
            + x
            + "if ("
            + g
            + " == null) { "
            + g
            + " = new "
            + group.asType()
            + "(); } "
            + g
            + "."
            + field.getSimpleName()
            + " = ("
            + cast(field.asType())
            + ") v; }");
    return reads.size() - 1;
  }

  private String cast(TypeMirror type) {
    if (type.getKind().isPrimitive()) {
      return env.getTypeUtils().boxedClass((PrimitiveType) type).getQualifiedName().toString();
    }
    return type.toString();
  }

  void write(StringBuilder out) {
    out.append("  private static Object read(int id, Object t) {\n");
    out.append("    switch (id) {\n");
    for (int i = 0; i < reads.size(); i++) {
      out.append("      case ").append(i).append(": ").append(reads.get(i)).append("\n");
    }
    out.append("      default: throw new IllegalArgumentException(\"no member \" + id);\n");
    out.append("    }\n  }\n\n");
    out.append("  private static void write(int id, Object t, Object v) {\n");
    out.append("    switch (id) {\n");
    for (int i = 0; i < writes.size(); i++) {
      out.append("      case ").append(i).append(": ").append(writes.get(i)).append(" return;\n");
    }
    out.append("      default: throw new IllegalArgumentException(\"no member \" + id);\n");
    out.append("    }\n  }\n");
    out.append(Source.MEMBER);
  }
}
