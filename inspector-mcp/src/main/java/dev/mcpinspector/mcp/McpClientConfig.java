package dev.mcpinspector.mcp;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/** Immutable timeouts and identity of the inspector's MCP clients. */
public final class McpClientConfig {

  /** Default time to open a connection and complete {@code initialize}. */
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);

  /** Default time to wait for the answer to one request. */
  public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(30);

  /** Default time a graceful close may take before the connection is dropped. */
  public static final Duration DEFAULT_CLOSE_TIMEOUT = Duration.ofSeconds(3);

  /** The option naming the connect timeout in the environment or init-parameters. */
  public static final String CONNECT_TIMEOUT_KEY = "INSPECTOR_MCP_CONNECT_TIMEOUT";

  /** The option naming the request timeout in the environment or init-parameters. */
  public static final String REQUEST_TIMEOUT_KEY = "INSPECTOR_MCP_REQUEST_TIMEOUT";

  /** The option naming the close timeout in the environment or init-parameters. */
  public static final String CLOSE_TIMEOUT_KEY = "INSPECTOR_MCP_CLOSE_TIMEOUT";

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
   * Reads the timeouts from a key/value source using the option names {@value
   * #CONNECT_TIMEOUT_KEY}, {@value #REQUEST_TIMEOUT_KEY} and {@value #CLOSE_TIMEOUT_KEY}; values
   * are ISO-8601 durations ({@code PT30S}) or plain seconds; missing or blank values keep the
   * defaults.
   *
   * @param source returns the value of a key, or null when absent
   * @return the configuration
   * @throws IllegalArgumentException when a value is bad, naming the option, the value and what is
   *     accepted
   */
  public static McpClientConfig from(Function<String, String> source) {
    return builder().apply(source).build();
  }

  /**
   * The option names {@link #from} reads.
   *
   * @return the keys
   */
  public static List<String> keys() {
    return List.of(CONNECT_TIMEOUT_KEY, REQUEST_TIMEOUT_KEY, CLOSE_TIMEOUT_KEY);
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
     * Sets every timeout the source has a value for; see {@link McpClientConfig#from}.
     *
     * @param source returns the value of a key, or null when absent
     * @return this builder
     * @throws IllegalArgumentException when a value is bad, naming the option
     */
    public Builder apply(Function<String, String> source) {
      Objects.requireNonNull(source, "source must not be null");
      Duration connect = duration(CONNECT_TIMEOUT_KEY, source.apply(CONNECT_TIMEOUT_KEY));
      Duration request = duration(REQUEST_TIMEOUT_KEY, source.apply(REQUEST_TIMEOUT_KEY));
      Duration close = duration(CLOSE_TIMEOUT_KEY, source.apply(CLOSE_TIMEOUT_KEY));
      if (connect != null) {
        connectTimeout(connect);
      }
      if (request != null) {
        requestTimeout(request);
      }
      if (close != null) {
        closeTimeout(close);
      }
      return this;
    }

    private static Duration duration(String option, String text) {
      if (text == null || text.isBlank()) {
        return null;
      }
      String t = text.strip();
      Duration d;
      try {
        d =
            t.chars().allMatch(Character::isDigit)
                ? Duration.ofSeconds(Long.parseLong(t))
                : Duration.parse(t);
      } catch (NumberFormatException | DateTimeParseException e) {
        d = null;
      }
      if (d == null || d.isZero() || d.isNegative()) {
        throw new IllegalArgumentException(
            option
                + " must be a positive ISO-8601 duration (PT30S) or a number of seconds, but was '"
                + t
                + "'");
      }
      return d;
    }

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
