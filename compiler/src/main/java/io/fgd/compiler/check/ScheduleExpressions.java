package io.fgd.compiler.check;

import io.fgd.compiler.diag.Diagnostics;
import io.fgd.compiler.ir.Located;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * EventBridge Scheduler's schedule expressions, checked as Scheduler checks them, so a spec that
 * validates is not refused by CreateSchedule. The rules are those of "Schedule types in EventBridge
 * Scheduler" (https://docs.aws.amazon.com/scheduler/latest/UserGuide/schedule-types.html) and the
 * ScheduleExpression member of CreateSchedule (API reference):
 *
 * <ul>
 *   <li>{@code rate(value unit)}: a positive whole number, and {@code minute}, {@code hour} or
 *       {@code day}, plural unless the value is 1;
 *   <li>{@code cron(minutes hours day-of-month month day-of-week year)}: six fields; minutes 0–59,
 *       hours 0–23, day of month 1–31 (with {@code L} and {@code W}), month 1–12 or JAN–DEC, day of
 *       week 1–7 or SUN–SAT (with {@code L} and {@code #}), year 1970–2199; {@code ? } in exactly
 *       one of day of month and day of week;
 *   <li>{@code at(yyyy-mm-ddThh:mm:ss)}: one time, in the schedule's time zone.
 * </ul>
 */
final class ScheduleExpressions {
  private ScheduleExpressions() {}

  private static final Pattern RATE = Pattern.compile("rate\\((.*)\\)");
  private static final Pattern CRON = Pattern.compile("cron\\((.*)\\)");
  private static final Pattern AT = Pattern.compile("at\\((.*)\\)");
  private static final Pattern RATE_BODY = Pattern.compile("(\\d+) ([a-z]+)");

  private static final DateTimeFormatter AT_FORMAT =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss", Locale.ROOT)
          .withResolverStyle(ResolverStyle.STRICT);

  private static final List<String> MONTHS =
      List.of("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC");
  private static final List<String> DAYS = List.of("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT");

  /** One cron field: its name for messages, its range, and the special characters it allows. */
  private record Field(String name, int min, int max, List<String> names, String special) {}

  private static final List<Field> FIELDS =
      List.of(
          new Field("minutes", 0, 59, List.of(), ""),
          new Field("hours", 0, 23, List.of(), ""),
          new Field("day of month", 1, 31, List.of(), "?LW"),
          new Field("month", 1, 12, MONTHS, ""),
          new Field("day of week", 1, 7, DAYS, "?L#"),
          new Field("year", 1970, 2199, List.of(), ""));

  static void check(Located<String> expression, Diagnostics diagnostics) {
    String text = expression.value();
    Matcher m;
    String problem;
    if ((m = RATE.matcher(text)).matches()) {
      problem = rate(m.group(1));
    } else if ((m = CRON.matcher(text)).matches()) {
      problem = cron(m.group(1));
    } else if ((m = AT.matcher(text)).matches()) {
      problem = at(m.group(1));
    } else {
      diagnostics.error("job.scheduleKind", expression.span(), text);
      return;
    }
    if (problem != null) {
      diagnostics.error("job.schedule", expression.span(), text, problem);
    }
  }

  private static String rate(String body) {
    Matcher m = RATE_BODY.matcher(body);
    if (!m.matches()) {
      return "a rate is a positive whole number and a unit, such as rate(5 minutes)";
    }
    long value;
    try {
      value = Long.parseLong(m.group(1));
    } catch (NumberFormatException e) {
      return "the number is too large";
    }
    String unit = m.group(2);
    if (value < 1) {
      return "the number must be positive";
    }
    if (!List.of("minute", "minutes", "hour", "hours", "day", "days").contains(unit)) {
      return "the unit is minute(s), hour(s) or day(s), not \"" + unit + "\"";
    }
    boolean plural = unit.endsWith("s");
    if (value == 1 && plural) {
      return "with 1, the unit is singular: rate(1 " + unit.substring(0, unit.length() - 1) + ")";
    }
    if (value != 1 && !plural) {
      return "with " + value + ", the unit is plural: rate(" + value + " " + unit + "s)";
    }
    return null;
  }

  private static String at(String body) {
    try {
      LocalDateTime.parse(body, AT_FORMAT);
      return null;
    } catch (DateTimeParseException e) {
      return "a one-time schedule is at(yyyy-mm-ddThh:mm:ss), such as at(2027-03-01T09:30:00)";
    }
  }

  private static String cron(String body) {
    String[] parts = body.trim().split(" +");
    if (parts.length != 6) {
      return "a cron expression has six fields (minutes hours day-of-month month day-of-week year),"
          + " and this has "
          + parts.length;
    }
    for (int i = 0; i < 6; i++) {
      String problem = field(FIELDS.get(i), parts[i].toUpperCase(Locale.ROOT));
      if (problem != null) {
        return problem;
      }
    }
    boolean domAny = parts[2].equals("?");
    boolean dowAny = parts[4].equals("?");
    if (domAny == dowAny) {
      return "exactly one of day of month and day of week must be ?, and "
          + (domAny ? "both are" : "neither is");
    }
    return null;
  }

  private static String field(Field f, String value) {
    if (value.equals("*")) {
      return null;
    }
    if (value.equals("?")) {
      return f.special().contains("?") ? null : "? is only for day of month and day of week";
    }
    if (f.special().contains("L") && value.equals("L")) {
      return null;
    }
    if (f.name().equals("day of month") && value.matches("\\d+W|LW")) {
      return value.equals("LW") ? null : number(f, value.substring(0, value.length() - 1));
    }
    if (f.name().equals("day of week") && value.matches("[0-9A-Z]+L")) {
      return number(f, value.substring(0, value.length() - 1));
    }
    if (f.name().equals("day of week") && value.contains("#")) {
      String[] p = value.split("#", -1);
      if (p.length != 2 || !p[1].matches("[1-5]")) {
        return "in day of week, # is DAY#N with N from 1 to 5, such as 2#1 (the first Monday)";
      }
      return number(f, p[0]);
    }
    for (String item : value.split(",", -1)) {
      String problem = item(f, item);
      if (problem != null) {
        return problem;
      }
    }
    return null;
  }

  /** One item of a list: {@code N}, {@code N-M}, {@code * /S} or {@code N/S}, {@code N-M/S}. */
  private static String item(Field f, String item) {
    String range = item;
    int slash = item.indexOf('/');
    if (slash >= 0) {
      range = item.substring(0, slash);
      String step = item.substring(slash + 1);
      if (!step.matches("\\d{1,4}") || Integer.parseInt(step) < 1) {
        return "in "
            + f.name()
            + ", the step after / must be a positive number, not \""
            + step
            + "\"";
      }
      if (range.equals("*")) {
        return null;
      }
    }
    int dash = range.indexOf('-');
    if (dash > 0) {
      String problem = number(f, range.substring(0, dash));
      return problem != null ? problem : number(f, range.substring(dash + 1));
    }
    return number(f, range);
  }

  private static String number(Field f, String value) {
    int n;
    if (f.names().contains(value)) {
      return null;
    }
    if (!value.matches("\\d{1,4}")) {
      return "\"" + value + "\" is not a value of " + f.name() + " (" + range(f) + ")";
    }
    n = Integer.parseInt(value);
    if (n < f.min() || n > f.max()) {
      return "in " + f.name() + ", " + n + " is outside " + range(f);
    }
    return null;
  }

  private static String range(Field f) {
    String numbers = f.min() + "–" + f.max();
    return f.names().isEmpty()
        ? numbers
        : numbers + " or " + f.names().get(0) + "–" + f.names().get(f.names().size() - 1);
  }
}
