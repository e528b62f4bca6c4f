package dev.mcpinspector.core.session;

import dev.mcpinspector.core.http.ProblemCode;
import dev.mcpinspector.core.http.ProblemException;
import dev.mcpinspector.core.time.Ticker;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;

/**
 * The session table: the one owner of a bound session's lifetime. Each entry holds the principal,
 * the idle and absolute deadlines and the credential it was bound for; what is attached to a
 * session (its client manager, its event scope) is ended through the listeners when the table ends
 * the session, and keeps it alive through the {@code pinned} predicate (a lease or an open stream)
 * while attached and in use.
 *
 * <p>Lookups are a map read plus a clock read. Expiry uses deadline buckets: every live entry sits
 * in one bucket of a sorted map keyed by an upper bound of the deadline it had when linked, in
 * one-second units. A sweep takes only the buckets that came due; an entry there either ends or
 * moves to the bucket of its real deadline (it was used since, or is pinned). So a sweep costs
 * O(due entries) and a live session is looked at about once per idle timeout.
 *
 * <p>Admission: a principal holds at most {@code maxPerPrincipal} sessions; its own least recently
 * used unpinned session makes room for a new one, never another principal's. The table holds at
 * most {@code capacity} sessions; when full, the least recently used unpinned session anywhere
 * makes room. A pinned session is never evicted: when no candidate is unpinned, the new session is
 * refused with {@code 503 server_busy} and {@code Retry-After}. A bearer credential sent without a
 * cookie reuses the one session bound for that credential, so requests that do not keep cookies
 * cost one entry per credential, not one per request.
 *
 * <p>Adds, removals and sweeps take {@link #lock}; listeners run outside it.
 */
final class SessionRegistry {

  private static final System.Logger LOG = System.getLogger(SessionRegistry.class.getName());
  private static final long TOUCH_GRANULARITY = 1_000_000_000L;
  private static final long BUCKET_NANOS = 1_000_000_000L;
  private static final int SESSION_ID_LENGTH = 43;

  /** One bound session. Fields other than {@code lastAccess} and {@code ended} never change. */
  static final class Bound {
    final SessionId id;
    final Principal principal;
    final Instant createdAt;
    final long createdNanos;
    final long absoluteDeadline;
    final String csrfToken;
    final byte[] cookieValue;
    final String cookieText;
    final String credentialKey;
    volatile long lastAccess;
    volatile boolean ended;
    // Guarded by the registry's lock.
    Bucket bucket;
    Bound prev;
    Bound next;

    Bound(
        SessionId id,
        Principal principal,
        Instant createdAt,
        long now,
        long lifetime,
        String csrf,
        String cookieValue,
        String credentialKey) {
      this.id = id;
      this.cookieText = cookieValue;
      this.cookieValue = cookieValue.getBytes(StandardCharsets.US_ASCII);
      this.principal = principal;
      this.createdAt = createdAt;
      this.createdNanos = now;
      this.absoluteDeadline = saturatedAdd(now, lifetime);
      this.csrfToken = csrf;
      this.lastAccess = now;
      this.credentialKey = credentialKey;
    }
  }

  static final class Bucket {
    final long key;
    Bound head;

    Bucket(long key) {
      this.key = key;
    }
  }

  private final ConcurrentHashMap<SessionId, Bound> sessions = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, Bound> byCredential = new ConcurrentHashMap<>();
  private final List<SessionListener> listeners = new CopyOnWriteArrayList<>();
  private final ReentrantLock lock = new ReentrantLock();
  private final Ticker ticker;
  private final long idleNanos;
  private final long lifetimeNanos;
  private final int capacity;
  private final int maxPerPrincipal;
  private final Duration retryAfter;
  private final Predicate<SessionId> pinned;

  // Guarded by lock.
  private final TreeMap<Long, Bucket> buckets = new TreeMap<>();
  private final Map<String, ArrayList<Bound>> byPrincipal = new HashMap<>();
  private long evicted;
  private long refused;

