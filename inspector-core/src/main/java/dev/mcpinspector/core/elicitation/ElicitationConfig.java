package dev.mcpinspector.core.elicitation;

import dev.mcpinspector.core.config.Checks;
import java.time.Duration;

/** Immutable settings of an {@link ElicitationBroker}. */
public final class ElicitationConfig {

  /** Default time a request waits for an answer before it is cancelled: 10 min. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(10);

  /** Default maximum of pending requests per session: 16 (more are declined at once). */
  public static final int DEFAULT_MAX_PENDING_PER_SESSION = 16;

  /** Default number of undelivered events one subscriber may hold: 64. */
  public static final int DEFAULT_SUBSCRIBER_QUEUE_SIZE = 64;

  /** Default time a subscriber may go without polling while losing events: 30 s. */
  public static final Duration DEFAULT_SUBSCRIBER_STALL_TIMEOUT = Duration.ofSeconds(30);

  /** Default maximum of open subscriptions per session: 16. */
  public static final int DEFAULT_MAX_SUBSCRIBERS_PER_SESSION = 16;

  /** The defaults. */
  public static final ElicitationConfig DEFAULT = builder().build();

  private final Duration timeout;
  private final int maxPendingPerSession;
  private final int subscriberQueueSize;
  private final Duration subscriberStallTimeout;
  private final int maxSubscribersPerSession;

  private ElicitationConfig(Builder b) {
    this.timeout = b.timeout;
    this.maxPendingPerSession = b.maxPendingPerSession;
    this.subscriberQueueSize = b.subscriberQueueSize;
    this.subscriberStallTimeout = b.subscriberStallTimeout;
    this.maxSubscribersPerSession = b.maxSubscribersPerSession;
  }

  /**
   * A builder preset with the defaults.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Time a request waits before it is cancelled ({@code INSPECTOR_ELICITATION_TIMEOUT}).
   *
   * @return the timeout
   */
  public Duration timeout() {
    return timeout;
  }

  /**
   * Pending requests allowed per session.
   *
   * @return the maximum
   */
  public int maxPendingPerSession() {
    return maxPendingPerSession;
  }

  /**
   * Undelivered events one subscriber may hold.
   *
   * @return the size
   */
  public int subscriberQueueSize() {
    return subscriberQueueSize;
  }

  /**
   * How long a subscriber may go without polling while losing events; zero never cuts off.
   *
   * @return the timeout
   */
  public Duration subscriberStallTimeout() {
    return subscriberStallTimeout;
  }

  /**
   * Open subscriptions allowed per session.
   *
   * @return the maximum
   */
  public int maxSubscribersPerSession() {
    return maxSubscribersPerSession;
  }

  @Override
  public String toString() {
    return "ElicitationConfig[timeout="
        + timeout
        + ", maxPendingPerSession="
        + maxPendingPerSession
        + ", subscriberQueueSize="
        + subscriberQueueSize
        + ", subscriberStallTimeout="
        + subscriberStallTimeout
        + ", maxSubscribersPerSession="
        + maxSubscribersPerSession
        + "]";
  }

  /** Builds an {@link ElicitationConfig}; each setter checks its argument. Not thread-safe. */
  public static final class Builder {
    private Duration timeout = DEFAULT_TIMEOUT;
    private int maxPendingPerSession = DEFAULT_MAX_PENDING_PER_SESSION;
    private int subscriberQueueSize = DEFAULT_SUBSCRIBER_QUEUE_SIZE;
    private Duration subscriberStallTimeout = DEFAULT_SUBSCRIBER_STALL_TIMEOUT;
    private int maxSubscribersPerSession = DEFAULT_MAX_SUBSCRIBERS_PER_SESSION;

    private Builder() {}

    /**
     * Sets the answer timeout.
     *
     * @param value positive
     * @return this builder
     * @throws NullPointerException when value is null
     * @throws IllegalArgumentException when value is zero or negative
     */
    public Builder timeout(Duration value) {
      this.timeout = Checks.positive("timeout", value);
      return this;
    }

    /**
     * Sets the pending requests allowed per session.
     *
     * @param value at least 1
     * @return this builder
     * @throws IllegalArgumentException when value is less than 1
     */
    public Builder maxPendingPerSession(int value) {
      this.maxPendingPerSession = Checks.atLeast("maxPendingPerSession", value, 1);
      return this;
    }

    /**
     * Sets the subscriber queue size.
     *
     * @param value at least 1
     * @return this builder
     * @throws IllegalArgumentException when value is less than 1
     */
    public Builder subscriberQueueSize(int value) {
      this.subscriberQueueSize = Checks.atLeast("subscriberQueueSize", value, 1);
      return this;
    }

    /**
     * Sets the subscriber stall timeout.
     *
     * @param value zero (never) or positive
     * @return this builder
     * @throws NullPointerException when value is null
     * @throws IllegalArgumentException when value is negative
     */
    public Builder subscriberStallTimeout(Duration value) {
      this.subscriberStallTimeout = Checks.notNegative("subscriberStallTimeout", value);
      return this;
    }

    /**
     * Sets the open subscriptions allowed per session.
     *
     * @param value at least 1
     * @return this builder
     * @throws IllegalArgumentException when value is less than 1
     */
    public Builder maxSubscribersPerSession(int value) {
      this.maxSubscribersPerSession = Checks.atLeast("maxSubscribersPerSession", value, 1);
      return this;
    }

    /**
     * Builds the configuration.
     *
     * @return the configuration
     */
    public ElicitationConfig build() {
      return new ElicitationConfig(this);
    }
  }
}
