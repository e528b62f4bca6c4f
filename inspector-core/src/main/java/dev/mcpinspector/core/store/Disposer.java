package dev.mcpinspector.core.store;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Closes removed managers on a small pool, a batch per removal event (one task for a sweep that
 * removed a thousand sessions). A watchdog on the scheduler abandons a {@code close()} that runs
 * past the timeout: it is counted, logged and interrupted, and a fresh runner continues the rest of
 * the batch, so one hung close never holds up another. Abandoned runners are compensated with extra
 * pool threads, up to a cap, so hung closes cannot starve the pool.
 */
final class Disposer {

  private static final System.Logger LOG = System.getLogger(ClientManagerStore.class.getName());
  private static final int MAX_EXTRA_THREADS = 16;
  private static final int IDLE = -1;
  private static final int DONE = -3;

  private final ThreadPoolExecutor executor;
  private final ScheduledExecutorService scheduler;
  private final long timeoutNanos;
  private final int baseThreads;
  private final Set<Batch> active = ConcurrentHashMap.newKeySet();
  private final Object idleMonitor = new Object();
  private int extraThreads; // guarded by this
  private volatile boolean shuttingDown;

  final AtomicLong closed = new AtomicLong();
  final AtomicLong failures = new AtomicLong();
  final AtomicLong timeouts = new AtomicLong();
  final AtomicLong pending = new AtomicLong();

  /** How long {@link #abandonAll()} waits for a concurrent abandonment to be counted. */
  private static final Duration SETTLE = Duration.ofSeconds(1);

  Disposer(ScheduledExecutorService scheduler, Duration timeout, int threads) {
    this.scheduler = scheduler;
    this.timeoutNanos = timeout.toNanos();
    this.baseThreads = threads;
    this.executor =
        new ThreadPoolExecutor(
            threads,
            threads,
            30,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(),
            daemonThreads("mcp-inspector-store-close-"));
    this.executor.allowCoreThreadTimeOut(true);
  }

  static ThreadFactory daemonThreads(String prefix) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  /** Closes the managers in the background; never blocks on a close. */
  void dispose(List<? extends AutoCloseable> managers) {
    if (managers.isEmpty()) {
      return;
    }
    Batch batch = new Batch(managers.toArray(new AutoCloseable[0]));
    pending.addAndGet(batch.items.length);
    active.add(batch);
    Runner runner = new Runner(batch);
    batch.runner = runner;
    try {
      executor.execute(runner);
    } catch (RejectedExecutionException e) {
      // Only after shutdown: a creation that raced close() must still close what it created.
      runner.run();
      return;
    }
    watchLater(batch, timeoutNanos);
  }

  private void watchLater(Batch batch, long delayNanos) {
    try {
      scheduler.schedule(() -> watch(batch), delayNanos, TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException e) {
      LOG.log(Level.DEBUG, "scheduler is shut down; close timeouts are no longer watched");
    }
  }

  private void watch(Batch batch) {
    Runner r = batch.runner;
    int index = r.index;
    if (index == DONE) {
      return;
    }
    if (index >= 0) {
      long elapsed = System.nanoTime() - r.startedAt;
      if (elapsed < timeoutNanos) {
        watchLater(batch, timeoutNanos - elapsed);
        return;
      }
      r.grew = !shuttingDown && grow();
      if (batch.decide(index)) {
        timedOut(batch.items[index]);
        Thread thread = r.thread;
        if (thread != null) {
          thread.interrupt();
        }
        if (shuttingDown) {
          return;
        }
        Runner next = new Runner(batch);
        batch.runner = next;
        try {
          executor.execute(next);
        } catch (RejectedExecutionException e) {
          abandonRest(batch);
          return;
        }
      } else if (r.grew) {
        r.grew = false;
        shrink();
      }
    }
    watchLater(batch, timeoutNanos);
  }

  private void timedOut(AutoCloseable manager) {
    timeouts.incrementAndGet();
    LOG.log(
        Level.WARNING,
        "close() of a removed {0} did not return within {1}; abandoned it",
        manager.getClass().getName(),
        Duration.ofNanos(timeoutNanos));
    finishOne();
  }

  private synchronized boolean grow() {
    if (extraThreads >= MAX_EXTRA_THREADS) {
      return false;
    }
    extraThreads++;
    executor.setMaximumPoolSize(baseThreads + extraThreads);
    executor.setCorePoolSize(baseThreads + extraThreads);
    return true;
  }

  private synchronized void shrink() {
    extraThreads--;
    executor.setCorePoolSize(baseThreads + extraThreads);
    executor.setMaximumPoolSize(baseThreads + extraThreads);
  }

  private void finishOne() {
    if (pending.decrementAndGet() == 0) {
      synchronized (idleMonitor) {
        idleMonitor.notifyAll();
      }
    }
  }

  /** Waits until no close is outstanding, at most the given time. */
  boolean awaitIdle(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (idleMonitor) {
      while (pending.get() > 0) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        try {
          TimeUnit.NANOSECONDS.timedWait(idleMonitor, left);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return false;
        }
      }
      return true;
    }
  }

