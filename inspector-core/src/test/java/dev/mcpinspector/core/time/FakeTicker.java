package dev.mcpinspector.core.time;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A ticker and wall clock for tests that only move when told to. Thread-safe. Both views advance
 * together, so wall timestamps and monotonic deadlines stay consistent.
 */
public final class FakeTicker extends Clock implements Ticker {

  private static final Instant EPOCH = Instant.parse("2026-01-01T00:00:00Z");
  private final AtomicLong nanos = new AtomicLong();

  @Override
  public long read() {
    return nanos.get();
  }

  /**
   * Moves time forward.
   *
   * @param duration how far; must not be negative
   * @return this ticker
   */
  public FakeTicker advance(Duration duration) {
    if (duration.isNegative()) {
      throw new IllegalArgumentException("cannot move time backwards: " + duration);
    }
    nanos.addAndGet(duration.toNanos());
    return this;
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException("FakeTicker is always UTC");
  }

  @Override
  public Instant instant() {
    return EPOCH.plusNanos(nanos.get());
  }

  @Override
  public long millis() {
    return instant().toEpochMilli();
  }
}
