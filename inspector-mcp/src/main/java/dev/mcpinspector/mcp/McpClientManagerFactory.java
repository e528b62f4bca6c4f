package dev.mcpinspector.mcp;

import dev.mcpinspector.core.outbound.OutboundPolicy;
import dev.mcpinspector.core.session.Principal;
import dev.mcpinspector.core.session.SessionId;
import java.util.Objects;

/**
 * Creates one {@link McpClientManager} per session, in the shape of the client manager store's
 * factory: {@code ClientManagerStore.perSession(config, factory::create)}. Thread-safe.
 */
public final class McpClientManagerFactory {

  private final McpClientConfig config;
  private final OutboundPolicy policy;
  private final McpEventSinks sinks;

  /**
   * Creates the factory.
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
  }

  /**
   * Creates the manager of a session.
   *
   * @param session the session (the event scope)
   * @param principal the session's user, or null in local mode; not used by the manager today
   * @return a new manager with no servers
   */
  public McpClientManager create(SessionId session, Principal principal) {
    return McpClientManager.create(session, config, policy, sinks);
  }
}
