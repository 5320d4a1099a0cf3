package io.fgd.compiler.emit.ecs;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * A route as the value of a listener rule's {@code fgd:route} tag, and back. ELBv2 tag values hold
 * only letters, digits, spaces and {@code _ . : / = + - @} (ELBv2 API reference, Tag: pattern
 * {@code ^([\p{L}\p{Z}\p{N}_.:/=+\-@]*)$}), and a route's host and path hold the wildcards {@code
 * *} and {@code ?} and, in a path, {@code $ ~ " ' &}. Every other character, and {@code =} itself,
 * is written as {@code =} and the two hex digits of each of its UTF-8 bytes, as quoted-printable
 * does: {@code api.example.com/v1/*} is {@code api.example.com/v1/=2A}. A value without {@code =}
 * reads as itself, so the tags of routes that needed no escape read as they were written.
 */
public final class RouteTags {
  private RouteTags() {}

  /** One character ELBv2 takes in a tag value as it is, but {@code =}, which starts an escape. */
  private static final Pattern PLAIN = Pattern.compile("[\\p{L}\\p{Z}\\p{N}_.:/+\\-@]");

  /** The tag value of a route (or of a test rule's {@code test:} route). */
  public static String value(String route) {
    StringBuilder out = new StringBuilder(route.length());
    route
        .codePoints()
        .forEach(
            c -> {
              String s = new String(Character.toChars(c));
              if (PLAIN.matcher(s).matches()) {
                out.append(s);
              } else {
                for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
                  out.append('=').append(String.format("%02X", b & 0xff));
                }
              }
            });
    return out.toString();
  }

  /**
   * The route a tag value holds; a value that is not one fgd wrote ({@code =} without two hex
   * digits) reads as itself.
   */
  public static String route(String value) {
    if (value == null || value.indexOf('=') < 0) {
      return value;
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(value.length());
    int i = 0;
    while (i < value.length()) {
      int c = value.codePointAt(i);
      if (c == '=') {
        int b = hex(value, i + 1);
        if (b < 0) {
          return value;
        }
        bytes.write(b);
        i += 3;
      } else {
        bytes.writeBytes(new String(Character.toChars(c)).getBytes(StandardCharsets.UTF_8));
        i += Character.charCount(c);
      }
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }

  private static int hex(String s, int at) {
    if (at + 1 >= s.length()) {
      return -1;
    }
    int hi = Character.digit(s.charAt(at), 16);
    int lo = Character.digit(s.charAt(at + 1), 16);
    return hi < 0 || lo < 0 ? -1 : hi * 16 + lo;
  }
}
