package io.fgd.climodel;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.PrimitiveType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/**
 * A field's type as picocli's reflection sees it ({@code CommandLine.Model.RuntimeTypeInfo}): the
 * erased type, and the auxiliary types, which are the type arguments of a collection or map and the
 * type itself otherwise.
 *
 * @param literal the erased type's class literal, such as {@code java.util.List.class}
 * @param auxiliary the auxiliary types' class literals
 * @param auxiliaryNames the auxiliary types' simple names (picocli's label of a map is K=V)
 * @param cast the type a value is cast to before it is stored in the field (boxed if primitive)
 * @param generic the type as {@code Field.getGenericType().getTypeName()} spells it
 * @param multiValue a collection or map (picocli also counts arrays, which are not supported)
 * @param map a map
 * @param bool boolean or Boolean
 * @param auxiliaryBool the first auxiliary type is boolean or Boolean
 */
record FieldType(
    String literal,
    List<String> auxiliary,
    List<String> auxiliaryNames,
    String cast,
    String generic,
    boolean multiValue,
    boolean map,
    boolean bool,
    boolean auxiliaryBool) {

  /** The type of a field, or empty with {@code why} filled when the model cannot express it. */
  static Optional<FieldType> of(TypeMirror type, ProcessingEnvironment env, StringBuilder why) {
    var types = env.getTypeUtils();
    var elements = env.getElementUtils();
    if (type.getKind().isPrimitive()) {
      String name = type.toString();
      String boxed = types.boxedClass((PrimitiveType) type).getQualifiedName().toString();
      boolean bool = type.getKind() == TypeKind.BOOLEAN;
      return Optional.of(
          new FieldType(
              name + ".class",
              List.of(name + ".class"),
              List.of(name),
              boxed,
              name,
              false,
              false,
              bool,
              bool));
    }
    if (type.getKind() != TypeKind.DECLARED) {
      why.append("its type ").append(type).append(" (arrays and type variables are not modelled)");
      return Optional.empty();
    }
    DeclaredType declared = (DeclaredType) type;
    TypeElement element = (TypeElement) declared.asElement();
    String erased = element.getQualifiedName().toString();
    TypeMirror collection = types.erasure(elements.getTypeElement("java.util.Collection").asType());
    TypeMirror map = types.erasure(elements.getTypeElement("java.util.Map").asType());
    boolean isMap = types.isAssignable(types.erasure(type), map);
    boolean multi = isMap || types.isAssignable(types.erasure(type), collection);
    if (erased.equals("java.util.Optional")) {
      why.append("its type java.util.Optional");
      return Optional.empty();
    }
    List<String> auxiliary = new ArrayList<>();
    List<String> names = new ArrayList<>();
    boolean auxiliaryBool;
    if (multi) {
      if (declared.getTypeArguments().isEmpty()) {
        why.append("its raw type ").append(erased).append(" (give the element types)");
        return Optional.empty();
      }
      for (TypeMirror argument : declared.getTypeArguments()) {
        if (argument.getKind() != TypeKind.DECLARED) {
          why.append("its type argument ").append(argument).append(" (only classes are modelled)");
          return Optional.empty();
        }
        TypeElement argumentElement = (TypeElement) ((DeclaredType) argument).asElement();
        auxiliary.add(argumentElement.getQualifiedName() + ".class");
        names.add(argumentElement.getSimpleName().toString());
      }
      auxiliaryBool = auxiliary.get(0).equals("java.lang.Boolean.class");
    } else {
      auxiliary.add(erased + ".class");
      names.add(element.getSimpleName().toString());
      auxiliaryBool = erased.equals("java.lang.Boolean");
    }
    return Optional.of(
        new FieldType(
            erased + ".class",
            List.copyOf(auxiliary),
            List.copyOf(names),
            type.toString(),
            genericName(type, env),
            multi,
            isMap,
            erased.equals("java.lang.Boolean"),
            auxiliaryBool));
  }

  /** {@code java.lang.reflect.Type#getTypeName()}: binary names, arguments joined by ", ". */
  static String genericName(TypeMirror type, ProcessingEnvironment env) {
    if (type.getKind().isPrimitive()) {
      return type.toString();
    }
    if (type.getKind() != TypeKind.DECLARED) {
      return type.toString();
    }
    DeclaredType declared = (DeclaredType) type;
    String name =
        env.getElementUtils().getBinaryName((TypeElement) declared.asElement()).toString();
    if (declared.getTypeArguments().isEmpty()) {
      return name;
    }
    List<String> arguments = new ArrayList<>();
    for (TypeMirror argument : declared.getTypeArguments()) {
      arguments.add(genericName(argument, env));
    }
    return name + "<" + String.join(", ", arguments) + ">";
  }

  /** Field.toGenericString() of a field picocli may model (not private, static or final). */
  static String genericString(VariableElement field, ProcessingEnvironment env) {
    StringBuilder s = new StringBuilder();
    for (Modifier modifier :
        List.of(Modifier.PUBLIC, Modifier.PROTECTED, Modifier.TRANSIENT, Modifier.VOLATILE)) {
      if (field.getModifiers().contains(modifier)) {
        s.append(modifier).append(' ');
      }
    }
    TypeElement owner = (TypeElement) field.getEnclosingElement();
    return s.append(FieldType.genericName(field.asType(), env))
        .append(' ')
        .append(env.getElementUtils().getBinaryName(owner))
        .append('.')
        .append(field.getSimpleName())
        .toString();
  }
}
