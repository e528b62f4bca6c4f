package dev.mcpinspector.core.session;

import dev.mcpinspector.core.time.Ticker;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * Bound sessions with idle and absolute expiry. Lookups are a map read plus a clock read. A
 * priority queue holds one check time per session; when a check time comes, the session is ended if
 * its real deadline has passed, or re-queued at that deadline otherwise. So each live session is
 * looked at about once per idle timeout, and no operation walks all sessions.
 */
final class SessionRegistry {

  private static final System.Logger LOG = System.getLogger(SessionRegistry.class.getName());
  private static final long TOUCH_GRANULARITY = 1_000_000_000L;
  private static final int SESSION_ID_LENGTH = 43;

  static final class Bound {
    final SessionId id;
    final Principal principal;
    final Instant createdAt;
    final long createdNanos;
    final long absoluteDeadline;
    final String csrfToken;
    final byte[] cookieValue;
    volatile long lastAccess;
    volatile boolean ended;

    Bound(
        SessionId id,
        Principal principal,
        Instant createdAt,
        long now,
        long lifetime,
        String csrf,
        String cookieValue) {
      this.id = id;
      this.cookieValue = cookieValue.getBytes(StandardCharsets.US_ASCII);
      this.principal = principal;
      this.createdAt = createdAt;
      this.createdNanos = now;
      this.absoluteDeadline = now + lifetime;
      this.csrfToken = csrf;
      this.lastAccess = now;
    }
  }

  private static final class Check implements Comparable<Check> {
    final long due;
    final Bound session;

    Check(long due, Bound session) {
      this.due = due;
      this.session = session;
    }

    @Override
    public int compareTo(Check o) {
      return Long.compare(due - o.due, 0);
    }
  }

  private final ConcurrentHashMap<SessionId, Bound> sessions = new ConcurrentHashMap<>();
  private final PriorityQueue<Check> checks = new PriorityQueue<>();
  private final List<SessionListener> listeners = new CopyOnWriteArrayList<>();
  private final Ticker ticker;
  private final long idleNanos;
  private final long lifetimeNanos;
  private final int capacity;
  private final Predicate<SessionId> pinned;

  SessionRegistry(
      Ticker ticker,
      long idleNanos,
      long lifetimeNanos,
      int capacity,
      Predicate<SessionId> pinned) {
    this.ticker = ticker;
    this.idleNanos = idleNanos;
    this.lifetimeNanos = lifetimeNanos;
    this.capacity = capacity;
    this.pinned = pinned;
  }

  long idleNanos() {
    return idleNanos;
  }

  void addListener(SessionListener listener) {
    listeners.add(listener);
  }

  int size() {
    return sessions.size();
  }

  Bound add(SessionId id, Principal principal, Instant createdAt, String csrf, String cookieValue) {
    long now = ticker.read();
    Bound b = new Bound(id, principal, createdAt, now, lifetimeNanos, csrf, cookieValue);
    List<Bound> evicted = new ArrayList<>();
    if (sessions.size() >= capacity) {
      sweep();
      synchronized (checks) {
        while (sessions.size() >= capacity && !checks.isEmpty()) {
          Bound victim = checks.poll().session;
          if (!victim.ended && sessions.remove(victim.id, victim)) {
            victim.ended = true;
            evicted.add(victim);
          }
        }
      }
    }
    sessions.put(id, b);
    synchronized (checks) {
      checks.add(new Check(deadline(b), b));
      if (checks.size() > 2 * sessions.size() + 1024) {
        // Ended sessions leave stale checks behind; rebuilding after that many adds keeps memory
        // proportional to live sessions at amortised O(1) per add.
        List<Check> live = new ArrayList<>();
        for (Check c : checks) {
          if (!c.session.ended) {
            live.add(c);
          }
        }
        checks.clear();
        checks.addAll(live);
      }
    }
    for (Bound v : evicted) {
      notifyEnded(v, EndReason.CAPACITY);
    }
    return b;
  }

