package io.fgd.lsp;

import io.fgd.compiler.check.FargateSizes;
import io.fgd.compiler.emit.docker.Presets;
import io.fgd.compiler.parse.Cursor;
import io.fgd.compiler.parse.Cursor.Block;
import io.fgd.compiler.parse.Cursor.Context;
import io.fgd.compiler.parse.Cursor.Frame;
import io.fgd.compiler.parse.Cursor.Kind;
import io.fgd.compiler.parse.Cursor.Word;
import io.fgd.compiler.source.SourceFile;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.eclipse.lsp4j.CompletionItem;
import org.eclipse.lsp4j.CompletionItemKind;

/**
 * What may be written at a position: the statements of the enclosing block (from the grammar, via
 * {@link Cursor}), and values where the set is known (memory sizes valid for the service's cpu,
 * presets, regions, toggles, units, service names, variable names inside {@code ${}}).
 */
final class Completions {
  private Completions() {}

  /**
   * The service statements a stage may change: any other one in a stage is the compiler's {@code
   * stage.notOverridable} error (StageOverridesTest checks this list against the compiler).
   */
  static final Set<String> STAGE_SERVICE_STATEMENTS =
      Set.of("image", "replicas", "cpu", "memory", "scale", "env", "secret");

  /** Regions where Fargate runs (commercial partition), for {@code region}. */
  static final List<String> REGIONS =
      List.of(
          "us-east-1",
          "us-east-2",
          "us-west-1",
          "us-west-2",
          "af-south-1",
          "ap-east-1",
          "ap-south-1",
          "ap-south-2",
          "ap-southeast-1",
          "ap-southeast-2",
          "ap-southeast-3",
          "ap-southeast-4",
          "ap-northeast-1",
          "ap-northeast-2",
          "ap-northeast-3",
          "ca-central-1",
          "ca-west-1",
          "eu-central-1",
          "eu-central-2",
          "eu-west-1",
          "eu-west-2",
          "eu-west-3",
          "eu-south-1",
          "eu-south-2",
          "eu-north-1",
          "il-central-1",
          "me-south-1",
          "me-central-1",
          "sa-east-1");

  /** Units the compiler accepts after a number, per statement (UnitsTest checks each). */
  static final List<String> CPU_UNITS = List.of("vcpu");

  static final List<String> MEMORY_UNITS = List.of("MiB", "GiB", "MB", "GB");

  /** Scaling metrics, for {@code scale ... on METRIC N%}. */
  static final List<String> METRICS = List.of("cpu", "memory");

  static List<CompletionItem> at(Snapshot snapshot, int line, int column) {
    SourceFile source = snapshot.source;
    Context context = Cursor.at(snapshot.words(), line, column);
    Optional<Word> token = context.token();
    if (token.isPresent()
        && (token.get().kind() == Kind.STRING || token.get().kind() == Kind.ERROR)) {
      return insideString(snapshot, token.get(), column);
    }
    if (token.isPresent() && token.get().kind() == Kind.COMMENT) {
      return List.of();
    }
    Frame frame = context.innermost();
    if (context.before().isEmpty()) {
      return statements(frame);
    }
    return values(snapshot, context, frame);
  }

  private static List<CompletionItem> statements(Frame frame) {
    Block block = frame.block();
    String preset = frame.name().orElse("");
    List<String> keywords =
        switch (block) {
          case PRESET -> Presets.named(preset).map(Presets.Preset::settingNames).orElse(List.of());
          case STAGE_SERVICE ->
              Cursor.statements(block).stream().filter(STAGE_SERVICE_STATEMENTS::contains).toList();
          default -> Cursor.statements(block);
        };
    List<CompletionItem> items = new ArrayList<>();
    for (String keyword : keywords) {
      items.add(
          item(keyword, CompletionItemKind.Keyword, StatementDocs.detail(block, preset, keyword)));
    }
    return items;
  }

