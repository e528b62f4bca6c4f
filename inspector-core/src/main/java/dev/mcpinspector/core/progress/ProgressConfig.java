package dev.mcpinspector.core.progress;

import dev.mcpinspector.core.config.Checks;
import java.time.Duration;

/** Immutable settings of a {@link ProgressStore}. */
public final class ProgressConfig {

  /** Default time after its last update when an entry is removed: 5 min. */
  public static final Duration DEFAULT_STALE_AFTER = Duration.ofMinutes(5);

  /** Default maximum of entries per session: 1000 (the least recently updated is evicted). */
  public static final int DEFAULT_MAX_TOKENS_PER_SESSION = 1000;

  /** Default number of undelivered updates one subscriber may hold: 256. */
  public static final int DEFAULT_SUBSCRIBER_QUEUE_SIZE = 256;

  /** Default time a subscriber may go without polling while losing updates: 30 s. */
  public static final Duration DEFAULT_SUBSCRIBER_STALL_TIMEOUT = Duration.ofSeconds(30);

  /** Default maximum of open subscriptions per session: 16. */
  public static final int DEFAULT_MAX_SUBSCRIBERS_PER_SESSION = 16;

  /** Default longest kept message: 4096 characters (longer ones are cut). */
  public static final int DEFAULT_MAX_MESSAGE_CHARS = 4096;

  /** The defaults. */
  public static final ProgressConfig DEFAULT = builder().build();

  private final Duration staleAfter;
  private final int maxTokensPerSession;
  private final int subscriberQueueSize;
  private final Duration subscriberStallTimeout;
  private final int maxSubscribersPerSession;
  private final int maxMessageChars;

  private ProgressConfig(Builder b) {
    this.staleAfter = b.staleAfter;
    this.maxTokensPerSession = b.maxTokensPerSession;
    this.subscriberQueueSize = b.subscriberQueueSize;
    this.subscriberStallTimeout = b.subscriberStallTimeout;
    this.maxSubscribersPerSession = b.maxSubscribersPerSession;
    this.maxMessageChars = b.maxMessageChars;
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
   * Time after its last update when an entry is removed ({@code INSPECTOR_PROGRESS_STALE_AFTER}).
   *
   * @return the duration
   */
  public Duration staleAfter() {
    return staleAfter;
  }

  /**
   * Entries allowed per session.
   *
   * @return the maximum
   */
  public int maxTokensPerSession() {
    return maxTokensPerSession;
  }

  /**
   * Undelivered updates one subscriber may hold.
   *
   * @return the size
   */
  public int subscriberQueueSize() {
    return subscriberQueueSize;
  }

  /**
   * How long a subscriber may go without polling while losing updates; zero never cuts off.
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

  /**
   * Longest kept message.
   *
   * @return characters
   */
  public int maxMessageChars() {
    return maxMessageChars;
  }

  @Override
  public String toString() {
    return "ProgressConfig[staleAfter="
        + staleAfter
        + ", maxTokensPerSession="
        + maxTokensPerSession
        + ", subscriberQueueSize="
        + subscriberQueueSize
        + ", subscriberStallTimeout="
        + subscriberStallTimeout
        + ", maxSubscribersPerSession="
        + maxSubscribersPerSession
        + ", maxMessageChars="
        + maxMessageChars
        + "]";
  }

  /** Builds a {@link ProgressConfig}; each setter checks its argument. Not thread-safe. */
  public static final class Builder {
    private Duration staleAfter = DEFAULT_STALE_AFTER;
    private int maxTokensPerSession = DEFAULT_MAX_TOKENS_PER_SESSION;
    private int subscriberQueueSize = DEFAULT_SUBSCRIBER_QUEUE_SIZE;
    private Duration subscriberStallTimeout = DEFAULT_SUBSCRIBER_STALL_TIMEOUT;
    private int maxSubscribersPerSession = DEFAULT_MAX_SUBSCRIBERS_PER_SESSION;
    private int maxMessageChars = DEFAULT_MAX_MESSAGE_CHARS;

    private Builder() {}

    /**
     * Sets the stale period.
     *
     * @param value positive
     * @return this builder
     * @throws NullPointerException when value is null
     * @throws IllegalArgumentException when value is zero or negative
     */
    public Builder staleAfter(Duration value) {
      this.staleAfter = Checks.positive("staleAfter", value);
      return this;
    }

    /**
     * Sets the entries allowed per session.
     *
     * @param value at least 1
     * @return this builder
     * @throws IllegalArgumentException when value is less than 1
     */
    public Builder maxTokensPerSession(int value) {
      this.maxTokensPerSession = Checks.atLeast("maxTokensPerSession", value, 1);
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
     * Sets the longest kept message.
     *
     * @param value at least 16 characters
     * @return this builder
     * @throws IllegalArgumentException when value is less than 16
     */
    public Builder maxMessageChars(int value) {
      this.maxMessageChars = Checks.atLeast("maxMessageChars", value, 16);
      return this;
    }

    /**
     * Builds the configuration.
     *
     * @return the configuration
     */
    public ProgressConfig build() {
      return new ProgressConfig(this);
    }
  }
}
