package dev.mcpinspector.core.rpc;

import dev.mcpinspector.core.event.CloseReason;
import dev.mcpinspector.core.event.ServerFilter;
import dev.mcpinspector.core.event.Subscription;
import dev.mcpinspector.core.event.SubscriptionQueue;
import dev.mcpinspector.core.session.SessionId;
import dev.mcpinspector.core.time.Ticker;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Ring buffers per (session, server) under a global byte budget. Each session has one monitor
 * that orders its sequence numbers, ring writes and subscriber queue offers; sessions never
 * share a lock on the publish path. The global budget is a single counter reserved before an
 * event is stored, so retained bytes never exceed it, even transiently.
 */
final class RingBufferRpcLogBus implements RpcLogBus {

  /** Marker text budget reserved at the end of a truncated message. */
  private static final int MARKER_RESERVE = 96;

  private final RpcLogConfig config;
  private final Clock clock;
  private final Ticker ticker;
  private final long maxBytes;
  private final int maxChars;
  private final long stallNanos;
  private final long trimSlack;
  private final ConcurrentHashMap<SessionId, SessionLog> sessions = new ConcurrentHashMap<>();
  private final AtomicLong retainedBytes = new AtomicLong();
  private final ReentrantLock trimLock = new ReentrantLock();
  private final ScheduledFuture<?> clockTask;
  private volatile long cachedMillis;
  private volatile boolean closed;

  private final LongAdder droppedNotOpen = new LongAdder();
  private final LongAdder cutOff = new LongAdder();
  private final LongAdder retiredPublished = new LongAdder();
  private final LongAdder retiredEvictedByCapacity = new LongAdder();
  private final LongAdder retiredEvictedByBudget = new LongAdder();
  private final LongAdder retiredTruncated = new LongAdder();

  RingBufferRpcLogBus(
      RpcLogConfig config, ScheduledExecutorService scheduler, Clock clock, Ticker ticker) {
    this.config = Objects.requireNonNull(config, "config must not be null");
    Objects.requireNonNull(scheduler, "scheduler must not be null");
    this.clock = Objects.requireNonNull(clock, "clock must not be null");
    this.ticker = Objects.requireNonNull(ticker, "ticker must not be null");
    this.maxBytes = config.maxBytes();
    this.maxChars = config.maxEventBytes() / 2;
    this.stallNanos = config.subscriberStallTimeout().toNanos();
    this.trimSlack = Math.max(1, maxBytes / 64);
    long precision = config.timestampPrecision().toNanos();
    this.cachedMillis = clock.millis();
    this.clockTask =
        precision == 0
            ? null
            : scheduler.scheduleAtFixedRate(
                () -> cachedMillis = clock.millis(), precision, precision, TimeUnit.NANOSECONDS);
  }

  // ---------------------------------------------------------------- lifecycle

  @Override
  public void open(SessionId session) {
    Objects.requireNonNull(session, "session must not be null");
    if (closed) {
      throw new IllegalStateException("RpcLogBus is closed; no session can be opened");
    }
    sessions.computeIfAbsent(session, SessionLog::new);
  }

  @Override
  public boolean isOpen(SessionId session) {
    Objects.requireNonNull(session, "session must not be null");
    return sessions.containsKey(session);
  }

  @Override
  public void clearSession(SessionId session) {
    Objects.requireNonNull(session, "session must not be null");
    SessionLog log = sessions.remove(session);
    if (log != null) {
      retire(log, CloseReason.SESSION_CLOSED);
    }
  }

  @Override
  public void close() {
    closed = true;
    if (clockTask != null) {
      clockTask.cancel(false);
    }
    for (SessionId id : new ArrayList<>(sessions.keySet())) {
      SessionLog log = sessions.remove(id);
      if (log != null) {
        retire(log, CloseReason.SHUTDOWN);
      }
    }
  }

