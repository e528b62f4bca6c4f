package dev.mcpinspector.core.rpc;

import dev.mcpinspector.core.event.ServerFilter;
import dev.mcpinspector.core.event.Subscription;
import dev.mcpinspector.core.session.SessionId;
import dev.mcpinspector.core.time.Ticker;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Records every JSON-RPC message between a session's client manager and its servers, and delivers
 * them to that session's subscribers only. Thread-safe.
 *
 * <p>A session's state exists only between {@link #open(SessionId)} and {@link
 * #clearSession(SessionId)}. Events are kept in a ring buffer per (session, server) and within a
 * global byte budget that retained bytes never exceed. When the budget is full, a session that
 * already holds its fair share (budget / open sessions) makes room by dropping its own oldest
 * events; a session below its fair share makes room by trimming the oldest events of the largest
 * sessions down to a common level, never below the fair share. So a session holding no more than
 * its fair share never loses events because of another. An event that cannot be retained is still
 * given a sequence number and delivered live.
 */
public interface RpcLogBus extends AutoCloseable {

  /**
   * Creates the ring-buffer implementation.
   *
   * @param config the settings
   * @param scheduler the shared scheduler, owned by the caller (refreshes the cached timestamp when
   *     {@link RpcLogConfig#timestampPrecision()} is positive)
   * @param clock wall time for event timestamps
   * @param ticker monotonic time for the subscriber stall check
   * @return a new bus
   * @throws NullPointerException when an argument is null
   */
  static RpcLogBus create(
      RpcLogConfig config, ScheduledExecutorService scheduler, Clock clock, Ticker ticker) {
    return new RingBufferRpcLogBus(config, scheduler, clock, ticker);
  }

  /**
   * Creates the ring-buffer implementation with the system clock and ticker.
   *
   * @param config the settings
   * @param scheduler the shared scheduler, owned by the caller
   * @return a new bus
   * @throws NullPointerException when an argument is null
   */
  static RpcLogBus create(RpcLogConfig config, ScheduledExecutorService scheduler) {
    return create(config, scheduler, Clock.systemUTC(), Ticker.system());
  }

  /**
   * Opens a session's state; idempotent. Events for a session are recorded only while it is open.
   *
   * @param session the session (the manager's scope)
   * @throws NullPointerException when session is null
   * @throws IllegalStateException when the bus is closed
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
   * Frees everything a session holds and closes its subscriptions with {@link
   * dev.mcpinspector.core.event.CloseReason#SESSION_CLOSED} (their ready callbacks are called
   * once). Later events for the session are dropped until it is opened again. Idempotent.
   *
   * @param session the session
   * @throws NullPointerException when session is null
   */
  void clearSession(SessionId session);

  /**
   * Records one message. Never blocks on subscribers. Messages for a session that is not open are
   * dropped, so nothing is resurrected after the session was cleared.
   *
   * @param session the owning session (the manager's scope)
   * @param serverId the server connection the message belongs to
   * @param direction which way it went
   * @param json the raw JSON-RPC text; truncated with a marker when over the per-event cap
   * @return the session-scoped sequence number given to the event, or {@code -1} when it was
   *     dropped because the session is not open
   * @throws NullPointerException when an argument is null
   * @throws IllegalArgumentException when serverId is empty
   */
  long publish(SessionId session, String serverId, Direction direction, String json);

  /**
   * Subscribes to a session's events: first the retained events with a sequence above {@code
   * afterSequence} that match the filter, oldest first, then every new matching event.
   *
   * <p>When events after {@code afterSequence} are no longer retained, the replay starts with a gap
   * marker {@code (afterSequence + 1, last lost sequence)}, followed by the retained events after
   * it. When {@code afterSequence} is at or beyond the newest sequence of the session (for example
   * an SSE {@code Last-Event-ID} from before a restart), nothing is replayed and every later event
   * is delivered. Replay beyond the subscriber queue size keeps the newest events behind a gap
   * marker. When the session is not open, the returned subscription is already closed with {@link
   * dev.mcpinspector.core.event.CloseReason#SESSION_CLOSED}.
   *
   * @param session the session
   * @param filter which servers; {@link ServerFilter#all()} includes servers that appear later
   * @param afterSequence the last sequence the subscriber has seen; 0 replays everything retained;
   *     {@link Long#MAX_VALUE} replays nothing
   * @param onReady called, without any of the bus's locks held, when the subscription goes from
   *     empty to non-empty or closes; must be cheap and must not block. If it throws, the
   *     subscription is closed and removed
   * @return the subscription; poll it until it returns fewer items than asked for
   * @throws NullPointerException when an argument is null
   * @throws IllegalArgumentException when afterSequence is negative
   * @throws IllegalStateException when the session already has the maximum of subscriptions
   */
  Subscription<RpcEvent> subscribe(
      SessionId session, ServerFilter filter, long afterSequence, Runnable onReady);

  /**
   * The newest retained events of a session, oldest first. Costs O(limit), not O(everything
   * stored).
   *
   * @param session the session
   * @param filter which servers
   * @param limit the most events to return; 0 returns an empty list
   * @return an immutable list; empty when the session is not open
   * @throws NullPointerException when session or filter is null
   * @throws IllegalArgumentException when limit is negative
   */
  List<RpcEvent> snapshot(SessionId session, ServerFilter filter, int limit);

  /**
   * Current figures.
   *
   * @return the statistics
   */
  RpcLogStats stats();

  /**
   * Stops the timestamp refresh, closes every subscription with {@link
   * dev.mcpinspector.core.event.CloseReason#SHUTDOWN} and frees every session. Idempotent; the
   * scheduler is not shut down.
   */
  @Override
  void close();
}
