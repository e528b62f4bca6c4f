package dev.mcpinspector.core.rpc;

import dev.mcpinspector.core.config.Checks;
import java.time.Duration;
import java.util.Objects;

/**
 * Immutable settings of an {@link RpcLogBus}. Byte figures count text at two bytes per character
 * (the most a Java string can take) plus {@link #EVENT_OVERHEAD_BYTES} per event, so they are an
 * upper bound of the heap really used.
 */
public final class RpcLogConfig {

  /**
   * Default ring capacity per (session, server): 1000 events ({@code INSPECTOR_RPC_LOG_CAPACITY}).
   */
  public static final int DEFAULT_CAPACITY_PER_SERVER = 1000;

  /** Default cap per event: 256 KiB; longer messages are truncated with a marker. */
  public static final int DEFAULT_MAX_EVENT_BYTES = 256 * 1024;

  /** Default global byte budget: 256 MiB ({@code INSPECTOR_RPC_LOG_MAX_BYTES}). */
  public static final long DEFAULT_MAX_BYTES = 256L * 1024 * 1024;

  /** Default number of undelivered events a subscriber may hold: 1024. */
  public static final int DEFAULT_SUBSCRIBER_QUEUE_SIZE = 1024;

  /** Default bytes of undelivered events a subscriber may hold: 8 MiB. */
  public static final long DEFAULT_SUBSCRIBER_QUEUE_BYTES = 8L * 1024 * 1024;

  /** Default time a subscriber may go without polling while losing events: 30 s. */
  public static final Duration DEFAULT_SUBSCRIBER_STALL_TIMEOUT = Duration.ofSeconds(30);

  /** Default maximum of open subscriptions per session: 16. */
  public static final int DEFAULT_MAX_SUBSCRIBERS_PER_SESSION = 16;

  /** Default timestamp precision: 1 ms (a cached clock reading refreshed by the scheduler). */
  public static final Duration DEFAULT_TIMESTAMP_PRECISION = Duration.ofMillis(1);

  /**
   * Bytes accounted per event in addition to its text: the ring's slots (about 25 bytes) plus the
   * string's object and array headers, rounded up so the figure stays an upper bound.
   */
  public static final int EVENT_OVERHEAD_BYTES = 96;

  /** Smallest accepted per-event cap, so that the truncation marker always fits. */
  public static final int MIN_MAX_EVENT_BYTES = 1024;

  /** The defaults. */
  public static final RpcLogConfig DEFAULT = builder().build();

  private final int capacityPerServer;
  private final int maxEventBytes;
  private final long maxBytes;
  private final int subscriberQueueSize;
  private final long subscriberQueueBytes;
  private final Duration subscriberStallTimeout;
  private final int maxSubscribersPerSession;
  private final Duration timestampPrecision;

