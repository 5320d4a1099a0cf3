package io.fgd.compiler.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fgd.compiler.diag.Diagnostic;
import io.fgd.compiler.ir.BuildStep;
import io.fgd.compiler.ir.Command;
import io.fgd.compiler.ir.HealthCheck;
import io.fgd.compiler.ir.Located;
import io.fgd.compiler.ir.Port;
import io.fgd.compiler.ir.PresetBuild;
import io.fgd.compiler.ir.SecretRef;
import io.fgd.compiler.ir.Service;
import io.fgd.compiler.ir.Spec;
import io.fgd.compiler.ir.StepsBuild;
import io.fgd.compiler.source.SourceFile;
import io.fgd.compiler.source.Span;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Text to IR: units, escapes, spans and structure, before any semantic check. */
class AstBuilderTest {
  static final String APP = "app a {\n  region us-east-1\n}\n";

  static Parsing.Result parse(String text) {
    return Parsing.parse(new SourceFile("t.fgd", text));
  }

  static Spec spec(String text) {
    Parsing.Result result = parse(text);
    assertFalse(result.hasErrors(), () -> result.diagnostics().toString());
    return result.spec().orElseThrow();
  }

  static Service service(String body) {
    return spec(APP + "service s {\n" + body + "\n}\n").services().get(0);
  }

  static List<String> codes(String text) {
    return parse(text).diagnostics().stream().map(Diagnostic::code).collect(Collectors.toList());
  }

  @ParameterizedTest
  @CsvSource({
    "cpu 256, 256",
    "cpu 0.25 vcpu, 256",
    "cpu 0.5vcpu, 512",
    "cpu 2 vCPU, 2048",
    "cpu 16 vcpu, 16384",
  })
  void cpuIsConvertedToUnits(String statement, int units) {
    assertEquals(units, service(statement).container().cpu().orElseThrow().value());
  }

  @ParameterizedTest
  @CsvSource({
    "memory 512, 512",
    "memory 512 MiB, 512",
    "memory 512MiB, 512",
    "memory 1 GiB, 1024",
    "memory 2GB, 2048",
    "memory 0.5 GiB, 512",
    "memory 120 GB, 122880",
  })
  void memoryIsConvertedToMib(String statement, int mib) {
    assertEquals(mib, service(statement).container().memory().orElseThrow().value());
  }

  @ParameterizedTest
  @CsvSource({
    "cpu 0.3 , cpu.fractionalUnits",
    "cpu 2 cores, unit.unknown",
    "memory 1.3 GiB, memory.fractional",
    "memory 512 KB, unit.unknown",
    "port 80/sctp, port.protocol",
    "replicas 1.5, number.whole",
    "replicas 99999999999, number.tooLarge",
    "health \"x\" every 30q, unit.unknown",
    "scale 1..3 on cpu 60, syntax.unexpected",
    "scale 1..3 on cpu 60s, unit.unknown",
    "deploy { min_healthy 50.5% }, number.whole",
    "logs { retention 30s }, unit.unknown",
  })
  void badValuesAreLocatedErrors(String statement, String code) {
    assertEquals(List.of(code), codes(APP + "service s {\n  " + statement + "\n}\n"));
  }

  @Test
  void durationsAndHealthOptions() {
    HealthCheck health =
        (HealthCheck)
            service("health \"curl -f localhost\" every 1m timeout 500ms retries 4 grace 2h")
                .container()
                .health()
                .orElseThrow();
    assertEquals(new Command.Shell("curl -f localhost"), health.command().value());
    assertEquals(Duration.ofMinutes(1), health.interval().orElseThrow().value());
    assertEquals(Duration.ofMillis(500), health.timeout().orElseThrow().value());
    assertEquals(4, health.retries().orElseThrow().value());
    assertEquals(Duration.ofHours(2), health.startPeriod().orElseThrow().value());
  }

  @Test
  void execFormHealthCheck() {
    HealthCheck health =
        (HealthCheck)
            service("health [\"CMD\", \"/bin/check\"]").container().health().orElseThrow();
    assertEquals(new Command.Exec(List.of("CMD", "/bin/check")), health.command().value());
  }

  @Test
  void portsAndProtocols() {
    List<Port> ports =
        service("port 80\nport 8000/udp\nport 443/TCP target_group \"arn:tg\"").container().ports();
    assertEquals(List.of(80, 8000, 443), ports.stream().map(p -> p.number().value()).toList());
    assertEquals(
        List.of(Port.Protocol.TCP, Port.Protocol.UDP, Port.Protocol.TCP),
        ports.stream().map(p -> p.protocol().value()).toList());
    assertEquals("arn:tg", ports.get(2).targetGroup().orElseThrow().value());
  }

  @Test
  void secretsKeepTheirSourceAndKey() {
    List<SecretRef> secrets =
        service(
                "secret A from \"arn:aws:secretsmanager:r:1:secret:x\" key \"password\"\nsecret B from ssm \"/p/q\"")
            .container()
            .secrets();
    assertEquals(SecretRef.Source.ARN, secrets.get(0).source());
    assertEquals("password", secrets.get(0).jsonKey().orElseThrow().value());
    assertEquals(SecretRef.Source.SSM_PARAMETER_NAME, secrets.get(1).source());
    assertEquals("/p/q", secrets.get(1).reference().value());
  }

