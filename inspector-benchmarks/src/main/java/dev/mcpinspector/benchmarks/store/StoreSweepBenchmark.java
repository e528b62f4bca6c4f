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
 * One expiry sweep over 100,000 idle sessions of which none, or 1%, are due: our store's sweep (run
 * through its scheduler, by hand) against the reference port's O(n) scan. For the 1% case see
 * {@link OnePercentExpiring}. The time includes handing the removed managers to the closing
 * executor (their no-op {@code close()} runs on the executor's threads).
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
    Duration idle = IDLE;

    abstract int expiring();

    static SessionId[] newIds(int n) {
      SecureRandom random = new SecureRandom(new byte[] {2});
      SessionId[] ids = new SessionId[n];
      for (int i = 0; i < n; i++) {
        ids[i] = SessionId.generate(random);
      }
      return ids;
    }

    void newStores() {
      if (impl.equals("store")) {
        store =
            ClientManagerStore.perSession(
                StoreConfig.builder()
                    .maxSessions(sessions)
                    .idleTimeout(idle)
                    .sweepInterval(SWEEP)
                    .ticker(ticker)
                    .scheduler(scheduler)
                    .build(),
                (s, p) -> NoopManager.INSTANCE);
      } else {
        reference =
            new ReferenceStore<>(
                s -> NoopManager.INSTANCE,
                idle.toMillis(),
                Long.MAX_VALUE, // the benchmark calls sweep() itself
                sessions,
                millis::get,
                Runnable::run);
      }
    }

    /** All sessions created at once; time moved 21 minutes on, so none is due. */
    void build() {
      ids = newIds(sessions);
      ticker = new ManualTicker();
      millis = new AtomicLong();
      newStores();
      for (SessionId id : ids) {
        if (store != null) {
          store.acquire(id).close();
        } else {
          reference.getOrCreate(id.value());
        }
      }
      ticker.advance(Duration.ofMinutes(21).toNanos());
      millis.addAndGet(Duration.ofMinutes(21).toMillis());
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

  /**
   * 1% of the sessions are due at every sweep, in steady state: 100 cohorts of 1,000 sessions
   * created 18 s apart with an idle timeout of 29 min 59 s (so with the store's one interval of
   * slack, and the reference's strict {@code >}, exactly one cohort is due per 18 s step). Before
   * each sweep time moves 18 s; after it the removed cohort is created again as the newest. Only
   * 1,000 creations run between sweeps, so the measured code is as warm as in production.
   */
  public static class OnePercentExpiring extends Sessions {
    static final Duration STEP = Duration.ofSeconds(18);
    static final int COHORTS = 100;
    int due;

    @Override
    int expiring() {
      return sessions / COHORTS;
    }

    /** Builds the 100 cohorts. */
    @Setup(Level.Trial)
    public void setUp() {
      idle = STEP.multipliedBy(COHORTS).minus(SWEEP);
      ids = newIds(sessions);
      ticker = new ManualTicker();
      millis = new AtomicLong();
      newStores();
      for (int k = 0; k < COHORTS; k++) {
        if (k > 0) {
          advance();
        }
        createCohort(k);
      }
      due = 0;
    }

    /** Moves time so the oldest cohort is due; the measured sweep will find it. */
    @Setup(Level.Invocation)
    public void step() {
      ticker.advance(STEP.toNanos());
      millis.addAndGet(STEP.toMillis());
    }

    /** Checks the sweep removed exactly one cohort, then creates it again as the newest. */
    @TearDown(Level.Invocation)
    public void refill() {
      int held = store != null ? store.stats().liveSessions() : reference.size();
      if (held != sessions - expiring()) {
        throw new IllegalStateException(
            "expected " + (sessions - expiring()) + " sessions after the sweep, found " + held);
      }
      createCohort(due);
      due = (due + 1) % COHORTS;
    }

    /** Closes the store. */
    @TearDown(Level.Trial)
    public void tearDown() {
      discard();
      scheduler.shutdownNow();
    }

    private void advance() {
      ticker.advance(STEP.toNanos());
      millis.addAndGet(STEP.toMillis());
      if (store != null) {
        scheduler.runPeriodic(); // nothing due between steps; moves the store's coarse clock
      }
    }

    private void createCohort(int k) {
      int size = expiring();
      for (int i = k * size; i < (k + 1) * size; i++) {
        if (store != null) {
          store.acquire(ids[i]).close();
        } else {
          reference.getOrCreate(ids[i].value());
        }
      }
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
