package io.fgd.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fgd.runtime.build.Buildah;
import io.fgd.runtime.build.ImageRef;
import io.fgd.runtime.build.LocalRegistry;
import io.fgd.runtime.build.RegistryProbe;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code fgd build} on the command line, with a real buildah and a real registry on loopback. */
class BuildCommandIT {
  @TempDir Path tmp;

  LocalRegistry registry;
  Map<String, String> env;

  @BeforeEach
  void start() throws Exception {
    Buildah.assumeInstalled();
    registry = LocalRegistry.start(tmp.resolve("registry"));
    env = new HashMap<>(Buildah.environment(tmp.resolve("buildah")));
    env.put("PATH", System.getenv("PATH"));
  }

  @AfterEach
  void stop() throws Exception {
    if (registry != null) {
      registry.close();
    }
  }

  static String spec(String registryLine) {
    return """
        app shop {
          region         us-west-1
          account        123456789012
          cluster        shop
          execution_role "arn:aws:iam::123456789012:role/exec"
          %s
          network {
            subnets         subnet-0a1b2c3d
            security_groups sg-0123456789abcdef0
          }
        }

        service web {
          build {
            from "scratch"
            copy hello.txt /hello.txt
            cmd  ["/hello"]
          }
          health none
        }

        service api {
          image "nginx:1.27.3"
          health none
        }
        """
        .formatted(registryLine);
  }

  Path write(String text) throws Exception {
    Path folder = Files.createDirectories(tmp.resolve("app"));
    Files.writeString(folder.resolve("hello.txt"), "hello\n");
    return Files.writeString(folder.resolve("shop.fgd"), text);
  }

  @Test
  void buildsPushesAndThenFindsTheTagAlreadyThere() throws Exception {
    Path spec = write(spec("registry \"" + registry.address() + "\""));
    MainTest.Run first =
        MainTest.run(
            env,
            false,
            "build",
            spec.toString(),
            "--push",
            "--image-tag",
            "v1",
            "--builder",
            "buildah");
    assertEquals(0, first.code(), first.err() + first.out());
    String image = registry.address() + "/shop/web:v1";
    assertTrue(first.out().contains("web | "), first.out());
    assertTrue(first.out().contains("web: built and pushed " + image + " (sha256:"), first.out());
    assertFalse(
        first.out().contains("api"), "a service with an image is not built: " + first.out());

    MainTest.Run again =
        MainTest.run(env, false, "build", spec.toString(), "--push", "--image-tag", "v1", "--json");
    assertEquals(0, again.code(), again.err());
    JsonNode json = new ObjectMapper().readTree(again.out());
    JsonNode web = json.path("images").get(0);
    assertEquals("web", web.path("service").asText());
    assertEquals(image, web.path("image").asText());
    assertEquals("already-there", web.path("outcome").asText());
    var there = new RegistryProbe().probe(ImageRef.parse(image), Optional.empty());
    assertEquals(new RegistryProbe.Exists(web.path("digest").asText()), there);
    assertTrue(again.err().contains("is already in the registry"), again.err());
    assertFalse(again.err().contains("web | "), "the builder ran again: " + again.err());
  }

  @Test
  void noBuilderIsOneSentenceNamingWhatToInstall() throws Exception {
    Path spec = write(spec("registry \"" + registry.address() + "\""));
    Path empty = Files.createDirectories(tmp.resolve("empty-path"));
    env.put("PATH", empty.toString());
    MainTest.Run r = MainTest.run(env, false, "build", spec.toString(), "--image-tag", "v1");
    assertEquals(1, r.code());
    assertEquals(
        "Error: No image builder found: install Docker (with the buildx plugin and a running"
            + " daemon), Podman or Buildah, or name one on the PATH with --builder"
            + " docker|podman|buildah.\n",
        r.err());
  }

  @Test
  void outsideAGitWorkTreeTheTagMustBeGiven() throws Exception {
    Path spec = write(spec("registry \"" + registry.address() + "\""));
    MainTest.Run r = MainTest.run(env, false, "build", spec.toString());
    assertEquals(1, r.code());
    assertEquals(
        "Error: "
            + spec
            + " is not in a git work tree with a commit, so there is no default image tag: pass"
            + " --image-tag TAG.\n",
        r.err());
  }

  @Test
  void anUnknownServiceIsNamedWithThoseThatBuild() throws Exception {
    Path spec = write(spec("registry \"" + registry.address() + "\""));
    MainTest.Run r =
        MainTest.run(env, false, "build", spec.toString(), "--image-tag", "v1", "--service", "wbe");
    assertEquals(1, r.code());
    assertEquals(
        "Error: --service wbe: not a service built from source; those are: web.\n", r.err());
  }

  @Test
  void aMissingCopySourceIsOneSentenceAndNothingIsBuilt() throws Exception {
    Path spec =
        write(
            spec("registry \"" + registry.address() + "\"")
                .replace("copy hello.txt /hello.txt", "copy gone.txt /gone.txt"));
    MainTest.Run r =
        MainTest.run(env, false, "build", spec.toString(), "--push", "--image-tag", "v1");
    assertEquals(1, r.code(), r.out());
    assertTrue(
        r.err()
            .startsWith(
                "Error: service \"web\": its build copies \"gone.txt\", which does not exist in"
                    + " the build context "),
        r.err());
    assertFalse(r.out().contains("web | "), r.out());
  }
}
