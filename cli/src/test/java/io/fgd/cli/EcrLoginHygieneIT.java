package io.fgd.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fgd.runtime.build.Buildah;
import io.fgd.runtime.build.ImageRef;
import io.fgd.runtime.build.LocalRegistry;
import io.fgd.runtime.build.RegistryProbe;
import io.fgd.runtime.sandbox.Moto;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ECR login, for real and without leaks: moto answers ECR's GetAuthorizationToken (its token
 * decodes to {@code AWS:ACCOUNT-auth-token}), and a local registry that asks for exactly that user
 * and password (htpasswd) stands in for the ECR registry host ({@code FGD_REGISTRY_ENDPOINT}). fgd
 * must log buildah in and push; and while it runs, a watcher reads every process's argument list
 * and environment ({@code /proc/PID/cmdline}, {@code /proc/PID/environ}) for the password or the
 * token. Afterwards neither may be in fgd's output, in the builder's own login file, or in any file
 * left in the temporary folder.
 */
class EcrLoginHygieneIT {
  static final String ACCOUNT = "123456789012";
  static final String PASSWORD = ACCOUNT + "-auth-token";
  static final String TOKEN =
      Base64.getEncoder().encodeToString(("AWS:" + PASSWORD).getBytes(StandardCharsets.UTF_8));

  @TempDir static Path tmp;
  static Process moto;
  static URI endpoint;

  @BeforeAll
  static void startMoto() throws Exception {
    Buildah.assumeInstalled();
    LocalRegistry.assumeInstalled();
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    moto = Moto.start(Moto.install(), port, tmp.resolve("moto.log"));
    endpoint = Moto.endpoint(port);
    System.setProperty("aws.accessKeyId", "test");
    System.setProperty("aws.secretAccessKey", "test");
  }

  @AfterAll
  static void stopMoto() {
    if (moto != null) {
      moto.destroy();
    }
  }

  /** Reads every process's argv and environment until stopped, counting buildah processes seen. */
  static final class Watcher implements AutoCloseable {
    final List<String> leaks = Collections.synchronizedList(new ArrayList<>());
    final AtomicInteger buildahSeen = new AtomicInteger();
    final AtomicBoolean running = new AtomicBoolean(true);
    final Thread thread;
    final long self = ProcessHandle.current().pid();

    Watcher() {
      thread = new Thread(this::watch, "secret-watcher");
      thread.setDaemon(true);
      thread.start();
    }

    void watch() {
      while (running.get()) {
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
          for (Path p : (Iterable<Path>) procs::iterator) {
            String name = p.getFileName().toString();
            if (!name.chars().allMatch(Character::isDigit) || Long.parseLong(name) == self) {
              continue;
            }
            for (String file : List.of("cmdline", "environ")) {
              String text = read(p.resolve(file));
              if (file.equals("cmdline") && text.contains("buildah")) {
                buildahSeen.incrementAndGet();
              }
              if (text.contains(PASSWORD) || text.contains(TOKEN)) {
                leaks.add(name + "/" + file + ": " + text.replace('\0', ' '));
              }
            }
          }
        } catch (IOException e) {
          // a process list that changed under us: read it again
        }
      }
    }

    static String read(Path file) {
      try {
        return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
      } catch (IOException | SecurityException e) {
        return "";
      }
    }

