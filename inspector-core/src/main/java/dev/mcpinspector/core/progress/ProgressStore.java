package dev.mcpinspector.core.progress;

import dev.mcpinspector.core.event.ServerFilter;
import dev.mcpinspector.core.event.Subscription;
import dev.mcpinspector.core.session.SessionId;
import dev.mcpinspector.core.time.Ticker;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Latest progress per (session, server, progress token), delivered live to the owning session's
 * subscribers in the order it was reported. Thread-safe.
 *
 * <p>A session's state exists only between {@link #open(SessionId)} and {@link
 * #clearSession(SessionId)}. Entries not updated for {@link ProgressConfig#staleAfter()} are
 * removed by a task on the shared scheduler (one pending task per session that holds entries,
 * costing O(expired entries)); when a session reaches {@link ProgressConfig#maxTokensPerSession()},
 * its least recently updated entry is evicted.
 */
public interface ProgressStore extends AutoCloseable {

  /**
   * Creates the in-memory implementation.
   *
   * @param config the settings
   * @param scheduler the shared scheduler, owned by the caller (runs stale removal)
   * @param clock wall time for timestamps
   * @param ticker monotonic time for staleness and the subscriber stall check
   * @return a new store
   * @throws NullPointerException when an argument is null
   */
  static ProgressStore create(
      ProgressConfig config, ScheduledExecutorService scheduler, Clock clock, Ticker ticker) {
    return new InMemoryProgressStore(config, scheduler, clock, ticker);
  }

  /**
   * Opens a session's state; idempotent.
   *
   * @param session the session (the manager's scope)
   * @throws NullPointerException when session is null
   * @throws IllegalStateException when the store is closed
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
   * Frees a session's entries, cancels its stale-removal task and closes its subscriptions with
   * {@link dev.mcpinspector.core.event.CloseReason#SESSION_CLOSED}. Idempotent.
   *
   * @param session the session
   * @throws NullPointerException when session is null
   */
  void clearSession(SessionId session);

  /**
   * Records a progress notification. Reports for a session that is not open are dropped.
   *
   * @param session the owning session (the manager's scope)
   * @param serverId the server that sent the notification
   * @param progressToken the token of the request the progress belongs to, as text
   * @param progress the progress value so far
   * @param total the total, or null when the server did not say
   * @param message the server's message, or null; cut to {@link ProgressConfig#maxMessageChars()}
   * @throws NullPointerException when session, serverId or progressToken is null
   * @throws IllegalArgumentException when serverId or progressToken is empty, or progress or total
   *     is not a finite number
   */
  void report(
      SessionId session,
      String serverId,
      String progressToken,
      double progress,
      Double total,
      String message);

  /**
   * The latest entry per token of a session, in the order they were last updated.
   *
   * @param session the session
   * @param filter which servers
   * @return an immutable list; empty when the session is not open
   * @throws NullPointerException when an argument is null
   */
  List<ProgressUpdate> snapshot(SessionId session, ServerFilter filter);

  /**
   * Subscribes to a session's progress: first the current latest entries (in update order), then
   * every later report matching the filter. Reports of one token arrive in the order they were
   * made. When the session is not open, the subscription is already closed.
   *
   * @param session the session
   * @param filter which servers
   * @param onReady called without any of the store's locks held when the subscription goes from
   *     empty to non-empty or closes; cheap and non-blocking; if it throws, the subscription is
   *     closed and removed
   * @return the subscription
   * @throws NullPointerException when an argument is null
   * @throws IllegalStateException when the session already has the maximum of subscriptions
   */
  Subscription<ProgressUpdate> subscribe(SessionId session, ServerFilter filter, Runnable onReady);

  /**
   * Current figures.
   *
   * @return the statistics
   */
  ProgressStats stats();

  /**
   * Closes every subscription with {@link dev.mcpinspector.core.event.CloseReason#SHUTDOWN},
   * cancels scheduled tasks and frees every session. Idempotent; the scheduler is not shut down.
   */
  @Override
  void close();
}
