package io.fgd.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Runs the pytest-lsp tests in src/test/python against this module's server, started as its own
 * process over stdio. pytest-lsp (PyPI) is installed into a venv under {@code ~/.cache/fgd} the
 * first time, as the runtime's tests install moto ({@code FGD_LSP_E2E_VENV} names another venv).
 * There is no skipping: without Python or PyPI this test fails, and it checks that pytest ran every
 * test in the file and that all of them passed.
 */
class LspEndToEndTest {
  static final Path TESTS = Path.of("src/test/python");

  @Test
  void pytestLspDrivesTheServerAsAnEditorWould() throws Exception {
    Path venv = venv();
    String command =
        List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                LspMain.class.getName())
            .stream()
            .map(LspEndToEndTest::json)
            .collect(Collectors.joining(", ", "[", "]"));
    ProcessBuilder pytest =
        new ProcessBuilder(
                python(venv).toString(),
                "-m",
                "pytest",
                "-p",
                "no:cacheprovider",
                "-q",
                "-rA",
                TESTS.resolve("test_fgd_lsp.py").toString())
            .redirectErrorStream(true);
    pytest.environment().put("FGD_LSP_COMMAND", command);
    Result result = run(pytest, 600);
    int expected = testsIn(TESTS.resolve("test_fgd_lsp.py"));
    assertTrue(expected >= 4, "the pytest file lost its tests");
    assertEquals(0, result.code(), result.output());
    Matcher passed = Pattern.compile("(\\d+) passed").matcher(result.output());
    assertTrue(passed.find(), result.output());
    assertEquals(expected, Integer.parseInt(passed.group(1)), result.output());
    assertTrue(
        !result.output().contains("skipped") && !result.output().contains("failed"),
        result.output());
  }

  private static int testsIn(Path file) throws IOException {
    return (int)
        Files.readAllLines(file).stream().filter(l -> l.startsWith("async def test_")).count();
  }

  /** The venv with pytest-lsp: FGD_LSP_E2E_VENV, or one per requirements file in the cache. */
  static Path venv() throws Exception {
    Path requirements = TESTS.resolve("requirements.txt");
    String given = System.getenv("FGD_LSP_E2E_VENV");
    Path venv =
        given != null && !given.isBlank()
            ? Path.of(given)
            : Path.of(System.getProperty("user.home"), ".cache", "fgd")
                .resolve("lsp-e2e-" + sha256(Files.readAllBytes(requirements)).substring(0, 12));
    ProcessBuilder check =
        new ProcessBuilder(python(venv).toString(), "-c", "import pytest_lsp")
            .redirectErrorStream(true);
    if (Files.isExecutable(python(venv)) && run(check, 60).code() == 0) {
      return venv;
    }
    Files.createDirectories(venv.getParent());
    Result created =
        run(
            new ProcessBuilder("python3", "-m", "venv", venv.toString()).redirectErrorStream(true),
            300);
    assertEquals(0, created.code(), "python3 -m venv " + venv + " failed:\n" + created.output());
    Result installed =
        run(
            new ProcessBuilder(
                    python(venv).toString(),
                    "-m",
                    "pip",
                    "install",
                    "-q",
                    "--disable-pip-version-check",
                    "-r",
                    requirements.toString())
                .redirectErrorStream(true),
            600);
    assertEquals(0, installed.code(), "installing pytest-lsp failed:\n" + installed.output());
    return venv;
  }

  private static Path python(Path venv) {
    return venv.resolve("bin").resolve("python");
  }

  record Result(int code, String output) {}

  private static Result run(ProcessBuilder builder, int seconds)
      throws IOException, InterruptedException {
    Path log = Files.createTempFile("fgd-lsp-e2e", ".log");
    try {
      Process process = builder.redirectOutput(log.toFile()).start();
      if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        return new Result(-1, "timed out after " + seconds + "s: " + builder.command());
      }
      return new Result(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(log);
    }
  }

  private static String json(String text) {
    return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  private static String sha256(byte[] bytes) throws NoSuchAlgorithmException {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }
}
