package dev.mcpinspector.core.ratelimit;

import dev.mcpinspector.core.time.Ticker;
import java.util.Objects;

/**
 * Token buckets keyed by a caller-chosen key (for per-principal limits, {@link
 * dev.mcpinspector.core.session.Principal#key()}): each key may take {@link RateLimit#permits()}
 * per {@link RateLimit#period()}, in bursts up to the same number. A refused attempt says how long
 * until the next token, for a {@code Retry-After} header. Thread-safe; {@link #tryAcquire} is one
 * map lookup, one clock read and a short lock on that key's bucket.
 *
 * <p>Memory is bounded: at most {@code maxKeys} buckets are tracked; beyond that, buckets that are
 * full again (equivalent to no bucket) are dropped first.
 */
public interface RateLimiter {

  /** Default bound on tracked keys. */
  int DEFAULT_MAX_KEYS = 100_000;

  /**
   * Creates a limiter.
   *
   * @param limit the rate; {@link RateLimit#unlimited()} allows everything and tracks nothing
   * @param ticker monotonic time
   * @return the limiter
   */
  static RateLimiter create(RateLimit limit, Ticker ticker) {
    return create(limit, DEFAULT_MAX_KEYS, ticker);
  }

  /**
   * Creates a limiter with a bound on tracked keys.
   *
   * @param limit the rate
   * @param maxKeys the most buckets kept, at least 1
   * @param ticker monotonic time
   * @return the limiter
   * @throws IllegalArgumentException when maxKeys is below 1
   */
  static RateLimiter create(RateLimit limit, int maxKeys, Ticker ticker) {
    Objects.requireNonNull(limit, "limit must not be null");
    Objects.requireNonNull(ticker, "ticker must not be null");
    if (maxKeys < 1) {
      throw new IllegalArgumentException("maxKeys must be at least 1, but was " + maxKeys);
    }
    return new TokenBucketLimiter(limit, maxKeys, ticker);
  }

  /**
   * Takes one token for a key.
   *
   * @param key the key, for example {@code principal.key()}
   * @return allowed, or refused with the time until a token is available
   */
  Decision tryAcquire(String key);

  /**
   * The rate.
   *
   * @return the rate
   */
  RateLimit limit();

  /**
   * Figures since creation.
   *
   * @return a snapshot
   */
  RateLimiterStats stats();

  /**
   * The outcome of {@link #tryAcquire}.
   *
   * @param allowed whether a token was taken
   * @param retryAfterNanos when refused, nanoseconds until the next token; 0 when allowed
   */
  record Decision(boolean allowed, long retryAfterNanos) {

    static final Decision ALLOWED = new Decision(true, 0);

    /**
     * The wait in whole seconds, rounded up, for a {@code Retry-After} header.
     *
     * @return at least 1 when refused, 0 when allowed
     */
    public long retryAfterSeconds() {
      return allowed ? 0 : Math.max(1, (retryAfterNanos + 999_999_999L) / 1_000_000_000L);
    }
  }
}
