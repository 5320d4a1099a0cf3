package io.fgd.climodel;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeMirror;

/**
 * One picocli annotation on an element, read through its {@link AnnotationMirror} by name, so that
 * the processor needs none of picocli's classes. Only the attributes written in the source are
 * present ({@link AnnotationMirror#getElementValues()}); an absent one has picocli's default.
 */
final class Annotations {
  private Annotations() {}

  /** picocli's annotations are nested in {@code picocli.CommandLine}. */
  static final String PICOCLI = "picocli.CommandLine.";

  /** The picocli annotations the processor is told about; all but the last are modelled. */
  static final List<String> NAMES =
      List.of(
          "Command",
          "Option",
          "Parameters",
          "Mixin",
          "ParentCommand",
          "Spec",
          "ArgGroup",
          "Unmatched");

  /** An annotation's simple name (Option) and its explicit attributes by name. */
  record Use(String name, AnnotationMirror mirror, Map<String, AnnotationValue> values) {
    boolean has(String attribute) {
      return values.containsKey(attribute);
    }

    Optional<String> string(String attribute) {
      AnnotationValue value = values.get(attribute);
      return value == null ? Optional.empty() : Optional.of((String) value.getValue());
    }

    boolean bool(String attribute, boolean otherwise) {
      AnnotationValue value = values.get(attribute);
      return value == null ? otherwise : (Boolean) value.getValue();
    }

    /** An array attribute (javac gives a single value written without braces as a list too). */
    List<String> strings(String attribute) {
      List<String> result = new ArrayList<>();
      for (AnnotationValue each : list(attribute)) {
        result.add((String) each.getValue());
      }
      return result;
    }

    List<TypeMirror> types(String attribute) {
      List<TypeMirror> result = new ArrayList<>();
      for (AnnotationValue each : list(attribute)) {
        result.add((TypeMirror) each.getValue());
      }
      return result;
    }

    Optional<TypeMirror> type(String attribute) {
      AnnotationValue value = values.get(attribute);
      return value == null ? Optional.empty() : Optional.of((TypeMirror) value.getValue());
    }

    /** An enum constant's name, such as INHERIT. */
    Optional<String> constant(String attribute) {
      AnnotationValue value = values.get(attribute);
      return value == null
          ? Optional.empty()
          : Optional.of(((VariableElement) value.getValue()).getSimpleName().toString());
    }

    private List<? extends AnnotationValue> list(String attribute) {
      AnnotationValue value = values.get(attribute);
      if (value == null) {
        return List.of();
      }
      Object raw = value.getValue();
      if (raw instanceof List<?> many) {
        @SuppressWarnings("unchecked")
        List<? extends AnnotationValue> values = (List<? extends AnnotationValue>) many;
        return values;
      }
      return List.of(value);
    }
  }

  /** The picocli annotations on {@code element}, in source order. */
  static List<Use> of(Element element) {
    List<Use> result = new ArrayList<>();
    for (AnnotationMirror mirror : element.getAnnotationMirrors()) {
      String name =
          ((TypeElement) mirror.getAnnotationType().asElement()).getQualifiedName().toString();
      if (!name.startsWith(PICOCLI)) {
        continue;
      }
      Map<String, AnnotationValue> values = new LinkedHashMap<>();
      for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> entry :
          mirror.getElementValues().entrySet()) {
        values.put(entry.getKey().getSimpleName().toString(), entry.getValue());
      }
      result.add(new Use(name.substring(PICOCLI.length()), mirror, values));
    }
    return result;
  }

  static Optional<Use> find(Element element, String name) {
    for (Use each : of(element)) {
      if (each.name().equals(name)) {
        return Optional.of(each);
      }
    }
    return Optional.empty();
  }
}
