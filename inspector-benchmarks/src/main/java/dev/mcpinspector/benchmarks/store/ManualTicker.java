package dev.mcpinspector.benchmarks.store;

import dev.mcpinspector.core.time.Ticker;
import java.util.concurrent.atomic.AtomicLong;

/** A ticker the benchmark moves by hand, so sweeps find a known set of sessions due. */
public final class ManualTicker implements Ticker {

  private final AtomicLong nanos = new AtomicLong();

  @Override
  public long read() {
    return nanos.get();
  }

  /**
   * Moves time forward.
   *
   * @param deltaNanos how far
   */
  public void advance(long deltaNanos) {
    nanos.addAndGet(deltaNanos);
  }
}
