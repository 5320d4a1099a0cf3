package io.fgd.runtime.build;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A real registry for tests: Debian's docker-registry (the CNCF Distribution registry) serving on
 * 127.0.0.1 at a free port, with its storage in a test folder; optionally with a login (htpasswd),
 * or read-only (every push refused). Stopped by {@link #close}, by its process id.
 */
public final class LocalRegistry implements AutoCloseable {
  private final Process process;
  private final int port;
  private final Path log;

  private LocalRegistry(Process process, int port, Path log) {
    this.process = process;
    this.port = port;
    this.log = log;
  }

  /** Whether docker-registry is installed (.ci/run installs it); tests are skipped without it. */
  public static void assumeInstalled() {
    Assumptions.assumeTrue(
        Processes.onPath("docker-registry", System.getenv()).isPresent(),
        "docker-registry is not installed (apt-get install docker-registry)");
  }

  public static LocalRegistry start(Path folder) throws Exception {
    return start(folder, Optional.empty(), false);
  }

  /**
   * @param login user and password the registry asks for (bcrypt in an htpasswd file)
   * @param readOnly refuse every push
   */
  public static LocalRegistry start(
      Path folder, Optional<RegistryProbe.Login> login, boolean readOnly) throws Exception {
    assumeInstalled();
    Files.createDirectories(folder);
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    StringBuilder config = new StringBuilder();
    config.append("version: 0.1\n");
    config.append("log:\n  level: warn\n  accesslog:\n    disabled: true\n");
    config.append("storage:\n  filesystem:\n    rootdirectory: ").append(folder.resolve("data"));
    config.append("\n  delete:\n    enabled: true\n");
    if (readOnly) {
      config.append("  maintenance:\n    readonly:\n      enabled: true\n");
    }
    config.append("http:\n  addr: 127.0.0.1:").append(port).append('\n');
    if (login.isPresent()) {
      Path htpasswd = folder.resolve("htpasswd");
      List<String> lines = new ArrayList<>();
      Processes.Result r =
          Processes.plain()
              .run(
                  List.of("htpasswd", "-niB", login.get().user()),
                  null,
                  (login.get().password() + "\n").getBytes(StandardCharsets.UTF_8),
                  lines::add,
                  30);
      if (!r.ok()) {
        throw new IllegalStateException("htpasswd failed: " + r.tail());
      }
      Files.writeString(htpasswd, lines.get(0).strip() + "\n");
      config.append("auth:\n  htpasswd:\n    realm: fgd-test\n    path: ").append(htpasswd);
      config.append('\n');
    }
    Path file = folder.resolve("config.yml");
    Files.writeString(file, config.toString());
    Path log = folder.resolve("registry.log");
    Process p =
        new ProcessBuilder("docker-registry", "serve", file.toString())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    LocalRegistry registry = new LocalRegistry(p, port, log);
    registry.awaitUp();
    return registry;
  }

  private void awaitUp() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < until) {
      if (!process.isAlive()) {
        throw new IllegalStateException("docker-registry exited: " + Files.readString(log));
      }
      try {
        HttpResponse<Void> r =
            http.send(
                HttpRequest.newBuilder(URI.create("http://" + address() + "/v2/"))
                    .timeout(Duration.ofSeconds(2))
                    .build(),
                HttpResponse.BodyHandlers.discarding());
        if (r.statusCode() == 200 || r.statusCode() == 401) {
          return;
        }
      } catch (IOException e) {
        // not yet listening
      }
      Thread.sleep(50);
    }
    throw new IllegalStateException("docker-registry did not answer within 30s");
  }

  /** {@code 127.0.0.1:PORT}. */
  public String address() {
    return "127.0.0.1:" + port;
  }

  public String log() throws IOException {
    return Files.readString(log);
  }

  @Override
  public void close() throws Exception {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }
}