  /**
   * Abandons every close still running or queued, counting each as timed out. Returns once the
   * counts are settled: a close the watchdog abandoned concurrently is counted before it is taken
   * off the pending figure, so this waits (briefly) for that to finish.
   */
  void abandonAll() {
    shuttingDown = true;
    for (Batch batch : active) {
      abandonRest(batch);
    }
    awaitIdle(SETTLE);
  }

  private void abandonRest(Batch batch) {
    for (int i = 0; i < batch.items.length; i++) {
      if (batch.decide(i)) {
        timedOut(batch.items[i]);
      }
    }
    Runner r = batch.runner;
    Thread thread = r.thread;
    if (thread != null) {
      thread.interrupt();
    }
    active.remove(batch);
  }

  void shutdown() {
    executor.shutdown();
  }

  private static final class Batch {
    final AutoCloseable[] items;
    // Per item: 0 while undecided, 1 once closed, failed or abandoned; whoever flips it counts it.
    final AtomicIntegerArray decided;
    final AtomicInteger next = new AtomicInteger();
    volatile Runner runner;

    Batch(AutoCloseable[] items) {
      this.items = items;
      this.decided = new AtomicIntegerArray(items.length);
    }

    boolean decide(int i) {
      return decided.compareAndSet(i, 0, 1);
    }
  }

  private final class Runner implements Runnable {
    final Batch batch;
    volatile int index = IDLE;
    volatile long startedAt;
    volatile Thread thread;
    // Written by the watchdog before it abandons this runner; read by the runner once abandoned.
    volatile boolean grew;

    Runner(Batch batch) {
      this.batch = batch;
    }

    @Override
    public void run() {
      thread = Thread.currentThread();
      try {
        for (; ; ) {
          int i = batch.next.getAndIncrement();
          if (i >= batch.items.length) {
            index = DONE;
            active.remove(batch);
            return;
          }
          if (batch.decided.get(i) != 0) {
            continue;
          }
          startedAt = System.nanoTime();
          index = i;
          Throwable failure = closeQuietly(batch.items[i]);
          Thread.interrupted();
          if (!batch.decide(i)) {
            // Abandoned: the watchdog counted it and started a replacement, or the store closed.
            if (grew) {
              shrink();
            }
            return;
          }
          index = IDLE;
          if (failure == null) {
            closed.incrementAndGet();
          } else {
            failures.incrementAndGet();
            LOG.log(
                Level.WARNING,
                "close() of a removed " + batch.items[i].getClass().getName() + " failed",
                failure);
          }
          finishOne();
        }
      } finally {
        thread = null;
      }
    }
  }

  private static Throwable closeQuietly(AutoCloseable manager) {
    try {
      manager.close();
      return null;
    } catch (Throwable t) {
      return t;
    }
  }
}
