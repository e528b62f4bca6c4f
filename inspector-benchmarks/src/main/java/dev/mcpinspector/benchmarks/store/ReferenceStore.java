package dev.mcpinspector.benchmarks.store;

import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * A faithful Java port of the reference design's hosted-mode session store, used only as a
 * baseline: one map guarded by one lock, entries stamped with {@code lastAccessedAt} (wall-clock
 * milliseconds, like {@code Date.now()}) on every access, an O(n) sweep of every entry run inline
 * on the request path once per sweep interval, and an O(n) scan for the least recently accessed
 * entry when the map is full. Removed managers are disconnected fire-and-forget. There are no
 * leases: any entry can be evicted at any time, which is one of the flaws this project fixes.
 *
 * @param <M> the manager type
 */
public final class ReferenceStore<M extends AutoCloseable> {

  private static final class Entry<M> {
    final M manager;
    long lastAccessedAt;

    Entry(M manager, long now) {
      this.manager = manager;
      this.lastAccessedAt = now;
    }
  }

  private final Map<String, Entry<M>> sessions = new HashMap<>();
  private final Function<String, M> factory;
  private final long idleTimeoutMillis;
  private final long sweepIntervalMillis;
  private final int maxSessions;
  private final LongSupplier clock;
  private final Executor disconnector;
  private long lastSweepAt;

  /**
   * Creates the store.
   *
   * @param factory creates a manager for a session id
   * @param idleTimeoutMillis idle timeout
   * @param sweepIntervalMillis how often the inline sweep runs
   * @param maxSessions capacity
   * @param clock wall clock in milliseconds ({@code System::currentTimeMillis} in production)
   * @param disconnector runs the fire-and-forget disconnects
   */
  public ReferenceStore(
      Function<String, M> factory,
      long idleTimeoutMillis,
      long sweepIntervalMillis,
      int maxSessions,
      LongSupplier clock,
      Executor disconnector) {
    this.factory = factory;
    this.idleTimeoutMillis = idleTimeoutMillis;
    this.sweepIntervalMillis = sweepIntervalMillis;
    this.maxSessions = maxSessions;
    this.clock = clock;
    this.disconnector = disconnector;
    this.lastSweepAt = clock.getAsLong();
  }

  /**
   * Returns the session's manager, creating it when missing, after sweeping if one is due.
   *
   * @param sessionId the session id
   * @return its manager
   */
  public synchronized M getOrCreate(String sessionId) {
    long now = clock.getAsLong();
    if (now - lastSweepAt >= sweepIntervalMillis) {
      sweep(now);
    }
    Entry<M> entry = sessions.get(sessionId);
    if (entry != null) {
      entry.lastAccessedAt = now;
      return entry.manager;
    }
    if (sessions.size() >= maxSessions) {
      evictLeastRecentlyAccessed();
    }
    entry = new Entry<>(factory.apply(sessionId), now);
    sessions.put(sessionId, entry);
    return entry.manager;
  }

  /**
   * The O(n) sweep: looks at every entry and removes those idle for longer than the timeout.
   *
   * @param now the wall clock in milliseconds
   * @return how many entries were removed
   */
  public synchronized int sweep(long now) {
    lastSweepAt = now;
    int removed = 0;
    for (Iterator<Entry<M>> it = sessions.values().iterator(); it.hasNext(); ) {
      Entry<M> entry = it.next();
      if (now - entry.lastAccessedAt > idleTimeoutMillis) {
        it.remove();
        disconnect(entry.manager);
        removed++;
      }
    }
    return removed;
  }

  private void evictLeastRecentlyAccessed() {
    String oldestId = null;
    long oldest = Long.MAX_VALUE;
    for (Map.Entry<String, Entry<M>> e : sessions.entrySet()) {
      if (e.getValue().lastAccessedAt < oldest) {
        oldest = e.getValue().lastAccessedAt;
        oldestId = e.getKey();
      }
    }
    if (oldestId != null) {
      disconnect(sessions.remove(oldestId).manager);
    }
  }

  private void disconnect(M manager) {
    disconnector.execute(
        () -> {
          try {
            manager.close();
          } catch (Exception ignored) {
            // fire and forget, as in the reference
          }
        });
  }

  /**
   * The number of sessions held.
   *
   * @return the size
   */
  public synchronized int size() {
    return sessions.size();
  }
}
