package dev.mcpinspector.core.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mcpinspector.core.session.SessionId;
import dev.mcpinspector.core.time.FakeTicker;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class StoreConcurrencyTest {

  private static final int WORKERS = 6;
  private static final int ITERATIONS = 20_000;
  private static final int SESSIONS = 200;
  private static final int MAX_SESSIONS = 40;

  @Test
  void managersAreClosedExactlyOnceOrLiveAndNoLeaseSeesAClosedManager() throws Exception {
    FakeTicker ticker = new FakeTicker();
    Queue<TestManager> made = new ConcurrentLinkedQueue<>();
    Map<SessionId, TestManager> latest = new ConcurrentHashMap<>();
    PerSessionStore<TestManager> store =
        new PerSessionStore<>(
            StoreConfig.builder()
                .maxSessions(MAX_SESSIONS)
                .maxSessionsPerPrincipal(1)
                .idleTimeout(Duration.ofMinutes(30))
                .sweepInterval(Duration.ofSeconds(1))
                .maxLifetime(Duration.ofDays(50_000)) // lifetime may end leases; keep it out
                .ticker(ticker)
                .build(),
            (session, principal) -> {
              TestManager m = new TestManager(session);
              made.add(m);
              latest.put(session, m);
              return m;
            });
    AtomicLong removals = new AtomicLong();
    store.addRemovalListener((session, principal, cause) -> removals.incrementAndGet());
    SessionId[] sessions = new SessionId[SESSIONS];
    for (int i = 0; i < SESSIONS; i++) {
      sessions[i] = SessionId.generate();
    }
    AtomicLong sawClosed = new AtomicLong();
    AtomicLong leases = new AtomicLong();
    AtomicLong refused = new AtomicLong();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    CountDownLatch start = new CountDownLatch(1);
    CountDownLatch workersDone = new CountDownLatch(WORKERS);
    CountDownLatch sweeperDone = new CountDownLatch(1);

    for (int w = 0; w < WORKERS; w++) {
      Thread t =
          new Thread(
              () -> {
                try {
                  start.await();
                  ThreadLocalRandom random = ThreadLocalRandom.current();
                  for (int i = 0; i < ITERATIONS; i++) {
                    SessionId s = sessions[random.nextInt(SESSIONS)];
                    try (Lease<TestManager> lease = store.acquire(s)) {
                      leases.incrementAndGet();
                      if (lease.manager().isClosed()) {
                        sawClosed.incrementAndGet();
                      }
                      if (random.nextInt(8) == 0) {
                        try (Lease<TestManager> second = store.acquire(s)) {
                          if (second.manager().isClosed()) {
                            sawClosed.incrementAndGet();
                          }
                        }
                      }
                      Thread.onSpinWait();
                      if (lease.manager().isClosed()) {
                        sawClosed.incrementAndGet();
                      }
                    } catch (StoreFullException e) {
                      refused.incrementAndGet();
                    }
                  }
                } catch (Throwable e) {
                  failure.compareAndSet(null, e);
                } finally {
                  workersDone.countDown();
                }
              },
              "store-worker-" + w);
      t.start();
    }
    Thread sweeper =
        new Thread(
            () -> {
              try {
                start.await();
                ThreadLocalRandom random = ThreadLocalRandom.current();
                while (workersDone.getCount() > 0) {
                  ticker.advance(Duration.ofSeconds(random.nextInt(360)));
                  store.runSweep();
                }
              } catch (Throwable e) {
                failure.compareAndSet(null, e);
              } finally {
                sweeperDone.countDown();
              }
            },
            "store-sweeper");
    sweeper.start();

    start.countDown();
    assertTrue(workersDone.await(5, TimeUnit.MINUTES), "workers finished");
    assertTrue(sweeperDone.await(5, TimeUnit.MINUTES), "sweeper finished");
    assertEquals(null, failure.get());
    assertTrue(store.awaitDisposals(Duration.ofMinutes(1)));

    assertEquals(0, sawClosed.get(), "a lease was handed a closed manager");
    assertEquals(0, refused.get(), "at most 12 sessions are leased at once, below the maximum");
    StoreStats stats = store.stats();
    List<TestManager> all = List.copyOf(made);
    long live = 0;
    for (TestManager m : all) {
      boolean isLive = store.isActive(m.session) && latest.get(m.session) == m;
      if (isLive) {
        live++;
        assertEquals(0, m.closeCalls.get(), "a live manager was closed");
      } else {
        assertEquals(1, m.closeCalls.get(), "a removed manager was not closed exactly once");
      }
    }
    assertEquals(all.size(), stats.created());
    assertEquals(live, stats.liveSessions());
    assertEquals(stats.created(), stats.liveSessions() + stats.totalRemoved());
    assertEquals(stats.totalRemoved(), stats.closed());
    assertEquals(stats.totalRemoved(), removals.get());
    assertEquals(0, stats.activeLeases());
    assertEquals(0, stats.leasedSessions());
    assertEquals(0, stats.pendingCloses());
    assertEquals(0, stats.removed(RemovalCause.LIFETIME));
    assertTrue(stats.removed(RemovalCause.CAPACITY) > 0, "capacity eviction ran: " + stats);
    assertTrue(stats.removed(RemovalCause.IDLE) > 0, "idle expiry ran: " + stats);
    assertTrue(stats.liveSessions() <= MAX_SESSIONS);
    store.close();
  }
}