  private long deadline(Bound b) {
    long idle = b.lastAccess + idleNanos;
    return idle - b.absoluteDeadline < 0 ? idle : b.absoluteDeadline;
  }

  /**
   * Finds the session a bound cookie value was issued for: the value must equal, byte for byte and
   * compared in constant time, the one this registry handed out, which proves it authentic without
   * recomputing its MAC.
   *
   * @return the session, or null when this exact value was not issued for a tracked session
   */
  Bound issued(String cookieValue) {
    int first = cookieValue.indexOf('.');
    int second = cookieValue.indexOf('.', first + 1);
    if (second - first - 1 != SESSION_ID_LENGTH) {
      return null;
    }
    SessionId id;
    try {
      id = new SessionId(cookieValue.substring(first + 1, second));
    } catch (IllegalArgumentException e) {
      return null;
    }
    Bound b = sessions.get(id);
    if (b == null
        || !MessageDigest.isEqual(b.cookieValue, cookieValue.getBytes(StandardCharsets.US_ASCII))) {
      return null;
    }
    return b;
  }

  /** Returns the live session and records the access, or null (ending it if it expired). */
  Bound touch(Bound b) {
    if (b.ended) {
      return null;
    }
    SessionId id = b.id;
    long now = ticker.read();
    if (now - b.absoluteDeadline >= 0) {
      endExpired(b, EndReason.LIFETIME);
      return null;
    }
    if (now - (b.lastAccess + idleNanos) >= 0) {
      if (!pinned.test(id)) {
        endExpired(b, EndReason.IDLE);
        return null;
      }
    }
    if (now - b.lastAccess > TOUCH_GRANULARITY) {
      b.lastAccess = now;
    }
    return b;
  }

  private void endExpired(Bound b, EndReason reason) {
    if (sessions.remove(b.id, b)) {
      b.ended = true;
      notifyEnded(b, reason);
    }
  }

  /** Ends a session; returns it when it was live. */
  Bound remove(SessionId id, EndReason reasonOrNull) {
    Bound b = sessions.remove(id);
    if (b == null) {
      return null;
    }
    b.ended = true;
    if (reasonOrNull != null) {
      notifyEnded(b, reasonOrNull);
    }
    return b;
  }

  int sweep() {
    long now = ticker.read();
    List<Check> due = new ArrayList<>();
    synchronized (checks) {
      while (!checks.isEmpty() && now - checks.peek().due >= 0) {
        due.add(checks.poll());
      }
    }
    int ended = 0;
    List<Check> requeue = new ArrayList<>();
    for (Check c : due) {
      Bound b = c.session;
      if (b.ended) {
        continue;
      }
      if (now - b.absoluteDeadline >= 0) {
        if (sessions.remove(b.id, b)) {
          b.ended = true;
          ended++;
          notifyEnded(b, EndReason.LIFETIME);
        }
      } else if (now - (b.lastAccess + idleNanos) >= 0 && !pinned.test(b.id)) {
        if (sessions.remove(b.id, b)) {
          b.ended = true;
          ended++;
          notifyEnded(b, EndReason.IDLE);
        }
      } else {
        long next = deadline(b);
        // A pinned session is looked at again after another idle period.
        requeue.add(new Check(next - now > 0 ? next : now + idleNanos, b));
      }
    }
    if (!requeue.isEmpty()) {
      synchronized (checks) {
        checks.addAll(requeue);
      }
    }
    return ended;
  }

  private void notifyEnded(Bound b, EndReason reason) {
    for (SessionListener l : listeners) {
      try {
        l.sessionEnded(b.id, b.principal, reason);
      } catch (RuntimeException e) {
        LOG.log(
            Level.WARNING,
            "session listener " + l.getClass().getName() + " failed for reason " + reason,
            e);
      }
    }
  }
}
