package dev.mcpinspector.core.store;

import java.time.Duration;
import java.util.Objects;

/**
 * A new session was refused because a limit is reached and every session that could be evicted for
 * it is leased. Maps to HTTP 503 {@code server_busy} with a {@code Retry-After} header.
 */
public final class StoreFullException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** Which limit refused the session. */
  public enum Limit {
    /** The global {@link StoreConfig#maxSessions()}. */
    MAX_SESSIONS,
    /** The principal's {@link StoreConfig#maxSessionsPerPrincipal()}. */
    MAX_SESSIONS_PER_PRINCIPAL
  }

  private final Limit limit;
  private final transient Duration retryAfter;

  /**
   * Creates the exception.
   *
   * @param limit the limit that was reached
   * @param max the value of that limit
   * @param retryAfter how long a client should wait before trying again; positive
   * @throws NullPointerException if an argument is null
   */
  public StoreFullException(Limit limit, int max, Duration retryAfter) {
    super(message(limit, max));
    this.limit = Objects.requireNonNull(limit, "limit must not be null");
    this.retryAfter = Objects.requireNonNull(retryAfter, "retryAfter must not be null");
  }

  private static String message(Limit limit, int max) {
    Objects.requireNonNull(limit, "limit must not be null");
    return limit == Limit.MAX_SESSIONS
        ? "store is full: all " + max + " sessions (maxSessions) are in use"
        : "principal has " + max + " sessions (maxSessionsPerPrincipal) and all are in use";
  }

  /**
   * Which limit refused the session.
   *
   * @return the limit
   */
  public Limit limit() {
    return limit;
  }

  /**
   * How long a client should wait before retrying (the {@code Retry-After} value).
   *
   * @return a positive duration
   */
  public Duration retryAfter() {
    return retryAfter;
  }
}
