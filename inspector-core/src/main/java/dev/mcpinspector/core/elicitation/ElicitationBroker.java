package dev.mcpinspector.core.elicitation;

import dev.mcpinspector.core.event.Subscription;
import dev.mcpinspector.core.session.SessionId;
import dev.mcpinspector.core.time.Ticker;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Turns a server's {@code elicitation/create} into a pending request owned by one session. Only
 * that session's subscribers see it and only that session can answer it. Thread-safe.
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
   * Opens a pending request for the session's user.
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
   * Answers a pending request of this session. Unknown, expired, already answered and other
   * sessions' ids all give the same result, false.
   *
   * @param session the answering session
   * @param requestId the id from the {@link ElicitationEvent.Requested} event
   * @param response the answer
   * @return true when the answer was accepted and passed to the server
   * @throws NullPointerException when an argument is null
   */
  boolean answer(SessionId session, String requestId, ElicitationResponse response);

  /**
   * The pending requests of a session, oldest first (to re-synchronise after a gap).
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
