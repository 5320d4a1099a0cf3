package io.fgd.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fgd.compiler.parse.Parsing;
import org.junit.jupiter.api.Test;

/**
 * WarmUp swallows failures (the real run reports them), so a warm-up spec that stopped parsing
 * would silently warm up less; this keeps it a spec the parser takes whole.
 */
class WarmUpTest {
  @Test
  void warmUpSpecParsesWithoutErrorsIntoBothServices() {
    Parsing.Result result = Parsing.parse(WarmUp.source());
    assertEquals(java.util.List.of(), result.diagnostics());
    assertTrue(result.spec().isPresent());
    assertEquals(2, result.spec().get().services().size());
  }
}
