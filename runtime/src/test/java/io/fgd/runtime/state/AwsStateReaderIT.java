package io.fgd.runtime.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fgd.runtime.FgdRuntimeException;
import io.fgd.runtime.aws.AwsClients;
import io.fgd.runtime.aws.AwsSettings;
import io.fgd.runtime.moto.MotoExtension;
import io.fgd.runtime.moto.MotoServer;
import io.fgd.runtime.plan.Fixtures;
import io.fgd.runtime.plan.Planner;
import java.net.ServerSocket;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

@ExtendWith(MotoExtension.class)
class AwsStateReaderIT {
  private static final StaticCredentialsProvider KEYS =
      StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing"));

  private static AwsSettings settings(URI endpoint) {
    return new AwsSettings(Optional.empty(), Optional.of("us-west-1"), Optional.of(endpoint));
  }

  @Test
  void servicesAreReadTenPerCallAndOwnershipByTag(MotoServer moto) throws Exception {
    AwsSettings settings = settings(moto.endpoint());
    try (AwsClients clients = AwsClients.create(settings, KEYS)) {
      clients.ecs().createCluster(r -> r.clusterName("c"));
      String td =
          clients.ecs().registerTaskDefinition(r -> r.family("f").containerDefinitions(c -> c.name("x").image("busybox").memory(128)))
              .taskDefinition().taskDefinitionArn();
      List<String> names = new ArrayList<>();
      for (int i = 0; i < 12; i++) {
        String name = "s" + i;
        names.add(name);
        String app = i < 11 ? "mine" : "theirs";
        clients.ecs().createService(r -> r.cluster("c").serviceName(name).taskDefinition(td).desiredCount(1)
            .tags(t -> t.key("fgd:app").value(app)));
      }
      AwsStateReader reader = new AwsStateReader(clients, settings);
      assertEquals(12, reader.readServices("c", names).size());
      assertEquals(2, reader.apiCalls());

      // Owned: tagged fgd:app=mine, minus the ones the spec still has.
      var owned = reader.listOwnedServices("c", "mine", Set.of("s0", "s1"));
      assertEquals(Set.of("s2", "s3", "s4", "s5", "s6", "s7", "s8", "s9", "s10"), owned.keySet());
    }
  }

  @Test
  void unreachableEndpointIsOneClearSentence() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    AwsSettings settings = settings(URI.create("http://127.0.0.1:" + port));
    var e = assertThrows(FgdRuntimeException.class, () -> {
      try (AwsClients clients = AwsClients.create(settings, KEYS)) {
        Planner.plan(Fixtures.desired(Fixtures.sheets()), new AwsStateReader(clients, settings));
      }
    });
    assertTrue(e.getMessage().startsWith("Could not reach AWS at http://127.0.0.1:" + port + " in us-west-1 while "), e.getMessage());
  }

  @Test
  void unknownProfileIsMissingCredentials(MotoServer moto) {
    AwsSettings settings =
        new AwsSettings(Optional.of("fgd-test-no-such-profile"), Optional.of("us-west-1"), Optional.of(moto.endpoint()));
    var e = assertThrows(FgdRuntimeException.class, () -> Planner.plan("sheets", Fixtures.sheets(), settings));
    assertTrue(e.getMessage().startsWith("No AWS credentials were found while "), e.getMessage());
  }
}