  private void retire(SessionLog log, CloseReason reason) {
    List<SubscriptionQueue<RpcEvent>> toSignal = new ArrayList<>();
    synchronized (log) {
      log.cleared = true;
      retainedBytes.addAndGet(-log.bytes);
      retiredPublished.add(log.lastSequence);
      retiredEvictedByCapacity.add(log.evictedByCapacity);
      retiredEvictedByBudget.add(log.evictedByBudget);
      retiredTruncated.add(log.truncated);
      log.bytes = 0;
      log.events = 0;
      log.rings.clear();
      for (Sub sub : log.subscribers) {
        if (sub.queue.closeByOwner(reason)) {
          toSignal.add(sub.queue);
        }
      }
      log.subscribers.clear();
    }
    toSignal.forEach(SubscriptionQueue::signal);
  }

  // ---------------------------------------------------------------- publish

  @Override
  public long publish(SessionId session, String serverId, Direction direction, String json) {
    Objects.requireNonNull(session, "session must not be null");
    Objects.requireNonNull(serverId, "serverId must not be null");
    Objects.requireNonNull(direction, "direction must not be null");
    Objects.requireNonNull(json, "json must not be null");
    if (serverId.isEmpty()) {
      throw new IllegalArgumentException("serverId must not be empty");
    }
    SessionLog log = sessions.get(session);
    if (log == null) {
      droppedNotOpen.increment();
      return -1;
    }
    String text = json;
    boolean truncated = false;
    if (json.length() > maxChars) {
      text = truncate(json);
      truncated = true;
    }
    long weight = weigh(text);
    boolean retain = reserve(log, weight);
    SubscriptionQueue<RpcEvent> first = null;
    List<SubscriptionQueue<RpcEvent>> more = null;
    long sequence;
    synchronized (log) {
      if (log.cleared) {
        if (retain) {
          retainedBytes.addAndGet(-weight);
        }
        droppedNotOpen.increment();
        return -1;
      }
      sequence = ++log.lastSequence;
      RpcEvent event =
          new RpcEvent(log.id, serverId, direction, now(), sequence, text, truncated);
      Ring ring = log.rings.get(serverId);
      if (ring == null) {
        ring = new Ring(config.capacityPerServer());
        log.rings.put(serverId, ring);
      }
      if (truncated) {
        log.truncated++;
      }
      if (retain) {
        RpcEvent evicted = ring.add(event);
        log.bytes += weight;
        log.events++;
        if (evicted != null) {
          long w = weigh(evicted);
          log.bytes -= w;
          log.events--;
          log.evictedByCapacity++;
          retainedBytes.addAndGet(-w);
        }
      } else {
        ring.lastEvictedSequence = sequence;
        log.evictedByBudget++;
      }
      List<Sub> subs = log.subscribers;
      for (int i = subs.size() - 1; i >= 0; i--) {
        Sub sub = subs.get(i);
        if (!sub.filter.matches(serverId)) {
          continue;
        }
        SubscriptionQueue<RpcEvent> q = sub.queue;
        if (q.offer(event)) {
          if (first == null) {
            first = q;
          } else {
            if (more == null) {
              more = new ArrayList<>();
            }
            more.add(q);
          }
        }
        if (q.isClosed()) {
          subs.remove(i);
          cutOff.increment();
        }
      }
    }
    if (first != null) {
      first.signal();
      if (more != null) {
        more.forEach(SubscriptionQueue::signal);
      }
    }
    return sequence;
  }

  private long now() {
    return clockTask == null ? clock.millis() : cachedMillis;
  }

  private String truncate(String json) {
    int keep = maxChars - MARKER_RESERVE;
    if (Character.isHighSurrogate(json.charAt(keep - 1))) {
      keep--;
    }
    return json.substring(0, keep)
        + "\u2026[truncated by the inspector: "
        + json.length()
        + " characters, the first "
        + keep
        + " kept]";
  }

  static long weigh(RpcEvent event) {
    return weigh(event.message());
  }

