package dev.mcpinspector.mcp;

import dev.mcpinspector.core.outbound.OutboundPolicy;
import dev.mcpinspector.core.session.Principal;
import dev.mcpinspector.core.session.SessionId;
import dev.mcpinspector.mcp.engine.OutboundHttp;
import java.util.Objects;

/**
 * Creates one {@link McpClientManager} per session, in the shape of the client manager store's
 * factory: {@code ClientManagerStore.perSession(config, factory::create)}. Thread-safe.
 */
public final class McpClientManagerFactory implements AutoCloseable {

  private final McpClientConfig config;
  private final OutboundPolicy policy;
  private final McpEventSinks sinks;
  private final OutboundHttp http;
  private final boolean ownsHttp;

  /**
   * Creates the factory with its own shared outbound HTTP client, closed by {@link #close()}.
   *
   * @param config timeouts and client identity shared by every manager
   * @param policy the outbound policy shared by every manager
   * @param sinks the event plane shared by every manager (each manager publishes under its own
   *     session)
   */
  public McpClientManagerFactory(
      McpClientConfig config, OutboundPolicy policy, McpEventSinks sinks) {
    this.config = Objects.requireNonNull(config, "config");
    this.policy = Objects.requireNonNull(policy, "policy");
    this.sinks = Objects.requireNonNull(sinks, "sinks");
    this.http = OutboundHttp.builder(policy).build();
    this.ownsHttp = true;
  }

  /**
   * Creates the factory on a shared outbound HTTP client, which the caller closes.
   *
   * @param config timeouts and client identity shared by every manager
   * @param policy the outbound policy shared by every manager
   * @param sinks the event plane shared by every manager
   * @param http the outbound client every manager uses, built on the same policy
   */
  public McpClientManagerFactory(
      McpClientConfig config, OutboundPolicy policy, McpEventSinks sinks, OutboundHttp http) {
    this.config = Objects.requireNonNull(config, "config");
    this.policy = Objects.requireNonNull(policy, "policy");
    this.sinks = Objects.requireNonNull(sinks, "sinks");
    this.http = Objects.requireNonNull(http, "http");
    this.ownsHttp = false;
  }

  /**
   * The outbound client the managers use.
   *
   * @return the client
   */
  public OutboundHttp http() {
    return http;
  }

  /** Closes the outbound client when this factory created it; idempotent. */
  @Override
  public void close() {
    if (ownsHttp) {
      http.close();
    }
  }

  /**
   * Creates the manager of a session.
   *
   * @param session the session (the event scope)
   * @param principal the session's user, or null in local mode; not used by the manager today
   * @return a new manager with no servers
   */
  public McpClientManager create(SessionId session, Principal principal) {
    return McpClientManager.create(session, config, policy, sinks, http);
  }
}
