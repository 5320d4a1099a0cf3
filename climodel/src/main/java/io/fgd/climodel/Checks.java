package io.fgd.climodel;

import io.fgd.climodel.Annotations.Use;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.tools.Diagnostic;

/**
 * What the generated code of one package can do as picocli's reflection does, and the compile
 * errors, naming the element and the attribute, for what it cannot.
 */
final class Checks {
  private final ProcessingEnvironment env;
  private final PackageElement pkg;

  /** Whether an error was reported: then no model is written. */
  boolean failed;

  Checks(ProcessingEnvironment env, PackageElement pkg) {
    this.env = env;
    this.pkg = pkg;
  }

  boolean accessible(VariableElement field, Use use) {
    for (Modifier modifier : List.of(Modifier.PRIVATE, Modifier.FINAL, Modifier.STATIC)) {
      if (field.getModifiers().contains(modifier)) {
        error(
            field,
            use,
            null,
            "a " + modifier + " field is not modelled: make it a package-private instance field");
        return false;
      }
    }
    return true;
  }

  void checkClass(TypeElement type, Element where) {
    if (type.getModifiers().contains(Modifier.PRIVATE)
        || (type.getNestingKind() == NestingKind.MEMBER
            && !type.getModifiers().contains(Modifier.STATIC))
        || (type.getNestingKind() != NestingKind.TOP_LEVEL
            && type.getNestingKind() != NestingKind.MEMBER)) {
      error(
          where,
          null,
          null,
          type + " must be a top-level or static nested class that is not private");
    }
    TypeMirror superclass = type.getSuperclass();
    if (superclass.getKind() == TypeKind.DECLARED
        && !superclass.toString().equals("java.lang.Object")) {
      error(
          where,
          null,
          null,
          type + " extends " + superclass + ": inherited annotations are not modelled");
    }
  }

  Optional<TypeElement> samePackageClass(VariableElement field, Use use) {
    if (field.asType().getKind() == TypeKind.DECLARED) {
      TypeElement type = (TypeElement) ((DeclaredType) field.asType()).asElement();
      if (type.getKind() == ElementKind.CLASS && samePackage(type)) {
        return Optional.of(type);
      }
    }
    error(
        field, use, null, "the field's type must be a class of package " + pkg.getQualifiedName());
    return Optional.empty();
  }

  boolean samePackage(TypeElement type) {
    return env.getElementUtils().getPackageOf(type).equals(pkg);
  }

  /**
   * The canonical name of a class that picocli's factory would instantiate, after checking that
   * generated code can.
   */
  String constructible(Element where, Use use, String attribute, TypeMirror type) {
    TypeElement element = (TypeElement) ((DeclaredType) type).asElement();
    boolean ok =
        !element.getModifiers().contains(Modifier.ABSTRACT)
            && !element.getModifiers().contains(Modifier.PRIVATE)
            && (element.getNestingKind() == NestingKind.TOP_LEVEL
                || element.getModifiers().contains(Modifier.STATIC))
            && (samePackage(element) || element.getModifiers().contains(Modifier.PUBLIC));
    boolean constructor = false;
    for (ExecutableElement each : ElementFilter.constructorsIn(element.getEnclosedElements())) {
      if (each.getParameters().isEmpty() && !each.getModifiers().contains(Modifier.PRIVATE)) {
        constructor = samePackage(element) || each.getModifiers().contains(Modifier.PUBLIC);
      }
    }
    if (!ok || !constructor) {
      error(
          where,
          use,
          attribute,
          element + " needs a constructor without arguments that this package can call");
    }
    return element.getQualifiedName().toString();
  }

  void supported(Element element, Use use, Set<String> attributes) {
    for (String attribute : use.values().keySet()) {
      if (!attributes.contains(attribute)) {
        error(element, use, attribute, "this attribute is not modelled");
      }
    }
  }

  void error(Element element, Use use, String attribute, String why) {
    failed = true;
    String what =
        use == null
            ? ""
            : "@" + use.name() + (attribute == null ? "" : "(" + attribute + ")") + " on ";
    String message =
        "fgd's generated picocli model (io.fgd.climodel) cannot express "
            + what
            + element.getKind().toString().toLowerCase(java.util.Locale.ROOT)
            + " "
            + qualified(element)
            + ": "
            + why
            + ". Model it in io.fgd.climodel, or do without it.";
    if (use == null) {
      env.getMessager().printMessage(Diagnostic.Kind.ERROR, message, element);
    } else if (attribute == null || !use.values().containsKey(attribute)) {
      env.getMessager().printMessage(Diagnostic.Kind.ERROR, message, element, use.mirror());
    } else {
      env.getMessager()
          .printMessage(
              Diagnostic.Kind.ERROR, message, element, use.mirror(), use.values().get(attribute));
    }
  }

  static String qualified(Element element) {
    if (element instanceof TypeElement type) {
      return type.getQualifiedName().toString();
    }
    Element owner = element.getEnclosingElement();
    return (owner instanceof TypeElement type ? type.getQualifiedName() + "." : "")
        + element.getSimpleName();
  }
}
