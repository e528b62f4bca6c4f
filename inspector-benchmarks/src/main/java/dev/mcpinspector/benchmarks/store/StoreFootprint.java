package dev.mcpinspector.benchmarks.store;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.mcpinspector.core.session.SessionId;
import dev.mcpinspector.core.store.ClientManagerStore;
import dev.mcpinspector.core.store.StoreConfig;
import java.lang.management.ManagementFactory;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.function.Function;
import org.openjdk.jol.info.ClassLayout;
import org.openjdk.jol.info.GraphLayout;

/**
 * Memory per idle session, excluding the manager (one shared no-op instance) and excluding the
 * session id key (the caller holds it; its size is printed separately): the heap delta of filling a
 * structure with 100,000 idle sessions, for our store, Caffeine ({@code expireAfterAccess} + {@code
 * maximumSize}) and the reference port; plus JOL's layout of our entry class. ({@code
 * jol.magicFieldOffset} lets JOL read record fields on JDK 17.)
 *
 * <p>Run:
 *
 * <pre>
 * java -Djdk.attach.allowAttachSelf -Djol.magicFieldOffset=true -Xmx2g -XX:+UseParallelGC \
 *     -cp inspector-benchmarks/target/benchmarks.jar dev.mcpinspector.benchmarks.store.StoreFootprint
 * </pre>
 */
public final class StoreFootprint {

  private static final int N = 100_000;

  private StoreFootprint() {}

  /**
   * Prints the figures.
   *
   * @param args ignored
   * @throws Exception if JOL cannot inspect a class
   */
  public static void main(String[] args) throws Exception {
    SecureRandom random = new SecureRandom(new byte[] {3});
    SessionId[] ids = new SessionId[N];
    String[] keys = new String[N];
    for (int i = 0; i < N; i++) {
      ids[i] = SessionId.generate(random);
      keys[i] = ids[i].value();
    }
    System.out.printf(
        "session id key (JOL, SessionId + String + byte[]): %d bytes%n",
        GraphLayout.parseInstance(ids[0]).totalSize());
    System.out.println(
        ClassLayout.parseClass(Class.forName("dev.mcpinspector.core.store.PerSessionStore$Entry"))
            .toPrintable());
    for (int round = 0; round < 2; round++) {
      report(
          "store",
          ids,
          x -> {
            ClientManagerStore<NoopManager> store =
                ClientManagerStore.perSession(
                    StoreConfig.builder()
                        .maxSessions(N)
                        .idleTimeout(Duration.ofMinutes(30))
                        .build(),
                    (s, p) -> NoopManager.INSTANCE);
            for (SessionId id : ids) {
              store.acquire(id).close();
            }
            return store;
          });
      report(
          "caffeine",
          ids,
          x -> {
            Cache<SessionId, NoopManager> cache =
                Caffeine.newBuilder()
                    .expireAfterAccess(Duration.ofMinutes(30))
                    .maximumSize(N)
                    .<SessionId, NoopManager>removalListener((k, v, c) -> {})
                    .build();
            for (SessionId id : ids) {
              cache.put(id, NoopManager.INSTANCE);
            }
            cache.cleanUp();
            return cache;
          });
      report(
          "reference",
          ids,
          x -> {
            ReferenceStore<NoopManager> ref =
                new ReferenceStore<>(
                    s -> NoopManager.INSTANCE,
                    1_800_000,
                    1000,
                    N,
                    System::currentTimeMillis,
                    Runnable::run);
            for (String key : keys) {
              ref.getOrCreate(key);
            }
            return ref;
          });
    }
  }

  private static void report(String name, Object keepKeys, Function<Void, Object> fill)
      throws InterruptedException {
    long before = usedHeap();
    Object structure = fill.apply(null);
    long after = usedHeap();
    System.out.printf(
        "%-10s %6.1f bytes per idle session (heap delta over %d, keys excluded)%n",
        name, (after - before) / (double) N, N);
    if (structure instanceof AutoCloseable c) {
      try {
        c.close();
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
    if (keepKeys == null) {
      throw new IllegalStateException("keys must stay reachable");
    }
  }

  private static long usedHeap() throws InterruptedException {
    long used = Long.MAX_VALUE;
    for (int i = 0; i < 5; i++) {
      System.gc();
      Thread.sleep(100);
      used = Math.min(used, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
    }
    return used;
  }
}
