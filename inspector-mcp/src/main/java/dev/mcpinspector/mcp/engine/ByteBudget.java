package dev.mcpinspector.mcp.engine;

import java.util.concurrent.atomic.AtomicLong;

/** A global budget of response bytes held in memory at once. Thread-safe. */
final class ByteBudget {

  private final long max;
  private final AtomicLong used = new AtomicLong();

  ByteBudget(long max) {
    this.max = max;
  }

  /** Takes {@code n} bytes; false (and nothing taken) when the budget would be exceeded. */
  boolean tryReserve(long n) {
    while (true) {
      long u = used.get();
      if (u + n > max) {
        return false;
      }
      if (used.compareAndSet(u, u + n)) {
        return true;
      }
    }
  }

  void release(long n) {
    if (n > 0) {
      used.addAndGet(-n);
    }
  }

  long used() {
    return used.get();
  }

  long max() {
    return max;
  }
}
