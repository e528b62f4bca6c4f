package dev.mcpinspector.mcp;

import java.time.Duration;
import java.util.Objects;

/** Immutable timeouts and identity of the inspector's MCP clients. */
public final class McpClientConfig {

  /** Default time to open a connection and complete {@code initialize}. */
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);

  /** Default time to wait for the answer to one request. */
  public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(30);

  /** Default time a graceful close may take before the connection is dropped. */
  public static final Duration DEFAULT_CLOSE_TIMEOUT = Duration.ofSeconds(3);

  /** Default {@code clientInfo.name} sent in {@code initialize}. */
  public static final String DEFAULT_CLIENT_NAME = "mcp-inspector-host";

  /** Default {@code clientInfo.version} sent in {@code initialize}. */
  public static final String DEFAULT_CLIENT_VERSION = "0.1.0";

  private final Duration connectTimeout;
  private final Duration requestTimeout;
  private final Duration closeTimeout;
  private final String clientName;
  private final String clientVersion;

  private McpClientConfig(Builder b) {
    this.connectTimeout = b.connectTimeout;
    this.requestTimeout = b.requestTimeout;
    this.closeTimeout = b.closeTimeout;
    this.clientName = b.clientName;
    this.clientVersion = b.clientVersion;
  }

  /**
   * A builder with the defaults.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The defaults.
   *
   * @return the default configuration
   */
  public static McpClientConfig defaults() {
    return builder().build();
  }

  /**
   * Time to open a connection and complete {@code initialize}.
   *
   * @return a positive duration
   */
  public Duration connectTimeout() {
    return connectTimeout;
  }

  /**
   * Time to wait for the answer to one request.
   *
   * @return a positive duration
   */
  public Duration requestTimeout() {
    return requestTimeout;
  }

  /**
   * Time a graceful close may take.
   *
   * @return a positive duration
   */
  public Duration closeTimeout() {
    return closeTimeout;
  }

  /**
   * The client name sent in {@code initialize}.
   *
   * @return the name
   */
  public String clientName() {
    return clientName;
  }

  /**
   * The client version sent in {@code initialize}.
   *
   * @return the version
   */
  public String clientVersion() {
    return clientVersion;
  }

  @Override
  public String toString() {
    return "McpClientConfig[connectTimeout="
        + connectTimeout
        + ", requestTimeout="
        + requestTimeout
        + ", closeTimeout="
        + closeTimeout
        + ", client="
        + clientName
        + "/"
        + clientVersion
        + "]";
  }

  /** Builds a {@link McpClientConfig}. Not thread-safe. */
  public static final class Builder {
    private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
    private Duration requestTimeout = DEFAULT_REQUEST_TIMEOUT;
    private Duration closeTimeout = DEFAULT_CLOSE_TIMEOUT;
    private String clientName = DEFAULT_CLIENT_NAME;
    private String clientVersion = DEFAULT_CLIENT_VERSION;

    private Builder() {}

    /**
     * Sets the connect timeout.
     *
     * @param timeout a positive duration
     * @return this builder
     * @throws IllegalArgumentException when not positive
     */
    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = positive("connectTimeout", timeout);
      return this;
    }

    /**
     * Sets the request timeout.
     *
     * @param timeout a positive duration
     * @return this builder
     * @throws IllegalArgumentException when not positive
     */
    public Builder requestTimeout(Duration timeout) {
      this.requestTimeout = positive("requestTimeout", timeout);
      return this;
    }

    /**
     * Sets the close timeout.
     *
     * @param timeout a positive duration
     * @return this builder
     * @throws IllegalArgumentException when not positive
     */
    public Builder closeTimeout(Duration timeout) {
      this.closeTimeout = positive("closeTimeout", timeout);
      return this;
    }

    /**
     * Sets the client identity sent in {@code initialize}.
     *
     * @param name a non-blank name
     * @param version a non-blank version
     * @return this builder
     * @throws IllegalArgumentException when blank
     */
    public Builder clientInfo(String name, String version) {
      if (name == null || name.isBlank() || version == null || version.isBlank()) {
        throw new IllegalArgumentException(
            "clientInfo name and version must not be blank, but were '"
                + name
                + "' and '"
                + version
                + "'");
      }
      this.clientName = name;
      this.clientVersion = version;
      return this;
    }

    /**
     * Builds the configuration.
     *
     * @return the immutable configuration
     */
    public McpClientConfig build() {
      return new McpClientConfig(this);
    }

    private static Duration positive(String name, Duration d) {
      Objects.requireNonNull(d, name + " must not be null");
      if (d.isZero() || d.isNegative()) {
        throw new IllegalArgumentException(name + " must be positive, but was " + d);
      }
      return d;
    }
  }
}
