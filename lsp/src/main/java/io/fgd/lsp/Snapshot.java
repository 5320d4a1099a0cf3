package io.fgd.lsp;

import static java.util.Objects.requireNonNull;

import io.fgd.compiler.parse.Cursor;
import io.fgd.compiler.parse.Cursor.Word;
import io.fgd.compiler.source.SourceFile;
import java.util.List;

/**
 * One version of a document and what is computed from its text once for all requests: its tokens
 * and its outline. A new version is a new snapshot, so nothing is ever stale.
 */
final class Snapshot {
  final SourceFile source;
  private List<Word> words;
  private Outline outline;

  Snapshot(SourceFile source) {
    this.source = requireNonNull(source, "source is null");
  }

  synchronized List<Word> words() {
    if (words == null) {
      words = Cursor.words(source);
    }
    return words;
  }

  synchronized Outline outline() {
    if (outline == null) {
      outline = Outline.of(words());
    }
    return outline;
  }
}