  private static long weigh(String text) {
    return RpcLogConfig.EVENT_OVERHEAD_BYTES + 2L * text.length();
  }

  // ---------------------------------------------------------------- global budget

  /** Reserves room for an event, trimming the largest sessions; false when it cannot fit. */
  private boolean reserve(SessionLog own, long weight) {
    while (true) {
      long current = retainedBytes.get();
      if (current + weight <= maxBytes) {
        if (retainedBytes.compareAndSet(current, current + weight)) {
          return true;
        }
        continue;
      }
      if (!trim(own, weight)) {
        return false;
      }
    }
  }

  /**
   * Trims the oldest events of the sessions above the water level at which the projected total
   * (the new event included) falls a little below the budget, never below the fair share
   * (budget / open sessions). Returns whether the budget now has room or anything was freed.
   */
  private boolean trim(SessionLog own, long weight) {
    trimLock.lock();
    try {
      if (retainedBytes.get() + weight <= maxBytes) {
        return true;
      }
      SessionLog[] logs = sessions.values().toArray(new SessionLog[0]);
      int n = logs.length;
      if (n == 0) {
        return false;
      }
      long fairShare = maxBytes / n;
      long[] projected = new long[n];
      for (int i = 0; i < n; i++) {
        projected[i] = logs[i].bytes + (logs[i] == own ? weight : 0);
      }
      long level = Math.max(fairShare, waterLevel(projected, maxBytes - trimSlack));
      long freed = 0;
      for (int i = 0; i < n; i++) {
        if (projected[i] > level) {
          long goal = Math.max(0, level - (logs[i] == own ? weight : 0));
          freed += trimSession(logs[i], goal);
        }
      }
      return freed > 0;
    } finally {
      trimLock.unlock();
    }
  }

  /** The largest level L with sum(min(size, L)) <= target (sizes above it get cut to it). */
  static long waterLevel(long[] sizes, long target) {
    long[] sorted = sizes.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    long below = 0;
    for (int k = 0; k < n; k++) {
      long level = (target - below) / (n - k);
      if (level <= sorted[k]) {
        return Math.max(0, level);
      }
      below += sorted[k];
    }
    return Long.MAX_VALUE;
  }

  private long trimSession(SessionLog log, long goal) {
    long freed = 0;
    synchronized (log) {
      if (log.cleared) {
        return 0;
      }
      while (log.bytes > goal && log.events > 0) {
        Ring oldestRing = null;
        long oldestSeq = Long.MAX_VALUE;
        for (Ring ring : log.rings.values()) {
          RpcEvent head = ring.oldest();
          if (head != null && head.sequence() < oldestSeq) {
            oldestSeq = head.sequence();
            oldestRing = ring;
          }
        }
        if (oldestRing == null) {
          break;
        }
        RpcEvent removed = oldestRing.removeOldest();
        long w = weigh(removed);
        log.bytes -= w;
        log.events--;
        log.evictedByBudget++;
        freed += w;
      }
    }
    retainedBytes.addAndGet(-freed);
    return freed;
  }

  // ---------------------------------------------------------------- reads

  @Override
  public Subscription<RpcEvent> subscribe(
      SessionId session, ServerFilter filter, long afterSequence, Runnable onReady) {
    Objects.requireNonNull(session, "session must not be null");
    Objects.requireNonNull(filter, "filter must not be null");
    Objects.requireNonNull(onReady, "onReady must not be null");
    if (afterSequence < 0) {
      throw new IllegalArgumentException(
          "afterSequence must be 0 or more, but was " + afterSequence);
    }
    SessionLog log = sessions.get(session);
    SubscriptionQueue<RpcEvent> queue =
        new SubscriptionQueue<>(
            config.subscriberQueueSize(),
            config.subscriberQueueBytes(),
            RingBufferRpcLogBus::weigh,
            onReady,
            ticker,
            stallNanos,
            q -> unsubscribe(log, q));
    if (log == null) {
      queue.closeByOwner(CloseReason.SESSION_CLOSED);
      return queue;
    }
    boolean signal;
    synchronized (log) {
      if (log.cleared) {
        queue.closeByOwner(CloseReason.SESSION_CLOSED);
        return queue;
      }
      int max = config.maxSubscribersPerSession();
      if (log.subscribers.size() >= max) {
        throw new IllegalStateException(
            "the session already has "
                + max
                + " open subscriptions (maxSubscribersPerSession); close one first");
      }
      signal = replay(log, filter, afterSequence, queue);
      log.subscribers.add(new Sub(queue, filter));
    }
    if (signal) {
      queue.signal();
    }
    return queue;
  }

