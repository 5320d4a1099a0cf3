package io.fgd.lsp;

import io.fgd.compiler.parse.Cursor.Block;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What each statement means, its default and its valid range: read from {@code statements.md}, the
 * same rows as README.md's language reference (StatementDocsTest keeps the two equal).
 */
final class StatementDocs {
  /**
   * One row of a statement table.
   *
   * @param section the table it is in: app, network, service, deploy, preset, top, logs, ...
   * @param preset for the preset table, the preset the setting belongs to; "" elsewhere
   * @param presetCell the preset table's first cell as written: the preset's name on its first row
   * @param syntax the first cell, as Markdown: {@code `cpu 256` / `cpu 0.25 vcpu`}
   */
  record Row(
      String section,
      String preset,
      String presetCell,
      String syntax,
      String meaning,
      String defaultValue) {
    /** The keywords the row documents: the first word of each code span of its syntax. */
    List<String> keywords() {
      List<String> words = new ArrayList<>();
      Matcher m = CODE.matcher(syntax);
      while (m.find()) {
        words.add(m.group(1).split("[ \\[]", 2)[0]);
      }
      return words;
    }

    /** The row as README.md writes it. */
    String markdown() {
      List<String> cells =
          section.equals("preset")
              ? List.of(presetCell, syntax, meaning, defaultValue)
              : List.of(syntax, meaning, defaultValue);
      return ("| " + String.join(" | ", cells) + " |").replace("|  |", "| |");
    }
  }

  private static final Pattern CODE = Pattern.compile("`([^`]+)`");

  static final Map<String, List<Row>> SECTIONS = load();

  private StatementDocs() {}

  /** The rows documenting {@code keyword} as a statement of {@code block}. */
  static List<Row> lookup(Block block, String presetName, String keyword) {
    List<Row> rows = new ArrayList<>();
    for (String section : sections(block)) {
      for (Row row : SECTIONS.getOrDefault(section, List.of())) {
        if (row.keywords().contains(keyword)
            && (!section.equals("preset") || row.preset().equals(presetName))) {
          rows.add(row);
        }
      }
    }
    return rows;
  }

  /** Hover text: each row's syntax, meaning and default. */
  static String markdown(List<Row> rows) {
    StringBuilder out = new StringBuilder();
    for (Row row : rows) {
      if (out.length() > 0) {
        out.append("\n\n");
      }
      out.append(row.syntax()).append("\n\n").append(capitalised(row.meaning())).append('.');
      if (!row.defaultValue().isBlank()) {
        out.append("\n\nDefault: ").append(row.defaultValue());
      }
    }
    return out.toString();
  }

  /** One line for a completion item's detail: the meaning of the first row. */
  static String detail(Block block, String presetName, String keyword) {
    List<Row> rows = lookup(block, presetName, keyword);
    return rows.isEmpty() ? "" : rows.get(0).meaning().replace("`", "");
  }

  private static List<String> sections(Block block) {
    return switch (block) {
      case TOP -> List.of("top");
      case APP -> List.of("app");
      case STAGE -> List.of("app", "top");
      case NETWORK -> List.of("network");
      case SERVICE, STAGE_SERVICE -> List.of("service");
      case JOB -> List.of("job", "service");
      case SIDECAR -> List.of("service", "sidecar");
      case DEPLOY -> List.of("deploy");
      case LOGS -> List.of("logs");
      case STEPS -> List.of("steps");
      case PRESET -> List.of("preset");
      case TAGS, OTHER -> List.of();
    };
  }

  private static String capitalised(String text) {
    return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
  }

  private static Map<String, List<Row>> load() {
    try (InputStream in = StatementDocs.class.getResourceAsStream("statements.md")) {
      if (in == null) {
        throw new IllegalStateException("statements.md is missing from the fgd-lsp jar");
      }
      return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Map<String, List<Row>> parse(String text) {
    Map<String, List<Row>> sections = new LinkedHashMap<>();
    String section = null;
    String preset = "";
    for (String line : text.split("\n")) {
      if (line.startsWith("## ")) {
        section = line.substring(3).strip();
        sections.put(section, new ArrayList<>());
        preset = "";
      } else if (line.startsWith("|") && section != null) {
        List<String> cells = cells(line);
        if (section.equals("preset")) {
          if (!cells.get(0).isEmpty()) {
            preset = cells.get(0).replace("`", "");
          }
          sections
              .get(section)
              .add(
                  new Row(section, preset, cells.get(0), cells.get(1), cells.get(2), cells.get(3)));
        } else {
          sections
              .get(section)
              .add(new Row(section, "", "", cells.get(0), cells.get(1), cells.get(2)));
        }
      }
    }
    sections.replaceAll((k, v) -> List.copyOf(v));
    return Map.copyOf(sections);
  }

  /** The cells of a Markdown table row; {@code \|} inside a cell is not a separator. */
  static List<String> cells(String line) {
    List<String> cells = new ArrayList<>();
    StringBuilder cell = new StringBuilder();
    String inner = line.strip();
    inner = inner.substring(1, inner.endsWith("|") ? inner.length() - 1 : inner.length());
    for (int i = 0; i < inner.length(); i++) {
      char c = inner.charAt(i);
      if (c == '\\' && i + 1 < inner.length() && inner.charAt(i + 1) == '|') {
        cell.append("\\|");
        i++;
      } else if (c == '|') {
        cells.add(cell.toString().strip());
        cell.setLength(0);
      } else {
        cell.append(c);
      }
    }
    cells.add(cell.toString().strip());
    return cells;
  }
}
