package io.fgd.runtime.plan;

/** The kinds of AWS object a plan can change, in the order a plan lists them within a service. */
public enum ResourceType {
  CLUSTER("cluster", "ecs_cluster"),
  LOG_GROUP("log group", "log_group"),
  TASK_DEFINITION("task definition", "task_definition"),
  SERVICE("service", "ecs_service"),
  SCALABLE_TARGET("autoscaling target", "scalable_target"),
  SCALING_POLICY("scaling policy", "scaling_policy");

  private final String label;
  private final String id;

  ResourceType(String label, String id) {
    this.label = label;
    this.id = id;
  }

  /** For people: "task definition". */
  public String label() {
    return label;
  }

  /** For machines (the JSON rendering): "task_definition". */
  public String id() {
    return id;
  }
}