  @Test
  void stringEscapes() {
    String value =
        service("env A = \"q\\\"uote\\\\ tab\\t nl\\n \\u00e9 \\$\"")
            .container()
            .env()
            .get(0)
            .value()
            .value();
    assertEquals("q\"uote\\ tab\t nl\n \u00e9 $", value);
  }

  @Test
  void bareAndNumericEnvValuesAreText() {
    List<String> values =
        service("env A = 80\nenv B = bare-word\nenv C = 30s").container().env().stream()
            .map(e -> e.value().value())
            .toList();
    assertEquals(List.of("80", "bare-word", "30s"), values);
  }

  @Test
  void keywordsCanBeNames() {
    Spec spec =
        spec(
            APP
                + "service worker {\n  depends_on api, logs\n}\nservice api {\n}\nservice logs {\n}\n");
    assertEquals(
        List.of("worker", "api", "logs"),
        spec.services().stream().map(s -> s.name().value()).toList());
    assertEquals(
        List.of("api", "logs"),
        spec.services().get(0).dependsOn().stream().map(Located::value).toList());
  }

  @Test
  void blocksMayBeWrittenOnOneLine() {
    Service s = spec(APP + "service s { cpu 256 }\n").services().get(0);
    assertEquals(256, s.container().cpu().orElseThrow().value());
    assertTrue(spec("app a { region x }").app().isPresent(), "no newline at end of file");
  }

  @Test
  void spansAreOneBasedAndEndExclusive() {
    Service s = service("  memory 512 MiB");
    Span span = s.container().memory().orElseThrow().span();
    assertEquals(new Span("t.fgd", 5, 10, 5, 17), span);
  }

  @Test
  void crlfTabsBomAndCommentsAreHandled() {
    String text = "\uFEFF# header\r\napp a {\r\n\tregion us-east-1 // trailing\r\n}\r\n";
    Spec spec = spec(text);
    Span region = spec.app().orElseThrow().region().orElseThrow().span();
    assertEquals(3, region.startLine());
    assertEquals(9, region.startColumn());
  }

  @Test
  void buildStepsInOrderAndCopyDestinationLast() {
    StepsBuild build =
        (StepsBuild)
            service(
                    "build {\n from \"node:22\"\n copy a b ./\n run [\"npm\", \"ci\"]\n cmd \"npm start\"\n}")
                .build()
                .orElseThrow();
    assertInstanceOf(BuildStep.From.class, build.steps().get(0));
    BuildStep.Copy copy = (BuildStep.Copy) build.steps().get(1);
    assertEquals(List.of("a", "b"), copy.sources().stream().map(Located::value).toList());
    assertEquals("./", copy.destination().value());
    assertEquals(
        new Command.Exec(List.of("npm", "ci")),
        ((BuildStep.Run) build.steps().get(2)).command().value());
  }

  @Test
  void bareDotDotfilesAndVersionsAreWords() {
    StepsBuild build =
        (StepsBuild)
            service(
                    "build {\n from \"node:22\"\n copy . ./\n copy .npmrc ./\n arg V = 1.2.3\n cmd [\"x\"]\n}")
                .build()
                .orElseThrow();
    assertEquals(".", ((BuildStep.Copy) build.steps().get(1)).sources().get(0).value());
    assertEquals(".npmrc", ((BuildStep.Copy) build.steps().get(2)).sources().get(0).value());
    assertEquals(
        "1.2.3", ((BuildStep.Arg) build.steps().get(3)).defaultValue().orElseThrow().value());
    assertEquals(2, service("scale 2..10 on cpu 50%").scaling().orElseThrow().min().value());
  }

  @Test
  void presetSettingsAreNameValuePairs() {
    PresetBuild build =
        (PresetBuild)
            service("build node {\n start \"node dist/main.js\"\n node 22\n}")
                .build()
                .orElseThrow();
    assertEquals("node", build.preset().value());
    assertEquals("node dist/main.js", build.setting("start").orElseThrow().value());
    assertEquals("22", build.setting("node").orElseThrow().value());
  }

  @Test
  void secondSingleAttributeIsAnErrorPointingAtBoth() {
    Parsing.Result result = parse(APP + "service s {\n  cpu 256\n  cpu 512\n}\n");
    Diagnostic d = result.diagnostics().get(0);
    assertEquals("attribute.duplicate", d.code());
    assertEquals(6, d.subject().startLine());
    assertEquals(5, d.context().orElseThrow().startLine());
  }

  @Test
  void missingAppIsReported() {
    assertEquals(List.of("app.missing"), codes("service s {\n}\n"));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "app a {\\n  regoin x\\n}|syntax.unknownAttribute",
        "servce s {\\n}|syntax.unknownDeclaration",
        "app a {\\n  region \"x\\n}|syntax.unterminatedString",
        "app a {\\n  region x ;\\n}|syntax.unexpectedCharacter",
        "app a {\\n  region x\\n|syntax.unclosedBlock",
        "app a {\\n  region\\n}|syntax.missingValue",
        "app a {\\n  region x y\\n}|syntax.unexpected",
      })
  void syntaxErrorsHaveTheirOwnKinds(String text, String code) {
    assertEquals(List.of(code), codes(text.replace("\\n", "\n")));
  }

  @Test
  void oneMistakeIsOneErrorAndLaterMistakesAreStillFound() {
    List<String> codes =
        codes("app a {\n  regoin x y z\n  memroy 1\n}\nservice s {\n  prot 80\n}\n");
    assertEquals(
        List.of("syntax.unknownAttribute", "syntax.unknownAttribute", "syntax.unknownAttribute"),
        codes);
  }
}
