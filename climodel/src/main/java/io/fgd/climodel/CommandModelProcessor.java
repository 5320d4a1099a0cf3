package io.fgd.climodel;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.tools.Diagnostic;

/**
 * Writes, for each package with picocli {@code @Command} classes, a class {@code CommandModels}
 * that builds picocli's model of each command with picocli's programmatic API, so that picocli does
 * not build it by reflection at every start (about a quarter of a one-service {@code fgd apply}'s
 * main thread, most of it the JDK turning picocli's annotations into dynamic proxies).
 *
 * <p>The annotations stay the only source of truth, with picocli's meaning. What the generated
 * model cannot express exactly (an attribute or annotation it does not model, a private or final
 * annotated field) is a compile error that names the element and the attribute, so the model never
 * silently differs from picocli's reading; the cli module's CommandModelsTest compares the two for
 * every command.
 */
public final class CommandModelProcessor extends AbstractProcessor {
  private final Set<String> written = new LinkedHashSet<>();
  private boolean failed;

  @Override
  public Set<String> getSupportedAnnotationTypes() {
    Set<String> names = new LinkedHashSet<>();
    for (String each : Annotations.NAMES) {
      names.add(Annotations.PICOCLI + each);
    }
    return names;
  }

  @Override
  public SourceVersion getSupportedSourceVersion() {
    return SourceVersion.latestSupported();
  }

  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    Map<String, List<TypeElement>> commands = new TreeMap<>();
    Set<Element> fields = new LinkedHashSet<>();
    for (TypeElement annotation : annotations) {
      String name = annotation.getSimpleName().toString();
      for (Element element : round.getElementsAnnotatedWith(annotation)) {
        if (element.getKind() == ElementKind.FIELD) {
          fields.add(element);
        } else if (name.equals("Command") && element.getKind() == ElementKind.CLASS) {
          PackageElement pkg = processingEnv.getElementUtils().getPackageOf(element);
          commands
              .computeIfAbsent(pkg.getQualifiedName().toString(), k -> new ArrayList<>())
              .add((TypeElement) element);
        } else {
          error(
              element,
              "@"
                  + name
                  + " on a "
                  + element.getKind().toString().toLowerCase(java.util.Locale.ROOT)
                  + " is not modelled: annotate fields and classes");
        }
      }
    }
    Set<TypeElement> reached = new LinkedHashSet<>();
    Map<String, String> sources = new TreeMap<>();
    Map<String, List<TypeElement>> origins = new TreeMap<>();
    for (Map.Entry<String, List<TypeElement>> entry : commands.entrySet()) {
      if (!written.add(entry.getKey())) {
        error(
            entry.getValue().get(0),
            "a second round of @Command classes in one package is not modelled");
        continue;
      }
      List<TypeElement> types = new ArrayList<>(entry.getValue());
      types.sort(Comparator.comparing(each -> each.getQualifiedName().toString()));
      PackageElement pkg = processingEnv.getElementUtils().getPackageOf(types.get(0));
      ModelWriter writer = new ModelWriter(processingEnv, pkg);
      String name = entry.getKey() + "." + ModelWriter.CLASS;
      sources.put(name, writer.source(types));
      origins.put(name, types);
      reached.addAll(writer.reached);
      failed |= writer.failed();
    }
    for (Element field : fields) {
      if (!reached.contains((TypeElement) field.getEnclosingElement())) {
        error(
            field,
            "its class is neither a @Command class nor a mixin or argument group of one, so no"
                + " generated model covers it");
      }
    }
    if (failed) {
      return false; // javac fails the build on the errors; no model that differs is written
    }
    for (Map.Entry<String, String> source : sources.entrySet()) {
      List<TypeElement> types = origins.get(source.getKey());
      try (Writer out =
          processingEnv
              .getFiler()
              .createSourceFile(source.getKey(), types.toArray(new Element[0]))
              .openWriter()) {
        out.write(source.getValue());
      } catch (IOException e) {
        error(types.get(0), "could not write " + source.getKey() + ": " + e.getMessage());
      }
    }
    return false;
  }

  private void error(Element element, String why) {
    failed = true;
    processingEnv
        .getMessager()
        .printMessage(
            Diagnostic.Kind.ERROR,
            "fgd's generated picocli model (io.fgd.climodel) cannot express "
                + Checks.qualified(element)
                + ": "
                + why
                + ".",
            element);
  }
}