  private void unsubscribe(SessionLog log, SubscriptionQueue<RpcEvent> queue) {
    if (log == null) {
      return;
    }
    if (queue.closeReason() == CloseReason.CALLBACK_FAILED) {
      cutOff.increment();
    }
    synchronized (log) {
      log.subscribers.removeIf(s -> s.queue == queue);
    }
  }

  private boolean replay(
      SessionLog log, ServerFilter filter, long afterSequence, SubscriptionQueue<RpcEvent> queue) {
    if (afterSequence >= log.lastSequence) {
      return false;
    }
    Collection<Ring> rings = ringsFor(log, filter);
    long lostTo = 0;
    for (Ring ring : rings) {
      lostTo = Math.max(lostTo, ring.lastEvictedSequence);
    }
    boolean signal = false;
    if (lostTo > afterSequence) {
      signal = queue.offerGap(afterSequence + 1, lostTo);
    }
    long start = Math.max(afterSequence, lostTo);
    int limit = config.subscriberQueueSize();
    List<RpcEvent> events = newest(rings, start, limit);
    if (events.size() == limit && hasOlderThan(rings, start, events.get(0).sequence())) {
      signal |= queue.offerGap(start + 1, events.get(0).sequence() - 1);
    }
    for (RpcEvent event : events) {
      signal |= queue.offer(event);
    }
    return signal;
  }

  @Override
  public List<RpcEvent> snapshot(SessionId session, ServerFilter filter, int limit) {
    Objects.requireNonNull(session, "session must not be null");
    Objects.requireNonNull(filter, "filter must not be null");
    if (limit < 0) {
      throw new IllegalArgumentException("limit must be 0 or more, but was " + limit);
    }
    SessionLog log = sessions.get(session);
    if (log == null || limit == 0) {
      return List.of();
    }
    synchronized (log) {
      return List.copyOf(newest(ringsFor(log, filter), 0, limit));
    }
  }

  private static Collection<Ring> ringsFor(SessionLog log, ServerFilter filter) {
    if (filter.isAll()) {
      return log.rings.values();
    }
    Ring ring = log.rings.get(filter.serverId());
    return ring == null ? List.of() : List.of(ring);
  }

  /** The newest events with sequence above {@code after}, at most limit, oldest first. */
  private static List<RpcEvent> newest(Collection<Ring> rings, long after, int limit) {
    Ring[] rs = rings.toArray(new Ring[0]);
    int[] taken = new int[rs.length];
    int total = 0;
    for (Ring r : rs) {
      total += r.size;
    }
    RpcEvent[] out = new RpcEvent[Math.min(limit, total)];
    int count = 0;
    while (count < out.length) {
      int best = -1;
      long bestSeq = after;
      for (int i = 0; i < rs.length; i++) {
        if (taken[i] < rs[i].size) {
          long seq = rs[i].newest(taken[i]).sequence();
          if (seq > bestSeq) {
            bestSeq = seq;
            best = i;
          }
        }
      }
      if (best < 0) {
        break;
      }
      out[out.length - 1 - count] = rs[best].newest(taken[best]);
      taken[best]++;
      count++;
    }
    return Arrays.asList(out).subList(out.length - count, out.length);
  }

