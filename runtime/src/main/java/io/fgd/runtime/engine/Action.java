package io.fgd.runtime.engine;

/** What applying a plan does to one resource. */
public enum Action {
  CREATE("+", "create"),
  UPDATE("~", "update"),
  /** Created anew in place of the old one; for task definitions, a new revision. */
  REPLACE("-/+", "replace"),
  DESTROY("-", "destroy"),
  /**
   * Not a change to an object: a task run to completion before the service's other changes (a
   * {@code before_deploy} migration). Counted apart from the adds, changes and destroys.
   */
  RUN(">", "run");

  private final String symbol;
  private final String word;

  Action(String symbol, String word) {
    this.symbol = symbol;
    this.word = word;
  }

  public String symbol() {
    return symbol;
  }

  /** The lower-case name used in every rendering, including the JSON schema. */
  public String word() {
    return word;
  }
}
