package dev.mcpinspector.core.elicitation;

import dev.mcpinspector.core.event.CloseReason;
import dev.mcpinspector.core.event.OpenSessions;
import dev.mcpinspector.core.event.Sequenced;
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
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;

/**
 * Pending requests of every kind in one per-session map; ids are looked up only in the answering
 * session's map, so a foreign id is indistinguishable from an unknown one. Futures and subscriber
 * callbacks always run after the session monitor is released. Answers are checked outside the
 * monitor, against the request found under it.
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
  private final LongAdder cancelledByServer = new LongAdder();
  private final LongAdder invalidAnswers = new LongAdder();

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
    List<SubscriptionQueue<?>> toSignal = new ArrayList<>();
    synchronized (state) {
      state.cleared = true;
      cancelled = new ArrayList<>(state.pending.values());
      state.pending.clear();
      state.awaitingUrl.clear();
      toSignal.addAll(state.elicitationSubscribers.closeAll(reason));
      toSignal.addAll(state.samplingSubscribers.closeAll(reason));
    }
    for (Pending p : cancelled) {
      p.timeout.cancel(false);
      p.cancel();
    }
    toSignal.forEach(SubscriptionQueue::signal);
  }

  // ---- requests

  @Override
  public CompletableFuture<ElicitationResponse> request(
      SessionId session, String serverId, ElicitationRequest request) {
    Objects.requireNonNull(request, "request must not be null");
    CompletableFuture<ElicitationResponse> future = new CompletableFuture<>();
    boolean opened =
        open(
            session,
            serverId,
            false,
            (seq, id, now, expiresAt) ->
                new ElicitationPending(
                    new ElicitationEvent.Requested(
                        seq,
                        id,
                        serverId,
                        request.mode(),
                        request.message(),
                        request.requestedSchemaJson(),
                        request.url(),
                        request.elicitationId(),
                        now,
                        expiresAt),
                    future));
    if (!opened) {
      return CompletableFuture.completedFuture(ElicitationResponse.decline());
    }
    return future;
  }

  @Override
  public CompletableFuture<SamplingResponse> requestSampling(
      SessionId session, String serverId, SamplingRequest request) {
    Objects.requireNonNull(request, "request must not be null");
    CompletableFuture<SamplingResponse> future = new CompletableFuture<>();
    boolean opened =
        open(
            session,
            serverId,
            true,
            (seq, id, now, expiresAt) ->
                new SamplingPending(
                    new SamplingEvent.Requested(
                        seq, id, serverId, request.paramsJson(), now, expiresAt),
                    future));
    if (!opened) {
      return CompletableFuture.completedFuture(SamplingResponse.reject());
    }
    return future;
  }

  /** Builds a pending request once its sequence number, id and times are known. */
  @FunctionalInterface
  private interface PendingFactory {
    Pending create(long sequence, String requestId, long timestamp, long expiresAt);
  }

  /** Registers a pending request; false when it was refused (not open, over the cap). */
  private boolean open(
      SessionId session, String serverId, boolean sampling, PendingFactory factory) {
    Objects.requireNonNull(session, "session must not be null");
    Objects.requireNonNull(serverId, "serverId must not be null");
    if (serverId.isEmpty()) {
      throw new IllegalArgumentException("serverId must not be empty");
    }
    State state = sessions.get(session);
    if (state == null) {
      declinedNotOpen.increment();
      return false;
    }
    String requestId = newId();
    long now = clock.millis();
    long expiresAt = now + config.timeout().toMillis();
    List<? extends SubscriptionQueue<?>> toSignal;
    synchronized (state) {
      if (state.cleared) {
        declinedNotOpen.increment();
        return false;
      }
      if (state.pending.size() >= config.maxPendingPerSession()) {
        declinedOverLimit.increment();
        LOG.log(
            Level.INFO,
            "request from server {0} refused: the session already has {1} pending"
                + " requests (maxPendingPerSession)",
            serverId,
            config.maxPendingPerSession());
        return false;
      }
      Pending p = factory.create(state.nextSequence(sampling), requestId, now, expiresAt);
      p.timeout =
          scheduler.schedule(
              () -> expire(state, requestId), config.timeout().toNanos(), TimeUnit.NANOSECONDS);
      state.pending.put(requestId, p);
      requested.increment();
      toSignal = p.publishRequested(state);
    }
    toSignal.forEach(SubscriptionQueue::signal);
    return true;
  }

  private String newId() {
    byte[] bytes = new byte[ID_BYTES];
    random.nextBytes(bytes);
    return ID_ENCODER.encodeToString(bytes);
  }

  // ---- answers

  @Override
  public boolean answer(SessionId session, String requestId, ElicitationResponse response) {
    Objects.requireNonNull(session, "session must not be null");
    Objects.requireNonNull(requestId, "requestId must not be null");
    Objects.requireNonNull(response, "response must not be null");
    State state = sessions.get(session);
    ElicitationPending found = lookup(state, requestId, ElicitationPending.class);
    if (found == null) {
      rejectedAnswers.increment();
      return false;
    }
    ElicitationResponse checked = response;
    if (response.action() == ElicitationAction.ACCEPT) {
      if (found.event.mode() == ElicitationMode.URL) {
        checked = new ElicitationResponse(ElicitationAction.ACCEPT, "{}");
      } else {
        try {
          checked =
              new ElicitationResponse(
                  ElicitationAction.ACCEPT,
                  AnswerChecks.formContent(
                      found.event.requestedSchemaJson(), response.contentJson()));
        } catch (InvalidAnswerException e) {
          invalidAnswers.increment();
          throw e;
        }
      }
    }
    ElicitationResponse result = checked;
    return finished(finish(state, requestId, ElicitationPending.class, p -> p.answer(result)));
  }

  @Override
  public boolean answerSampling(SessionId session, String requestId, SamplingResponse response) {
    Objects.requireNonNull(session, "session must not be null");
    Objects.requireNonNull(requestId, "requestId must not be null");
    Objects.requireNonNull(response, "response must not be null");
    State state = sessions.get(session);
    if (lookup(state, requestId, SamplingPending.class) == null) {
      rejectedAnswers.increment();
      return false;
    }
    SamplingResponse checked = response;
    if (response.action() == SamplingAction.APPROVE) {
      try {
        checked =
            new SamplingResponse(
                SamplingAction.APPROVE, AnswerChecks.samplingResult(response.resultJson()));
      } catch (InvalidAnswerException e) {
        invalidAnswers.increment();
        throw e;
      }
    }
    SamplingResponse result = checked;
    return finished(finish(state, requestId, SamplingPending.class, p -> p.answer(result)));
  }

  private boolean finished(boolean ok) {
    if (ok) {
      answered.increment();
    } else {
      rejectedAnswers.increment();
    }
    return ok;
  }

  private static <P extends Pending> P lookup(State state, String requestId, Class<P> kind) {
    if (state == null) {
      return null;
    }
    synchronized (state) {
      if (state.cleared) {
        return null;
      }
      Pending p = state.pending.get(requestId);
      return kind.isInstance(p) ? kind.cast(p) : null;
    }
  }

  private void expire(State state, String requestId) {
    if (finish(state, requestId, Pending.class, Pending::cancelAction)) {
      timedOut.increment();
    }
  }

  /**
   * Completes a pending request of the given kind once; false when it is not pending in this
   * session. {@code complete} runs under the monitor and returns the action to publish plus the
   * completion to run after it is released.
   */
  private <P extends Pending> boolean finish(
      State state, String requestId, Class<P> kind, Function<P, Completion> complete) {
    if (state == null) {
      return false;
    }
    Completion done;
    List<? extends SubscriptionQueue<?>> toSignal;
    synchronized (state) {
      if (state.cleared) {
        return false;
      }
      Pending p = state.pending.get(requestId);
      if (!kind.isInstance(p)) {
        return false;
      }
      state.pending.remove(requestId);
      done = complete.apply(kind.cast(p));
      toSignal = p.publishCompleted(state, done);
      p.timeout.cancel(false);
    }
    done.run.run();
    toSignal.forEach(SubscriptionQueue::signal);
    return true;
  }

  // ---- lifecycle per server

  @Override
  public int cancelServer(SessionId session, String serverId) {
    Objects.requireNonNull(session, "session must not be null");
    Objects.requireNonNull(serverId, "serverId must not be null");
    State state = sessions.get(session);
    if (state == null) {
      return 0;
    }
    List<String> ids = new ArrayList<>();
    synchronized (state) {
      if (state.cleared) {
        return 0;
      }
      for (Pending p : state.pending.values()) {
        if (p.serverId().equals(serverId)) {
          ids.add(p.requestId());
        }
      }
      state.awaitingUrl.values().removeIf(a -> a.serverId.equals(serverId));
    }
    int n = 0;
    for (String id : ids) {
      if (finish(state, id, Pending.class, Pending::cancelAction)) {
        n++;
      }
    }
    if (n > 0) {
      cancelledByServer.add(n);
    }
    return n;
  }

  @Override
  public boolean urlElicitationCompleted(SessionId session, String serverId, String elicitationId) {
    Objects.requireNonNull(session, "session must not be null");
    Objects.requireNonNull(serverId, "serverId must not be null");
    Objects.requireNonNull(elicitationId, "elicitationId must not be null");
    State state = sessions.get(session);
    if (state == null) {
      return false;
    }
    List<SubscriptionQueue<ElicitationEvent>> toSignal;
    synchronized (state) {
      if (state.cleared) {
        return false;
      }
      AwaitingUrl found = state.awaitingUrl.remove(new UrlKey(serverId, elicitationId));
      if (found == null) {
        return false;
      }
      toSignal =
          state.elicitationSubscribers.offer(
              serverId,
              new ElicitationEvent.UrlCompleted(
                  ++state.elicitationSequence, found.requestId, serverId, elicitationId));
    }
    toSignal.forEach(SubscriptionQueue::signal);
    return true;
  }

  // ---- views and subscriptions

  @Override
  public List<ElicitationEvent.Requested> pending(SessionId session) {
    return pendingOf(session, ElicitationPending.class, p -> p.event);
  }

  @Override
  public List<SamplingEvent.Requested> pendingSampling(SessionId session) {
    return pendingOf(session, SamplingPending.class, p -> p.event);
  }

  private <P extends Pending, E> List<E> pendingOf(
      SessionId session, Class<P> kind, Function<P, E> view) {
    Objects.requireNonNull(session, "session must not be null");
    State state = sessions.get(session);
    if (state == null) {
      return List.of();
    }
    synchronized (state) {
      List<E> out = new ArrayList<>();
      for (Pending p : state.pending.values()) {
        if (kind.isInstance(p)) {
          out.add(view.apply(kind.cast(p)));
        }
      }
      return List.copyOf(out);
    }
  }

  @Override
  public Subscription<ElicitationEvent> subscribe(SessionId session, Runnable onReady) {
    return subscribe(
        session, onReady, s -> s.elicitationSubscribers, ElicitationPending.class, p -> p.event);
  }

  @Override
  public Subscription<SamplingEvent> subscribeSampling(SessionId session, Runnable onReady) {
    return subscribe(
        session, onReady, s -> s.samplingSubscribers, SamplingPending.class, p -> p.event);
  }

  private <T extends Sequenced, P extends Pending> Subscription<T> subscribe(
      SessionId session,
      Runnable onReady,
      Function<State, Subscribers<T>> subscribers,
      Class<P> kind,
      Function<P, T> replay) {
    Objects.requireNonNull(session, "session must not be null");
    Objects.requireNonNull(onReady, "onReady must not be null");
    State state = sessions.get(session);
    SubscriptionQueue<T> queue =
        new SubscriptionQueue<>(
            config.subscriberQueueSize(),
            Long.MAX_VALUE,
            e -> 1L,
            onReady,
            ticker,
            stallNanos,
            q -> unsubscribe(state, subscribers, q));
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
      subscribers.apply(state).add(queue, ServerFilter.all(), config.maxSubscribersPerSession());
      for (Pending p : state.pending.values()) {
        if (kind.isInstance(p)) {
          signal |= queue.offer(replay.apply(kind.cast(p)));
        }
      }
    }
    if (signal) {
      queue.signal();
    }
    return queue;
  }

  private static <T extends Sequenced> void unsubscribe(
      State state, Function<State, Subscribers<T>> subscribers, SubscriptionQueue<T> queue) {
    if (state == null) {
      return;
    }
    synchronized (state) {
      subscribers.apply(state).remove(queue);
    }
  }

  @Override
  public ElicitationStats stats() {
    int open = 0;
    int pending = 0;
    int pendingSampling = 0;
    int subscribers = 0;
    for (State state : sessions.states()) {
      synchronized (state) {
        open++;
        pending += state.pending.size();
        for (Pending p : state.pending.values()) {
          if (p instanceof SamplingPending) {
            pendingSampling++;
          }
        }
        subscribers += state.elicitationSubscribers.size() + state.samplingSubscribers.size();
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
        subscribers,
        pendingSampling,
        cancelledByServer.sum(),
        invalidAnswers.sum());
  }

  // ---- pending requests

  /** What to publish and run when a pending request ends. */
  private record Completion(Object action, Runnable run) {}

  /** One waiting request; the timeout is set right after construction, under the monitor. */
  private abstract static class Pending {
    ScheduledFuture<?> timeout;

    abstract String requestId();

    abstract String serverId();

    /** Publishes the request to the matching subscribers; under the monitor. */
    abstract List<? extends SubscriptionQueue<?>> publishRequested(State state);

    /** Publishes the end of the request; under the monitor. */
    abstract List<? extends SubscriptionQueue<?>> publishCompleted(State state, Completion done);

    /** The completion of a timeout, server removal or session end. */
    abstract Completion cancelAction();

    /** Completes the future with the cancel answer (session end). */
    final void cancel() {
      cancelAction().run.run();
    }
  }

  private static final class ElicitationPending extends Pending {
    final ElicitationEvent.Requested event;
    final CompletableFuture<ElicitationResponse> future;

    ElicitationPending(
        ElicitationEvent.Requested event, CompletableFuture<ElicitationResponse> future) {
      this.event = event;
      this.future = future;
    }

    @Override
    String requestId() {
      return event.requestId();
    }

    @Override
    String serverId() {
      return event.serverId();
    }

    @Override
    List<SubscriptionQueue<ElicitationEvent>> publishRequested(State state) {
      return state.elicitationSubscribers.offer(event.serverId(), event);
    }

    @Override
    List<SubscriptionQueue<ElicitationEvent>> publishCompleted(State state, Completion done) {
      ElicitationAction action = (ElicitationAction) done.action;
      if (event.mode() == ElicitationMode.URL && action == ElicitationAction.ACCEPT) {
        state.rememberUrl(event);
      }
      return state.elicitationSubscribers.offer(
          event.serverId(),
          new ElicitationEvent.Completed(++state.elicitationSequence, event.requestId(), action));
    }

    Completion answer(ElicitationResponse r) {
      return new Completion(r.action(), () -> future.complete(r));
    }

    @Override
    Completion cancelAction() {
      return answer(ElicitationResponse.cancel());
    }
  }

  private static final class SamplingPending extends Pending {
    final SamplingEvent.Requested event;
    final CompletableFuture<SamplingResponse> future;

    SamplingPending(SamplingEvent.Requested event, CompletableFuture<SamplingResponse> future) {
      this.event = event;
      this.future = future;
    }

    @Override
    String requestId() {
      return event.requestId();
    }

    @Override
    String serverId() {
      return event.serverId();
    }

    @Override
    List<SubscriptionQueue<SamplingEvent>> publishRequested(State state) {
      return state.samplingSubscribers.offer(event.serverId(), event);
    }

    @Override
    List<SubscriptionQueue<SamplingEvent>> publishCompleted(State state, Completion done) {
      return state.samplingSubscribers.offer(
          event.serverId(),
          new SamplingEvent.Completed(
              ++state.samplingSequence, event.requestId(), (SamplingAction) done.action));
    }

    Completion answer(SamplingResponse r) {
      return new Completion(r.action(), () -> future.complete(r));
    }

    @Override
    Completion cancelAction() {
      return answer(SamplingResponse.cancel());
    }
  }

  private record UrlKey(String serverId, String elicitationId) {}

  private record AwaitingUrl(String serverId, String requestId) {}

  /**
   * One session's pending requests of every kind (oldest first), accepted URL flows awaiting their
   * completion notification, and subscribers; guarded by the monitor.
   */
  private final class State {
    final LinkedHashMap<String, Pending> pending = new LinkedHashMap<>();
    final LinkedHashMap<UrlKey, AwaitingUrl> awaitingUrl = new LinkedHashMap<>();
    final Subscribers<ElicitationEvent> elicitationSubscribers = new Subscribers<>(() -> {});
    final Subscribers<SamplingEvent> samplingSubscribers = new Subscribers<>(() -> {});
    long elicitationSequence;
    long samplingSequence;
    boolean cleared;

    long nextSequence(boolean sampling) {
      return sampling ? ++samplingSequence : ++elicitationSequence;
    }

    /** Keeps an accepted URL flow until its notification; bounded like pending requests. */
    void rememberUrl(ElicitationEvent.Requested event) {
      awaitingUrl.put(
          new UrlKey(event.serverId(), event.elicitationId()),
          new AwaitingUrl(event.serverId(), event.requestId()));
      Iterator<UrlKey> oldest = awaitingUrl.keySet().iterator();
      while (awaitingUrl.size() > config.maxPendingPerSession() && oldest.hasNext()) {
        oldest.next();
        oldest.remove();
      }
    }
  }
}
