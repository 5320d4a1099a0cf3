package io.fgd.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fgd.runtime.aws.AwsClients;
import io.fgd.runtime.aws.AwsSettings;
import io.fgd.runtime.build.Buildah;
import io.fgd.runtime.build.ImageRef;
import io.fgd.runtime.build.LocalRegistry;
import io.fgd.runtime.build.RegistryProbe;
import io.fgd.runtime.moto.MotoNetwork;
import io.fgd.runtime.moto.MotoServer;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * {@code fgd apply --build}: the images are built and pushed (real buildah, a real registry on
 * loopback) before moto's ECS is changed at all, and a build that fails applies nothing.
 */
class ApplyBuildIT {
  @TempDir Path tmp;

  URI endpoint;
  AwsClients clients;
  MotoNetwork network;
  LocalRegistry registry;
  Map<String, String> env;

  @BeforeEach
  void start() throws Exception {
    Buildah.assumeInstalled();
    endpoint = MotoServer.shared().endpoint();
    System.setProperty("aws.accessKeyId", "test");
    System.setProperty("aws.secretAccessKey", "test");
    MotoServer.shared().reset();
    var credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));
    clients =
        AwsClients.create(
            new AwsSettings(Optional.empty(), Optional.of("us-west-1"), Optional.of(endpoint)),
            credentials);
    network = MotoNetwork.create(endpoint, "us-west-1", credentials);
    registry = LocalRegistry.start(tmp.resolve("registry"));
    env = new HashMap<>(Buildah.environment(tmp.resolve("buildah")));
    env.put("PATH", System.getenv("PATH"));
  }

  @AfterEach
  void stop() throws Exception {
    clients.close();
    registry.close();
  }

  Path spec(String copy) throws Exception {
    Path folder = Files.createDirectories(tmp.resolve("app"));
    Files.writeString(folder.resolve("hello.txt"), "hello\n");
    return Files.writeString(
        folder.resolve("shop.fgd"),
        """
        app shop {
          region         us-west-1
          account        123456789012
          cluster        shop
          execution_role "arn:aws:iam::123456789012:role/ecsTaskExecutionRole"
          registry       "%s"
          network {
            subnets         %s
            security_groups %s
          }
        }

        service web {
          build {
            from "scratch"
            copy %s /hello.txt
            cmd  ["/hello"]
          }
          health none
        }
        """
            .formatted(
                registry.address(),
                network.subnets().get(0),
                network.securityGroups().get(0),
                copy));
  }

  MainTest.Run fgd(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--endpoint-url", endpoint.toString()));
    return MainTest.run(env, false, all.toArray(String[]::new));
  }

  @Test
  void buildsAndPushesBeforeApplyingThenPlansNoChanges() throws Exception {
    Path spec = spec("hello.txt");
    MainTest.Run r =
        fgd(
            "apply",
            spec.toString(),
            "--build",
            "--image-tag",
            "a1",
            "--auto-approve",
            "--no-wait");
    assertEquals(0, r.code(), r.out() + r.err());
    String image = registry.address() + "/shop/web:a1";
    String out = r.out();
    int announced =
        out.indexOf("Images to build and push before applying (--build):\n  web: " + image);
    int pushed = out.indexOf("web: built and pushed " + image + " (sha256:");
    int applied = out.indexOf("Apply complete");
    assertTrue(announced >= 0 && pushed > announced && applied > pushed, out);
    assertInstanceOf(
        RegistryProbe.Exists.class,
        new RegistryProbe().probe(ImageRef.parse(image), Optional.empty()));
    String running =
        clients
            .ecs()
            .describeTaskDefinition(q -> q.taskDefinition("shop-web"))
            .taskDefinition()
            .containerDefinitions()
            .get(0)
            .image();
    assertEquals(image, running);

    // The task definition runs the pushed image: planning the same tag again changes none. (moto
    // keeps no circuit breaker or managed tags on a service, so the service itself shows those.)
    MainTest.Run plan = fgd("plan", spec.toString(), "--image-tag", "a1");
    assertEquals(0, plan.code(), plan.out() + plan.err());
    assertFalse(plan.out().contains("task definition"), plan.out());
  }

  @Test
  void aFailedBuildAppliesNothing() throws Exception {
    Path spec = spec("missing.txt");
    MainTest.Run r =
        fgd(
            "apply",
            spec.toString(),
            "--build",
            "--image-tag",
            "a2",
            "--auto-approve",
            "--no-wait");
    assertEquals(1, r.code(), r.out() + r.err());
    assertTrue(
        r.err().contains("service \"web\": its build copies \"missing.txt\", which does not exist"),
        r.err());
    assertTrue(r.err().contains("Nothing was applied"), r.err());
    assertFalse(r.out().contains("Apply complete"), r.out());
    assertEquals(
        List.of(),
        clients.ecs().describeClusters(q -> q.clusters("shop")).clusters().stream()
            .filter(c -> "ACTIVE".equals(c.status()))
            .toList());
    assertEquals(
        List.of(),
        clients.logs().describeLogGroups(q -> q.logGroupNamePrefix("/ecs/shop")).logGroups());
  }

  @Test
  void aSavedPlanCannotBeBuilt() throws Exception {
    Path spec = spec("hello.txt");
    Path saved = tmp.resolve("shop.plan");
    MainTest.Run plan =
        fgd("plan", spec.toString(), "--image-tag", "a3", "--out", saved.toString());
    assertEquals(0, plan.code(), plan.err());
    MainTest.Run r = fgd("apply", saved.toString(), "--build");
    assertEquals(64, r.code(), r.err());
    assertTrue(r.err().startsWith("Error: --build cannot change a saved plan"), r.err());
  }
}
