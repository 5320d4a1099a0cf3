package io.fgd.runtime.importer;

import io.fgd.runtime.FgdRuntimeException;
import io.fgd.runtime.state.LiveState;
import java.util.List;

/**
 * A kind whose live objects {@code fgd import} turns into spec statements: a sibling of {@link
 * io.fgd.runtime.engine.Kind}, implemented by the kind's class registered in {@link
 * io.fgd.runtime.engine.Kinds}. The import asks each in the registry's order.
 */
public interface KindImport {
  /**
   * Reads what this kind imports and adds its statements to the spec's top level, {@code spec};
   * what cannot be imported becomes a warning ({@link ImportRun#warn}).
   */
  void write(ImportRun run, LiveState live, List<SpecText.Item> spec) throws FgdRuntimeException;
}
