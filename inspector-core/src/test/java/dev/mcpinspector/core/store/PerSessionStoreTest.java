package dev.mcpinspector.core.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mcpinspector.core.session.Principal;
import dev.mcpinspector.core.session.SessionId;
import dev.mcpinspector.core.time.FakeTicker;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class PerSessionStoreTest {

  static final Duration IDLE = Duration.ofMinutes(30);
  static final Duration LIFETIME = Duration.ofHours(12);
  static final Duration SWEEP = Duration.ofSeconds(1);
  static final Duration BOUND = Duration.ofSeconds(30);

  final FakeTicker ticker = new FakeTicker();
  final Map<SessionId, List<TestManager>> made = new ConcurrentHashMap<>();
  final AtomicInteger factoryCalls = new AtomicInteger();
  final Recorder recorder = new Recorder();
  final List<PerSessionStore<TestManager>> stores = new ArrayList<>();

  final Principal alice = new Principal("access-key", "alice", null, Set.of());
  final Principal bob = new Principal("access-key", "bob", null, Set.of());

  StoreConfig.Builder config() {
    return StoreConfig.builder()
        .idleTimeout(IDLE)
        .maxLifetime(LIFETIME)
        .sweepInterval(SWEEP)
        .maxSessions(100)
        .maxSessionsPerPrincipal(5)
        .ticker(ticker);
  }

  PerSessionStore<TestManager> store(StoreConfig config, ManagerFactory<TestManager> factory) {
    PerSessionStore<TestManager> store = new PerSessionStore<>(config, factory);
    store.addRemovalListener(recorder);
    stores.add(store);
    return store;
  }

  PerSessionStore<TestManager> store(StoreConfig config) {
    return store(config, this::newManager);
  }

  PerSessionStore<TestManager> store() {
    return store(config().build());
  }

  TestManager newManager(SessionId session, Principal principal) {
    factoryCalls.incrementAndGet();
    TestManager m = new TestManager(session);
    made.computeIfAbsent(session, k -> new ArrayList<>()).add(m);
    return m;
  }

  static void advance(FakeTicker ticker, PerSessionStore<?> store, Duration d) {
    ticker.advance(d);
    store.runSweep();
  }

  TestManager use(ClientManagerStore<TestManager> store, SessionId s) {
    try (Lease<TestManager> lease = store.acquire(s)) {
      return lease.manager();
    }
  }

  TestManager use(ClientManagerStore<TestManager> store, SessionId s, Principal p) {
    try (Lease<TestManager> lease = store.acquire(s, p)) {
      return lease.manager();
    }
  }

  @AfterEach
  void closeStores() {
    stores.forEach(PerSessionStore::close);
  }

  @Nested
  class Leased {

    @Test
    void isLeasedOnlyWhileALeaseIsOpen() {
      PerSessionStore<TestManager> store = store();
      SessionId s = SessionId.generate();
      assertFalse(store.isLeased(s), "unknown session");
      Lease<TestManager> first = store.acquire(s);
      Lease<TestManager> second = store.acquire(s);
      assertTrue(store.isLeased(s));
      first.close();
      assertTrue(store.isLeased(s), "the second lease still pins it");
      second.close();
      second.close();
      assertFalse(store.isLeased(s));
      assertTrue(store.isActive(s), "released, not removed");
    }

    @Test
    void aRemovedSessionIsNotLeased() {
      PerSessionStore<TestManager> store = store();
      SessionId s = SessionId.generate();
      Lease<TestManager> lease = store.acquire(s);
      store.invalidate(s);
      assertFalse(store.isLeased(s));
      lease.close();
    }
  }

  @Nested
  class Creation {

    @Test
    void managerIsCreatedLazilyOnFirstAcquire() {
      PerSessionStore<TestManager> store = store();
      SessionId s = SessionId.generate();
      assertFalse(store.isActive(s));
      assertEquals(0, factoryCalls.get());
      TestManager m = use(store, s);
      assertEquals(1, factoryCalls.get());
      assertSame(s, m.session);
      assertTrue(store.isActive(s));
    }

    @Test
    void laterAcquiresReturnTheSameManager() {
      PerSessionStore<TestManager> store = store();
      SessionId s = SessionId.generate();
      assertSame(use(store, s), use(store, s));
      assertEquals(1, factoryCalls.get());
      assertEquals(1, store.stats().created());
    }

    @Test
    void leaseSessionIsTheCallersSession() {
      PerSessionStore<TestManager> store = store();
      SessionId s = SessionId.generate();
      try (Lease<TestManager> lease = store.acquire(s)) {
        assertSame(s, lease.session());
      }
    }

    @Test
    void sessionsGetSeparateManagers() {
      PerSessionStore<TestManager> store = store();
      assertNotSame(use(store, SessionId.generate()), use(store, SessionId.generate()));
    }

    @Test
    void concurrentFirstAcquiresCreateExactlyOneManager() throws Exception {
      CountDownLatch allStarted = new CountDownLatch(8);
      PerSessionStore<TestManager> store =
          store(
              config().build(),
              (session, principal) -> {
                allStarted.await(); // hold creation open until every thread is racing
                return newManager(session, principal);
              });
      SessionId s = SessionId.generate();
      ExecutorService pool = Executors.newFixedThreadPool(8);
      try {
        List<Future<TestManager>> results = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
          results.add(
              pool.submit(
                  () -> {
                    allStarted.countDown();
                    try (Lease<TestManager> lease = store.acquire(s)) {
                      return lease.manager();
                    }
                  }));
        }
        TestManager first = results.get(0).get(BOUND.toSeconds(), TimeUnit.SECONDS);
        for (Future<TestManager> f : results) {
          assertSame(first, f.get(BOUND.toSeconds(), TimeUnit.SECONDS));
        }
        assertEquals(1, factoryCalls.get());
      } finally {
        pool.shutdownNow();
      }
    }

    @Test
    void nullSessionIsRefused() {
      PerSessionStore<TestManager> store = store();
      NullPointerException e = assertThrows(NullPointerException.class, () -> store.acquire(null));
      assertEquals("session must not be null", e.getMessage());
    }
  }

  @Nested
  class IdleExpiry {

    @Test
    void idleSessionExpiresAfterIdleTimeoutAndItsManagerIsClosed() throws Exception {
      PerSessionStore<TestManager> store = store();
      SessionId s = SessionId.generate();
      TestManager m = use(store, s);
      advance(ticker, store, IDLE);
      assertTrue(store.isActive(s), "not before idle timeout plus one sweep interval");
      advance(ticker, store, SWEEP);
      assertFalse(store.isActive(s));
      assertEquals(List.of(RemovalCause.IDLE), recorder.causes());
      assertTrue(m.awaitClosed());
      assertTrue(store.awaitDisposals(BOUND));
      assertEquals(1, m.closeCalls.get());
      StoreStats stats = store.stats();
      assertEquals(1, stats.removed(RemovalCause.IDLE));
      assertEquals(1, stats.closed());
      assertEquals(0, stats.liveSessions());
    }

    @Test
    void leasedSessionIsNotExpired() {
      PerSessionStore<TestManager> store = store();
      SessionId s = SessionId.generate();
      Lease<TestManager> lease = store.acquire(s);
      advance(ticker, store, IDLE.multipliedBy(5));
      assertTrue(store.isActive(s));
      assertFalse(lease.manager().isClosed());
      assertTrue(recorder.removals.isEmpty());
      lease.close();
    }

    @Test
    void idleClockStartsWhenTheLastLeaseIsReleased() {
      PerSessionStore<TestManager> store = store();
      SessionId s = SessionId.generate();
      Lease<TestManager> first = store.acquire(s);
      Lease<TestManager> second = store.acquire(s);
      advance(ticker, store, Duration.ofHours(2));
      first.close();
      advance(ticker, store, Duration.ofHours(1));
      assertTrue(store.isActive(s), "still leased by the second lease");
      second.close();
      advance(ticker, store, IDLE);
      assertTrue(store.isActive(s));
      advance(ticker, store, SWEEP);
      assertFalse(store.isActive(s));
      assertEquals(List.of(RemovalCause.IDLE), recorder.causes());
    }

    @Test
    void useRestartsTheIdleClock() {
      PerSessionStore<TestManager> store = store();
      SessionId s = SessionId.generate();
      TestManager m = use(store, s);
      advance(ticker, store, Duration.ofMinutes(20));
      assertSame(m, use(store, s));
      advance(ticker, store, Duration.ofMinutes(20));
      assertTrue(store.isActive(s), "40 minutes after creation but 20 after the last use");
      advance(ticker, store, Duration.ofMinutes(11));
      assertFalse(store.isActive(s));
    }

    @Test
    void acquireAfterIdleExpiryCreatesANewManager() {
      PerSessionStore<TestManager> store = store();
      SessionId s = SessionId.generate();
      TestManager first = use(store, s);
      advance(ticker, store, IDLE.plus(SWEEP));
      TestManager second = use(store, s);
      assertNotSame(first, second);
      assertEquals(2, store.stats().created());
    }

    @Test
    void sweepOnlyRemovesSessionsThatCameDue() {
      PerSessionStore<TestManager> store = store();
      SessionId old = SessionId.generate();
      use(store, old);
      advance(ticker, store, Duration.ofMinutes(10));
      SessionId young = SessionId.generate();
      use(store, young);
      advance(ticker, store, Duration.ofMinutes(21));
      assertFalse(store.isActive(old));
      assertTrue(store.isActive(young));
    }
  }

  @Nested
  class Lifetime {

    @Test
    void lifetimeEndsEvenALeasedSession() throws Exception {
      PerSessionStore<TestManager> store = store();
      SessionId s = SessionId.generate();
      Lease<TestManager> lease = store.acquire(s);
      advance(ticker, store, LIFETIME.minus(SWEEP));
      assertTrue(store.isActive(s));
      advance(ticker, store, SWEEP);
      assertFalse(store.isActive(s));
      assertEquals(List.of(RemovalCause.LIFETIME), recorder.causes());
      assertTrue(lease.manager().awaitClosed(), "the holder sees its manager closed");
      lease.close(); // harmless no-op on a removed session
      assertEquals(0, store.stats().activeLeases());
    }

    @Test
    void activeSessionIsEndedByItsLifetime() {
      PerSessionStore<TestManager> store = store();
      SessionId s = SessionId.generate();
      use(store, s);
      for (int i = 0; i < 24; i++) {
        advance(ticker, store, Duration.ofMinutes(29));
        use(store, s);
      }
      assertEquals(1, store.stats().created(), "kept alive by use for 11.6 h");
      advance(ticker, store, Duration.ofMinutes(29));
      assertFalse(store.isActive(s));
      assertEquals(List.of(RemovalCause.LIFETIME), recorder.causes());
    }

    @Test
    void acquireAfterLifetimeCreatesANewManager() {
      PerSessionStore<TestManager> store = store();
      SessionId s = SessionId.generate();
      Lease<TestManager> lease = store.acquire(s);
      advance(ticker, store, LIFETIME);
      try (Lease<TestManager> fresh = store.acquire(s)) {
        assertNotSame(lease.manager(), fresh.manager());
        assertFalse(fresh.manager().isClosed());
      }
      lease.close();
    }
  }

  @Nested
  class Capacity {

    @Test
    void fullStoreEvictsTheLeastRecentlyUsedIdleSession() throws Exception {
      PerSessionStore<TestManager> store =
          store(config().maxSessions(3).maxSessionsPerPrincipal(1).build());
      SessionId a = SessionId.generate();
      SessionId b = SessionId.generate();
      SessionId c = SessionId.generate();
      use(store, a);
      advance(ticker, store, Duration.ofSeconds(10));
      TestManager bm = use(store, b);
      advance(ticker, store, Duration.ofSeconds(10));
      use(store, c);
      advance(ticker, store, Duration.ofSeconds(10));
      use(store, a); // a is now the most recently used; b the least
      use(store, SessionId.generate());
      assertFalse(store.isActive(b));
      assertTrue(store.isActive(a));
      assertTrue(store.isActive(c));
      assertEquals(List.of(RemovalCause.CAPACITY), recorder.causes());
      assertSame(b, recorder.removals.get(0).session());
      assertTrue(bm.awaitClosed());
      assertEquals(3, store.stats().liveSessions());
    }

    @Test
    void leasedSessionIsNeverEvictedForCapacity() {
      PerSessionStore<TestManager> store =
          store(config().maxSessions(2).maxSessionsPerPrincipal(1).build());
      SessionId a = SessionId.generate();
      SessionId b = SessionId.generate();
      Lease<TestManager> oldest = store.acquire(a);
      advance(ticker, store, Duration.ofSeconds(10));
      use(store, b);
      use(store, SessionId.generate());
      assertTrue(store.isActive(a));
      assertFalse(store.isActive(b));
      assertFalse(oldest.manager().isClosed());
      oldest.close();
    }

    @Test
    void storeWithEverySessionLeasedRefusesANewSession() {
      PerSessionStore<TestManager> store =
          store(config().maxSessions(2).maxSessionsPerPrincipal(1).build());
      Lease<TestManager> a = store.acquire(SessionId.generate());
      Lease<TestManager> b = store.acquire(SessionId.generate());
      StoreFullException e =
          assertThrows(StoreFullException.class, () -> store.acquire(SessionId.generate()));
      assertEquals("store is full: all 2 sessions (maxSessions) are in use", e.getMessage());
      assertEquals(StoreFullException.Limit.MAX_SESSIONS, e.limit());
      assertEquals(StoreConfig.DEFAULT_RETRY_AFTER, e.retryAfter());
      StoreStats stats = store.stats();
      assertEquals(1, stats.rejected());
      assertEquals(2, stats.liveSessions());
      assertEquals(2, stats.created(), "the refused session created no manager");
      a.close();
      use(store, SessionId.generate()); // room again: a is idle now
      b.close();
    }
  }

  @Nested
  class PrincipalLimit {

    @Test
    void principalAtItsMaximumLosesItsLeastRecentlyUsedIdleSession() {
      PerSessionStore<TestManager> store = store(config().maxSessionsPerPrincipal(2).build());
      SessionId first = SessionId.generate();
      SessionId second = SessionId.generate();
      use(store, first, alice);
      advance(ticker, store, Duration.ofSeconds(5));
      use(store, second, alice);
      SessionId bobs = SessionId.generate();
      use(store, bobs, bob);
      use(store, SessionId.generate(), alice);
      assertFalse(store.isActive(first));
      assertTrue(store.isActive(second));
      assertTrue(store.isActive(bobs), "other principals are not affected");
      assertEquals(1, recorder.removals.size());
      assertEquals(
          new Recorder.Removal(first, alice, RemovalCause.PRINCIPAL_LIMIT),
          recorder.removals.get(0));
    }

    @Test
    void principalWithEverySessionLeasedIsRefused() {
      PerSessionStore<TestManager> store = store(config().maxSessionsPerPrincipal(2).build());
      Lease<TestManager> a = store.acquire(SessionId.generate(), alice);
      Lease<TestManager> b = store.acquire(SessionId.generate(), alice);
      StoreFullException e =
          assertThrows(StoreFullException.class, () -> store.acquire(SessionId.generate(), alice));
      assertEquals(
          "principal has 2 sessions (maxSessionsPerPrincipal) and all are in use", e.getMessage());
      assertEquals(StoreFullException.Limit.MAX_SESSIONS_PER_PRINCIPAL, e.limit());
      use(store, SessionId.generate(), bob);
      assertFalse(a.manager().isClosed());
      assertFalse(b.manager().isClosed());
      a.close();
      b.close();
    }

    @Test
    void anonymousSessionsDoNotCountAgainstAnyPrincipal() {
      PerSessionStore<TestManager> store = store(config().maxSessionsPerPrincipal(1).build());
      for (int i = 0; i < 5; i++) {
        use(store, SessionId.generate());
      }
      assertEquals(5, store.stats().liveSessions());
      assertTrue(recorder.removals.isEmpty());
    }

    @Test
    void sessionOfAnotherPrincipalIsNotHandedOut() {
      PerSessionStore<TestManager> store = store();
      SessionId s = SessionId.generate();
      use(store, s, alice);
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> store.acquire(s, bob));
      assertEquals("session belongs to a different principal", e.getMessage());
      Principal aliceRenamed = new Principal("access-key", "alice", "Alice", Set.of("admin"));
      use(store, s, aliceRenamed);
    }
  }

  @Nested
  class Invalidate {

    @Test
    void invalidateRemovesEvenALeasedSession() throws Exception {
      PerSessionStore<TestManager> store = store();
      SessionId s = SessionId.generate();
      Lease<TestManager> lease = store.acquire(s, alice);
      TestManager m = lease.manager();
      assertTrue(store.invalidate(s));
      assertFalse(store.isActive(s));
      assertEquals(
          List.of(new Recorder.Removal(s, alice, RemovalCause.INVALIDATED)), recorder.removals);
      assertTrue(m.awaitClosed());
      lease.close();
      assertNotSame(m, use(store, s, alice));
    }

    @Test
    void invalidateOfAnUnknownSessionReturnsFalse() {
      PerSessionStore<TestManager> store = store();
      assertFalse(store.invalidate(SessionId.generate()));
      assertTrue(recorder.removals.isEmpty());
    }

    @Test
    void secondInvalidateReturnsFalse() {
      PerSessionStore<TestManager> store = store();
      SessionId s = SessionId.generate();
      use(store, s);
      assertTrue(store.invalidate(s));
      assertFalse(store.invalidate(s));
      assertEquals(1, store.stats().removed(RemovalCause.INVALIDATED));
    }
  }

  @Nested
  class Close {

    @Test
    void closeRemovesEverySessionWithShutdownAndClosesTheManagers() {
      PerSessionStore<TestManager> store = store();
      TestManager a = use(store, SessionId.generate());
      Lease<TestManager> held = store.acquire(SessionId.generate());
      store.close();
      assertEquals(List.of(RemovalCause.SHUTDOWN, RemovalCause.SHUTDOWN), recorder.causes());
      assertEquals(1, a.closeCalls.get(), "close waits for the managers' close");
      assertEquals(1, held.manager().closeCalls.get());
      held.close();
      StoreStats stats = store.stats();
      assertEquals(0, stats.liveSessions());
      assertEquals(2, stats.closed());
    }

    @Test
    void acquireAfterCloseIsRefusedWithAClearMessage() {
      PerSessionStore<TestManager> store = store();
      store.close();
      IllegalStateException e =
          assertThrows(IllegalStateException.class, () -> store.acquire(SessionId.generate()));
      assertEquals(
          "the client manager store is closed; no session can be acquired", e.getMessage());
    }

    @Test
    void closeIsIdempotent() {
      PerSessionStore<TestManager> store = store();
      TestManager m = use(store, SessionId.generate());
      store.close();
      store.close();
      assertEquals(1, m.closeCalls.get());
      assertEquals(1, recorder.removals.size());
    }
  }

  @Nested
  class Faults {

    @Test
    void factoryThatThrowsReachesTheCallerAndNothingIsCached() {
      AtomicInteger calls = new AtomicInteger();
      PerSessionStore<TestManager> store =
          store(
              config().build(),
              (session, principal) -> {
                if (calls.incrementAndGet() == 1) {
                  throw new IOException("server unreachable");
                }
                return newManager(session, principal);
              });
      SessionId s = SessionId.generate();
      ManagerCreationException e =
          assertThrows(ManagerCreationException.class, () -> store.acquire(s));
      assertInstanceOf(IOException.class, e.getCause());
      assertTrue(
          e.getMessage().endsWith("failed: java.io.IOException: server unreachable"),
          e.getMessage());
      assertFalse(store.isActive(s));
      StoreStats stats = store.stats();
      assertEquals(1, stats.createFailures());
      assertEquals(0, stats.liveSessions());
      assertEquals(0, stats.created());
      use(store, s);
      assertEquals(2, calls.get(), "the next acquire calls the factory again");
      assertTrue(recorder.removals.isEmpty(), "a failed creation is not a removal");
    }

    @Test
    void factoryThatReturnsNullIsNamedInANullPointerException() {
      ManagerFactory<TestManager> factory = new NullFactory();
      PerSessionStore<TestManager> store = store(config().build(), factory);
      SessionId s = SessionId.generate();
      NullPointerException e = assertThrows(NullPointerException.class, () -> store.acquire(s));
      assertEquals(
          "manager factory " + NullFactory.class.getName() + " returned null", e.getMessage());
      assertFalse(store.isActive(s));
      assertEquals(1, store.stats().createFailures());
      assertEquals(0, store.stats().liveSessions());
    }

    @Test
    void listenerThatThrowsDoesNotStopTheOthers() {
      PerSessionStore<TestManager> store = store();
      Recorder before = new Recorder();
      Recorder after = new Recorder();
      store.addRemovalListener(before);
      store.addRemovalListener(
          (session, principal, cause) -> {
            throw new IllegalStateException("listener failed on purpose");
          });
      store.addRemovalListener(after);
      SessionId s = SessionId.generate();
      TestManager m = use(store, s);
      assertTrue(store.invalidate(s));
      assertEquals(List.of(RemovalCause.INVALIDATED), before.causes());
      assertEquals(List.of(RemovalCause.INVALIDATED), after.causes());
      assertTrue(store.awaitDisposals(BOUND));
      assertEquals(1, m.closeCalls.get(), "the manager is still closed");
    }

    @Test
    void closeThatThrowsIsCountedAndOthersAreStillClosed() {
      PerSessionStore<TestManager> store =
          store(
              config().build(),
              (session, principal) -> new TestManager(session, TestManager.OnClose.THROW, null));
      SessionId failing = SessionId.generate();
      use(store, failing);
      assertTrue(store.invalidate(failing));
      assertTrue(store.awaitDisposals(BOUND));
      StoreStats stats = store.stats();
      assertEquals(1, stats.closeFailures());
      assertEquals(0, stats.closed());
      assertEquals(0, stats.pendingCloses());
    }

    @Test
    void closeThatHangsIsAbandonedAfterTheTimeoutAndBlocksNothing() throws Exception {
      CountDownLatch never = new CountDownLatch(1);
      try {
        PerSessionStore<TestManager> store =
            store(
                config().disposeTimeout(Duration.ofMillis(100)).build(),
                (session, principal) ->
                    session.value().startsWith("hang")
                        ? new TestManager(session, TestManager.OnClose.HANG, never)
                        : newManager(session, principal));
        SessionId hanging = new SessionId("hang" + SessionId.generate().value().substring(4));
        TestManager hung = use(store, hanging);
        assertTrue(store.invalidate(hanging), "invalidate does not wait for the close");
        assertTrue(hung.awaitClosed());
        SessionId next = SessionId.generate();
        TestManager m = use(store, next);
        assertTrue(store.invalidate(next));
        assertTrue(m.awaitClosed(), "another removal is closed while the first one hangs");
        assertTrue(store.awaitDisposals(BOUND));
        StoreStats stats = store.stats();
        assertEquals(1, stats.closeTimeouts());
        assertEquals(1, stats.closed());
        assertEquals(0, stats.pendingCloses());
        store.close();
      } finally {
        never.countDown();
      }
    }

    @Test
    void closeOfTheStoreWaitsAtMostTheDisposeTimeoutForAHungClose() {
      CountDownLatch never = new CountDownLatch(1);
      try {
        PerSessionStore<TestManager> store =
            store(
                config().disposeTimeout(Duration.ofMillis(100)).build(),
                (session, principal) -> new TestManager(session, TestManager.OnClose.HANG, never));
        use(store, SessionId.generate());
        use(store, SessionId.generate());
        store.close();
        StoreStats stats = store.stats();
        assertEquals(2, stats.closeTimeouts());
        assertEquals(0, stats.pendingCloses());
      } finally {
        never.countDown();
      }
    }

    @Test
    void leaseReleasedTwiceIsReleasedOnce() {
      PerSessionStore<TestManager> store = store();
      SessionId s = SessionId.generate();
      Lease<TestManager> first = store.acquire(s);
      Lease<TestManager> second = store.acquire(s);
      first.close();
      first.close();
      StoreStats stats = store.stats();
      assertEquals(1, stats.activeLeases());
      assertEquals(1, stats.leasedSessions());
      second.close();
      second.close();
      assertEquals(0, store.stats().activeLeases());
      assertEquals(0, store.stats().leasedSessions());
      IllegalStateException e = assertThrows(IllegalStateException.class, first::manager);
      assertEquals("the lease is closed; acquire a new one", e.getMessage());
    }

    @Test
    void statsAddUpAfterMixedRemovals() {
      PerSessionStore<TestManager> store =
          store(config().maxSessions(2).maxSessionsPerPrincipal(1).build());
      SessionId a = SessionId.generate();
      use(store, a);
      advance(ticker, store, Duration.ofSeconds(5));
      use(store, SessionId.generate());
      use(store, SessionId.generate()); // evicts a
      store.invalidate(a);
      advance(ticker, store, IDLE.plus(SWEEP));
      assertTrue(store.awaitDisposals(BOUND));
      StoreStats s = store.stats();
      assertEquals(s.created(), s.liveSessions() + s.totalRemoved());
      assertEquals(s.totalRemoved(), s.closed() + s.closeFailures() + s.closeTimeouts());
      assertEquals(1, s.removed(RemovalCause.CAPACITY));
      assertEquals(2, s.removed(RemovalCause.IDLE));
    }
  }

  @Nested
  class BackgroundSweeper {

    @Test
    void scheduledSweeperExpiresIdleSessionsWithoutAnyAcquire() throws Exception {
      CountDownLatch removed = new CountDownLatch(1);
      ClientManagerStore<TestManager> store =
          ClientManagerStore.perSession(
              config().sweepInterval(Duration.ofMillis(10)).build(), this::managerFor);
      try {
        store.addRemovalListener((session, principal, cause) -> removed.countDown());
        SessionId s = SessionId.generate();
        use(store, s);
        ticker.advance(IDLE.plusSeconds(1));
        assertTrue(removed.await(BOUND.toSeconds(), TimeUnit.SECONDS));
        assertFalse(store.isActive(s));
      } finally {
        store.close();
      }
    }

    private TestManager managerFor(SessionId session, Principal principal) {
      return newManager(session, principal);
    }
  }

  static final class NullFactory implements ManagerFactory<TestManager> {
    @Override
    public TestManager create(SessionId session, Principal principal) {
      return null;
    }
  }
}
