package dev.mcpinspector.core.progress;

import dev.mcpinspector.core.event.CloseReason;
import dev.mcpinspector.core.event.OpenSessions;
import dev.mcpinspector.core.event.ServerFilter;
import dev.mcpinspector.core.event.Subscribers;
import dev.mcpinspector.core.event.Subscription;
import dev.mcpinspector.core.event.SubscriptionQueue;
import dev.mcpinspector.core.session.SessionId;
import dev.mcpinspector.core.time.Ticker;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * Per-session insertion-ordered maps (an update moves an entry to the end), so the stale and
 * over-limit victims are always at the head. One monitor per session orders sequence numbers and
 * subscriber offers.
 */
final class InMemoryProgressStore implements ProgressStore {

  private static final long UPDATE_WEIGHT = 1;

  private final ProgressConfig config;
  private final ScheduledExecutorService scheduler;
  private final Clock clock;
  private final Ticker ticker;
  private final long staleNanos;
  private final long stallNanos;
  private final OpenSessions<State> sessions =
      new OpenSessions<>("ProgressStore", State::new, this::retire);

  private final LongAdder droppedNotOpen = new LongAdder();
  private final LongAdder retiredReported = new LongAdder();
  private final LongAdder evictedOverLimit = new LongAdder();
  private final LongAdder expiredStale = new LongAdder();

