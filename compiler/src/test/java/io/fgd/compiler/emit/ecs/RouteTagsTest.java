package io.fgd.compiler.emit.ecs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Pattern;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

/** A route in a listener rule's fgd:route tag, in what ELBv2 takes, and read back. */
class RouteTagsTest {
  /** ELBv2 API reference, Tag: Value's pattern. */
  private static final Pattern ELBV2_TAG_VALUE =
      Pattern.compile("^([\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*)$");

  @Test
  void wildcardsAndTheCharactersOfAPathAreEscaped() {
    assertEquals("api.example.com/v1/=2A", RouteTags.value("api.example.com/v1/*"));
    assertEquals("=2A.example.com/a=3Fb", RouteTags.value("*.example.com/a?b"));
    assertEquals("/=24=7E=22=27=26", RouteTags.value("/$~\"'&"));
    assertEquals("test:shop.example.com/=2A", RouteTags.value("test:shop.example.com/*"));
    assertEquals("a=3Db", RouteTags.value("a=b"));
  }

  @Test
  void aValueWithoutAnEscapeReadsAsItself() {
    assertEquals("api.example.com/v1", RouteTags.route("api.example.com/v1"));
    assertEquals("a=zz", RouteTags.route("a=zz"));
    assertEquals("a=4", RouteTags.route("a=4"));
    assertEquals(null, RouteTags.route(null));
  }

  @Property
  void anyTextIsWrittenInElbv2sPatternAndReadBack(@ForAll @StringLength(max = 40) String route) {
    // a lone surrogate is no text: UTF-8 has no bytes for it
    Assume.that(route.codePoints().noneMatch(c -> c >= 0xD800 && c <= 0xDFFF));
    String value = RouteTags.value(route);
    assertTrue(ELBV2_TAG_VALUE.matcher(value).matches(), value);
    assertEquals(route, RouteTags.route(value));
  }
}