  private static List<CompletionItem> values(Snapshot snapshot, Context context, Frame frame) {
    List<Word> before = context.before();
    String keyword = before.get(0).text();
    Word last = before.get(before.size() - 1);
    int given = before.size() - 1; // values written after the keyword
    Block block = frame.block();
    List<CompletionItem> items = new ArrayList<>();
    if (block == Block.STAGE && keyword.equals("service") && given == 0) {
      for (String name : snapshot.outline().declaredServices()) {
        items.add(item(name, CompletionItemKind.Module, "service"));
      }
      return items;
    }
    if (keyword.equals("depends_on")
        && (block == Block.SERVICE)
        && (given == 0 || last.text().equals(","))) {
      String self = frame.name().orElse("");
      for (String name : snapshot.outline().declaredServices()) {
        if (!name.equals(self)) {
          items.add(item(name, CompletionItemKind.Module, "service"));
        }
      }
      return items;
    }
    switch (keyword) {
      case "region" -> {
        if (given == 0 && (block == Block.APP || block == Block.STAGE)) {
          REGIONS.forEach(r -> items.add(item(r, CompletionItemKind.Value, "AWS region")));
        }
      }
      case "public_ip", "circuit_breaker", "rollback", "essential" -> {
        if (given == 0) {
          Cursor.toggles().forEach(t -> items.add(item(t, CompletionItemKind.Value, "toggle")));
        }
      }
      case "cpu" -> {
        if (given == 0) {
          for (int cpu : FargateSizes.cpus()) {
            items.add(item(String.valueOf(cpu), CompletionItemKind.Value, vcpus(cpu) + " vCPU"));
          }
        } else if (given == 1 && last.kind() == Kind.NUMBER) {
          CPU_UNITS.forEach(u -> items.add(item(u, CompletionItemKind.Unit, "virtual CPUs")));
        }
      }
      case "memory" -> {
        if (given == 0 && (block == Block.SERVICE || block == Block.STAGE_SERVICE)) {
          int cpu = taskCpu(frame).orElse(FargateSizes.DEFAULT_CPU);
          for (int memory : FargateSizes.memoriesFor(cpu)) {
            items.add(
                item(
                    String.valueOf(memory),
                    CompletionItemKind.Value,
                    "MiB, valid with cpu " + cpu));
          }
        } else if (given == 1 && last.kind() == Kind.NUMBER) {
          MEMORY_UNITS.forEach(u -> items.add(item(u, CompletionItemKind.Unit, "memory unit")));
        }
      }
      case "build" -> {
        if (given == 0 && block == Block.SERVICE) {
          Presets.names().forEach(p -> items.add(item(p, CompletionItemKind.Value, "preset")));
        }
      }
      case "logs" -> {
        if (given == 0) {
          items.add(item("off", CompletionItemKind.Value, "no CloudWatch Logs"));
        }
      }
      case "health" -> {
        if (given == 0) {
          items.add(item("none", CompletionItemKind.Value, "no health check, deliberately"));
        } else if (!Cursor.healthOptions().contains(last.text())) {
          for (String option : Cursor.healthOptions()) {
            items.add(item(option, CompletionItemKind.Keyword, "health check option"));
          }
        }
      }
      case "secret" -> {
        if (given == 1) {
          items.add(item("from", CompletionItemKind.Keyword, "where the secret is"));
        } else if (given == 2 && last.text().equals("from")) {
          items.add(item("ssm", CompletionItemKind.Keyword, "an SSM parameter"));
        }
      }
      case "port" -> {
        if (given == 1) {
          items.add(item("target_group", CompletionItemKind.Keyword, "load balancer target group"));
          items.add(
              item("offer", CompletionItemKind.Keyword, "offer to the app (Service Connect)"));
        } else if (last.text().equals("offer")) {
          items.add(item("as", CompletionItemKind.Keyword, "the name other services call"));
        }
      }
      case "scale" -> {
        if (last.text().equals("on") || last.text().equals(",")) {
          METRICS.forEach(m -> items.add(item(m, CompletionItemKind.Value, "metric")));
        } else if (given == 3 && last.kind() == Kind.NUMBER) {
          items.add(item("on", CompletionItemKind.Keyword, "the metric to track"));
        } else if (last.kind() == Kind.QUANTITY && given > 3) {
          items.add(item("cooldown", CompletionItemKind.Keyword, "time between scaling actions"));
        }
      }
      default -> {}
    }
    return items;
  }

  /** {@code ${NAME}}: the declared variables, when the cursor is after an unclosed {@code ${}. */
  private static List<CompletionItem> insideString(Snapshot snapshot, Word string, int column) {
    String text = string.text();
    int upTo =
        Math.min(column - string.span().startColumn(), text.codePointCount(0, text.length()));
    if (upTo < 0 || string.span().startLine() != string.span().endLine()) {
      return List.of();
    }
    String head = text.substring(0, text.offsetByCodePoints(0, upTo));
    int open = head.lastIndexOf("${");
    if (open < 0
        || head.indexOf('}', open) >= 0
        || (open > 0 && head.charAt(open - 1) == '\\')
        || !head.substring(open + 2).matches("[A-Za-z0-9_]*")) {
      return List.of();
    }
    Outline outline = snapshot.outline();
    List<CompletionItem> items = new ArrayList<>();
    for (String name : outline.declaredVariables()) {
      String value = outline.variableDefaults.get(name);
      items.add(
          item(
              name,
              CompletionItemKind.Variable,
              value == null ? "variable, no default" : "variable, default " + value));
    }
    return items;
  }

  /** The task's CPU units, from the block's {@code cpu} statement. */
  static Optional<Integer> taskCpu(Frame frame) {
    for (List<Word> statement : frame.statements()) {
      if (statement.size() >= 2 && statement.get(0).text().equals("cpu")) {
        return cpuUnits(statement.subList(1, statement.size()));
      }
    }
    return Optional.empty();
  }

  /** {@code 256}, {@code 0.25 vcpu}, {@code 1vcpu} as CPU units. */
  static Optional<Integer> cpuUnits(List<Word> value) {
    try {
      Word first = value.get(0);
      String number = first.text();
      String unit = value.size() > 1 ? value.get(1).text() : "";
      if (first.kind() == Kind.QUANTITY) {
        int split = 0;
        while (split < number.length()
            && (Character.isDigit(number.charAt(split)) || number.charAt(split) == '.')) {
          split++;
        }
        unit = number.substring(split);
        number = number.substring(0, split);
      } else if (first.kind() != Kind.NUMBER) {
        return Optional.empty();
      }
      BigDecimal amount = new BigDecimal(number);
      if (unit.equalsIgnoreCase("vcpu") || unit.equalsIgnoreCase("vcpus")) {
        amount = amount.multiply(BigDecimal.valueOf(1024));
      } else if (!unit.isEmpty()) {
        return Optional.empty();
      }
      return Optional.of(amount.intValueExact());
    } catch (ArithmeticException | NumberFormatException e) {
      return Optional.empty();
    }
  }

  static String vcpus(int cpu) {
    return BigDecimal.valueOf(cpu)
        .divide(BigDecimal.valueOf(1024))
        .stripTrailingZeros()
        .toPlainString();
  }

  private static CompletionItem item(String label, CompletionItemKind kind, String detail) {
    CompletionItem item = new CompletionItem(label);
    item.setKind(kind);
    if (!detail.isEmpty()) {
      item.setDetail(detail);
    }
    return item;
  }
}
