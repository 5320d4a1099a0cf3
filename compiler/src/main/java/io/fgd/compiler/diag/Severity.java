package io.fgd.compiler.diag;

/** How bad a diagnostic is. Errors stop compilation; warnings do not. */
public enum Severity {
  ERROR("Error"),
  WARNING("Warning");

  private final String label;

  Severity(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }
}
