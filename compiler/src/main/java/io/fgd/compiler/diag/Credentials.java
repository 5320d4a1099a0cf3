package io.fgd.compiler.diag;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What looks like a credential: a variable whose name says it holds a secret, or a value shaped
 * like one. The checker warns about both; the renderer masks both wherever it shows text from a
 * spec, so fgd's output (often a CI log) never repeats a possible secret.
 */
public final class Credentials {
  private Credentials() {}

  /** Words in a variable name that say its value is a secret. */
  private static final List<String> SECRET_WORDS =
      List.of(
          "PASSWORD",
          "PASSWD",
          "SECRET",
          "TOKEN",
          "API_KEY",
          "APIKEY",
          "PRIVATE_KEY",
          "ACCESS_KEY",
          "CREDENTIAL",
          "AUTH_KEY",
          "SIGNING_KEY",
          "CLIENT_KEY");

  /** Endings that mark a variable as naming or locating a secret rather than holding one. */
  private static final List<String> REFERENCE_SUFFIXES =
      List.of(
          "_URL",
          "_URI",
          "_PATH",
          "_FILE",
          "_ARN",
          "_NAME",
          "_ID",
          "_REGION",
          "_ENDPOINT",
          "_HEADER",
          "_TTL",
          "_EXPIRY",
          "_LENGTH");

  /** Values that are credentials by their shape: AWS key ids, PEM private keys, vendor tokens. */
  private static final Pattern CREDENTIAL_VALUE =
      Pattern.compile(
          String.join(
              "|",
              "(?:AKIA|ASIA)[A-Z0-9]{16}",
              "-----BEGIN [A-Z ]*PRIVATE KEY-----",
              "gh[pousr]_[A-Za-z0-9]{30,}",
              "github_pat_[A-Za-z0-9_]{30,}",
              "xox[abposr]-[A-Za-z0-9-]{10,}",
              "glpat-[A-Za-z0-9_-]{20,}",
              "(?:sk|rk)_live_[A-Za-z0-9]{16,}",
              "AIza[A-Za-z0-9_-]{35}"));

  /**
   * {@code NAME = value} on a line of a spec: an env variable, a build arg or a tag. The name
   * starts only where a word starts and its quantifiers never give back, so a long line is scanned
   * once.
   */
  private static final Pattern ASSIGNMENT =
      Pattern.compile(
          "(?<![A-Za-z0-9_.-])([A-Za-z_][A-Za-z0-9_.-]*+)\\s*+(=\\s*+)(\"(?:[^\"\\\\]|\\\\.)*+\"?|\\S++)");

  public static boolean looksSecretByName(String name) {
    String upper = name.toUpperCase(Locale.ROOT);
    for (String suffix : REFERENCE_SUFFIXES) {
      if (upper.endsWith(suffix)) {
        return false;
      }
    }
    for (String word : SECRET_WORDS) {
      if (upper.contains(word)) {
        return true;
      }
    }
    return false;
  }

  public static boolean looksSecretByValue(String value) {
    return CREDENTIAL_VALUE.matcher(value).find();
  }

  /**
   * {@code text} with every credential-shaped part replaced by {@code ***}, and the value of every
   * {@code NAME = value} whose name or value looks secret replaced by {@code "***"}.
   */
  public static String mask(String text) {
    StringBuilder out = new StringBuilder(text.length());
    Matcher m = ASSIGNMENT.matcher(text);
    int last = 0;
    while (m.find()) {
      if (looksSecretByName(m.group(1)) || looksSecretByValue(m.group(3))) {
        out.append(text, last, m.start(3)).append("\"***\"");
        last = m.end(3);
      }
    }
    out.append(text, last, text.length());
    return CREDENTIAL_VALUE.matcher(out).replaceAll("***");
  }
}
