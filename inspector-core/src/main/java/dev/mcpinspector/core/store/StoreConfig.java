package dev.mcpinspector.core.store;

import dev.mcpinspector.core.config.Checks;
import dev.mcpinspector.core.time.Ticker;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Immutable settings of a per-session {@link ClientManagerStore}. Build with {@link #builder()}.
 *
 * <p>Precision: the store reads its ticker only on the sweeper (never per acquire), so a release is
 * stamped with the time of the latest sweep. A session is idle-expired no earlier than {@link
 * #idleTimeout()} after its last lease was released and at most about two {@link #sweepInterval()}s
 * later; its lifetime ends at most one sweep interval after {@link #maxLifetime()}. Those bounds
 * assume sweeps run on time.
 */
public final class StoreConfig {

  /** Default idle timeout: 30 minutes. */
  public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofMinutes(30);

  /** Default absolute lifetime: 12 hours. */
  public static final Duration DEFAULT_MAX_LIFETIME = Duration.ofHours(12);

  /** Default global maximum of live sessions. */
  public static final int DEFAULT_MAX_SESSIONS = 1000;

  /** Default maximum of live sessions per principal. */
  public static final int DEFAULT_MAX_SESSIONS_PER_PRINCIPAL = 5;

  /**
   * Default sweep interval: 1 second. It bounds how late expiry can be (about two seconds on a
   * 30-minute idle timeout) while a sweep with nothing due costs one clock read and one map lookup,
   * so one wake-up a second is negligible.
   */
  public static final Duration DEFAULT_SWEEP_INTERVAL = Duration.ofSeconds(1);

  /** Default time a manager's {@code close()} may take before it is abandoned: 10 seconds. */
  public static final Duration DEFAULT_DISPOSE_TIMEOUT = Duration.ofSeconds(10);

  /** Default {@code Retry-After} of a {@link StoreFullException}: 5 seconds. */
  public static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(5);

  /**
   * The idle timeout and lifetime of {@link Builder#noExpiry()}: a hundred years, so a session is
   * never expired by the store itself.
   */
  public static final Duration NO_EXPIRY = Duration.ofDays(36_500);

  private final Duration idleTimeout;
  private final Duration maxLifetime;
  private final int maxSessions;
  private final int maxSessionsPerPrincipal;
  private final Duration sweepInterval;
  private final Duration disposeTimeout;
  private final Duration retryAfter;
  private final Ticker ticker;
  private final ScheduledExecutorService scheduler;

  private StoreConfig(Builder b) {
    this.idleTimeout = b.idleTimeout;
    this.maxLifetime = b.maxLifetime;
    this.maxSessions = b.maxSessions;
    this.maxSessionsPerPrincipal = b.maxSessionsPerPrincipal;
    this.sweepInterval = b.sweepInterval;
    this.disposeTimeout = b.disposeTimeout;
    this.retryAfter = b.retryAfter;
    this.ticker = b.ticker;
    this.scheduler = b.scheduler;
  }

  /**
   * Starts a builder with every setting at its default.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The defaults.
   *
   * @return a config with every setting at its default
   */
  public static StoreConfig defaults() {
    return builder().build();
  }

  /**
   * How long a session may stay without an open lease before it is removed ({@link
   * RemovalCause#IDLE}).
   *
   * @return a positive duration
   */
  public Duration idleTimeout() {
    return idleTimeout;
  }

  /**
   * How long a session may live at most, leased or not ({@link RemovalCause#LIFETIME}).
   *
   * @return a positive duration
   */
  public Duration maxLifetime() {
    return maxLifetime;
  }

  /**
   * The most live sessions at once.
   *
   * @return at least 1
   */
  public int maxSessions() {
    return maxSessions;
  }

  /**
   * The most live sessions of one principal at once; anonymous sessions are not counted.
   *
   * @return at least 1 and at most {@link #maxSessions()}
   */
  public int maxSessionsPerPrincipal() {
    return maxSessionsPerPrincipal;
  }

  /**
   * How often the background sweeper runs; also the granularity of the store's clock.
   *
   * @return a positive duration, at most {@link #idleTimeout()}
   */
  public Duration sweepInterval() {
    return sweepInterval;
  }

  /**
   * How long a removed manager's {@code close()} may run (real time, from when the removal is
   * handed to the closing executor) before it is abandoned, logged and counted.
   *
   * @return a positive duration
   */
  public Duration disposeTimeout() {
    return disposeTimeout;
  }

  /**
   * The {@link StoreFullException#retryAfter()} to suggest when the store refuses a session.
   *
   * @return a positive duration
   */
  public Duration retryAfter() {
    return retryAfter;
  }

  /**
   * The time source for idle and lifetime deadlines.
   *
   * @return the ticker; never null
   */
  public Ticker ticker() {
    return ticker;
  }

  /**
   * A shared scheduler to run the sweeper and dispose timeouts on. When empty, the store creates a
   * daemon scheduler and shuts it down on close; a shared one is never shut down by the store.
   *
   * @return the shared scheduler, if one was set
   */
  public Optional<ScheduledExecutorService> scheduler() {
    return Optional.ofNullable(scheduler);
  }

  @Override
  public String toString() {
    return "StoreConfig[idleTimeout="
        + idleTimeout
        + ", maxLifetime="
        + maxLifetime
        + ", maxSessions="
        + maxSessions
        + ", maxSessionsPerPrincipal="
        + maxSessionsPerPrincipal
        + ", sweepInterval="
        + sweepInterval
        + ", disposeTimeout="
        + disposeTimeout
        + ", retryAfter="
        + retryAfter
        + ", sharedScheduler="
        + (scheduler != null)
        + "]";
  }

  /** Builds a {@link StoreConfig}. Not thread-safe. Each setter checks its argument. */
  public static final class Builder {
    private Duration idleTimeout = DEFAULT_IDLE_TIMEOUT;
    private Duration maxLifetime = DEFAULT_MAX_LIFETIME;
    private int maxSessions = DEFAULT_MAX_SESSIONS;
    private int maxSessionsPerPrincipal = DEFAULT_MAX_SESSIONS_PER_PRINCIPAL;
    private Duration sweepInterval = DEFAULT_SWEEP_INTERVAL;
    private Duration disposeTimeout = DEFAULT_DISPOSE_TIMEOUT;
    private Duration retryAfter = DEFAULT_RETRY_AFTER;
    private Ticker ticker = Ticker.system();
    private ScheduledExecutorService scheduler;

    private Builder() {}

    /**
     * Sets {@link StoreConfig#idleTimeout()}.
     *
     * @param value a positive duration
     * @return this builder
     * @throws NullPointerException if value is null
     * @throws IllegalArgumentException if value is zero or negative
     */
    public Builder idleTimeout(Duration value) {
      this.idleTimeout = Checks.positive("idleTimeout", value);
      return this;
    }

    /**
     * Sets {@link StoreConfig#maxLifetime()}.
     *
     * @param value a positive duration
     * @return this builder
     * @throws NullPointerException if value is null
     * @throws IllegalArgumentException if value is zero or negative
     */
    public Builder maxLifetime(Duration value) {
      this.maxLifetime = Checks.positive("maxLifetime", value);
      return this;
    }

    /**
     * Turns the store's own expiry off: idle timeout and lifetime become {@link #NO_EXPIRY}. Used
     * when another component owns session lifetime (the {@code Inspector} in hosted mode, whose
     * session table ends a session and then invalidates its manager); a manager then goes only when
     * invalidated, evicted for capacity or on close.
     *
     * @return this builder
     */
    public Builder noExpiry() {
      this.idleTimeout = NO_EXPIRY;
      this.maxLifetime = NO_EXPIRY;
      return this;
    }

    /**
     * Sets {@link StoreConfig#maxSessions()}.
     *
     * @param value at least 1
     * @return this builder
     * @throws IllegalArgumentException if value is below 1
     */
    public Builder maxSessions(int value) {
      this.maxSessions = Checks.atLeast("maxSessions", value, 1);
      return this;
    }

    /**
     * Sets {@link StoreConfig#maxSessionsPerPrincipal()}.
     *
     * @param value at least 1
     * @return this builder
     * @throws IllegalArgumentException if value is below 1
     */
    public Builder maxSessionsPerPrincipal(int value) {
      this.maxSessionsPerPrincipal = Checks.atLeast("maxSessionsPerPrincipal", value, 1);
      return this;
    }

    /**
     * Sets {@link StoreConfig#sweepInterval()}.
     *
     * @param value a positive duration
     * @return this builder
     * @throws NullPointerException if value is null
     * @throws IllegalArgumentException if value is zero or negative
     */
    public Builder sweepInterval(Duration value) {
      this.sweepInterval = Checks.positive("sweepInterval", value);
      return this;
    }

    /**
     * Sets {@link StoreConfig#disposeTimeout()}.
     *
     * @param value a positive duration
     * @return this builder
     * @throws NullPointerException if value is null
     * @throws IllegalArgumentException if value is zero or negative
     */
    public Builder disposeTimeout(Duration value) {
      this.disposeTimeout = Checks.positive("disposeTimeout", value);
      return this;
    }

    /**
     * Sets {@link StoreConfig#retryAfter()}.
     *
     * @param value a positive duration
     * @return this builder
     * @throws NullPointerException if value is null
     * @throws IllegalArgumentException if value is zero or negative
     */
    public Builder retryAfter(Duration value) {
      this.retryAfter = Checks.positive("retryAfter", value);
      return this;
    }

    /**
     * Sets {@link StoreConfig#ticker()}.
     *
     * @param value the time source
     * @return this builder
     * @throws NullPointerException if value is null
     */
    public Builder ticker(Ticker value) {
      this.ticker = Objects.requireNonNull(value, "ticker must not be null");
      return this;
    }

    /**
     * Sets a shared {@link StoreConfig#scheduler()}; the store never shuts it down.
     *
     * @param value the scheduler
     * @return this builder
     * @throws NullPointerException if value is null
     */
    public Builder scheduler(ScheduledExecutorService value) {
      this.scheduler = Objects.requireNonNull(value, "scheduler must not be null");
      return this;
    }

    /**
     * Checks the combination of settings and builds the config.
     *
     * @return the config
     * @throws IllegalArgumentException if maxSessionsPerPrincipal exceeds maxSessions or
     *     sweepInterval exceeds idleTimeout
     */
    public StoreConfig build() {
      if (maxSessionsPerPrincipal > maxSessions) {
        throw new IllegalArgumentException(
            "maxSessionsPerPrincipal must not exceed maxSessions, but was "
                + maxSessionsPerPrincipal
                + " with maxSessions "
                + maxSessions);
      }
      if (sweepInterval.compareTo(idleTimeout) > 0) {
        throw new IllegalArgumentException(
            "sweepInterval must not exceed idleTimeout, but was "
                + sweepInterval
                + " with idleTimeout "
                + idleTimeout);
      }
      return new StoreConfig(this);
    }
  }
}
