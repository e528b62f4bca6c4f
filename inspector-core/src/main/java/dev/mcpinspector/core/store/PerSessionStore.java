package dev.mcpinspector.core.store;

import dev.mcpinspector.core.session.Principal;
import dev.mcpinspector.core.session.SessionId;
import dev.mcpinspector.core.time.Ticker;
import java.lang.System.Logger.Level;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One manager per session.
 *
 * <p>Hot path: acquiring an existing session is a {@link ConcurrentHashMap} lookup, one atomic add
 * on the entry's state word and a small lease object; releasing is one atomic swap on the lease (so
 * a second release is a no-op), one plain store of the coarse time and one atomic add. No lock, no
 * clock read, no shared counter. The state word packs a dead bit (bit 0), the open-lease count
 * (bits 1-31) and a release epoch (bits 32-63) that makes every release visible to the sweeper's
 * CAS, so an idle expiry can never win against a lease released and re-acquired in between.
 *
 * <p>Deadline buckets: every live entry sits in exactly one bucket of a sorted map, keyed by a
 * lower bound of its next deadline (idle or lifetime, in sweep-interval units). A sweep takes only
 * the buckets that came due: an entry there either expires or moves to the bucket of its true
 * deadline (it was used since, or is leased). So a sweep costs O(due entries), and an active
 * session is looked at about once per idle timeout. Because a bucket's key never exceeds the idle
 * deadline of its entries, the same map yields the least recently used idle session without a full
 * scan.
 *
 * <p>Creations, removals and sweeps take {@link #lock}; they never run the factory, a listener or a
 * close while holding it.
 */
final class PerSessionStore<M extends AutoCloseable> implements ClientManagerStore<M> {

  private static final System.Logger LOG = System.getLogger(ClientManagerStore.class.getName());

  static final long DEAD = 1L;
  static final long LEASE = 2L;
  static final long COUNT_MASK = 0xFFFF_FFFEL;
  static final long EPOCH = 1L << 32;

  private static final VarHandle STATE;
  private static final VarHandle LAST_ACCESS;
  private static final VarHandle LEASE_CLOSED;

  static {
    try {
      MethodHandles.Lookup lookup = MethodHandles.lookup();
      STATE = lookup.findVarHandle(Entry.class, "state", long.class);
      LAST_ACCESS = lookup.findVarHandle(Entry.class, "lastAccess", long.class);
      LEASE_CLOSED = lookup.findVarHandle(EntryLease.class, "closed", int.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final StoreConfig config;
  private final ManagerFactory<M> factory;
  private final Ticker ticker;
  private final long intervalNanos;
  private final long idleNanos;
  private final long lifetimeNanos;
  private final ConcurrentHashMap<SessionId, Entry<M>> map;
  private final ReentrantLock lock = new ReentrantLock();
  private final ReentrantLock sweepLock = new ReentrantLock();
  private final CopyOnWriteArrayList<RemovalListener> listeners = new CopyOnWriteArrayList<>();
  private final ScheduledExecutorService scheduler;
  private final boolean ownsScheduler;
  private final Disposer disposer;

  // Guarded by lock.
  private final TreeMap<Long, Bucket<M>> buckets = new TreeMap<>();
  private final HashMap<PrincipalKey, ArrayList<Entry<M>>> byPrincipal = new HashMap<>();
  private final long[] removed = new long[RemovalCause.values().length];
  private int live;
  private long created;
  private long createFailures;
  private long rejected;
  private long victimState;

  // The coarse clock: the ticker as read by the latest sweep.
  private volatile long now;
  private volatile boolean closed;
  private volatile ScheduledFuture<?> sweepTask;

  PerSessionStore(StoreConfig config, ManagerFactory<M> factory) {
    this.config = Objects.requireNonNull(config, "config must not be null");
    this.factory = Objects.requireNonNull(factory, "factory must not be null");
    this.ticker = config.ticker();
    this.intervalNanos = config.sweepInterval().toNanos();
    // One interval of slack: a release is stamped with a clock up to one interval old, and a
    // session must never expire before its idle timeout.
    this.idleNanos = saturatedAdd(config.idleTimeout().toNanos(), intervalNanos);
    this.lifetimeNanos = config.maxLifetime().toNanos();
    this.map = new ConcurrentHashMap<>(Math.min(config.maxSessions(), 1 << 16));
    this.ownsScheduler = config.scheduler().isEmpty();
    this.scheduler = config.scheduler().orElseGet(PerSessionStore::ownScheduler);
    this.disposer = new Disposer(scheduler, config.disposeTimeout(), 2);
    this.now = ticker.read();
  }

  static <M extends AutoCloseable> PerSessionStore<M> start(
      StoreConfig config, ManagerFactory<M> factory) {
    PerSessionStore<M> store = new PerSessionStore<>(config, factory);
    store.sweepTask =
        store.scheduler.scheduleWithFixedDelay(
            store::sweepLogged, store.intervalNanos, store.intervalNanos, TimeUnit.NANOSECONDS);
    return store;
  }

  static ScheduledExecutorService ownScheduler() {
    ScheduledThreadPoolExecutor s =
        new ScheduledThreadPoolExecutor(1, Disposer.daemonThreads("mcp-inspector-store-sweeper-"));
    s.setRemoveOnCancelPolicy(true);
    return s;
  }

  // ---------------------------------------------------------------- acquire and release

  @Override
  public Lease<M> acquire(SessionId session, Principal principal) {
    Objects.requireNonNull(session, "session must not be null");
    for (; ; ) {
      if (closed) {
        throw closedException();
      }
      Entry<M> e = map.get(session);
      if (e == null) {
        Lease<M> lease = create(session, principal);
        if (lease != null) {
          return lease;
        }
        continue;
      }
      if (principal != null
          && e.principal != null
          && principal != e.principal
          && !e.principal.sameUserAs(principal)) {
        throw new IllegalArgumentException("session belongs to a different principal");
      }
      if (!e.tryPin()) {
        // Dead: its remover holds the lock and takes it out of the map before letting go.
        lock.lock();
        lock.unlock();
        continue;
      }
      M m = e.manager;
      if (m == null) {
        m = awaitCreation(e);
        if (m == null) {
          continue;
        }
      }
      return new EntryLease<>(this, e, m);
    }
  }

  private M awaitCreation(Entry<M> e) {
    Creation c = e.creation;
    if (c != null) {
      try {
        c.done.await();
      } catch (InterruptedException ie) {
        e.release(now);
        Thread.currentThread().interrupt();
        throw new ManagerCreationException(
            "interrupted while waiting for the session's manager to be created", ie);
      }
      Throwable failure = c.failure;
      if (failure instanceof NullPointerException) {
        throw new NullPointerException(failure.getMessage());
      }
      if (failure != null) {
        throw new ManagerCreationException(
            "manager factory failed in a concurrent acquire of the same session: " + failure,
            failure);
      }
    }
    // Null when the session was removed while it was being created: the caller retries.
    return e.manager;
  }

  private Lease<M> create(SessionId session, Principal principal) {
    long t = ticker.read();
    Entry<M> e = new Entry<>(session, principal, saturatedAdd(t, lifetimeNanos));
    Creation c = new Creation();
    e.creation = c;
    LAST_ACCESS.setOpaque(e, now);
    List<Removal<M>> evicted = new ArrayList<>(1);
    lock.lock();
    try {
      if (closed) {
        throw closedException();
      }
      if (map.containsKey(session)) {
        return null;
      }
      admit(principal, evicted);
      map.put(session, e);
      link(e, Math.min(saturatedAdd(now, idleNanos), e.lifetimeDeadline));
      if (principal != null) {
        byPrincipal.computeIfAbsent(PrincipalKey.of(principal), k -> new ArrayList<>(2)).add(e);
      }
      live++;
    } finally {
      lock.unlock();
    }
    dispatch(evicted);
    return createManager(e, c);
  }

  private Lease<M> createManager(Entry<M> e, Creation c) {
    M m;
    try {
      m = factory.create(e.session, e.principal);
      if (m == null) {
        throw new NullPointerException(
            "manager factory " + factory.getClass().getName() + " returned null");
      }
    } catch (Throwable t) {
      abortCreation(e, c, t);
      if (t instanceof NullPointerException || t instanceof Error) {
        throw sneaky(t);
      }
      if (t instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      throw new ManagerCreationException(
          "manager factory " + factory.getClass().getName() + " failed: " + t, t);
    }
    RemovalCause removedMeanwhile;
    lock.lock();
    try {
      created++;
      removedMeanwhile = c.removedBy;
      if (removedMeanwhile == null) {
        e.manager = m;
      } else {
        removed[removedMeanwhile.ordinal()]++;
      }
    } finally {
      lock.unlock();
    }
    e.creation = null;
    c.done.countDown();
    if (removedMeanwhile == null) {
      return new EntryLease<>(this, e, m);
    }
    // Invalidated, lifetime-expired or shut down while the factory ran: finish that removal.
    dispatch(List.of(new Removal<>(e, m, removedMeanwhile)));
    if (closed) {
      throw closedException();
    }
    return null;
  }

  private void abortCreation(Entry<M> e, Creation c, Throwable t) {
    lock.lock();
    try {
      createFailures++;
      if (c.removedBy == null) {
        long unused = (long) STATE.getAndBitwiseOr(e, DEAD);
        unlinkLocked(e);
      }
    } finally {
      lock.unlock();
    }
    c.failure = t;
    c.done.countDown();
  }

  @SuppressWarnings("unchecked")
  private static <T extends Throwable> RuntimeException sneaky(Throwable t) throws T {
    throw (T) t;
  }

  private IllegalStateException closedException() {
    return new IllegalStateException(
        "the client manager store is closed; no session can be acquired");
  }

  // ---------------------------------------------------------------- admission (under lock)

  private void admit(Principal principal, List<Removal<M>> evicted) {
    if (principal != null) {
      ArrayList<Entry<M>> own = byPrincipal.get(PrincipalKey.of(principal));
      int max = config.maxSessionsPerPrincipal();
      while (own != null && own.size() >= max) {
        Entry<M> victim = lruIdle(own);
        if (victim == null) {
          rejected++;
          throw new StoreFullException(
              StoreFullException.Limit.MAX_SESSIONS_PER_PRINCIPAL, max, config.retryAfter());
        }
        if (STATE.compareAndSet(victim, victimState, victimState | DEAD)) {
          removeLocked(victim, RemovalCause.PRINCIPAL_LIMIT, evicted);
        }
      }
    }
    while (live >= config.maxSessions()) {
      Entry<M> victim = lruIdle();
      if (victim == null) {
        rejected++;
        throw new StoreFullException(
            StoreFullException.Limit.MAX_SESSIONS, config.maxSessions(), config.retryAfter());
      }
      if (STATE.compareAndSet(victim, victimState, victimState | DEAD)) {
        removeLocked(victim, RemovalCause.CAPACITY, evicted);
      }
    }
  }

  private Entry<M> lruIdle(List<Entry<M>> candidates) {
    Entry<M> best = null;
    long bestAccess = 0;
    for (Entry<M> e : candidates) {
      long s = e.state;
      if ((s & (DEAD | COUNT_MASK)) != 0) {
        continue;
      }
      long access = (long) LAST_ACCESS.getOpaque(e);
      if (best == null || access < bestAccess) {
        best = e;
        bestAccess = access;
        victimState = s;
      }
    }
    return best;
  }

  /** The least recently released idle session, walking buckets only as far as needed. */
  private Entry<M> lruIdle() {
    Entry<M> best = null;
    long bestDeadline = 0;
    for (Bucket<M> b : buckets.values()) {
      // Every entry in b has an idle deadline above b's lower bound.
      if (best != null && (b.key - 1) * intervalNanos >= bestDeadline) {
        break;
      }
      for (Entry<M> e = b.head; e != null; e = e.next) {
        long s = e.state;
        if ((s & (DEAD | COUNT_MASK)) != 0) {
          continue;
        }
        long deadline = saturatedAdd((long) LAST_ACCESS.getOpaque(e), idleNanos);
        if (best == null || deadline < bestDeadline) {
          best = e;
          bestDeadline = deadline;
          victimState = s;
        }
      }
    }
    return best;
  }

  // ---------------------------------------------------------------- removal

  /** Unlinks an entry its caller has just marked dead and records the removal. Under lock. */
  private void removeLocked(Entry<M> e, RemovalCause cause, List<Removal<M>> out) {
    unlinkLocked(e);
    Creation c = e.creation;
    M m = e.manager;
    if (m == null && c != null) {
      c.removedBy = cause; // the creating thread counts it and closes what the factory returns
      return;
    }
    removed[cause.ordinal()]++;
    out.add(new Removal<>(e, m, cause));
  }

  private void unlinkLocked(Entry<M> e) {
    unlinkBucket(e);
    if (e.principal != null) {
      PrincipalKey key = PrincipalKey.of(e.principal);
      ArrayList<Entry<M>> own = byPrincipal.get(key);
      if (own != null) {
        own.remove(e);
        if (own.isEmpty()) {
          byPrincipal.remove(key);
        }
      }
    }
    if (map.remove(e.session, e)) {
      live--;
    }
  }

  private void dispatch(List<Removal<M>> removals) {
    if (removals.isEmpty()) {
      return;
    }
    List<AutoCloseable> managers = new ArrayList<>(removals.size());
    for (Removal<M> r : removals) {
      for (RemovalListener listener : listeners) {
        try {
          listener.onRemoval(r.entry.session, r.entry.principal, r.cause);
        } catch (RuntimeException ex) {
          LOG.log(
              Level.WARNING,
              "removal listener " + listener.getClass().getName() + " failed for cause " + r.cause,
              ex);
        }
      }
      managers.add(r.manager);
    }
    disposer.dispose(managers);
  }

  @Override
  public boolean invalidate(SessionId session) {
    Objects.requireNonNull(session, "session must not be null");
    List<Removal<M>> out = new ArrayList<>(1);
    lock.lock();
    try {
      Entry<M> e = map.get(session);
      if (e == null || (((long) STATE.getAndBitwiseOr(e, DEAD)) & DEAD) != 0) {
        return false;
      }
      removeLocked(e, RemovalCause.INVALIDATED, out);
    } finally {
      lock.unlock();
    }
    dispatch(out);
    return true;
  }

  @Override
  public boolean isActive(SessionId session) {
    Objects.requireNonNull(session, "session must not be null");
    Entry<M> e = map.get(session);
    return e != null && (e.state & DEAD) == 0 && e.manager != null;
  }

  @Override
  public boolean isLeased(SessionId session) {
    Objects.requireNonNull(session, "session must not be null");
    Entry<M> e = map.get(session);
    if (e == null) {
      return false;
    }
    long s = e.state;
    return (s & DEAD) == 0 && (s & COUNT_MASK) != 0;
  }

  @Override
  public void addRemovalListener(RemovalListener listener) {
    listeners.add(Objects.requireNonNull(listener, "listener must not be null"));
  }

  // ---------------------------------------------------------------- sweeping

  private void sweepLogged() {
    try {
      runSweep();
    } catch (RuntimeException | Error e) {
      LOG.log(Level.ERROR, "client manager store sweep failed", e);
    }
  }

  /** Advances the coarse clock and expires what came due. Tests call it directly. */
  void runSweep() {
    sweepLock.lock();
    try {
      long t = ticker.read();
      now = t;
      List<Removal<M>> out = new ArrayList<>();
      lock.lock();
      try {
        if (closed) {
          return;
        }
        long due = Math.floorDiv(t, intervalNanos);
        Map.Entry<Long, Bucket<M>> first;
        while ((first = buckets.firstEntry()) != null && first.getKey() <= due) {
          buckets.pollFirstEntry();
          Entry<M> e = first.getValue().head;
          while (e != null) {
            Entry<M> next = e.next;
            e.prev = null;
            e.next = null;
            e.bucket = null;
            examine(e, t, out);
            e = next;
          }
        }
      } finally {
        lock.unlock();
      }
      dispatch(out);
    } finally {
      sweepLock.unlock();
    }
  }

  private void examine(Entry<M> e, long t, List<Removal<M>> out) {
    if (t >= e.lifetimeDeadline) {
      long unused = (long) STATE.getAndBitwiseOr(e, DEAD);
      removeLocked(e, RemovalCause.LIFETIME, out);
      return;
    }
    for (; ; ) {
      long s = e.state;
      if ((s & COUNT_MASK) != 0) {
        // Leased: cannot go idle before now + idle timeout, so look again no earlier.
        link(e, Math.min(saturatedAdd(t, idleNanos), e.lifetimeDeadline));
        return;
      }
      long deadline = saturatedAdd((long) LAST_ACCESS.getOpaque(e), idleNanos);
      if (deadline > t) {
        link(e, Math.min(deadline, e.lifetimeDeadline));
        return;
      }
      if (STATE.compareAndSet(e, s, s | DEAD)) {
        removeLocked(e, RemovalCause.IDLE, out);
        return;
      }
    }
  }

  private void link(Entry<M> e, long deadline) {
    long key = -Math.floorDiv(-deadline, intervalNanos);
    Bucket<M> b = buckets.get(key);
    if (b == null) {
      b = new Bucket<>(key);
      buckets.put(key, b);
    }
    e.bucket = b;
    e.prev = null;
    e.next = b.head;
    if (b.head != null) {
      b.head.prev = e;
    }
    b.head = e;
  }

  private void unlinkBucket(Entry<M> e) {
    Bucket<M> b = e.bucket;
    if (b == null) {
      return;
    }
    if (e.prev != null) {
      e.prev.next = e.next;
    } else {
      b.head = e.next;
    }
    if (e.next != null) {
      e.next.prev = e.prev;
    }
    e.prev = null;
    e.next = null;
    e.bucket = null;
    if (b.head == null) {
      buckets.remove(b.key);
    }
  }

  // ---------------------------------------------------------------- stats and close

  @Override
  public StoreStats stats() {
    int leasedSessions = 0;
    long activeLeases = 0;
    for (Entry<M> e : map.values()) {
      long s = e.state;
      long count = (s & COUNT_MASK) >>> 1;
      if ((s & DEAD) == 0 && count > 0) {
        leasedSessions++;
        activeLeases += count;
      }
    }
    Map<RemovalCause, Long> removedByCause = new EnumMap<>(RemovalCause.class);
    lock.lock();
    try {
      for (RemovalCause cause : RemovalCause.values()) {
        removedByCause.put(cause, removed[cause.ordinal()]);
      }
      return new StoreStats(
          live,
          leasedSessions,
          activeLeases,
          created,
          removedByCause,
          createFailures,
          disposer.closed.get(),
          disposer.failures.get(),
          disposer.timeouts.get(),
          disposer.pending.get(),
          rejected);
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    ScheduledFuture<?> task = sweepTask;
    if (task != null) {
      task.cancel(false);
    }
    List<Removal<M>> out = new ArrayList<>();
    sweepLock.lock();
    try {
      lock.lock();
      try {
        if (closed) {
          return;
        }
        closed = true;
        for (Entry<M> e : new ArrayList<>(map.values())) {
          if ((((long) STATE.getAndBitwiseOr(e, DEAD)) & DEAD) == 0) {
            removeLocked(e, RemovalCause.SHUTDOWN, out);
          }
        }
      } finally {
        lock.unlock();
      }
      dispatch(out);
    } finally {
      sweepLock.unlock();
    }
    if (!disposer.awaitIdle(config.disposeTimeout())) {
      disposer.abandonAll();
    }
    disposer.shutdown();
    if (ownsScheduler) {
      scheduler.shutdownNow();
    }
  }

  /** Waits until every handed-over close finished, failed or timed out; for tests. */
  boolean awaitDisposals(java.time.Duration timeout) {
    return disposer.awaitIdle(timeout);
  }

  private static long saturatedAdd(long a, long b) {
    long r = a + b;
    return ((a ^ r) & (b ^ r)) < 0 ? (a < 0 ? Long.MIN_VALUE : Long.MAX_VALUE) : r;
  }

  // ---------------------------------------------------------------- internal types

  static final class Entry<M> {
    final SessionId session;
    final Principal principal;
    final long lifetimeDeadline;
    volatile M manager;
    volatile Creation creation;
    volatile long state = LEASE; // born leased by its creator
    long lastAccess; // accessed through LAST_ACCESS
    // Guarded by the store's lock.
    Bucket<M> bucket;
    Entry<M> prev;
    Entry<M> next;

    Entry(SessionId session, Principal principal, long lifetimeDeadline) {
      this.session = session;
      this.principal = principal;
      this.lifetimeDeadline = lifetimeDeadline;
    }

    boolean tryPin() {
      // One atomic add, no retry loop: on a dead entry the extra count is never looked at.
      return (((long) STATE.getAndAdd(this, LEASE)) & DEAD) == 0;
    }

    void release(long time) {
      // The stamp is published by the atomic add that follows it.
      LAST_ACCESS.setOpaque(this, time);
      long unused = (long) STATE.getAndAdd(this, EPOCH - LEASE);
    }
  }

  static final class Creation {
    final CountDownLatch done = new CountDownLatch(1);
    volatile Throwable failure;
    volatile RemovalCause removedBy; // written under the store's lock
  }

  static final class Bucket<M> {
    final long key;
    Entry<M> head;

    Bucket(long key) {
      this.key = key;
    }
  }

  record Removal<M>(Entry<M> entry, M manager, RemovalCause cause) {}

  record PrincipalKey(String issuer, String subject) {
    static PrincipalKey of(Principal p) {
      return new PrincipalKey(p.issuer(), p.subject());
    }
  }

  static final class EntryLease<M extends AutoCloseable> implements Lease<M> {
    private final PerSessionStore<M> store;
    private final Entry<M> entry;
    private final M manager;
    private volatile int closed;

    EntryLease(PerSessionStore<M> store, Entry<M> entry, M manager) {
      this.store = store;
      this.entry = entry;
      this.manager = manager;
    }

    @Override
    public M manager() {
      if (closed != 0) {
        throw new IllegalStateException("the lease is closed; acquire a new one");
      }
      return manager;
    }

    @Override
    public SessionId session() {
      return entry.session;
    }

    @Override
    public void close() {
      if ((int) LEASE_CLOSED.getAndSet(this, 1) == 0) {
        entry.release(store.now);
      }
    }

    @Override
    public String toString() {
      return "Lease[closed=" + (closed != 0) + "]";
    }
  }
}
