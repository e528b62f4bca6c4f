package dev.mcpinspector.core.elicitation;

import dev.mcpinspector.core.event.CloseReason;
import dev.mcpinspector.core.event.OpenSessions;
import dev.mcpinspector.core.event.ServerFilter;
import dev.mcpinspector.core.event.Subscribers;
import dev.mcpinspector.core.event.Subscription;
import dev.mcpinspector.core.event.SubscriptionQueue;
import dev.mcpinspector.core.session.SessionId;
import dev.mcpinspector.core.time.Ticker;
import java.lang.System.Logger.Level;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * Pending requests in a per-session map; ids are looked up only in the answering session's map, so
 * a foreign id is indistinguishable from an unknown one. Futures and subscriber callbacks always
 * run after the session monitor is released.
 */
final class InMemoryElicitationBroker implements ElicitationBroker {

  private static final System.Logger LOG =
      System.getLogger(InMemoryElicitationBroker.class.getName());
  private static final int ID_BYTES = 16;
  private static final Base64.Encoder ID_ENCODER = Base64.getUrlEncoder().withoutPadding();

  private final ElicitationConfig config;
  private final ScheduledExecutorService scheduler;
  private final Clock clock;
  private final Ticker ticker;
  private final long stallNanos;
  private final SecureRandom random = new SecureRandom();
  private final OpenSessions<State> sessions =
      new OpenSessions<>("ElicitationBroker", id -> new State(), this::retire);

  private final LongAdder requested = new LongAdder();
  private final LongAdder answered = new LongAdder();
  private final LongAdder timedOut = new LongAdder();
  private final LongAdder declinedOverLimit = new LongAdder();
  private final LongAdder declinedNotOpen = new LongAdder();
  private final LongAdder rejectedAnswers = new LongAdder();

  InMemoryElicitationBroker(
      ElicitationConfig config, ScheduledExecutorService scheduler, Clock clock, Ticker ticker) {
    this.config = Objects.requireNonNull(config, "config must not be null");
    this.scheduler = Objects.requireNonNull(scheduler, "scheduler must not be null");
    this.clock = Objects.requireNonNull(clock, "clock must not be null");
    this.ticker = Objects.requireNonNull(ticker, "ticker must not be null");
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
    List<Pending> cancelled;
    List<SubscriptionQueue<ElicitationEvent>> toSignal;
    synchronized (state) {
      state.cleared = true;
      cancelled = new ArrayList<>(state.pending.values());
      state.pending.clear();
      toSignal = state.subscribers.closeAll(reason);
    }
    for (Pending p : cancelled) {
      p.timeout.cancel(false);
      p.future.complete(ElicitationResponse.cancel());
    }
    toSignal.forEach(SubscriptionQueue::signal);
  }

  @Override
  public CompletableFuture<ElicitationResponse> request(
      SessionId session, String serverId, ElicitationRequest request) {
    Objects.requireNonNull(session, "session must not be null");
    Objects.requireNonNull(serverId, "serverId must not be null");
    Objects.requireNonNull(request, "request must not be null");
    if (serverId.isEmpty()) {
      throw new IllegalArgumentException("serverId must not be empty");
    }
    State state = sessions.get(session);
    if (state == null) {
      declinedNotOpen.increment();
      return CompletableFuture.completedFuture(ElicitationResponse.decline());
    }
    String requestId = newId();
    CompletableFuture<ElicitationResponse> future = new CompletableFuture<>();
    long now = clock.millis();
    long expiresAt = now + config.timeout().toMillis();
    List<SubscriptionQueue<ElicitationEvent>> toSignal;
    synchronized (state) {
      if (state.cleared) {
        declinedNotOpen.increment();
        return CompletableFuture.completedFuture(ElicitationResponse.decline());
      }
      if (state.pending.size() >= config.maxPendingPerSession()) {
        declinedOverLimit.increment();
        LOG.log(
            Level.INFO,
            "elicitation from server {0} declined: the session already has {1} pending"
                + " requests (maxPendingPerSession)",
            serverId,
            config.maxPendingPerSession());
        return CompletableFuture.completedFuture(ElicitationResponse.decline());
      }
      ElicitationEvent.Requested event =
          new ElicitationEvent.Requested(
              ++state.lastSequence,
              requestId,
              serverId,
              request.message(),
              request.requestedSchemaJson(),
              now,
              expiresAt);
      ScheduledFuture<?> timeout =
          scheduler.schedule(
              () -> expire(state, requestId), config.timeout().toNanos(), TimeUnit.NANOSECONDS);
      state.pending.put(requestId, new Pending(event, future, timeout));
      requested.increment();
      toSignal = state.subscribers.offer(serverId, event);
    }
    toSignal.forEach(SubscriptionQueue::signal);
    return future;
  }