  private static boolean hasOlderThan(Collection<Ring> rings, long after, long sequence) {
    for (Ring ring : rings) {
      RpcEvent head = ring.oldest();
      if (head != null && head.sequence() > after && head.sequence() < sequence) {
        return true;
      }
    }
    return false;
  }

  @Override
  public RpcLogStats stats() {
    long events = 0;
    long published = retiredPublished.sum();
    long byCapacity = retiredEvictedByCapacity.sum();
    long byBudget = retiredEvictedByBudget.sum();
    long truncated = retiredTruncated.sum();
    long subscriberDropped = 0;
    int subscribers = 0;
    int open = 0;
    for (SessionLog log : sessions.values()) {
      synchronized (log) {
        open++;
        events += log.events;
        published += log.lastSequence;
        byCapacity += log.evictedByCapacity;
        byBudget += log.evictedByBudget;
        truncated += log.truncated;
        subscribers += log.subscribers.size();
        for (Sub sub : log.subscribers) {
          subscriberDropped += sub.queue.droppedEvents();
        }
      }
    }
    return new RpcLogStats(
        open,
        events,
        retainedBytes.get(),
        maxBytes,
        published,
        droppedNotOpen.sum(),
        byCapacity,
        byBudget,
        truncated,
        subscribers,
        subscriberDropped,
        cutOff.sum());
  }

  // ---------------------------------------------------------------- state

  private static final class Sub {
    final SubscriptionQueue<RpcEvent> queue;
    final ServerFilter filter;

    Sub(SubscriptionQueue<RpcEvent> queue, ServerFilter filter) {
      this.queue = queue;
      this.filter = filter;
    }
  }

  /** One session's rings and subscribers; every field guarded by the instance monitor. */
  private static final class SessionLog {
    final SessionId id;
    final HashMap<String, Ring> rings = new HashMap<>(8);
    final List<Sub> subscribers = new ArrayList<>(2);
    long lastSequence;
    /** Read without the monitor by the budget trimmer. */
    volatile long bytes;
    long events;
    long evictedByCapacity;
    long evictedByBudget;
    long truncated;
    boolean cleared;

    SessionLog(SessionId id) {
      this.id = id;
    }
  }

  /** A growable ring of events, oldest at head; guarded by the owning session's monitor. */
  static final class Ring {
    private static final int INITIAL = 16;
    private final int capacity;
    private RpcEvent[] slots;
    private int head;
    int size;
    long lastEvictedSequence;

    Ring(int capacity) {
      this.capacity = capacity;
      this.slots = new RpcEvent[Math.min(capacity, INITIAL)];
    }

    /** Appends; returns the evicted oldest event when full, else null. */
    RpcEvent add(RpcEvent event) {
      if (size == capacity) {
        RpcEvent evicted = slots[head];
        slots[head] = event;
        head = head + 1 == slots.length ? 0 : head + 1;
        lastEvictedSequence = evicted.sequence();
        return evicted;
      }
      if (size == slots.length) {
        grow();
      }
      int tail = head + size;
      if (tail >= slots.length) {
        tail -= slots.length;
      }
      slots[tail] = event;
      size++;
      return null;
    }

    RpcEvent oldest() {
      return size == 0 ? null : slots[head];
    }

    RpcEvent removeOldest() {
      RpcEvent event = slots[head];
      slots[head] = null;
      head = head + 1 == slots.length ? 0 : head + 1;
      size--;
      lastEvictedSequence = event.sequence();
      return event;
    }

    /** The i-th newest event, 0 being the newest; requires i < size. */
    RpcEvent newest(int i) {
      int index = head + size - 1 - i;
      if (index >= slots.length) {
        index -= slots.length;
      }
      return slots[index];
    }

    private void grow() {
      RpcEvent[] bigger = new RpcEvent[Math.min(capacity, slots.length * 2)];
      for (int i = 0; i < size; i++) {
        int index = head + i;
        if (index >= slots.length) {
          index -= slots.length;
        }
        bigger[i] = slots[index];
      }
      slots = bigger;
      head = 0;
    }
  }
}
