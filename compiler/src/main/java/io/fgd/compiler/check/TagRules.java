package io.fgd.compiler.check;

import io.fgd.compiler.diag.Diagnostics;
import io.fgd.compiler.ir.Tag;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** Resource tags, on the app and on services: the limits every AWS resource shares. */
final class TagRules {
  private TagRules() {}

  /** AWS allows 50 tags per resource; fgd's ownership tag takes one of them. */
  static final int MAX_USER_TAGS = 49;

  /** Letters, digits, spaces and _ . : / = + - @ in any script, as the tagging API allows. */
  private static final Pattern TAG_TEXT = Pattern.compile("[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*");

  /** Checks each tag on its own: length, characters, reserved prefixes. */
  static void checkEach(List<Tag> tags, Diagnostics diagnostics) {
    for (Tag tag : tags) {
      String key = tag.key().value();
      String lower = key.toLowerCase(Locale.ROOT);
      if (key.isEmpty() || key.length() > 128 || !TAG_TEXT.matcher(key).matches()) {
        diagnostics.error("tag.key", tag.key().span(), key, key.length());
      } else if (lower.startsWith("aws:")) {
        diagnostics.error("tag.reservedAws", tag.key().span(), key);
      } else if (lower.startsWith("fgd:")) {
        diagnostics.error("tag.reservedFgd", tag.key().span(), key);
      }
      String value = tag.value().value();
      if (value.length() > 256 || !TAG_TEXT.matcher(value).matches()) {
        diagnostics.error("tag.value", tag.value().span(), key, value.length());
      }
    }
  }

  /**
   * Checks how many tags a resource ends up with: {@code inherited} (the app's, on every service)
   * plus its {@code own}, where an own tag with an inherited key overrides it. Reported at the
   * first tag past the limit; past-the-limit inherited tags are the app's to report.
   */
  static void checkCount(
      List<Tag> inherited, List<Tag> own, String resource, Diagnostics diagnostics) {
    Set<String> keys = new HashSet<>();
    inherited.forEach(t -> keys.add(t.key().value()));
    if (keys.size() > MAX_USER_TAGS) {
      return;
    }
    for (Tag tag : own) {
      if (keys.add(tag.key().value()) && keys.size() > MAX_USER_TAGS) {
        Set<String> total = new HashSet<>(keys);
        own.forEach(t -> total.add(t.key().value()));
        diagnostics.error("tag.tooMany", tag.key().span(), resource, total.size(), MAX_USER_TAGS);
        return;
      }
    }
  }
}
