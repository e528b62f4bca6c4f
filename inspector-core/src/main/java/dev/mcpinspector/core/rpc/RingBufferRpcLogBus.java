package dev.mcpinspector.core.rpc;

import dev.mcpinspector.core.event.CloseReason;
import dev.mcpinspector.core.event.OpenSessions;
import dev.mcpinspector.core.event.ServerFilter;
import dev.mcpinspector.core.event.Subscribers;
import dev.mcpinspector.core.event.Subscription;
import dev.mcpinspector.core.event.SubscriptionQueue;
import dev.mcpinspector.core.session.SessionId;
import dev.mcpinspector.core.time.Ticker;
import java.time.Clock;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Ring buffers per (session, server) under a global byte budget. Each session has one monitor that
 * orders its sequence numbers, ring writes and subscriber queue offers; sessions never share a lock
 * on the publish path. The global budget is a single counter reserved before an event is stored, so
 * retained bytes never exceed it, even transiently.
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
  private final OpenSessions<SessionLog> sessions =
      new OpenSessions<>("RpcLogBus", this::newLog, this::retire);
  private final AtomicLong retainedBytes = new AtomicLong();
  private final ReentrantLock trimLock = new ReentrantLock();
  private final ScheduledFuture<?> clockTask;
  private volatile long cachedMillis;

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
    sessions.open(session);
  }

  @Override
  public boolean isOpen(SessionId session) {
    return sessions.isOpen(session);
  }

  @Override
  public void clearSession(SessionId session) {
    sessions.clear(session);
  }

  @Override
  public void close() {
    sessions.close();
    if (clockTask != null) {
      clockTask.cancel(false);
    }
  }

  private SessionLog newLog(SessionId session) {
    return new SessionLog(session, cutOff::increment);
  }

  private void retire(SessionLog log, CloseReason reason) {
    List<SubscriptionQueue<RpcEvent>> toSignal;
    synchronized (log) {
      log.cleared = true;
      retainedBytes.addAndGet(-log.bytes);
      retiredPublished.add(log.lastSequence);
      retiredEvictedByCapacity.add(log.evictedByCapacity);
      retiredEvictedByBudget.add(log.evictedByBudget);
      retiredTruncated.add(log.truncated);
      log.bytes = 0;
      log.events = 0;
      log.rings = new Ring[0];
      log.ringCount = 0;
      toSignal = log.subscribers.closeAll(reason);
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
    List<SubscriptionQueue<RpcEvent>> toSignal = List.of();
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
      long timestamp = now();
      Ring ring = log.ring(serverId, config.capacityPerServer());
      if (truncated) {
        log.truncated++;
      }
      if (retain) {
        long evicted = ring.add(sequence, timestamp, direction, truncated, text, weight);
        log.bytes += weight - evicted;
        if (evicted == 0) {
          log.events++;
        } else {
          log.evictedByCapacity++;
          retainedBytes.addAndGet(-evicted);
        }
      } else {
        ring.lastEvictedSequence = sequence;
        log.evictedByBudget++;
      }
      if (log.subscribers.size() > 0) {
        toSignal =
            log.subscribers.offer(
                serverId,
                new RpcEvent(log.id, serverId, direction, timestamp, sequence, text, truncated));
      }
    }
    toSignal.forEach(SubscriptionQueue::signal);
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
      long fairShare = maxBytes / Math.max(1, sessions.count());
      if (own.bytes + weight > fairShare) {
        // At or over its share, a session makes room from its own oldest events, in batches.
        long goal = fairShare - weight - Math.max(1, fairShare / 16);
        if (trimSession(own, Math.max(0, goal)) > 0) {
          continue;
        }
      }
      if (!trim(own, weight)) {
        return false;
      }
    }
  }

  /**
   * Trims the oldest events of the sessions above the water level at which the projected total (the
   * new event included) falls a little below the budget, never below the fair share (budget / open
   * sessions). Returns whether the budget now has room or anything was freed.
   */
  private boolean trim(SessionLog own, long weight) {
    trimLock.lock();
    try {
      if (retainedBytes.get() + weight <= maxBytes) {
        return true;
      }
      SessionLog[] logs = sessions.states().toArray(new SessionLog[0]);
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
        for (int r = 0; r < log.ringCount; r++) {
          Ring ring = log.rings[r];
          if (ring.size > 0 && ring.oldestSequence() < oldestSeq) {
            oldestSeq = ring.oldestSequence();
            oldestRing = ring;
          }
        }
        if (oldestRing == null) {
          break;
        }
        long w = oldestRing.removeOldest();
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
      log.subscribers.add(queue, filter, config.maxSubscribersPerSession());
      signal = replay(log, filter, afterSequence, queue);
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
      log.subscribers.remove(queue);
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
    List<RpcEvent> events = newest(log.id, rings, start, limit);
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
      return List.copyOf(newest(log.id, ringsFor(log, filter), 0, limit));
    }
  }

  private static Collection<Ring> ringsFor(SessionLog log, ServerFilter filter) {
    if (filter.isAll()) {
      return Arrays.asList(log.rings).subList(0, log.ringCount);
    }
    Ring ring = log.find(filter.serverId());
    return ring == null ? List.of() : List.of(ring);
  }

  /** The newest events with sequence above {@code after}, at most limit, oldest first. */
  private static List<RpcEvent> newest(
      SessionId session, Collection<Ring> rings, long after, int limit) {
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
          long seq = rs[i].newestSequence(taken[i]);
          if (seq > bestSeq) {
            bestSeq = seq;
            best = i;
          }
        }
      }
      if (best < 0) {
        break;
      }
      out[out.length - 1 - count] = rs[best].newest(taken[best], session);
      taken[best]++;
      count++;
    }
    return Arrays.asList(out).subList(out.length - count, out.length);
  }

  private static boolean hasOlderThan(Collection<Ring> rings, long after, long sequence) {
    for (Ring ring : rings) {
      if (ring.size > 0 && ring.oldestSequence() > after && ring.oldestSequence() < sequence) {
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
    for (SessionLog log : sessions.states()) {
      synchronized (log) {
        open++;
        events += log.events;
        published += log.lastSequence;
        byCapacity += log.evictedByCapacity;
        byBudget += log.evictedByBudget;
        truncated += log.truncated;
        subscribers += log.subscribers.size();
        subscriberDropped += log.subscribers.droppedEvents();
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

  /** One session's rings and subscribers; every field guarded by the instance monitor. */
  private static final class SessionLog {
    final SessionId id;
    Ring[] rings = new Ring[4];
    int ringCount;
    final Subscribers<RpcEvent> subscribers;
    long lastSequence;

    /** Read without the monitor by the budget trimmer. */
    volatile long bytes;

    long events;
    long evictedByCapacity;
    long evictedByBudget;
    long truncated;
    boolean cleared;

    SessionLog(SessionId id, Runnable onCutOff) {
      this.id = id;
      this.subscribers = new Subscribers<>(onCutOff);
    }

    /** The ring of a server, or null; a linear scan, as a session has few servers. */
    Ring find(String serverId) {
      for (int i = 0; i < ringCount; i++) {
        Ring ring = rings[i];
        if (ring.serverId == serverId || ring.serverId.equals(serverId)) {
          return ring;
        }
      }
      return null;
    }

    Ring ring(String serverId, int capacity) {
      Ring ring = find(serverId);
      if (ring == null) {
        ring = new Ring(serverId, capacity);
        if (ringCount == rings.length) {
          rings = Arrays.copyOf(rings, ringCount * 2);
        }
        rings[ringCount++] = ring;
      }
      return ring;
    }
  }

  /**
   * A growable ring of one (session, server)'s events, oldest at head, stored as a message array
   * plus one interleaved metadata array (sequence, timestamp, weight and flags side by side), so
   * recording allocates nothing and touches two cache lines, and evicting touches no old object;
   * {@link RpcEvent} records are made only when read. Guarded by the owning session's monitor.
   */
  static final class Ring {
    private static final int INITIAL = 16;
    private static final long TRUNCATED = 4;
    private static final Direction[] DIRECTIONS = Direction.values();
    final String serverId;
    private final int capacity;
    private String[] messages;

    /** Per slot i: [3i] sequence, [3i+1] timestamp, [3i+2] weight << 8 | flags. */
    private long[] meta;

    private int head;
    int size;
    long lastEvictedSequence;

    Ring(String serverId, int capacity) {
      this.serverId = serverId;
      this.capacity = capacity;
      int length = Math.min(capacity, INITIAL);
      messages = new String[length];
      meta = new long[3 * length];
    }

    /** Appends; returns the weight of the evicted oldest event when full, else 0. */
    long add(
        long sequence,
        long timestamp,
        Direction direction,
        boolean truncated,
        String message,
        long weight) {
      int slot;
      long evicted = 0;
      if (size == capacity) {
        slot = head;
        evicted = meta[3 * slot + 2] >>> 8;
        lastEvictedSequence = meta[3 * slot];
        head = head + 1 == messages.length ? 0 : head + 1;
      } else {
        if (size == messages.length) {
          grow();
        }
        slot = head + size;
        if (slot >= messages.length) {
          slot -= messages.length;
        }
        size++;
      }
      messages[slot] = message;
      int m = 3 * slot;
      meta[m] = sequence;
      meta[m + 1] = timestamp;
      meta[m + 2] = weight << 8 | direction.ordinal() | (truncated ? TRUNCATED : 0);
      return evicted;
    }

    /** Sequence of the oldest event; requires size > 0. */
    long oldestSequence() {
      return meta[3 * head];
    }

    /** Drops the oldest event; returns its weight. Requires size > 0. */
    long removeOldest() {
      long weight = meta[3 * head + 2] >>> 8;
      lastEvictedSequence = meta[3 * head];
      messages[head] = null;
      head = head + 1 == messages.length ? 0 : head + 1;
      size--;
      return weight;
    }

    private int newestIndex(int i) {
      int index = head + size - 1 - i;
      return index >= messages.length ? index - messages.length : index;
    }

    /** Sequence of the i-th newest event, 0 being the newest; requires i < size. */
    long newestSequence(int i) {
      return meta[3 * newestIndex(i)];
    }

    /** The i-th newest event as a record; requires i < size. */
    RpcEvent newest(int i, SessionId session) {
      int index = newestIndex(i);
      long packed = meta[3 * index + 2];
      return new RpcEvent(
          session,
          serverId,
          DIRECTIONS[(int) (packed & 3)],
          meta[3 * index + 1],
          meta[3 * index],
          messages[index],
          (packed & TRUNCATED) != 0);
    }

    private void grow() {
      String[] oldMessages = messages;
      long[] oldMeta = meta;
      int length = Math.min(capacity, oldMessages.length * 2);
      messages = new String[length];
      meta = new long[3 * length];
      for (int i = 0; i < size; i++) {
        int from = head + i;
        if (from >= oldMessages.length) {
          from -= oldMessages.length;
        }
        messages[i] = oldMessages[from];
        System.arraycopy(oldMeta, 3 * from, meta, 3 * i, 3);
      }
      head = 0;
    }
  }
}
