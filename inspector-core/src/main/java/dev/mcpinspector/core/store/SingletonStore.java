package dev.mcpinspector.core.store;

import dev.mcpinspector.core.session.Principal;
import dev.mcpinspector.core.session.SessionId;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;

/** Local mode: one shared manager for every session, created on first use, never expiring. */
final class SingletonStore<M extends AutoCloseable> implements ClientManagerStore<M> {

  private static final System.Logger LOG = System.getLogger(ClientManagerStore.class.getName());

  private final ManagerFactory<M> factory;
  private final Duration disposeTimeout;
  private final ScheduledExecutorService scheduler;
  private final Disposer disposer;
  private final CopyOnWriteArrayList<RemovalListener> listeners = new CopyOnWriteArrayList<>();
  private final Object lock = new Object();
  private volatile Shared<M> current;
  private volatile boolean closed;
  // Guarded by lock.
  private long created;
  private long createFailures;
  private final long[] removed = new long[RemovalCause.values().length];

  SingletonStore(ManagerFactory<M> factory, Duration disposeTimeout) {
    this.factory = factory;
    this.disposeTimeout = disposeTimeout;
    this.scheduler = PerSessionStore.ownScheduler();
    this.disposer = new Disposer(scheduler, disposeTimeout, 1);
  }

  @Override
  public Lease<M> acquire(SessionId session, Principal principal) {
    Objects.requireNonNull(session, "session must not be null");
    for (; ; ) {
      if (closed) {
        throw new IllegalStateException(
            "the client manager store is closed; no session can be acquired");
      }
      Shared<M> s = current;
      if (s == null) {
        s = create();
      }
      s.leases.incrementAndGet();
      if (!s.removed) {
        return new SharedLease<>(s);
      }
      s.leases.decrementAndGet();
    }
  }

  private Shared<M> create() {
    synchronized (lock) {
      if (closed) {
        throw new IllegalStateException(
            "the client manager store is closed; no session can be acquired");
      }
      Shared<M> s = current;
      if (s != null) {
        return s;
      }
      M m;
      try {
        m = factory.create(SessionId.LOCAL, null);
      } catch (Exception e) {
        createFailures++;
        if (e instanceof InterruptedException) {
          Thread.currentThread().interrupt();
        }
        throw new ManagerCreationException(
            "manager factory " + factory.getClass().getName() + " failed: " + e, e);
      }
      if (m == null) {
        createFailures++;
        throw new NullPointerException(
            "manager factory " + factory.getClass().getName() + " returned null");
      }
      created++;
      s = new Shared<>(m);
      current = s;
      return s;
    }
  }

  private boolean remove(RemovalCause cause) {
    Shared<M> s;
    synchronized (lock) {
      s = current;
      if (s == null) {
        return false;
      }
      s.removed = true;
      current = null;
      removed[cause.ordinal()]++;
    }
    for (RemovalListener listener : listeners) {
      try {
        listener.onRemoval(SessionId.LOCAL, null, cause);
      } catch (RuntimeException ex) {
        LOG.log(
            Level.WARNING,
            "removal listener " + listener.getClass().getName() + " failed for cause " + cause,
            ex);
      }
    }
    disposer.dispose(List.of(s.manager));
    return true;
  }

  @Override
  public boolean invalidate(SessionId session) {
    Objects.requireNonNull(session, "session must not be null");
    return remove(RemovalCause.INVALIDATED);
  }

  @Override
  public boolean isActive(SessionId session) {
    Objects.requireNonNull(session, "session must not be null");
    return current != null;
  }

  @Override
  public boolean isLeased(SessionId session) {
    Objects.requireNonNull(session, "session must not be null");
    Shared<M> s = current;
    return s != null && s.leases.get() > 0;
  }

  @Override
  public void addRemovalListener(RemovalListener listener) {
    listeners.add(Objects.requireNonNull(listener, "listener must not be null"));
  }

  @Override
  public StoreStats stats() {
    Shared<M> s = current;
    int leases = s == null ? 0 : Math.max(0, s.leases.get());
    Map<RemovalCause, Long> byCause = new EnumMap<>(RemovalCause.class);
    synchronized (lock) {
      for (RemovalCause cause : RemovalCause.values()) {
        byCause.put(cause, removed[cause.ordinal()]);
      }
      return new StoreStats(
          s == null ? 0 : 1,
          leases > 0 ? 1 : 0,
          leases,
          created,
          byCause,
          createFailures,
          disposer.closed.get(),
          disposer.failures.get(),
          disposer.timeouts.get(),
          disposer.pending.get(),
          0);
    }
  }

  @Override
  public void close() {
    synchronized (lock) {
      if (closed) {
        return;
      }
      closed = true;
    }
    remove(RemovalCause.SHUTDOWN);
    if (!disposer.awaitIdle(disposeTimeout)) {
      disposer.abandonAll();
    }
    disposer.shutdown();
    scheduler.shutdownNow();
  }

  private static final class Shared<M> {
    final M manager;
    final AtomicInteger leases = new AtomicInteger();
    volatile boolean removed;

    Shared(M manager) {
      this.manager = manager;
    }
  }

  private static final class SharedLease<M> implements Lease<M> {
    @SuppressWarnings("rawtypes")
    private static final AtomicIntegerFieldUpdater<SharedLease> CLOSED =
        AtomicIntegerFieldUpdater.newUpdater(SharedLease.class, "closed");

    private final Shared<M> shared;
    private volatile int closed;

    SharedLease(Shared<M> shared) {
      this.shared = shared;
    }

    @Override
    public M manager() {
      if (closed != 0) {
        throw new IllegalStateException("the lease is closed; acquire a new one");
      }
      return shared.manager;
    }

    @Override
    public SessionId session() {
      return SessionId.LOCAL;
    }

    @Override
    public void close() {
      if (CLOSED.compareAndSet(this, 0, 1)) {
        shared.leases.decrementAndGet();
      }
    }

    @Override
    public String toString() {
      return "Lease[local, closed=" + (closed != 0) + "]";
    }
  }
}