  SessionRegistry(
      Ticker ticker,
      long idleNanos,
      long lifetimeNanos,
      int capacity,
      int maxPerPrincipal,
      Duration retryAfter,
      Predicate<SessionId> pinned) {
    this.ticker = ticker;
    this.idleNanos = idleNanos;
    this.lifetimeNanos = lifetimeNanos;
    this.capacity = capacity;
    this.maxPerPrincipal = Math.min(maxPerPrincipal, capacity);
    this.retryAfter = retryAfter;
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

  /** Sessions ended to make room (per-principal or table limit) so far. */
  long evictions() {
    lock.lock();
    try {
      return evicted;
    } finally {
      lock.unlock();
    }
  }

  /** New sessions refused because every candidate for eviction was in use. */
  long refusals() {
    lock.lock();
    try {
      return refused;
    } finally {
      lock.unlock();
    }
  }

  /** Entries in the per-credential index (for tests: bounded by {@link #size()}). */
  int credentialCount() {
    return byCredential.size();
  }

  /**
   * Binds a new session.
   *
   * @param credentialKey the key of the bearer credential it is bound for, or null (login)
   * @return the new session, or the live one already bound for the same credential
   * @throws ProblemException {@code 503 server_busy} when the principal (or the table) is at its
   *     maximum and every candidate for eviction is in use
   */
  Bound add(
      SessionId id,
      Principal principal,
      Instant createdAt,
      String csrf,
      String cookieValue,
      String credentialKey) {
    long now = ticker.read();
    Bound b =
        new Bound(id, principal, createdAt, now, lifetimeNanos, csrf, cookieValue, credentialKey);
    List<Ended> out = new ArrayList<>();
    lock.lock();
    try {
      expireDue(now, out);
      if (credentialKey != null) {
        Bound raced = byCredential.get(credentialKey);
        if (raced != null && !raced.ended && raced.principal.sameUserAs(principal)) {
          return raced; // a concurrent request with the same credential bound it first
        }
      }
      admit(principal, out);
      sessions.put(id, b);
      if (credentialKey != null) {
        byCredential.put(credentialKey, b);
      }
      byPrincipal.computeIfAbsent(principal.key(), k -> new ArrayList<>(2)).add(b);
      link(b, deadline(b));
    } finally {
      lock.unlock();
      notifyAll(out);
    }
    return b;
  }

  /** Makes room for one session of the principal. Under lock. */
  private void admit(Principal principal, List<Ended> out) {
    ArrayList<Bound> own = byPrincipal.get(principal.key());
    while (own != null && own.size() >= maxPerPrincipal) {
      Bound victim = leastRecentlyUsed(own);
      if (victim == null) {
        refused++;
        throw busy(
            "every one of the "
                + maxPerPrincipal
                + " sessions allowed per user (INSPECTOR_MAX_SESSIONS_PER_PRINCIPAL) is in use;"
                + " log out elsewhere or try again later");
      }
      evicted++;
      endLocked(victim, EndReason.CAPACITY, out);
      own = byPrincipal.get(principal.key());
    }
    while (sessions.size() >= capacity) {
      Bound victim = leastRecentlyUsed();
      if (victim == null) {
        refused++;
        throw busy(
            "every one of the "
                + capacity
                + " sessions of this server (INSPECTOR_MAX_BOUND_SESSIONS) is in use; try again"
                + " later");
      }
      evicted++;
      endLocked(victim, EndReason.CAPACITY, out);
    }
  }

  private ProblemException busy(String detail) {
    return ProblemException.retryAfter(ProblemCode.SERVER_BUSY, detail, retryAfter);
  }

  private Bound leastRecentlyUsed(List<Bound> candidates) {
    Bound best = null;
    for (Bound c : candidates) {
      if (!c.ended && (best == null || c.lastAccess - best.lastAccess < 0) && !pinned.test(c.id)) {
        best = c;
      }
    }
    return best;
  }

  /** The unpinned session idle longest, walking buckets only as far as needed. Under lock. */
  private Bound leastRecentlyUsed() {
    Bound best = null;
    long bestDeadline = 0;
    for (Bucket bucket : buckets.values()) {
      // Every entry of a bucket has a deadline above the bucket's lower bound.
      if (best != null && (bucket.key - 1) * BUCKET_NANOS - bestDeadline >= 0) {
        break;
      }
      for (Bound c = bucket.head; c != null; c = c.next) {
        long d = c.lastAccess + idleNanos;
        if (!c.ended && (best == null || d - bestDeadline < 0) && !pinned.test(c.id)) {
          best = c;
          bestDeadline = d;
        }
      }
    }
    return best;
  }

  private long deadline(Bound b) {
    long idle = saturatedAdd(b.lastAccess, idleNanos);
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

  /**
   * The live session bound for a credential, touched, or null.
   *
   * @param credentialKey the key of the credential and principal
   */
  Bound forCredential(String credentialKey) {
    Bound b = byCredential.get(credentialKey);
    return b == null ? null : touch(b);
  }

  /** Returns the live session and records the access, or null (ending it if it expired). */
  Bound touch(Bound b) {
    if (b.ended) {
      return null;
    }
    long now = ticker.read();
    if (now - b.absoluteDeadline >= 0) {
      end(b, EndReason.LIFETIME);
      return null;
    }
    if (now - (b.lastAccess + idleNanos) >= 0 && !pinned.test(b.id)) {
      end(b, EndReason.IDLE);
      return null;
    }
    if (now - b.lastAccess > TOUCH_GRANULARITY) {
      b.lastAccess = now;
    }
    return b;
  }

  private void end(Bound b, EndReason reason) {
    List<Ended> out = new ArrayList<>(1);
    lock.lock();
    try {
      if (!b.ended) {
        endLocked(b, reason, out);
      }
    } finally {
      lock.unlock();
    }
    notifyAll(out);
  }

  /** Ends a session; returns it when it was live. */
  Bound remove(SessionId id, EndReason reasonOrNull) {
    Bound b;
    List<Ended> out = new ArrayList<>(1);
    lock.lock();
    try {
      b = sessions.get(id);
      if (b == null || b.ended) {
        return null;
      }
      endLocked(b, reasonOrNull, out);
    } finally {
      lock.unlock();
    }
    notifyAll(out);
    return b;
  }

  /** Ends one entry: out of every index. Under lock. */
  private void endLocked(Bound b, EndReason reason, List<Ended> out) {
    b.ended = true;
    unlink(b);
    sessions.remove(b.id, b);
    if (b.credentialKey != null) {
      byCredential.remove(b.credentialKey, b);
    }
    ArrayList<Bound> own = byPrincipal.get(b.principal.key());
    if (own != null) {
      own.remove(b);
      if (own.isEmpty()) {
        byPrincipal.remove(b.principal.key());
      }
    }
    if (reason != null) {
      out.add(new Ended(b, reason));
    }
  }

  /** A session the table ended, waiting for its listeners to be told outside the lock. */
  private record Ended(Bound session, EndReason reason) {}

  int sweep() {
    long now = ticker.read();
    List<Ended> out = new ArrayList<>();
    lock.lock();
    try {
      expireDue(now, out);
    } finally {
      lock.unlock();
    }
    notifyAll(out);
    return out.size();
  }

  /** Takes the buckets that came due. Under lock. */
  private void expireDue(long now, List<Ended> out) {
    long due = Math.floorDiv(now, BUCKET_NANOS);
    Map.Entry<Long, Bucket> first;
    while ((first = buckets.firstEntry()) != null && first.getKey() <= due) {
      buckets.pollFirstEntry();
      Bound b = first.getValue().head;
      while (b != null) {
        Bound next = b.next;
        b.prev = null;
        b.next = null;
        b.bucket = null;
        examine(b, now, out);
        b = next;
      }
    }
  }

  private void examine(Bound b, long now, List<Ended> out) {
    if (b.ended) {
      return;
    }
    if (now - b.absoluteDeadline >= 0) {
      endLocked(b, EndReason.LIFETIME, out);
    } else if (now - (b.lastAccess + idleNanos) >= 0) {
      if (pinned.test(b.id)) {
        // In use: it cannot go idle before another idle period has passed.
        long next = saturatedAdd(now, idleNanos);
        link(b, next - b.absoluteDeadline < 0 ? next : b.absoluteDeadline);
      } else {
        endLocked(b, EndReason.IDLE, out);
      }
    } else {
      link(b, deadline(b));
    }
  }

  private void link(Bound b, long deadline) {
    long key = -Math.floorDiv(-deadline, BUCKET_NANOS);
    Bucket bucket = buckets.get(key);
    if (bucket == null) {
      bucket = new Bucket(key);
      buckets.put(key, bucket);
    }
    b.bucket = bucket;
    b.prev = null;
    b.next = bucket.head;
    if (bucket.head != null) {
      bucket.head.prev = b;
    }
    bucket.head = b;
  }

  private void unlink(Bound b) {
    Bucket bucket = b.bucket;
    if (bucket == null) {
      return;
    }
    if (b.prev != null) {
      b.prev.next = b.next;
    } else {
      bucket.head = b.next;
    }
    if (b.next != null) {
      b.next.prev = b.prev;
    }
    b.prev = null;
    b.next = null;
    b.bucket = null;
    if (bucket.head == null) {
      buckets.remove(bucket.key);
    }
  }

  private void notifyAll(List<Ended> ended) {
    for (Ended end : ended) {
      Bound b = end.session();
      EndReason reason = end.reason();
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

  private static long saturatedAdd(long a, long b) {
    long r = a + b;
    return ((a ^ r) & (b ^ r)) < 0 ? (a < 0 ? Long.MIN_VALUE : Long.MAX_VALUE) : r;
  }
}
