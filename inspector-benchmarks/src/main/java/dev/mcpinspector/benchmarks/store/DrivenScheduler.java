package dev.mcpinspector.benchmarks.store;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * A scheduler that runs one-shot tasks normally (dispose timeouts) but keeps periodic tasks (the
 * store's sweeper) for the benchmark to run by hand with {@link #runPeriodic()}, so a sweep is
 * measured on the benchmark thread through the public API.
 */
public final class DrivenScheduler extends ScheduledThreadPoolExecutor {

  private volatile Runnable periodic;

  /** Creates a one-thread scheduler with a daemon thread. */
  public DrivenScheduler() {
    super(
        1,
        r -> {
          Thread t = new Thread(r, "driven-scheduler");
          t.setDaemon(true);
          return t;
        });
  }

  @Override
  public ScheduledFuture<?> scheduleWithFixedDelay(
      Runnable command, long initialDelay, long delay, TimeUnit unit) {
    periodic = command;
    return super.scheduleWithFixedDelay(() -> {}, 365, 365, TimeUnit.DAYS);
  }

  @Override
  public ScheduledFuture<?> scheduleAtFixedRate(
      Runnable command, long initialDelay, long period, TimeUnit unit) {
    periodic = command;
    return super.scheduleAtFixedRate(() -> {}, 365, 365, TimeUnit.DAYS);
  }

  /** Runs the captured periodic task (the latest store's sweep) on the calling thread. */
  public void runPeriodic() {
    periodic.run();
  }
}
