package io.fgd.compiler.stage;

import io.fgd.compiler.diag.Diagnostics;
import io.fgd.compiler.diag.Suggestions;
import io.fgd.compiler.ir.App;
import io.fgd.compiler.ir.Container;
import io.fgd.compiler.ir.EnvVar;
import io.fgd.compiler.ir.SecretRef;
import io.fgd.compiler.ir.Service;
import io.fgd.compiler.ir.Spec;
import io.fgd.compiler.ir.SpecFile;
import io.fgd.compiler.ir.Stage;
import io.fgd.compiler.source.Span;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Base plus one stage gives the spec of an environment. A stage's value replaces the base's value
 * and keeps its own span, so every later diagnostic points at the line that set the value in
 * effect, in the stage or in the base. Maps (tags, env, secrets) are merged by name; a network
 * block is replaced whole, since subnets and security groups belong to one VPC.
 */
public final class Stages {
  private Stages() {}

  /**
   * The spec of {@code stageName}, or of the base when the file declares no stages. Empty, with
   * errors reported, when the stage is missing or unknown, or a stage overrides a service the base
   * does not declare. Overrides of every stage are checked, not only the chosen one's, so a typo in
   * {@code prod} is found while working on {@code staging}.
   */
  public static Optional<Spec> resolve(
      SpecFile file, Optional<String> stageName, Diagnostics diagnostics) {
    Spec base = file.base();
    boolean ok = true;
    List<String> services = base.services().stream().map(s -> s.name().value()).toList();
    for (Stage stage : file.stages()) {
      for (Stage.ServiceOverrides o : stage.services()) {
        if (!services.contains(o.name().value())) {
          diagnostics.error(
              "stage.unknownService",
              o.name().span(),
              o.name().value(),
              Suggestions.didYouMean(o.name().value(), services));
          ok = false;
        }
      }
    }
    List<String> names = file.stageNames();
    if (stageName.isEmpty()) {
      if (!names.isEmpty()) {
        diagnostics.error(
            "stage.required",
            file.stages().get(0).name().span(),
            String.join(", ", names),
            names.get(0));
        return Optional.empty();
      }
      return ok ? Optional.of(base) : Optional.empty();
    }
    Optional<Stage> stage = file.stage(stageName.get());
    if (stage.isEmpty()) {
      if (names.isEmpty()) {
        Span where =
            base.app().map(a -> a.name().span()).orElse(Span.point(base.span().file(), 1, 1));
        diagnostics.error("stage.none", where, stageName.get());
      } else {
        diagnostics.error(
            "stage.unknown",
            file.stages().get(0).name().span(),
            stageName.get(),
            String.join(", ", names),
            Suggestions.didYouMean(stageName.get(), names));
      }
      return Optional.empty();
    }
    if (!ok) {
      return Optional.empty();
    }
    return Optional.of(apply(base, stage.get()));
  }

  /** The spec of one stage: the base with the stage's values in place of the base's. */
  public static Spec apply(Spec base, Stage stage) {
    Optional<App> app = base.app().map(a -> app(a, stage.app()));
    List<Service> services = new ArrayList<>();
    for (Service service : base.services()) {
      Optional<Stage.ServiceOverrides> o =
          stage.services().stream()
              .filter(s -> s.name().value().equals(service.name().value()))
              .findFirst();
      services.add(o.map(x -> service(service, x)).orElse(service));
    }
    return new Spec(app, services, base.jobs(), base.span());
  }

  private static App app(App base, Stage.AppOverrides o) {
    return new App(
        base.name(),
        o.region().or(base::region),
        o.account().or(base::account),
        o.cluster().or(base::cluster),
        o.executionRole().or(base::executionRole),
        o.taskRole().or(base::taskRole),
        o.registry().or(base::registry),
        o.network().or(base::network),
        merge(base.tags(), o.tags(), t -> t.key().value()),
        o.images().or(base::images),
        o.schedulerRole().or(base::schedulerRole),
        o.loadBalancer().or(base::loadBalancer),
        o.namespace().or(base::namespace),
        base.span());
  }

  private static Service service(Service base, Stage.ServiceOverrides o) {
    Container c = base.container();
    Container container =
        new Container(
            o.image().or(c::image),
            c.ports(),
            merge(c.env(), o.env(), (EnvVar e) -> e.name().value()),
            merge(c.secrets(), o.secrets(), (SecretRef s) -> s.name().value()),
            o.cpu().or(c::cpu),
            o.memory().or(c::memory),
            c.health(),
            c.command(),
            c.entrypoint(),
            c.settings(),
            c.span());
    return new Service(
        base.name(),
        container,
        base.build(),
        o.replicas().or(base::replicas),
        o.scaling().or(base::scaling),
        base.deployment(),
        base.logs(),
        base.tags(),
        base.sidecars(),
        base.dependsOn(),
        base.settings(),
        base.beforeDeploy(),
        base.routes(),
        base.span());
  }

  /**
   * The base's entries in order, each replaced by the stage's of the same name; then the stage's
   * new ones.
   */
  private static <T> List<T> merge(List<T> base, List<T> stage, Function<T, String> name) {
    Map<String, T> merged = new LinkedHashMap<>();
    for (T t : base) {
      merged.putIfAbsent(name.apply(t), t);
    }
    List<T> duplicates = new ArrayList<>();
    for (T t : base) {
      if (merged.get(name.apply(t)) != t) {
        duplicates.add(t);
      }
    }
    for (T t : stage) {
      merged.put(name.apply(t), t);
    }
    // Duplicates within the base stay, so the checker still reports them.
    List<T> result = new ArrayList<>(merged.values());
    result.addAll(duplicates);
    return result;
  }
}
