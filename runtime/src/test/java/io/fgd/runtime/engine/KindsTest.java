package io.fgd.runtime.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The registry's order comes from what the kinds declare they depend on. */
class KindsTest {
  /** A kind that declares only its id and dependencies. */
  record Declared(String id, List<String> dependsOn) implements Kind {
    @Override
    public String label() {
      return id;
    }
  }

  static List<String> ids(List<Kind> kinds) {
    return kinds.stream().map(Kind::id).toList();
  }

  @Test
  void creationFollowsDependenciesAndDeletionReversesIt() {
    assertEquals(
        List.of(
            "ecs_cluster",
            "ecr_repository",
            "cloudmap_namespace",
            "log_group",
            "task_definition",
            "before_deploy",
            "target_group",
            "security_group",
            "load_balancer",
            "listener_rule",
            "alarm",
            "ecs_service",
            "scalable_target",
            "scaling_policy",
            "schedule_group",
            "job_task_definition",
            "schedule"),
        ids(Kinds.ALL));
    assertEquals(
        List.of(
            "schedule",
            "job_task_definition",
            "schedule_group",
            "scaling_policy",
            "scalable_target",
            "ecs_service",
            "alarm",
            "listener_rule",
            "load_balancer",
            "security_group",
            "target_group",
            "before_deploy",
            "task_definition",
            "log_group",
            "cloudmap_namespace",
            "ecr_repository",
            "ecs_cluster"),
        ids(Kinds.deletionOrder()));
  }

  @Test
  void aKindComesAfterWhatItDependsOnWhereverItIsRegistered() {
    Kind listener = new Declared("listener", List.of("target_group"));
    Kind targetGroup = new Declared("target_group", List.of());
    Kind rule = new Declared("listener_rule", List.of("listener", "target_group"));
    assertEquals(
        List.of("target_group", "listener", "listener_rule"),
        ids(Kinds.creationOrder(List.of(rule, listener, targetGroup))));
  }

  @Test
  void aCycleOrAnUnknownDependencyIsABugInTheRegistry() {
    Kind a = new Declared("a", List.of("b"));
    Kind b = new Declared("b", List.of("a"));
    assertEquals(
        "kinds depend on each other in a cycle: a",
        assertThrows(IllegalStateException.class, () -> Kinds.creationOrder(List.of(a, b)))
            .getMessage());
    assertEquals(
        "a depends on b, which is no kind",
        assertThrows(IllegalStateException.class, () -> Kinds.creationOrder(List.of(a)))
            .getMessage());
  }
}