  private String newId() {
    byte[] bytes = new byte[ID_BYTES];
    random.nextBytes(bytes);
    return ID_ENCODER.encodeToString(bytes);
  }

  @Override
  public boolean answer(SessionId session, String requestId, ElicitationResponse response) {
    Objects.requireNonNull(session, "session must not be null");
    Objects.requireNonNull(requestId, "requestId must not be null");
    Objects.requireNonNull(response, "response must not be null");
    if (finish(sessions.get(session), requestId, response)) {
      answered.increment();
      return true;
    }
    rejectedAnswers.increment();
    return false;
  }

  private void expire(State state, String requestId) {
    if (finish(state, requestId, ElicitationResponse.cancel())) {
      timedOut.increment();
    }
  }

  /** Completes a pending request once; false when it is not pending in this session. */
  private boolean finish(State state, String requestId, ElicitationResponse response) {
    if (state == null) {
      return false;
    }
    Pending p;
    List<SubscriptionQueue<ElicitationEvent>> toSignal;
    synchronized (state) {
      if (state.cleared) {
        return false;
      }
      p = state.pending.remove(requestId);
      if (p == null) {
        return false;
      }
      toSignal =
          state.subscribers.offer(
              p.event.serverId(),
              new ElicitationEvent.Completed(++state.lastSequence, requestId, response.action()));
    }
    p.timeout.cancel(false);
    p.future.complete(response);
    toSignal.forEach(SubscriptionQueue::signal);
    return true;
  }

  @Override
  public List<ElicitationEvent.Requested> pending(SessionId session) {
    Objects.requireNonNull(session, "session must not be null");
    State state = sessions.get(session);
    if (state == null) {
      return List.of();
    }
    synchronized (state) {
      List<ElicitationEvent.Requested> out = new ArrayList<>(state.pending.size());
      for (Pending p : state.pending.values()) {
        out.add(p.event);
      }
      return List.copyOf(out);
    }
  }

  @Override
  public Subscription<ElicitationEvent> subscribe(SessionId session, Runnable onReady) {
    Objects.requireNonNull(session, "session must not be null");
    Objects.requireNonNull(onReady, "onReady must not be null");
    State state = sessions.get(session);
    SubscriptionQueue<ElicitationEvent> queue =
        new SubscriptionQueue<>(
            config.subscriberQueueSize(),
            Long.MAX_VALUE,
            e -> 1L,
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
      state.subscribers.add(queue, ServerFilter.all(), config.maxSubscribersPerSession());
      for (Pending p : state.pending.values()) {
        signal |= queue.offer(p.event);
      }
    }
    if (signal) {
      queue.signal();
    }
    return queue;
  }

  private void unsubscribe(State state, SubscriptionQueue<ElicitationEvent> queue) {
    if (state == null) {
      return;
    }
    synchronized (state) {
      state.subscribers.remove(queue);
    }
  }

  @Override
  public ElicitationStats stats() {
    int open = 0;
    int pending = 0;
    int subscribers = 0;
    for (State state : sessions.states()) {
      synchronized (state) {
        open++;
        pending += state.pending.size();
        subscribers += state.subscribers.size();
      }
    }
    return new ElicitationStats(
        open,
        pending,
        requested.sum(),
        answered.sum(),
        timedOut.sum(),
        declinedOverLimit.sum(),
        declinedNotOpen.sum(),
        rejectedAnswers.sum(),
        subscribers);
  }

  private static final class Pending {
    final ElicitationEvent.Requested event;
    final CompletableFuture<ElicitationResponse> future;
    final ScheduledFuture<?> timeout;

    Pending(
        ElicitationEvent.Requested event,
        CompletableFuture<ElicitationResponse> future,
        ScheduledFuture<?> timeout) {
      this.event = event;
      this.future = future;
      this.timeout = timeout;
    }
  }

  /** One session's pending requests (oldest first) and subscribers; guarded by the monitor. */
  private static final class State {
    final LinkedHashMap<String, Pending> pending = new LinkedHashMap<>();
    final Subscribers<ElicitationEvent> subscribers = new Subscribers<>(() -> {});
    long lastSequence;
    boolean cleared;
  }
}
