package dev.mcpinspector.mcp.engine;

import dev.mcpinspector.core.outbound.OutboundPolicy;
import java.time.Duration;
import java.util.Objects;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.transport.HttpClientConnectionFactory;
import org.eclipse.jetty.client.transport.HttpClientTransportDynamic;
import org.eclipse.jetty.http2.client.HTTP2Client;
import org.eclipse.jetty.http2.client.transport.ClientConnectionFactoryOverHTTP2;
import org.eclipse.jetty.io.ClientConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.ScheduledExecutorScheduler;

/**
 * The one outbound HTTP client of a process (Jetty's {@code HttpClient}): a fixed, small number of
 * threads whatever the number of sessions and servers, connections pooled per origin, HTTP/1.1 and
 * HTTP/2 (negotiated by ALPN over TLS). Every new connection resolves its host through the outbound
 * policy ({@link OutboundPolicy#checkConnect}), so the address actually connected to is the address
 * checked; redirects are never followed; each response (each event of a stream) is capped, and all
 * responses together may hold at most a global budget of bytes in memory. Thread-safe; close it
 * once, when the application stops.
 */
public final class OutboundHttp implements AutoCloseable {

  /** The option naming the per-response cap. */
  public static final String MAX_RESPONSE_BYTES_KEY = "INSPECTOR_OUTBOUND_MAX_RESPONSE_BYTES";

  /** Default per-response cap: 16 MiB. */
  public static final long DEFAULT_MAX_RESPONSE_BYTES = 16L * 1024 * 1024;

  /** Default number of client threads (selector included). */
  public static final int DEFAULT_THREADS = 8;

  private final HttpClient client;
  private final ByteBudget budget;
  private final long maxResponseBytes;
  private final OutboundPolicy policy;

  private OutboundHttp(Builder b) {
    this.policy = b.policy;
    this.maxResponseBytes = b.maxResponseBytes;
    long inFlight = b.maxBytesInFlight > 0 ? b.maxBytesInFlight : defaultBudget();
    this.budget = new ByteBudget(Math.max(inFlight, maxResponseBytes));
    QueuedThreadPool threads = new QueuedThreadPool(b.threads, Math.min(2, b.threads));
    threads.setName("inspector-outbound");
    threads.setDaemon(true);
    threads.setReservedThreads(0);
    ClientConnector connector = new ClientConnector();
    connector.setExecutor(threads);
    connector.setSelectors(1);
    connector.setConnectTimeout(b.connectTimeout);
    connector.setIdleTimeout(b.idleTimeout);
    ScheduledExecutorScheduler scheduler =
        new ScheduledExecutorScheduler("inspector-outbound-scheduler", true);
    connector.setScheduler(scheduler);
    HTTP2Client http2 = new HTTP2Client(connector);
    HttpClientTransportDynamic transport =
        new HttpClientTransportDynamic(
            connector,
            HttpClientConnectionFactory.HTTP11,
            new ClientConnectionFactoryOverHTTP2.HTTP2(http2));
    HttpClient c = new HttpClient(transport);
    c.setExecutor(threads);
    c.setScheduler(scheduler);
    c.setFollowRedirects(false);
    c.setSocketAddressResolver(new PolicyResolver(policy, threads));
    c.setConnectTimeout(b.connectTimeout.toMillis());
    c.setIdleTimeout(b.idleTimeout.toMillis());
    c.setMaxConnectionsPerDestination(b.maxConnectionsPerOrigin);
    c.setMaxRequestsQueuedPerDestination(b.maxConnectionsPerOrigin * 2);
    c.setUserAgentField(null);
    // 2025 servers answer a response with the whole session stream: never buffer in Jetty.
    c.setResponseBufferSize(16 * 1024);
    try {
      c.start();
    } catch (Exception e) {
      throw new IllegalStateException("the outbound HTTP client could not start: " + e, e);
    }
    this.client = c;
  }

