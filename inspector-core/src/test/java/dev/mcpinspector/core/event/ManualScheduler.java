package dev.mcpinspector.core.event;

import dev.mcpinspector.core.time.FakeTicker;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.Delayed;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A scheduler for tests whose time is a {@link FakeTicker}: tasks run only in {@link #runDue()}, on
 * the calling thread, when the ticker has reached their deadline.
 */
public final class ManualScheduler extends AbstractExecutorService
    implements ScheduledExecutorService {

  private final FakeTicker ticker;
  private final List<Task> tasks = new ArrayList<>();
  private boolean shutdown;

  /**
   * Creates a scheduler driven by the given ticker.
   *
   * @param ticker the time source
   */
  public ManualScheduler(FakeTicker ticker) {
    this.ticker = ticker;
  }

  /**
   * Runs every task whose deadline has passed, in deadline order, including periodic ones (once per
   * call each).
   *
   * @return how many tasks ran
   */
  public int runDue() {
    int ran = 0;
    while (true) {
      Task next;
      synchronized (this) {
        next =
            tasks.stream()
                .filter(t -> !t.cancelled && t.deadline <= ticker.read())
                .min(Comparator.comparingLong(t -> t.deadline))
                .orElse(null);
        if (next == null) {
          tasks.removeIf(t -> t.cancelled);
          return ran;
        }
        tasks.remove(next);
      }
      next.command.run();
      ran++;
      if (next.period > 0 && !next.cancelled) {
        synchronized (this) {
          next.deadline += next.period;
          if (next.deadline <= ticker.read()) {
            next.deadline = ticker.read() + next.period;
          }
          tasks.add(next);
        }
      }
    }
  }

  /**
   * Tasks scheduled and not cancelled.
   *
   * @return the count
   */
  public synchronized int pendingTasks() {
    return (int) tasks.stream().filter(t -> !t.cancelled).count();
  }

  private synchronized Task add(Runnable command, long delayNanos, long periodNanos) {
    Task task = new Task(command, ticker.read() + Math.max(0, delayNanos), periodNanos);
    tasks.add(task);
    return task;
  }

  @Override
  public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
    return add(command, unit.toNanos(delay), 0);
  }

  @Override
  public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
    throw new UnsupportedOperationException("not needed by the tests");
  }

  @Override
  public ScheduledFuture<?> scheduleAtFixedRate(
      Runnable command, long initialDelay, long period, TimeUnit unit) {
    return add(command, unit.toNanos(initialDelay), unit.toNanos(period));
  }

  @Override
  public ScheduledFuture<?> scheduleWithFixedDelay(
      Runnable command, long initialDelay, long delay, TimeUnit unit) {
    return add(command, unit.toNanos(initialDelay), unit.toNanos(delay));
  }

  @Override
  public void execute(Runnable command) {
    add(command, 0, 0);
  }

  @Override
  public synchronized void shutdown() {
    shutdown = true;
  }

  @Override
  public synchronized List<Runnable> shutdownNow() {
    shutdown = true;
    List<Runnable> out = new ArrayList<>();
    tasks.forEach(t -> out.add(t.command));
    tasks.clear();
    return out;
  }

  @Override
  public synchronized boolean isShutdown() {
    return shutdown;
  }

  @Override
  public synchronized boolean isTerminated() {
    return shutdown;
  }

  @Override
  public boolean awaitTermination(long timeout, TimeUnit unit) {
    return true;
  }

  private final class Task implements ScheduledFuture<Object> {
    final Runnable command;
    final long period;
    long deadline;
    volatile boolean cancelled;

    Task(Runnable command, long deadline, long period) {
      this.command = command;
      this.deadline = deadline;
      this.period = period;
    }

    @Override
    public long getDelay(TimeUnit unit) {
      return unit.convert(deadline - ticker.read(), TimeUnit.NANOSECONDS);
    }

    @Override
    public int compareTo(Delayed other) {
      return Long.compare(getDelay(TimeUnit.NANOSECONDS), other.getDelay(TimeUnit.NANOSECONDS));
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
      cancelled = true;
      return true;
    }

    @Override
    public boolean isCancelled() {
      return cancelled;
    }

    @Override
    public boolean isDone() {
      return cancelled;
    }

    @Override
    public Object get() {
      throw new UnsupportedOperationException("not needed by the tests");
    }

    @Override
    public Object get(long timeout, TimeUnit unit) {
      throw new UnsupportedOperationException("not needed by the tests");
    }
  }
}