  private RpcLogConfig(Builder b) {
    this.capacityPerServer = b.capacityPerServer;
    this.maxEventBytes = b.maxEventBytes;
    this.maxBytes = b.maxBytes;
    this.subscriberQueueSize = b.subscriberQueueSize;
    this.subscriberQueueBytes = b.subscriberQueueBytes;
    this.subscriberStallTimeout = b.subscriberStallTimeout;
    this.maxSubscribersPerSession = b.maxSubscribersPerSession;
    this.timestampPrecision = b.timestampPrecision;
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
   * Ring capacity per (session, server).
   *
   * @return events
   */
  public int capacityPerServer() {
    return capacityPerServer;
  }

  /**
   * Cap per event, in accounted bytes of text (two per character).
   *
   * @return bytes
   */
  public int maxEventBytes() {
    return maxEventBytes;
  }

  /**
   * The global byte budget over all sessions.
   *
   * @return bytes
   */
  public long maxBytes() {
    return maxBytes;
  }

  /**
   * Undelivered events one subscriber may hold before its oldest are dropped.
   *
   * @return events
   */
  public int subscriberQueueSize() {
    return subscriberQueueSize;
  }

  /**
   * Undelivered bytes one subscriber may hold before its oldest events are dropped.
   *
   * @return bytes
   */
  public long subscriberQueueBytes() {
    return subscriberQueueBytes;
  }

  /**
   * How long a subscriber may go without polling while it is losing events before it is cut off
   * ({@link dev.mcpinspector.core.event.CloseReason#STALLED}); zero never cuts off.
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
   * Precision of event timestamps. Zero reads the clock for every event; a positive value reads a
   * cached value refreshed at that rate by the scheduler (reading the clock costs about as much as
   * the rest of a publish).
   *
   * @return the precision
   */
  public Duration timestampPrecision() {
    return timestampPrecision;
  }

  @Override
  public String toString() {
    return "RpcLogConfig[capacityPerServer="
        + capacityPerServer
        + ", maxEventBytes="
        + maxEventBytes
        + ", maxBytes="
        + maxBytes
        + ", subscriberQueueSize="
        + subscriberQueueSize
        + ", subscriberQueueBytes="
        + subscriberQueueBytes
        + ", subscriberStallTimeout="
        + subscriberStallTimeout
        + ", maxSubscribersPerSession="
        + maxSubscribersPerSession
        + ", timestampPrecision="
        + timestampPrecision
        + "]";
  }

  /** Builds an {@link RpcLogConfig}; each setter checks its argument. Not thread-safe. */
  public static final class Builder {

    private int capacityPerServer = DEFAULT_CAPACITY_PER_SERVER;
    private int maxEventBytes = DEFAULT_MAX_EVENT_BYTES;
    private long maxBytes = DEFAULT_MAX_BYTES;
    private int subscriberQueueSize = DEFAULT_SUBSCRIBER_QUEUE_SIZE;
    private long subscriberQueueBytes = DEFAULT_SUBSCRIBER_QUEUE_BYTES;
    private Duration subscriberStallTimeout = DEFAULT_SUBSCRIBER_STALL_TIMEOUT;
    private int maxSubscribersPerSession = DEFAULT_MAX_SUBSCRIBERS_PER_SESSION;
    private Duration timestampPrecision = DEFAULT_TIMESTAMP_PRECISION;

    private Builder() {}

    /**
     * Sets the ring capacity per (session, server).
     *
     * @param value events; at least 1
     * @return this builder
     * @throws IllegalArgumentException when value is less than 1
     */
    public Builder capacityPerServer(int value) {
      this.capacityPerServer = Checks.atLeast("capacityPerServer", value, 1);
      return this;
    }

    /**
     * Sets the cap per event.
     *
     * @param value bytes (two per character); at least {@link RpcLogConfig#MIN_MAX_EVENT_BYTES}
     * @return this builder
     * @throws IllegalArgumentException when value is below the minimum
     */
    public Builder maxEventBytes(int value) {
      this.maxEventBytes = Checks.atLeast("maxEventBytes", value, MIN_MAX_EVENT_BYTES);
      return this;
    }

    /**
     * Sets the global byte budget.
     *
     * @param value bytes; at least maxEventBytes plus the per-event overhead (checked by build)
     * @return this builder
     * @throws IllegalArgumentException when value is not positive
     */
    public Builder maxBytes(long value) {
      this.maxBytes = Checks.positive("maxBytes", value);
      return this;
    }

    /**
     * Sets how many undelivered events one subscriber may hold.
     *
     * @param value events; at least 1
     * @return this builder
     * @throws IllegalArgumentException when value is less than 1
     */
    public Builder subscriberQueueSize(int value) {
      this.subscriberQueueSize = Checks.atLeast("subscriberQueueSize", value, 1);
      return this;
    }

    /**
     * Sets how many undelivered bytes one subscriber may hold.
     *
     * @param value bytes; positive
     * @return this builder
     * @throws IllegalArgumentException when value is not positive
     */
    public Builder subscriberQueueBytes(long value) {
      this.subscriberQueueBytes = Checks.positive("subscriberQueueBytes", value);
      return this;
    }

    /**
     * Sets the stall timeout after which a subscriber that keeps losing events is cut off.
     *
     * @param value the timeout; zero never cuts off; not negative
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
     * Sets the timestamp precision.
     *
     * @param value zero (read the clock per event) or a positive duration of at most 1 s
     * @return this builder
     * @throws NullPointerException when value is null
     * @throws IllegalArgumentException when value is negative or over 1 s
     */
    public Builder timestampPrecision(Duration value) {
      Objects.requireNonNull(value, "timestampPrecision must not be null");
      if (value.isNegative() || value.compareTo(Duration.ofSeconds(1)) > 0) {
        throw new IllegalArgumentException(
            "timestampPrecision must be between PT0S and PT1S, but was " + value);
      }
      this.timestampPrecision = value;
      return this;
    }

    /**
     * Checks combinations and builds the configuration.
     *
     * @return the configuration
     * @throws IllegalArgumentException when maxBytes cannot hold one event of maxEventBytes
     */
    public RpcLogConfig build() {
      long oneEvent = (long) maxEventBytes + EVENT_OVERHEAD_BYTES;
      if (maxBytes < oneEvent) {
        throw new IllegalArgumentException(
            "maxBytes must be at least maxEventBytes + "
                + EVENT_OVERHEAD_BYTES
                + " ("
                + oneEvent
                + "), but was maxBytes="
                + maxBytes
                + " with maxEventBytes="
                + maxEventBytes);
      }
      return new RpcLogConfig(this);
    }
  }
}