  InMemoryProgressStore(
      ProgressConfig config, ScheduledExecutorService scheduler, Clock clock, Ticker ticker) {
    this.config = Objects.requireNonNull(config, "config must not be null");
    this.scheduler = Objects.requireNonNull(scheduler, "scheduler must not be null");
    this.clock = Objects.requireNonNull(clock, "clock must not be null");
    this.ticker = Objects.requireNonNull(ticker, "ticker must not be null");
    this.staleNanos = config.staleAfter().toNanos();
    this.stallNanos = config.subscriberStallTimeout().toNanos();
  }

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
  }

  private void retire(State state, CloseReason reason) {
    List<SubscriptionQueue<ProgressUpdate>> toSignal;
    synchronized (state) {
      state.cleared = true;
      retiredReported.add(state.lastSequence);
      state.entries.clear();
      if (state.sweep != null) {
        state.sweep.cancel(false);
        state.sweep = null;
      }
      toSignal = state.subscribers.closeAll(reason);
    }
    toSignal.forEach(SubscriptionQueue::signal);
  }

  @Override
  public void report(
      SessionId session,
      String serverId,
      String progressToken,
      double progress,
      Double total,
      String message) {
    Objects.requireNonNull(session, "session must not be null");
    ProgressKey key = new ProgressKey(serverId, progressToken);
    if (!Double.isFinite(progress)) {
      throw new IllegalArgumentException("progress must be a finite number, but was " + progress);
    }
    if (total != null && !Double.isFinite(total)) {
      throw new IllegalArgumentException("total must be a finite number, but was " + total);
    }
    State state = sessions.get(session);
    if (state == null) {
      droppedNotOpen.increment();
      return;
    }
    String text =
        message == null || message.length() <= config.maxMessageChars()
            ? message
            : message.substring(0, config.maxMessageChars() - 1) + "\u2026";
    long nowNanos = ticker.read();
    long nowMillis = clock.millis();
    List<SubscriptionQueue<ProgressUpdate>> toSignal;
    synchronized (state) {
      if (state.cleared) {
        droppedNotOpen.increment();
        return;
      }
      ProgressUpdate update =
          new ProgressUpdate(state.id, key, progress, total, text, nowMillis, ++state.lastSequence);
      state.entries.remove(key);
      state.entries.put(key, new Entry(update, nowNanos));
      if (state.entries.size() > config.maxTokensPerSession()) {
        Iterator<Entry> it = state.entries.values().iterator();
        it.next();
        it.remove();
        evictedOverLimit.increment();
      }
      if (state.sweep == null) {
        state.sweep = schedule(state, staleNanos);
      }
      toSignal = state.subscribers.offer(key.serverId(), update);
    }
    toSignal.forEach(SubscriptionQueue::signal);
  }

  private ScheduledFuture<?> schedule(State state, long delayNanos) {
    return scheduler.schedule(() -> sweep(state), delayNanos, TimeUnit.NANOSECONDS);
  }

  /** Removes the entries of one session that went stale; reschedules for the next one. */
  private void sweep(State state) {
    synchronized (state) {
      state.sweep = null;
      if (state.cleared) {
        return;
      }
      long now = ticker.read();
      Iterator<Entry> it = state.entries.values().iterator();
      while (it.hasNext()) {
        Entry entry = it.next();
        long age = now - entry.updatedNanos;
        if (age < staleNanos) {
          state.sweep = schedule(state, staleNanos - age);
          return;
        }
        it.remove();
        expiredStale.increment();
      }
    }
  }

  @Override
  public List<ProgressUpdate> snapshot(SessionId session, ServerFilter filter) {
    Objects.requireNonNull(session, "session must not be null");
    Objects.requireNonNull(filter, "filter must not be null");
    State state = sessions.get(session);
    if (state == null) {
      return List.of();
    }
    synchronized (state) {
      List<ProgressUpdate> out = new ArrayList<>(state.entries.size());
      for (Entry entry : state.entries.values()) {
        if (filter.matches(entry.update.key().serverId())) {
          out.add(entry.update);
        }
      }
      return List.copyOf(out);
    }
  }

  @Override
  public Subscription<ProgressUpdate> subscribe(
      SessionId session, ServerFilter filter, Runnable onReady) {
    Objects.requireNonNull(session, "session must not be null");
    Objects.requireNonNull(filter, "filter must not be null");
    Objects.requireNonNull(onReady, "onReady must not be null");
    State state = sessions.get(session);
    SubscriptionQueue<ProgressUpdate> queue =
        new SubscriptionQueue<>(
            config.subscriberQueueSize(),
            Long.MAX_VALUE,
            u -> UPDATE_WEIGHT,
            onReady,
            ticker,
            stallNanos,
            q -> unsubscribe(state, q));
    if (state == null) {
      queue.closeByOwner(CloseReason.SESSION_CLOSED);
      return queue;
    }
    boolean signal = false;
    synchronized (state) {
      if (state.cleared) {
        queue.closeByOwner(CloseReason.SESSION_CLOSED);
        return queue;
      }
      state.subscribers.add(queue, filter, config.maxSubscribersPerSession());
      for (Entry entry : state.entries.values()) {
        if (filter.matches(entry.update.key().serverId())) {
          signal |= queue.offer(entry.update);
        }
      }
    }
    if (signal) {
      queue.signal();
    }
    return queue;
  }

  private void unsubscribe(State state, SubscriptionQueue<ProgressUpdate> queue) {
    if (state == null) {
      return;
    }
    synchronized (state) {
      state.subscribers.remove(queue);
    }
  }

  @Override
  public ProgressStats stats() {
    int open = 0;
    long tokens = 0;
    long reported = retiredReported.sum();
    int subscribers = 0;
    for (State state : sessions.states()) {
      synchronized (state) {
        open++;
        tokens += state.entries.size();
        reported += state.lastSequence;
        subscribers += state.subscribers.size();
      }
    }
    return new ProgressStats(
        open,
        tokens,
        reported,
        droppedNotOpen.sum(),
        evictedOverLimit.sum(),
        expiredStale.sum(),
        subscribers);
  }

  private static final class Entry {
    final ProgressUpdate update;
    final long updatedNanos;

    Entry(ProgressUpdate update, long updatedNanos) {
      this.update = update;
      this.updatedNanos = updatedNanos;
    }
  }

  /** One session's entries and subscribers; guarded by the instance monitor. */
  private static final class State {
    final SessionId id;
    final LinkedHashMap<ProgressKey, Entry> entries = new LinkedHashMap<>();
    final Subscribers<ProgressUpdate> subscribers = new Subscribers<>(() -> {});
    ScheduledFuture<?> sweep;
    long lastSequence;
    boolean cleared;

    State(SessionId id) {
      this.id = id;
    }
  }
}
