package io.fgd.compiler.diag;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

/**
 * All diagnostic wording, kept in {@code messages*.properties} (Pkl's errorMessages.properties).
 * Each key {@code k} has {@code k.summary} and {@code k.detail}; {@code {0}}, {@code {1}}, ... are
 * replaced by the arguments as plain text (no MessageFormat quoting rules to trip over).
 */
public final class Messages {
  /** One file per area, so the catalogue stays readable: syntax and structure, then checks. */
  private static final String[] FILES = {
    "messages.properties", "messages-check.properties", "messages-build.properties"
  };

  private static final Properties MESSAGES = load();

  private Messages() {}

  public static String summary(String key) {
    return get(key + ".summary");
  }

  public static String detail(String key, Object... args) {
    return format(get(key + ".detail"), args);
  }

  /** Whether a key exists; the message catalogue test uses it. */
  public static boolean has(String key) {
    return MESSAGES.containsKey(key + ".summary") && MESSAGES.containsKey(key + ".detail");
  }

  public static java.util.Set<String> keys() {
    java.util.Set<String> keys = new java.util.TreeSet<>();
    for (String name : MESSAGES.stringPropertyNames()) {
      int dot = name.lastIndexOf('.');
      keys.add(name.substring(0, dot));
    }
    return keys;
  }

  static String format(String template, Object... args) {
    StringBuilder out = new StringBuilder(template.length() + 32);
    for (int i = 0; i < template.length(); i++) {
      char c = template.charAt(i);
      if (c == '{'
          && i + 2 < template.length()
          && template.charAt(i + 2) == '}'
          && Character.isDigit(template.charAt(i + 1))) {
        int index = template.charAt(i + 1) - '0';
        if (index >= args.length) {
          throw new IllegalArgumentException("message needs argument " + index + ": " + template);
        }
        out.append(args[index]);
        i += 2;
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  private static String get(String key) {
    String value = MESSAGES.getProperty(key);
    if (value == null) {
      throw new IllegalArgumentException("no message " + key);
    }
    return value;
  }

  private static Properties load() {
    Properties properties = new Properties();
    for (String file : FILES) {
      try (InputStream in = Messages.class.getResourceAsStream(file)) {
        if (in == null) {
          throw new IllegalStateException(file + " is missing from the build");
        }
        properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return properties;
  }
}
