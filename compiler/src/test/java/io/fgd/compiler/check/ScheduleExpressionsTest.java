package io.fgd.compiler.check;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fgd.compiler.diag.Diagnostic;
import io.fgd.compiler.diag.Diagnostics;
import io.fgd.compiler.ir.Located;
import io.fgd.compiler.source.Span;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Schedule expressions as EventBridge Scheduler takes them ("Schedule types in EventBridge
 * Scheduler", User Guide): each valid row is one Scheduler accepts, each invalid row one it
 * refuses, with the code fgd reports.
 */
class ScheduleExpressionsTest {
  private static List<String> codes(String expression) {
    Diagnostics d = new Diagnostics();
    ScheduleExpressions.check(new Located<>(expression, Span.point("t.fgd", 1, 1)), d);
    return d.sorted().stream().map(Diagnostic::code).toList();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "rate(1 minute)",
        "rate(5 minutes)",
        "rate(1 hour)",
        "rate(12 hours)",
        "rate(1 day)",
        "rate(7 days)",
        "cron(0 3 * * ? *)",
        "cron(15 10 ? * 6L 2027-2030)",
        "cron(0/15 * * * ? *)",
        "cron(0 18 ? * MON-FRI *)",
        "cron(0 8 1 * ? *)",
        "cron(0 9 L * ? *)",
        "cron(0 9 15W * ? *)",
        "cron(0 9 LW * ? *)",
        "cron(0 9 ? * 2#1 *)",
        "cron(0 9 ? * MON#3 *)",
        "cron(5,35 14 * JAN,JUL ? *)",
        "cron(0 10 * * ? 1970/5)",
        "at(2027-03-01T09:30:00)",
        "at(2028-02-29T00:00:00)"
      })
  void acceptsWhatSchedulerTakes(String expression) {
    assertEquals(List.of(), codes(expression), expression);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "rate(1 minutes)|job.schedule",
        "rate(2 hour)|job.schedule",
        "rate(0 days)|job.schedule",
        "rate(5 weeks)|job.schedule",
        "rate(five minutes)|job.schedule",
        "rate(1.5 hours)|job.schedule",
        "cron(0 3 * * *)|job.schedule",
        "cron(0 3 * * * *)|job.schedule",
        "cron(0 3 ? * ? *)|job.schedule",
        "cron(60 3 * * ? *)|job.schedule",
        "cron(0 24 * * ? *)|job.schedule",
        "cron(0 3 0 * ? *)|job.schedule",
        "cron(0 3 32 * ? *)|job.schedule",
        "cron(0 3 * 13 ? *)|job.schedule",
        "cron(0 3 ? * 8 *)|job.schedule",
        "cron(0 3 ? * MON#6 *)|job.schedule",
        "cron(0 3 * * ? 1969)|job.schedule",
        "cron(0 3 * * ? 2200)|job.schedule",
        "cron(? 3 * * ? *)|job.schedule",
        "cron(0/0 3 * * ? *)|job.schedule",
        "cron(0 3 ? * FOO *)|job.schedule",
        "at(2027-02-30T09:00:00)|job.schedule",
        "at(2027-03-01 09:30:00)|job.schedule",
        "at(2027-03-01T09:30)|job.schedule",
        "0 3 * * *|job.scheduleKind",
        "every day|job.scheduleKind",
        "Cron(0 3 * * ? *)|job.scheduleKind"
      })
  void refusesWhatSchedulerRefuses(String expression, String code) {
    assertEquals(List.of(code), codes(expression), expression);
  }
}
