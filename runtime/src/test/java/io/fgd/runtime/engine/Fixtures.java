package io.fgd.runtime.engine;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fgd.compiler.Artifact;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** The "sheets" app's emitted ECS JSON, hand-written in the emitter's contract. */
public final class Fixtures {
  static final ObjectMapper JSON = new ObjectMapper();
  static final List<String> FILES =
      List.of(
          "api/taskdef.json",
          "api/service.json",
          "api/scaling.json",
          "server/taskdef.json",
          "server/service.json");

  private Fixtures() {}

  public static List<Artifact> sheets() {
    List<Artifact> out = new ArrayList<>();
    for (String f : FILES) {
      try (InputStream in = Fixtures.class.getResourceAsStream("/fixtures/sheets/" + f)) {
        out.add(new Artifact(f, in.readAllBytes()));
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }
    return out;
  }

  /** The fixtures with one file edited. */
  public static List<Artifact> sheetsWith(String path, Consumer<ObjectNode> edit) {
    List<Artifact> out = new ArrayList<>();
    for (Artifact a : sheets()) {
      if (a.path().equals(path)) {
        try {
          ObjectNode node = (ObjectNode) JSON.readTree(a.content());
          edit.accept(node);
          out.add(new Artifact(path, JSON.writeValueAsBytes(node)));
        } catch (IOException e) {
          throw new IllegalStateException(e);
        }
      } else {
        out.add(a);
      }
    }
    return out;
  }

  /** Every service.json of the artifacts moved into the given subnets and security groups. */
  public static List<Artifact> inNetwork(
      List<Artifact> artifacts, List<String> subnets, List<String> groups) {
    List<Artifact> out = new ArrayList<>();
    for (Artifact a : artifacts) {
      if (!a.path().endsWith("/service.json")) {
        out.add(a);
        continue;
      }
      try {
        ObjectNode node = (ObjectNode) JSON.readTree(a.content());
        ObjectNode vpc = (ObjectNode) node.path("networkConfiguration").path("awsvpcConfiguration");
        vpc.set("subnets", JSON.valueToTree(subnets));
        vpc.set("securityGroups", JSON.valueToTree(groups));
        out.add(new Artifact(a.path(), JSON.writeValueAsBytes(node)));
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }
    return out;
  }

  public static List<Artifact> without(List<Artifact> artifacts, String prefix) {
    return artifacts.stream().filter(a -> !a.path().startsWith(prefix)).toList();
  }

  public static DesiredState desired(List<Artifact> artifacts) {
    try {
      return DesiredState.fromArtifacts("sheets", artifacts);
    } catch (PlanInputException e) {
      throw new IllegalStateException(e);
    }
  }
}
