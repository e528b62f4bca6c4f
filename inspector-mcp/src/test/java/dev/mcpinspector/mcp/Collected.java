package dev.mcpinspector.mcp;

import dev.mcpinspector.core.event.StreamItem;
import dev.mcpinspector.core.event.Subscription;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Predicate;

/** Collects a subscription's events and waits, on its ready signal, until a condition holds. */
final class Collected<T> implements AutoCloseable {

  private final Semaphore ready = new Semaphore(0);
  private final Subscription<T> subscription;
  private final List<T> items = new ArrayList<>();

  Collected(Function<Runnable, Subscription<T>> subscribe) {
    this.subscription = subscribe.apply(ready::release);
  }

  /** Waits (at most 30 s) until the events received so far satisfy the condition. */
  List<T> awaitUntil(Predicate<List<T>> done) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (true) {
      for (StreamItem<T> item : subscription.poll(1000)) {
        if (item instanceof StreamItem.Event<T> e) {
          items.add(e.value());
        }
      }
      if (done.test(items)) {
        return List.copyOf(items);
      }
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new AssertionError("condition not reached; events so far: " + items);
      }
      // The ready signal may have fired before the poll above took the events: bound each wait.
      ready.tryAcquire(Math.min(left, TimeUnit.MILLISECONDS.toNanos(200)), TimeUnit.NANOSECONDS);
    }
  }

  @Override
  public void close() {
    subscription.close();
  }
}
