package io.fgd.runtime.deploy;

import java.time.Instant;
import java.util.Optional;

/**
 * Where a canary, linear or blue/green deployment is: the lifecycle stage ECS reports for the
 * service deployment (ServiceDeployment.lifecycleStage), said in words, and when a bake ends.
 *
 * @param service the service
 * @param stage ECS's stage, such as {@code PRODUCTION_TRAFFIC_SHIFT} or {@code BAKE_TIME}
 * @param words the stage for people: {@code canary 10% for 5m}, {@code bake 10m}
 * @param bakeEnds when the bake now running ends, counted from when fgd first saw the stage
 */
public record StageView(String service, String stage, String words, Optional<Instant> bakeEnds) {
  /** {@code bake: 4m left} while a bake runs, else the words. */
  public String at(Instant now) {
    if (bakeEnds.isEmpty()) {
      return words;
    }
    long seconds = Math.max(0, java.time.Duration.between(now, bakeEnds.get()).toSeconds());
    return words + ", " + (seconds >= 60 ? (seconds + 59) / 60 + "m" : seconds + "s") + " left";
  }
}
