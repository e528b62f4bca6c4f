package dev.mcpinspector.benchmarks.store;

import dev.mcpinspector.core.session.SessionId;
import dev.mcpinspector.core.store.ClientManagerStore;
import dev.mcpinspector.core.store.StoreConfig;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * One expiry sweep over 100,000 idle sessions of which none, or 1%, are due: our store's sweep
 * (run through its scheduler, by hand) against the reference port's O(n) scan. The 1% case
 * rebuilds the sessions before every sweep (JMH {@code Level.Invocation}), since a sweep removes
 * them; the time includes handing the removed managers to the closing executor (their no-op
 * {@code close()} runs on the executor's threads).
 *
 * <p>Full run (on a quiet machine):
 *
 * <pre>
 * java -jar inspector-benchmarks/target/benchmarks.jar StoreSweepBenchmark -f 3 -wi 5 -i 10 -w 2s -r 2s
 * </pre>
 *
 * Smoke run: {@code ... StoreSweepBenchmark -f 1 -wi 1 -i 1 -w 1s -r 1s}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class StoreSweepBenchmark {

  static final Duration IDLE = Duration.ofMinutes(30);
  static final Duration SWEEP = Duration.ofSeconds(1);

  /** Sessions held and the sweep to measure; built fresh as the subclasses decide. */
  @State(Scope.Thread)
  public abstract static class Sessions {

    /** Which implementation. */
    @Param({"store", "reference"})
    public String impl;

    /** Sessions held. */
    @Param("100000")
    public int sessions;

    SessionId[] ids;
    final DrivenScheduler scheduler = new DrivenScheduler();
    ManualTicker ticker;
    AtomicLong millis;
    ClientManagerStore<NoopManager> store;
    ReferenceStore<NoopManager> reference;

    abstract int expiring();

    void build() {
      if (ids == null) {
        SecureRandom random = new SecureRandom(new byte[] {2});
        ids = new SessionId[sessions];
        for (int i = 0; i < sessions; i++) {
          ids[i] = SessionId.generate(random);
        }
      }
      int old = expiring();
      if (impl.equals("store")) {
        ticker = new ManualTicker();
        store =
            ClientManagerStore.perSession(
                StoreConfig.builder()
                    .maxSessions(sessions)
                    .idleTimeout(IDLE)
                    .sweepInterval(SWEEP)
                    .ticker(ticker)
                    .scheduler(scheduler)
                    .build(),
                (s, p) -> NoopManager.INSTANCE);
        for (int i = 0; i < old; i++) {
          store.acquire(ids[i]).close();
        }
        ticker.advance(Duration.ofMinutes(10).toNanos());
        scheduler.runPeriodic();
        for (int i = old; i < sessions; i++) {
          store.acquire(ids[i]).close();
        }
        // Due: the old ones (idle 30 min + one interval of slack); the rest 10 minutes later.
        ticker.advance(Duration.ofMinutes(21).toNanos());
      } else {
        millis = new AtomicLong();
        reference =
            new ReferenceStore<>(
                s -> NoopManager.INSTANCE,
                IDLE.toMillis(),
                Long.MAX_VALUE, // the benchmark calls sweep() itself
                sessions,
                millis::get,
                Runnable::run);
        for (int i = 0; i < old; i++) {
          reference.getOrCreate(ids[i].value());
        }
        millis.addAndGet(Duration.ofMinutes(10).toMillis());
        for (int i = old; i < sessions; i++) {
          reference.getOrCreate(ids[i].value());
        }
        millis.addAndGet(Duration.ofMinutes(21).toMillis());
      }
    }

    Object sweep() {
      if (store != null) {
        scheduler.runPeriodic();
        return store;
      }
      return reference.sweep(millis.get());
    }

    void discard() {
      if (store != null) {
        store.close();
        store = null;
      }
      reference = null;
    }
  }

  /** No session is due: built once, since a sweep changes nothing. */
  public static class NoneExpiring extends Sessions {
    @Override
    int expiring() {
      return 0;
    }

    /** Builds the sessions. */
    @Setup(Level.Trial)
    public void setUp() {
      build();
    }

    /** Closes the store. */
    @TearDown(Level.Trial)
    public void tearDown() {
      discard();
      scheduler.shutdownNow();
    }
  }

  /** 1% of the sessions are due: rebuilt before every sweep. */
  public static class OnePercentExpiring extends Sessions {
    @Override
    int expiring() {
      return sessions / 100;
    }

    /** Builds the sessions. */
    @Setup(Level.Invocation)
    public void setUp() {
      build();
    }

    /** Closes the store. */
    @TearDown(Level.Invocation)
    public void tearDown() {
      discard();
    }

    /** Stops the scheduler. */
    @TearDown(Level.Trial)
    public void stop() {
      scheduler.shutdownNow();
    }
  }

  /**
   * A sweep with nothing due.
   *
   * @param s the sessions
   * @return the result, so the work is not eliminated
   */
  @Benchmark
  public Object sweepNoneExpiring(NoneExpiring s) {
    return s.sweep();
  }

  /**
   * A sweep with 1% due.
   *
   * @param s the sessions
   * @return the result, so the work is not eliminated
   */
  @Benchmark
  public Object sweepOnePercentExpiring(OnePercentExpiring s) {
    return s.sweep();
  }
}
