package dev.mcpinspector.servlet;

import java.time.Duration;
import java.util.Objects;

/**
 * Immutable settings of the {@code /api} servlet: body limit and SSE behaviour. Build with {@link
 * #builder()}; every setter validates its argument.
 */
public final class ApiConfig {

  /** Default maximum request body: 1 MiB. */
  public static final long DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

  /** Default interval between SSE heartbeat comments: 15 s. */
  public static final Duration DEFAULT_HEARTBEAT_INTERVAL = Duration.ofSeconds(15);

  /** Default reconnection delay announced to SSE clients in the {@code retry:} line: 3 s. */
  public static final Duration DEFAULT_SSE_RETRY = Duration.ofSeconds(3);

  /** Default number of events taken from a source per write. */
  public static final int DEFAULT_SSE_BATCH_SIZE = 64;

  private final long maxBodyBytes;
  private final Duration heartbeatInterval;
  private final Duration sseRetry;
  private final int sseBatchSize;

  private ApiConfig(Builder b) {
    this.maxBodyBytes = b.maxBodyBytes;
    this.heartbeatInterval = b.heartbeatInterval;
    this.sseRetry = b.sseRetry;
    this.sseBatchSize = b.sseBatchSize;
  }

  /**
   * Returns a builder with every setting at its default.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns the default configuration.
   *
   * @return the defaults
   */
  public static ApiConfig defaults() {
    return builder().build();
  }

  /**
   * Returns the largest accepted request body; larger bodies get 413 {@code payload_too_large}.
   *
   * @return the limit in bytes
   */
  public long maxBodyBytes() {
    return maxBodyBytes;
  }

  /**
   * Returns the interval between heartbeat comments on open SSE streams.
   *
   * @return a positive duration
   */
  public Duration heartbeatInterval() {
    return heartbeatInterval;
  }

  /**
   * Returns the reconnection delay sent in the first {@code retry:} line of every stream.
   *
   * @return a non-negative duration
   */
  public Duration sseRetry() {
    return sseRetry;
  }

  /**
   * Returns how many events a stream takes from its source per write.
   *
   * @return a positive count
   */
  public int sseBatchSize() {
    return sseBatchSize;
  }

  @Override
  public String toString() {
    return "ApiConfig{maxBodyBytes="
        + maxBodyBytes
        + ", heartbeatInterval="
        + heartbeatInterval
        + ", sseRetry="
        + sseRetry
        + ", sseBatchSize="
        + sseBatchSize
        + '}';
  }

  /** Builds an {@link ApiConfig}. Not thread-safe. */
  public static final class Builder {
    private long maxBodyBytes = DEFAULT_MAX_BODY_BYTES;
    private Duration heartbeatInterval = DEFAULT_HEARTBEAT_INTERVAL;
    private Duration sseRetry = DEFAULT_SSE_RETRY;
    private int sseBatchSize = DEFAULT_SSE_BATCH_SIZE;

    private Builder() {}

    /**
     * Sets the largest accepted request body.
     *
     * @param bytes the limit, at least 1
     * @return this builder
     * @throws IllegalArgumentException if bytes is less than 1
     */
    public Builder maxBodyBytes(long bytes) {
      if (bytes < 1) {
        throw new IllegalArgumentException("maxBodyBytes must be at least 1, but was " + bytes);
      }
      this.maxBodyBytes = bytes;
      return this;
    }

    /**
     * Sets the interval between SSE heartbeat comments. A client that went away is noticed when a
     * write fails, so this also bounds how long a dead stream holds its session's lease.
     *
     * @param interval a positive duration of at least one millisecond
     * @return this builder
     * @throws IllegalArgumentException if interval is shorter than one millisecond
     * @throws NullPointerException if interval is null
     */
    public Builder heartbeatInterval(Duration interval) {
      Objects.requireNonNull(interval, "heartbeatInterval");
      if (interval.toMillis() < 1) {
        throw new IllegalArgumentException(
            "heartbeatInterval must be at least 1 ms, but was " + interval);
      }
      this.heartbeatInterval = interval;
      return this;
    }

    /**
     * Sets the reconnection delay announced to SSE clients.
     *
     * @param retry a non-negative duration
     * @return this builder
     * @throws IllegalArgumentException if retry is negative
     * @throws NullPointerException if retry is null
     */
    public Builder sseRetry(Duration retry) {
      Objects.requireNonNull(retry, "sseRetry");
      if (retry.isNegative()) {
        throw new IllegalArgumentException("sseRetry must not be negative, but was " + retry);
      }
      this.sseRetry = retry;
      return this;
    }

    /**
     * Sets how many events a stream takes from its source per write.
     *
     * @param size between 1 and 10000
     * @return this builder
     * @throws IllegalArgumentException if size is out of range
     */
    public Builder sseBatchSize(int size) {
      if (size < 1 || size > 10_000) {
        throw new IllegalArgumentException(
            "sseBatchSize must be between 1 and 10000, but was " + size);
      }
      this.sseBatchSize = size;
      return this;
    }

    /**
     * Builds the configuration.
     *
     * @return the immutable configuration
     */
    public ApiConfig build() {
      return new ApiConfig(this);
    }
  }
}
