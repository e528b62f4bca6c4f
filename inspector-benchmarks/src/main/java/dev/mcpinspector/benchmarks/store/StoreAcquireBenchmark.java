package dev.mcpinspector.benchmarks.store;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.mcpinspector.core.session.SessionId;
import dev.mcpinspector.core.store.ClientManagerStore;
import dev.mcpinspector.core.store.Lease;
import dev.mcpinspector.core.store.StoreConfig;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
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
import org.openjdk.jmh.annotations.Threads;

/**
 * Acquire + release of an existing session with 10,000 live sessions: our per-session store ({@code
 * store}) against Caffeine {@code getIfPresent} with {@code expireAfterAccess(30 min)}, {@code
 * maximumSize} and a removal listener on the system ticker ({@code caffeine}), and the port of the
 * reference design ({@code reference}). Keys uniform or Zipf; 1 and 2 threads. Everything runs with
 * its production clock (the store's sweeper runs every second meanwhile).
 *
 * <p>Full run (on a quiet machine):
 *
 * <pre>
 * java -jar inspector-benchmarks/target/benchmarks.jar StoreAcquireBenchmark -f 3 -wi 5 -i 5 -w 2s -r 2s
 * </pre>
 *
 * Smoke run: {@code ... StoreAcquireBenchmark -f 1 -wi 1 -i 1 -w 1s -r 1s}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class StoreAcquireBenchmark {

  /** Which implementation. */
  @Param({"store", "caffeine", "reference"})
  public String impl;

  /** Key distribution. */
  @Param({"uniform", "zipf"})
  public String keys;

  /** Live sessions. */
  @Param("10000")
  public int sessions;

  interface Access {
    Object access(int index);
  }

  SessionId[] ids;
  int[] sequence;
  Access access;
  private Runnable closer = () -> {};

  /** Creates the implementation and fills it. */
  @Setup(Level.Trial)
  public void setUp() {
    SecureRandom random = new SecureRandom(new byte[] {1});
    ids = new SessionId[sessions];
    for (int i = 0; i < sessions; i++) {
      ids[i] = SessionId.generate(random);
    }
    sequence = KeySequence.of(keys, sessions, 42);
    switch (impl) {
      case "store" -> {
        ClientManagerStore<NoopManager> store =
            ClientManagerStore.perSession(
                StoreConfig.builder().maxSessions(sessions).build(),
                (s, p) -> NoopManager.INSTANCE);
        for (SessionId id : ids) {
          store.acquire(id).close();
        }
        access = new StoreAccess(store, ids);
        closer = store::close;
      }
      case "caffeine" -> {
        Cache<SessionId, NoopManager> cache =
            Caffeine.newBuilder()
                .expireAfterAccess(Duration.ofMinutes(30))
                .maximumSize(sessions)
                .<SessionId, NoopManager>removalListener((k, v, cause) -> {})
                .build();
        for (SessionId id : ids) {
          cache.put(id, NoopManager.INSTANCE);
        }
        cache.cleanUp();
        access = new CaffeineAccess(cache, ids);
      }
      case "reference" -> {
        ReferenceStore<NoopManager> ref =
            new ReferenceStore<>(
                s -> NoopManager.INSTANCE,
                Duration.ofMinutes(30).toMillis(),
                1000,
                sessions,
                System::currentTimeMillis,
                Runnable::run);
        String[] keys = new String[sessions];
        for (int i = 0; i < sessions; i++) {
          keys[i] = ids[i].value();
          ref.getOrCreate(keys[i]);
        }
        access = new ReferenceAccess(ref, keys);
      }
      default -> throw new IllegalArgumentException("unknown impl " + impl);
    }
  }

  /** Closes the store. */
  @TearDown(Level.Trial)
  public void tearDown() {
    closer.run();
  }

  /** Each thread walks the key sequence from its own random offset. */
  @State(Scope.Thread)
  public static class Cursor {
    int next;

    /** Picks the start. */
    @Setup(Level.Trial)
    public void setUp() {
      next = ThreadLocalRandom.current().nextInt(KeySequence.LENGTH);
    }
  }

  private Object step(Cursor cursor) {
    int i = sequence[cursor.next++ & (KeySequence.LENGTH - 1)];
    return access.access(i);
  }

  /**
   * One thread.
   *
   * @param cursor the thread's position
   * @return the manager, so the work is not eliminated
   */
  @Benchmark
  @Threads(1)
  public Object acquireRelease1Thread(Cursor cursor) {
    return step(cursor);
  }

  /**
   * Two threads.
   *
   * @param cursor the thread's position
   * @return the manager, so the work is not eliminated
   */
  @Benchmark
  @Threads(2)
  public Object acquireRelease2Threads(Cursor cursor) {
    return step(cursor);
  }

  static final class StoreAccess implements Access {
    final ClientManagerStore<NoopManager> store;
    final SessionId[] ids;

    StoreAccess(ClientManagerStore<NoopManager> store, SessionId[] ids) {
      this.store = store;
      this.ids = ids;
    }

    @Override
    public Object access(int index) {
      try (Lease<NoopManager> lease = store.acquire(ids[index])) {
        return lease.manager();
      }
    }
  }

  static final class CaffeineAccess implements Access {
    final Cache<SessionId, NoopManager> cache;
    final SessionId[] ids;

    CaffeineAccess(Cache<SessionId, NoopManager> cache, SessionId[] ids) {
      this.cache = cache;
      this.ids = ids;
    }

    @Override
    public Object access(int index) {
      return cache.getIfPresent(ids[index]);
    }
  }

  static final class ReferenceAccess implements Access {
    final ReferenceStore<NoopManager> ref;
    final String[] keys;

    ReferenceAccess(ReferenceStore<NoopManager> ref, String[] keys) {
      this.ref = ref;
      this.keys = keys;
    }

    @Override
    public Object access(int index) {
      return ref.getOrCreate(keys[index]);
    }
  }
}
