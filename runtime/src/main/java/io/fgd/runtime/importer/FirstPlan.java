package io.fgd.runtime.importer;

import com.fasterxml.jackson.databind.JsonNode;
import io.fgd.compiler.CompileOptions;
import io.fgd.compiler.Compiler;
import io.fgd.compiler.source.SourceFile;
import io.fgd.runtime.FgdRuntimeException;
import io.fgd.runtime.engine.Action;
import io.fgd.runtime.engine.DesiredState;
import io.fgd.runtime.engine.FieldChange;
import io.fgd.runtime.engine.Plan;
import io.fgd.runtime.engine.Planner;
import io.fgd.runtime.engine.ResourceChange;
import io.fgd.runtime.state.LiveState;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the first {@code fgd plan} of an imported spec will change: the written spec compiled as
 * {@code fgd plan} compiles it (an imported spec has no stages, variables or builds, so with the
 * default options) and planned by the generic engine against the same account. Whatever it changes
 * is something the language could not say, so each change is announced; no kind is named here, so a
 * kind added later is covered without a line of import code.
 */
final class FirstPlan {
  private FirstPlan() {}

  /**
   * The first plan's changes, one announcement per changed attribute (one per object created or
   * destroyed); empty when the spec does not compile (the command reports its errors instead).
   */
  static Optional<Plan> of(String app, String spec, LiveState live) throws FgdRuntimeException {
    Compiler.Compilation compiled =
        Compiler.compile(new SourceFile("imported.fgd", spec), CompileOptions.defaults());
    if (compiled.diagnostics().stream().anyMatch(d -> d.isError())) {
      return Optional.empty();
    }
    DesiredState desired = DesiredState.fromArtifacts(app, compiled.artifacts());
    return Optional.of(Planner.plan(desired, live).plan());
  }

  static List<ImportResult.Announcement> announcements(Plan plan) {
    List<ImportResult.Announcement> out = new ArrayList<>();
    for (ResourceChange c : plan.changes()) {
      String subject = c.address();
      if (c.action() == Action.CREATE || c.action() == Action.DESTROY) {
        String message =
            c.action() == Action.CREATE
                ? "the first plan will create it: the spec describes it and the account has none."
                : "the first plan will destroy it"
                    + c.reason().map(r -> " (" + r + ")").orElse("")
                    + ".";
        out.add(
            new ImportResult.Announcement(
                subject, "", c.action(), Optional.empty(), Optional.empty(), message));
        continue;
      }
      String verb = c.action() == Action.REPLACE ? " (by replacing it)" : "";
      for (FieldChange f : c.fields()) {
        String path = f.path().startsWith(".") ? f.path().substring(1) : f.path();
        String message =
            switch (f.symbol()) {
              case "+" ->
                  "the first plan will set "
                      + path
                      + " to "
                      + value(f.after())
                      + " (unset now)"
                      + verb
                      + ", because the language cannot say it is unset.";
              case "-" ->
                  "the first plan will remove "
                      + path
                      + " (now "
                      + value(f.before())
                      + ")"
                      + verb
                      + ", because the language cannot say it.";
              default ->
                  "the first plan will change "
                      + path
                      + " from "
                      + value(f.before())
                      + " to "
                      + value(f.after())
                      + verb
                      + ", because the language cannot say "
                      + value(f.before())
                      + ".";
            };
        out.add(
            new ImportResult.Announcement(
                subject, f.path(), c.action(), f.before(), f.after(), message));
      }
    }
    return out;
  }

  private static String value(Optional<JsonNode> v) {
    return v.map(JsonNode::toString).orElse("nothing");
  }
}
