package dev.mcpinspector.core.elicitation;

import dev.mcpinspector.core.event.Subscription;
import dev.mcpinspector.core.session.SessionId;
import dev.mcpinspector.core.time.Ticker;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The broker of every request that waits on the user: a server's {@code elicitation/create} (form
 * and URL mode) and {@code sampling/createMessage} (or the matching 2026-07-28 input requests)
 * become pending requests owned by one session. Only that session's subscribers see them and only
 * that session can answer them. Every kind shares one lifecycle: a timeout, a per-session cap on
 * pending requests of all kinds together, cancellation when the server is removed ({@link
 * #cancelServer}) or the session ends. Thread-safe.
 *
 * <p>A session's state exists only between {@link #open(SessionId)} and {@link
 * #clearSession(SessionId)}. Request ids carry 128 bits from {@link java.security.SecureRandom}
 * (base64url). Futures are completed outside the broker's locks, on the thread that answers, times
 * out or clears.
 */
public interface ElicitationBroker extends AutoCloseable {

  /**
   * Creates the in-memory implementation.
   *
   * @param config the settings
   * @param scheduler the shared scheduler, owned by the caller (runs the timeouts)
   * @param clock wall time for timestamps and {@code expiresAt}
   * @param ticker monotonic time for the subscriber stall check
   * @return a new broker
   * @throws NullPointerException when an argument is null
   */
  static ElicitationBroker create(
      ElicitationConfig config, ScheduledExecutorService scheduler, Clock clock, Ticker ticker) {
    return new InMemoryElicitationBroker(config, scheduler, clock, ticker);
  }

  /**
   * Opens a session's state; idempotent.
   *
   * @param session the session (the manager's scope)
   * @throws NullPointerException when session is null
   * @throws IllegalStateException when the broker is closed
   */
  void open(SessionId session);

  /**
   * Whether a session is open.
   *
   * @param session the session
   * @return true between {@link #open} and {@link #clearSession}
   * @throws NullPointerException when session is null
   */
  boolean isOpen(SessionId session);

  /**
   * Cancels every pending request of the session (their futures complete with {@link
   * ElicitationAction#CANCEL}), closes its subscriptions with {@link
   * dev.mcpinspector.core.event.CloseReason#SESSION_CLOSED} and frees its state. Idempotent.
   *
   * @param session the session
   * @throws NullPointerException when session is null
   */
  void clearSession(SessionId session);

  /**
   * Opens a pending elicitation (form or URL mode) for the session's user.
   *
   * @param session the owning session (the manager's scope)
   * @param serverId the server asking
   * @param request what it asks
   * @return a future completed with the user's answer, with {@link ElicitationAction#CANCEL} on
   *     timeout or when the session ends, or at once with {@link ElicitationAction#DECLINE} when
   *     the session already has the maximum number of pending requests or is not open; never
   *     completed exceptionally
   * @throws NullPointerException when an argument is null
   * @throws IllegalArgumentException when serverId is empty
   */
  CompletableFuture<ElicitationResponse> request(
      SessionId session, String serverId, ElicitationRequest request);

  /**
   * Answers a pending elicitation of this session. Unknown, expired, already answered and other
   * sessions' ids, and ids of other kinds of request, all give the same result, false. An accept in
   * form mode first gets the requested schema's defaults for omitted fields (SEP-1034), then is
   * checked against the schema; the server receives the content with the defaults applied. An
   * accept in URL mode carries no content (any content given is dropped).
   *
   * @param session the answering session
   * @param requestId the id from the {@link ElicitationEvent.Requested} event
   * @param response the answer
   * @return true when the answer was accepted and passed to the server
   * @throws NullPointerException when an argument is null
   * @throws InvalidAnswerException when accepted content does not match the requested schema; the
   *     request stays pending
   */
  boolean answer(SessionId session, String requestId, ElicitationResponse response);

  /**
   * Opens a pending sampling request for the session's user. The inspector calls no model: the user
   * writes or edits the reply.
   *
   * @param session the owning session (the manager's scope)
   * @param serverId the server asking
   * @param request what it asks
   * @return a future completed with the user's answer, with {@link SamplingAction#CANCEL} on
   *     timeout, server removal or session end, or at once with {@link SamplingAction#REJECT} when
   *     the session already has the maximum number of pending requests or is not open; never
   *     completed exceptionally
   * @throws NullPointerException when an argument is null
   * @throws IllegalArgumentException when serverId is empty
   */
  CompletableFuture<SamplingResponse> requestSampling(
      SessionId session, String serverId, SamplingRequest request);

  /**
   * Answers a pending sampling request of this session; ids are treated as in {@link #answer}. An
   * approve is checked as a {@code CreateMessageResult}: {@code role} assistant or user (default
   * assistant), {@code content} a text, image or audio block (or an array of them; image and audio
   * as base64 {@code data} with a matching {@code mimeType}), {@code model} (default {@value
   * AnswerChecks#DEFAULT_MODEL}) and {@code stopReason} (default {@value
   * AnswerChecks#DEFAULT_STOP_REASON}).
   *
   * @param session the answering session
   * @param requestId the id from the {@link SamplingEvent.Requested} event
   * @param response the answer
   * @return true when the answer was accepted and passed to the server
   * @throws NullPointerException when an argument is null
   * @throws InvalidAnswerException when an approved reply is not a valid result; the request stays
   *     pending
   */
  boolean answerSampling(SessionId session, String requestId, SamplingResponse response);

  /**
   * Cancels every pending request a server of this session made (elicitations complete with {@link
   * ElicitationAction#CANCEL}, sampling with {@link SamplingAction#CANCEL}) and forgets its
   * URL-mode flows; call it when the server is removed or disconnected. Idempotent.
   *
   * @param session the session
   * @param serverId the server
   * @return how many pending requests were cancelled
   * @throws NullPointerException when an argument is null
   */
  int cancelServer(SessionId session, String serverId);

  /**
   * The server's {@code notifications/elicitation/complete}: ends a URL-mode flow the user
   * accepted, publishing {@link ElicitationEvent.UrlCompleted}. Unknown ids are ignored, as the
   * specification asks of clients.
   *
   * @param session the session
   * @param serverId the server that sent the notification
   * @param elicitationId the flow's id from the notification
   * @return true when an accepted flow of that server had that id
   * @throws NullPointerException when an argument is null
   */
  boolean urlElicitationCompleted(SessionId session, String serverId, String elicitationId);

  /**
   * The pending sampling requests of a session, oldest first.
   *
   * @param session the session
   * @return an immutable list; empty when the session is not open
   * @throws NullPointerException when session is null
   */
  List<SamplingEvent.Requested> pendingSampling(SessionId session);

  /**
   * Subscribes to a session's sampling events: first its pending sampling requests (oldest first),
   * then every new request and completion; otherwise as {@link #subscribe}.
   *
   * @param session the session
   * @param onReady as in {@link #subscribe}
   * @return the subscription
   * @throws NullPointerException when an argument is null
   * @throws IllegalStateException when the session already has the maximum of subscriptions
   */
  Subscription<SamplingEvent> subscribeSampling(SessionId session, Runnable onReady);

  /**
   * The pending elicitations of a session, oldest first (to re-synchronise after a gap).
   *
   * @param session the session
   * @return an immutable list; empty when the session is not open
   * @throws NullPointerException when session is null
   */
  List<ElicitationEvent.Requested> pending(SessionId session);

  /**
   * Subscribes to a session's elicitation events: first its pending requests (oldest first), then
   * every new request and completion. When the session is not open, the subscription is already
   * closed.
   *
   * @param session the session
   * @param onReady called without any of the broker's locks held when the subscription goes from
   *     empty to non-empty or closes; cheap and non-blocking; if it throws, the subscription is
   *     closed and removed
   * @return the subscription
   * @throws NullPointerException when an argument is null
   * @throws IllegalStateException when the session already has the maximum of subscriptions
   */
  Subscription<ElicitationEvent> subscribe(SessionId session, Runnable onReady);

  /**
   * Current figures.
   *
   * @return the statistics
   */
  ElicitationStats stats();

  /**
   * Cancels every pending request, closes every subscription with {@link
   * dev.mcpinspector.core.event.CloseReason#SHUTDOWN}. Idempotent; the scheduler is not shut down.
   */
  @Override
  void close();
}
