package io.fgd.runtime.deploy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/** A clock that only moves when the watcher "sleeps", so waiting costs no real time. */
public final class FakeTime extends Clock implements Sleeper {
  private final AtomicReference<Instant> now;
  private final AtomicInteger sleeps = new AtomicInteger();

  public FakeTime(Instant start) {
    now = new AtomicReference<>(start);
  }

  @Override
  public void sleep(Duration duration) {
    sleeps.incrementAndGet();
    now.updateAndGet(t -> t.plus(duration));
  }

  int sleeps() {
    return sleeps.get();
  }

  @Override
  public Instant instant() {
    return now.get();
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }
}