  private static long defaultBudget() {
    long heap = Runtime.getRuntime().maxMemory();
    return Math.max(DEFAULT_MAX_RESPONSE_BYTES, heap / 4);
  }

  /**
   * A builder.
   *
   * @param policy the outbound policy applied at connect time
   * @return a builder with the defaults
   */
  public static Builder builder(OutboundPolicy policy) {
    return new Builder(policy);
  }

  /**
   * Opens a connection object for a Streamable HTTP server; nothing is sent until {@link
   * McpConnection#open}.
   *
   * @param target the server
   * @param events where the connection reports
   * @return the connection
   */
  public McpConnection connect(HttpTarget target, ConnectionEvents events) {
    return new HttpMcpConnection(this, target, events);
  }

  /**
   * The most bytes one response (one stream event) may have.
   *
   * @return the cap
   */
  public long maxResponseBytes() {
    return maxResponseBytes;
  }

  /**
   * Bytes of upstream answers held in memory right now.
   *
   * @return the figure
   */
  public long bytesInFlight() {
    return budget.used();
  }

  /**
   * The global budget of bytes in flight.
   *
   * @return the budget
   */
  public long maxBytesInFlight() {
    return budget.max();
  }

  HttpClient client() {
    return client;
  }

  ByteBudget budget() {
    return budget;
  }

  /** Stops the client; connections still open are closed. Idempotent; never throws. */
  @Override
  public void close() {
    try {
      client.stop();
    } catch (Exception e) {
      // nothing left to do; the threads are daemons
    }
  }

  /** Builds an {@link OutboundHttp}. Not thread-safe. */
  public static final class Builder {
    private final OutboundPolicy policy;
    private long maxResponseBytes = DEFAULT_MAX_RESPONSE_BYTES;
    private long maxBytesInFlight;
    private int threads = DEFAULT_THREADS;
    private int maxConnectionsPerOrigin = 4096;
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration idleTimeout = Duration.ofSeconds(30);

    private Builder(OutboundPolicy policy) {
      this.policy = Objects.requireNonNull(policy, "policy must not be null");
    }

    /**
     * Sets the per-response cap ({@value #MAX_RESPONSE_BYTES_KEY}).
     *
     * @param bytes at least 1024
     * @return this builder
     * @throws IllegalArgumentException when smaller
     */
    public Builder maxResponseBytes(long bytes) {
      if (bytes < 1024) {
        throw new IllegalArgumentException(
            MAX_RESPONSE_BYTES_KEY + " must be at least 1024, but was " + bytes);
      }
      this.maxResponseBytes = bytes;
      return this;
    }

    /**
     * Sets the global budget of response bytes in memory; default a quarter of the maximum heap (at
     * least the per-response cap).
     *
     * @param bytes at least 1024
     * @return this builder
     * @throws IllegalArgumentException when smaller
     */
    public Builder maxBytesInFlight(long bytes) {
      if (bytes < 1024) {
        throw new IllegalArgumentException(
            "maxBytesInFlight must be at least 1024, but was " + bytes);
      }
      this.maxBytesInFlight = bytes;
      return this;
    }

    /**
     * Sets the number of client threads.
     *
     * @param threads between 3 and 64
     * @return this builder
     * @throws IllegalArgumentException when outside
     */
    public Builder threads(int threads) {
      if (threads < 3 || threads > 64) {
        throw new IllegalArgumentException(
            "outbound threads must be between 3 and 64, but was " + threads);
      }
      this.threads = threads;
      return this;
    }

    /**
     * Sets the TCP connect timeout.
     *
     * @param timeout positive
     * @return this builder
     */
    public Builder connectTimeout(Duration timeout) {
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("connectTimeout must be positive, but was " + timeout);
      }
      this.connectTimeout = timeout;
      return this;
    }

    /**
     * Builds and starts the client.
     *
     * @return the client
     */
    public OutboundHttp build() {
      return new OutboundHttp(this);
    }
  }
}
