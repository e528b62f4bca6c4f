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
import java.io.IOException;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SingletonStoreTest {

  final AtomicInteger calls = new AtomicInteger();
  final Recorder recorder = new Recorder();
  ClientManagerStore<TestManager> store = newStore((session, principal) -> create(session));

  ClientManagerStore<TestManager> newStore(ManagerFactory<TestManager> factory) {
    ClientManagerStore<TestManager> s = ClientManagerStore.singleton(factory);
    s.addRemovalListener(recorder);
    return s;
  }

  TestManager create(SessionId session) {
    calls.incrementAndGet();
    return new TestManager(session);
  }

  @AfterEach
  void close() {
    store.close();
  }

  @Test
  void everySessionLeasesTheSameLazilyCreatedManager() {
    assertEquals(0, calls.get());
    try (Lease<TestManager> a = store.acquire(SessionId.generate());
        Lease<TestManager> b =
            store.acquire(
                SessionId.generate(), new Principal("i", "s", null, java.util.Set.of()))) {
      assertSame(a.manager(), b.manager());
      assertSame(SessionId.LOCAL, a.manager().session, "the factory is called with LOCAL");
      assertEquals(1, calls.get());
      StoreStats stats = store.stats();
      assertEquals(1, stats.liveSessions());
      assertEquals(2, stats.activeLeases());
    }
    assertEquals(0, store.stats().activeLeases());
  }

  @Test
  void leaseSessionIsTheSharedLocalScopeWhateverSessionWasPassed() {
    try (Lease<TestManager> lease = store.acquire(SessionId.generate())) {
      assertSame(SessionId.LOCAL, lease.session());
    }
  }

  @Test
  void invalidateRemovesTheSharedManagerAndTheNextAcquireCreatesAnother() throws Exception {
    SessionId s = SessionId.generate();
    assertFalse(store.isActive(s));
    TestManager first;
    try (Lease<TestManager> lease = store.acquire(s)) {
      first = lease.manager();
    }
    assertTrue(store.isActive(SessionId.generate()));
    assertTrue(store.invalidate(s));
    assertFalse(store.invalidate(s));
    assertTrue(first.awaitClosed());
    assertEquals(
        List.of(new Recorder.Removal(SessionId.LOCAL, null, RemovalCause.INVALIDATED)),
        recorder.removals);
    try (Lease<TestManager> lease = store.acquire(s)) {
      assertNotSame(first, lease.manager());
    }
  }

  @Test
  void closeRemovesWithShutdownAndLaterAcquiresAreRefused() {
    TestManager m;
    try (Lease<TestManager> lease = store.acquire(SessionId.generate())) {
      m = lease.manager();
    }
    store.close();
    store.close();
    assertEquals(1, m.closeCalls.get());
    assertEquals(List.of(RemovalCause.SHUTDOWN), recorder.causes());
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> store.acquire(SessionId.generate()));
    assertEquals("the client manager store is closed; no session can be acquired", e.getMessage());
  }

  @Test
  void factoryFailureIsNotCached() {
    store.close();
    AtomicInteger attempts = new AtomicInteger();
    store =
        newStore(
            (session, principal) -> {
              if (attempts.incrementAndGet() == 1) {
                throw new IOException("no");
              }
              return create(session);
            });
    ManagerCreationException e =
        assertThrows(ManagerCreationException.class, () -> store.acquire(SessionId.generate()));
    assertInstanceOf(IOException.class, e.getCause());
    assertFalse(store.isActive(SessionId.LOCAL));
    try (Lease<TestManager> lease = store.acquire(SessionId.generate())) {
      assertFalse(lease.manager().isClosed());
    }
    assertEquals(1, store.stats().createFailures());
  }

  @Test
  void factoryReturningNullIsNamed() {
    store.close();
    store = newStore(new PerSessionStoreTest.NullFactory());
    NullPointerException e =
        assertThrows(NullPointerException.class, () -> store.acquire(SessionId.generate()));
    assertEquals(
        "manager factory " + PerSessionStoreTest.NullFactory.class.getName() + " returned null",
        e.getMessage());
  }

  @Test
  void leaseReleasedTwiceIsReleasedOnce() {
    Lease<TestManager> a = store.acquire(SessionId.generate());
    Lease<TestManager> b = store.acquire(SessionId.generate());
    a.close();
    a.close();
    assertEquals(1, store.stats().activeLeases());
    b.close();
    assertEquals(0, store.stats().activeLeases());
  }

  @Test
  void isLeasedFollowsTheSharedLeases() {
    SessionId browser = SessionId.generate();
    assertFalse(store.isLeased(browser));
    try (Lease<TestManager> lease = store.acquire(browser)) {
      assertTrue(store.isLeased(SessionId.generate()), "one shared manager: any id sees the lease");
      assertSame(lease.manager(), lease.manager());
    }
    assertFalse(store.isLeased(browser));
  }
}
