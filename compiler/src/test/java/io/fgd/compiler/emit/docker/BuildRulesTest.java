package io.fgd.compiler.emit.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fgd.compiler.Compiler;
import io.fgd.compiler.diag.Diagnostic;
import io.fgd.compiler.diag.Messages;
import io.fgd.compiler.diag.Severity;
import io.fgd.compiler.source.Span;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Each build rule on the smallest service that breaks it: which diagnostic, how severe, and exactly
 * which text it underlines. The service bodies are written on one line with "; " for line breaks,
 * so the table stays readable.
 */
class BuildRulesTest {

  /** A valid build to start from: every row changes one thing. */
  static final String OK_STEPS = "from \"alpine:3.21.0\"; cmd [\"/bin/true\"]";

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '~',
      textBlock =
          """
          build.empty             | build { }                                                                   | ERROR   | build
          build.fromFirst         | build { workdir /app; from "alpine:3.21.0"; cmd ["x"] }                     | ERROR   | workdir /app
          build.fromRepeated      | build { from "alpine:3.21.0"; from "debian:12.8"; cmd ["x"] }               | ERROR   | from "debian:12.8"
          build.fromUntagged      | build { from alpine; cmd ["x"] }                                            | WARNING | alpine
          build.fromLatest        | build { from "registry.example.com:5000/base:latest"; cmd ["x"] }          | WARNING | "registry.example.com:5000/base:latest"
          build.imageInvalid      | build { from "alpine 3"; cmd ["x"] }                                        | ERROR   | "alpine 3"
          build.commandMissing    | build { from "alpine:3.21.0"; run "true" }                                  | ERROR   | build
          build.cmdRepeated       | build { from "alpine:3.21.0"; cmd ["a"]; cmd ["b"] }                        | ERROR   | cmd ["b"]
          build.entrypointRepeated| build { from "alpine:3.21.0"; entrypoint ["a"]; entrypoint ["b"] }          | ERROR   | entrypoint ["b"]
          build.entrypointShellIgnoresCmd | build { from "alpine:3.21.0"; entrypoint "a"; cmd ["--b"] }         | WARNING | ["--b"]
          build.cmdShellWithEntrypoint    | build { from "alpine:3.21.0"; entrypoint ["a"]; cmd "--b" }         | WARNING | "--b"
          build.aptNoYes          | build { from "debian:12.8"; run "apt-get update && apt-get install curl && rm -rf /var/lib/apt/lists/*"; cmd ["x"] } | ERROR | "apt-get update && apt-get install curl && rm -rf /var/lib/apt/lists/*"
          build.aptNoCleanup      | build { from "debian:12.8"; run "apt-get update && apt-get install -y curl"; cmd ["x"] } | WARNING | "apt-get update && apt-get install -y curl"
          build.aptUpgrade        | build { from "debian:12.8"; run "apt-get update && apt-get -y upgrade"; cmd ["x"] } | WARNING | "apt-get update && apt-get -y upgrade"
          build.userRoot          | build { from "alpine:3.21.0"; user app; user root; cmd ["x"] }              | WARNING | root
          build.userInvalid       | build { from "alpine:3.21.0"; user "my user"; cmd ["x"] }                   | ERROR   | "my user"
          build.copyAbsolute      | build { from "alpine:3.21.0"; copy /etc/passwd ./; cmd ["x"] }              | ERROR   | /etc/passwd
          build.copyEscapes       | build { from "alpine:3.21.0"; copy "src/../../secrets" ./; cmd ["x"] }      | ERROR   | "src/../../secrets"
          build.workdirRelative   | build { from "alpine:3.21.0"; workdir app; cmd ["x"] }                      | ERROR   | app
          build.envName           | build { from "alpine:3.21.0"; env my-var = "1"; cmd ["x"] }                 | ERROR   | my-var
          build.argName           | build { from "alpine:3.21.0"; arg my-arg; cmd ["x"] }                       | ERROR   | my-arg
          build.lineBreak         | build { from "alpine:3.21.0"; env A = "x\\ny"; cmd ["x"] }                  | ERROR   | "x\\ny"
          build.presetUnknown     | build rsut { package server }                                               | ERROR   | rsut
          build.presetSettingUnknown | build rust { package server; toolchian "1.83" }                          | ERROR   | toolchian
          build.presetSettingMissing | build rust { binary server }                                              | ERROR   | rust
          build.presetSettingMissing | build node { node 22 }                                                    | ERROR   | node
          build.presetName        | build rust { package "my server" }                                          | ERROR   | "my server"
          build.presetVersion     | build rust { package server; toolchain nightly }                            | ERROR   | nightly
          build.presetVersionUnpinned | build node { start "node main.js"; node 23 }                            | ERROR   | 23
          build.presetVersionUnpinned | build rust { package server; toolchain "1.70" }                         | ERROR   | "1.70"
          build.presetScript      | build node { start "node main.js"; script "build && rm -rf /" }             | ERROR   | "build && rm -rf /"
          build.presetStart       | build node { start "  " }                                                   | ERROR   | "  "
          build.presetContext     | build node { start "node main.js"; context "../api" }                       | ERROR   | "../api"
          build.presetContext     | build rust { package server; context "/src/server" }                        | ERROR   | "/src/server"
          """)
  void eachRuleReportsWhereTheProblemIs(
      String code, String build, Severity severity, String underlined) {
    String text = "service s {\n  health none\n  " + build.replace("; ", "\n  ") + "\n}\n";
    Compiler.Compilation result = DockerSpecs.compile(text);
    List<Diagnostic> matching =
        result.diagnostics().stream().filter(d -> d.code().equals(code)).toList();
    assertEquals(1, matching.size(), () -> "diagnostics: " + result.diagnostics());
    Diagnostic d = matching.get(0);
    assertEquals(severity, d.severity());
    assertEquals(underlined, underlined(DockerSpecs.APP + text, d.subject()));
    List<Diagnostic> others =
        result.diagnostics().stream().filter(x -> !x.code().equals(code)).toList();
    assertEquals(List.of(), others, "a row must break exactly one rule");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '~',
      textBlock =
          """
          build { from "alpine:3.21.0@sha256:0123"; cmd ["x"] }
          build { from "$BASE"; cmd ["x"] }
          build { from scratch; copy server /server; entrypoint ["/server"] }
          build { from "localhost:5000/base:1.2"; cmd ["x"] }
          build { from "debian:12.8"; run "apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*"; cmd ["x"] }
          build { from "debian:12.8"; run "apt-get -qy install curl && rm -rf /var/lib/apt/lists/*"; cmd ["x"] }
          build { from "alpine:3.21.0"; user root; run "true"; user "10001:10001"; cmd ["x"] }
          build { from "alpine:3.21.0"; copy "./a/../b" "..."; cmd ["x"] }
          build { from "alpine:3.21.0"; entrypoint ["/app"]; cmd ["--port", "80"] }
          build { from "alpine:3.21.0"; workdir "$HOME"; cmd ["x"] }
          build rust { package server; binary srv; toolchain "1.83.0"; context "./services/server/" }
          build rust { package server; toolchain 1.83 }
          build node { start "node main.js"; node "22.11.0"; script "build:prod"; context api }
          """)
  void goodBuildsPass(String build) {
    String text = "service s {\n  health none\n  " + build.replace("; ", "\n  ") + "\n}\n";
    assertEquals(List.of(), DockerSpecs.compile(text).diagnostics());
  }

  @Test
  void aServiceCommandReplacesTheImageCommand() {
    String text =
        "service s {\n  health none\n  build {\n    from \"alpine:3.21.0\"\n  }\n  command [\"/x\"]\n}\n";
    assertEquals(List.of(), DockerSpecs.compile(text).diagnostics());
  }

  @Test
  void misspeltPresetsAndSettingsGetASuggestion() {
    String preset = "service s {\n  health none\n  build rsut {\n    package server\n  }\n}\n";
    assertTrue(
        DockerSpecs.compile(preset)
            .diagnostics()
            .get(0)
            .detail()
            .endsWith(
                " Did you mean \"rust\"? For another stack, write the steps: build { from ... }."));
    String setting =
        "service s {\n  health none\n  build node {\n    strat \"node main.js\"\n  }\n}\n";
    List<String> found =
        DockerSpecs.compile(setting).diagnostics().stream().map(Diagnostic::detail).toList();
    assertEquals(
        List.of(
            "The node preset needs \"start\", such as: start \"node dist/main.js\"",
            "\"strat\" is not a setting of the node preset, which takes \"start\", \"node\","
                + " \"script\" and \"context\". Did you mean \"start\"?"),
        found);
  }

  @Test
  void everyBuildKeyHasWording() {
    assertTrue(Messages.keys().stream().filter(k -> k.startsWith("build.")).count() > 30);
    for (String key : Messages.keys()) {
      if (key.startsWith("build.")) {
        assertTrue(Messages.has(key), key);
      }
    }
  }

  private static String underlined(String source, Span span) {
    String line = source.lines().toList().get(span.startLine() - 1);
    int end = span.endLine() == span.startLine() ? span.endColumn() : line.length() + 1;
    return line.substring(span.startColumn() - 1, end - 1);
  }
}