    @Override
    public void close() throws InterruptedException {
      running.set(false);
      thread.join();
    }
  }

  static List<Path> filesHolding(Path folder, String... needles) throws IOException {
    List<Path> out = new ArrayList<>();
    if (!Files.isDirectory(folder)) {
      return out;
    }
    try (Stream<Path> all = Files.walk(folder)) {
      for (Path p : (Iterable<Path>) all::iterator) {
        if (Files.isRegularFile(p) && Files.size(p) < 10_000_000) {
          String text = new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1);
          for (String n : needles) {
            if (text.contains(n)) {
              out.add(p);
            }
          }
        }
      }
    } catch (IOException | java.io.UncheckedIOException e) {
      // another test's files came and went
    }
    return out;
  }

  @Test
  void logsInWithTheEcrTokenOnStandardInputAndLeavesItNowhere() throws Exception {
    RegistryProbe.Login login = new RegistryProbe.Login("AWS", PASSWORD);
    try (LocalRegistry registry =
        LocalRegistry.start(tmp.resolve("registry"), Optional.of(login), false)) {
      Path folder = Files.createDirectories(tmp.resolve("app"));
      Files.writeString(folder.resolve("hello.txt"), "hello\n");
      Path spec =
          Files.writeString(
              folder.resolve("shop.fgd"),
              BuildCommandIT.spec("# the default registry: the account's ECR"));
      Map<String, String> env = new HashMap<>(Buildah.environment(tmp.resolve("buildah")));
      env.put("PATH", System.getenv("PATH"));
      env.put(BuildCommand.REGISTRY_ENDPOINT, registry.address());
      String[] args = {
        "--debug",
        "build",
        spec.toString(),
        "--push",
        "--image-tag",
        "e1",
        "--builder",
        "buildah",
        "--endpoint-url",
        endpoint.toString()
      };
      List<Path> before = filesHolding(Path.of(System.getProperty("java.io.tmpdir")), PASSWORD);

      MainTest.Run first;
      MainTest.Run again;
      int seen;
      List<String> leaks;
      try (Watcher watcher = new Watcher()) {
        first = MainTest.run(env, false, args);
        again = MainTest.run(env, false, args);
        watcher.close();
        seen = watcher.buildahSeen.get();
        leaks = List.copyOf(watcher.leaks);
      }
      assertEquals(0, first.code(), first.err() + first.out());
      String image = ACCOUNT + ".dkr.ecr.us-west-1.amazonaws.com/shop/web:e1";
      assertTrue(first.out().contains("web: built and pushed " + image), first.out());
      ImageRef pushed = ImageRef.parse(registry.address() + "/shop/web:e1");
      assertInstanceOf(
          RegistryProbe.Exists.class, new RegistryProbe().probe(pushed, Optional.of(login)));
      assertInstanceOf(
          RegistryProbe.Unknown.class, new RegistryProbe().probe(pushed, Optional.empty()));
      // the second run logged in again and found the tag there
      assertEquals(0, again.code(), again.err());
      assertTrue(again.out().contains("is already in the registry"), again.out());
      // The first push needed the repository: fgd made it (the ECR repository kind's calls)
      // before pushing, with its lifecycle policy; the second run found it there.
      assertTrue(first.out().contains("web: created the ECR repository shop/web"), first.out());
      assertFalse(again.out().contains("created the ECR repository"), again.out());
      try (var ecr =
          software.amazon.awssdk.services.ecr.EcrClient.builder()
              .endpointOverride(endpoint)
              .region(software.amazon.awssdk.regions.Region.US_WEST_1)
              .credentialsProvider(
                  software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                      software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create(
                          "testing", "testing")))
              .build()) {
        assertEquals(
            io.fgd.compiler.emit.ecs.EcrEmitter.lifecyclePolicy(30),
            ecr.getLifecyclePolicy(q -> q.repositoryName("shop/web")).lifecyclePolicyText());
        assertEquals(
            "IMMUTABLE",
            ecr.describeRepositories(q -> q.repositoryNames("shop/web"))
                .repositories()
                .get(0)
                .imageTagMutabilityAsString());
      }

      assertTrue(seen > 0, "the watcher never saw buildah run, so it proves nothing");
      assertEquals(List.of(), leaks, "the password reached a process's argv or environment");
      for (MainTest.Run r : List.of(first, again)) {
        for (String s : List.of(r.out(), r.err())) {
          assertFalse(s.contains(PASSWORD) || s.contains(TOKEN), s);
        }
      }
      assertEquals(
          List.of(), filesHolding(tmp.resolve("buildah"), PASSWORD, TOKEN), "in buildah's files");
      List<Path> after =
          filesHolding(Path.of(System.getProperty("java.io.tmpdir")), PASSWORD, TOKEN);
      after.removeAll(before);
      assertEquals(List.of(), after, "a file holding the token outlived the command");
    }
  }
}
