package io.fgd.runtime.importer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fgd.runtime.engine.Action;
import io.fgd.runtime.engine.FieldChange;
import io.fgd.runtime.engine.Plan;
import io.fgd.runtime.engine.ResourceChange;
import java.util.ArrayList;
import java.util.List;

/**
 * The property of issue 12 item 19: what an import announces its first plan changes is exactly what
 * {@code fgd plan} of the written spec reports, object by object and attribute by attribute.
 */
final class Announced {
  private Announced() {}

  /** One change, as comparable text: subject, action, path, before and after. */
  static List<String> of(ImportResult imported) {
    return imported.firstPlan().stream()
        .map(
            a ->
                line(
                    a.subject(),
                    a.action(),
                    a.path(),
                    a.before().map(Object::toString).orElse("-"),
                    a.after().map(Object::toString).orElse("-")))
        .toList();
  }

  /** The same of a plan: one per attribute, one per object created or destroyed. */
  static List<String> of(Plan plan) {
    List<String> out = new ArrayList<>();
    for (ResourceChange c : plan.changes()) {
      if (c.action() == Action.CREATE || c.action() == Action.DESTROY) {
        out.add(line(c.address(), c.action(), "", "-", "-"));
        continue;
      }
      for (FieldChange f : c.fields()) {
        out.add(
            line(
                c.address(),
                c.action(),
                f.path(),
                f.before().map(Object::toString).orElse("-"),
                f.after().map(Object::toString).orElse("-")));
      }
    }
    return out;
  }

  /** Asserts the announcements are exactly the plan's changes, and that each says from and to. */
  static void assertSame(ImportResult imported, Plan plan) {
    assertEquals(of(plan), of(imported), "announced vs planned");
    for (ImportResult.Announcement a : imported.firstPlan()) {
      a.before().ifPresent(b -> assertContains(a.message(), b.toString()));
      a.after().ifPresent(b -> assertContains(a.message(), b.toString()));
    }
  }

  private static void assertContains(String message, String value) {
    if (!message.contains(value)) {
      throw new AssertionError("\"" + message + "\" does not say " + value);
    }
  }

  private static String line(String subject, Action action, String path, String from, String to) {
    return subject + " " + action + " " + path + " " + from + " -> " + to;
  }
}
