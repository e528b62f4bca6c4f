package dev.mcpinspector.mcp;

import dev.mcpinspector.core.Inspector;
import dev.mcpinspector.core.InspectorConfig;
import dev.mcpinspector.core.outbound.HostResolver;
import dev.mcpinspector.core.time.Ticker;
import dev.mcpinspector.mcp.engine.OutboundHttp;
import dev.mcpinspector.servlet.ApiModule;
import dev.mcpinspector.servlet.InspectorServlets;
import jakarta.servlet.ServletContext;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The one line a host application needs: an {@link Inspector} whose client managers are MCP client
 * managers, wired to the inspector's RPC log, progress store, elicitation broker and outbound
 * policy.
 *
 * <pre>{@code
 * Inspector<McpClientManager> inspector = McpInspector.create(InspectorConfig.fromEnvironment());
 * }</pre>
 *
 * <p>and one more to put it on a servlet context (from a {@code ServletContainerInitializer} or a
 * {@code ServletContextListener}):
 *
 * <pre>{@code
 * McpInspector.register(servletContext, inspector, List.of());
 * }</pre>
 *
 * <p>Close the inspector when the application stops; closing it disconnects every server of every
 * session. A WAR that wants neither line gets both from {@link McpInspectorInitializer}.
 */
public final class McpInspector {

  private McpInspector() {}

  /**
   * Creates an inspector with the default MCP client settings.
   *
   * @param config the configuration
   * @return the started inspector
   * @throws IllegalArgumentException when the configuration cannot work, naming the option (see
   *     {@link Inspector.Builder#build()})
   */
  public static Inspector<McpClientManager> create(InspectorConfig config) {
    return builder(config).build();
  }

  /**
   * Registers the inspector's filters and {@code /api/*} servlet on a context being initialised:
   * the built-in session routes, the event routes, the MCP server routes ({@link McpRoutes}) and
   * any extra modules. The caller keeps owning the inspector and closes it when the context is
   * destroyed.
   *
   * @param context the context being initialised
   * @param inspector the inspector
   * @param suggested servers {@code GET /api/servers} offers to connect; may be empty
   * @param extra further route modules of the application, added last
   * @throws IllegalStateException if the context is already initialised or an inspector is already
   *     registered on it (for example by {@link McpInspectorInitializer}: the message then says to
   *     set {@value McpInspectorInitializer#AUTO_REGISTER} to {@code false})
   * @throws IllegalArgumentException if a module's route clashes with another
   */
  public static void register(
      ServletContext context,
      Inspector<McpClientManager> inspector,
      List<SuggestedServer> suggested,
      ApiModule... extra) {
    Objects.requireNonNull(context, "context must not be null");
    Objects.requireNonNull(inspector, "inspector must not be null");
    if (context.getAttribute(McpInspectorInitializer.ATTRIBUTE) != null) {
      throw new IllegalStateException(
          "McpInspectorInitializer already registered an MCP inspector on this context; to"
              + " register your own, set the context init-parameter (or environment variable) "
              + McpInspectorInitializer.AUTO_REGISTER
              + "=false");
    }
    List<ApiModule> modules = new ArrayList<>();
    modules.add(new McpRoutes(suggested));
    modules.addAll(List.of(extra));
    InspectorServlets.register(context, inspector, modules.toArray(new ApiModule[0]));
  }

  /**
   * Starts building an inspector with non-default MCP client settings, clocks or host resolution.
   *
   * @param config the configuration
   * @return a builder
   */
  public static Builder builder(InspectorConfig config) {
    return new Builder(config);
  }

  /** Builds an MCP {@link Inspector}. Not thread-safe. */
  public static final class Builder {
    private final InspectorConfig config;
    private McpClientConfig clientConfig = McpClientConfig.defaults();
    private Clock clock;
    private Ticker ticker;
    private HostResolver hostResolver;
    private ScheduledExecutorService scheduler;

    private Builder(InspectorConfig config) {
      this.config = Objects.requireNonNull(config, "config must not be null");
    }

    /**
     * Sets the MCP client timeouts and identity.
     *
     * @param clientConfig the settings
     * @return this builder
     */
    public Builder clientConfig(McpClientConfig clientConfig) {
      this.clientConfig = Objects.requireNonNull(clientConfig, "clientConfig must not be null");
      return this;
    }

    /**
     * Sets the wall clock (tests use a fake one).
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock must not be null");
      return this;
    }

    /**
     * Sets the monotonic time source (tests use a fake one).
     *
     * @param ticker the ticker
     * @return this builder
     */
    public Builder ticker(Ticker ticker) {
      this.ticker = Objects.requireNonNull(ticker, "ticker must not be null");
      return this;
    }

    /**
     * Sets how the outbound policy resolves host names (tests make a name resolve to loopback).
     *
     * @param resolver the resolver
     * @return this builder
     */
    public Builder hostResolver(HostResolver resolver) {
      this.hostResolver = Objects.requireNonNull(resolver, "hostResolver must not be null");
      return this;
    }

    /**
     * Uses a scheduler owned by the caller; the inspector then leaves it running on close.
     *
     * @param scheduler the scheduler
     * @return this builder
     */
    public Builder scheduler(ScheduledExecutorService scheduler) {
      this.scheduler = Objects.requireNonNull(scheduler, "scheduler must not be null");
      return this;
    }

    /**
     * Builds and starts the inspector.
     *
     * @return the inspector
     * @throws IllegalArgumentException when the configuration cannot work, naming the option
     */
    public Inspector<McpClientManager> build() {
      McpClientConfig mcp = clientConfig;
      java.util.concurrent.atomic.AtomicReference<OutboundHttp> shared =
          new java.util.concurrent.atomic.AtomicReference<>();
      Inspector.Builder<McpClientManager> b =
          Inspector.builder(
              config,
              ctx -> {
                OutboundHttp http = OutboundHttp.builder(ctx.outbound()).build();
                shared.set(http);
                return new McpClientManagerFactory(
                        mcp,
                        ctx.outbound(),
                        McpEventSinks.of(ctx.rpcLog(), ctx.progress(), ctx.elicitations()),
                        http)
                    ::create;
              });
      b.closeOnShutdown(
          () -> {
            OutboundHttp http = shared.get();
            if (http != null) {
              http.close();
            }
          });
      if (clock != null) {
        b.clock(clock);
      }
      if (ticker != null) {
        b.ticker(ticker);
      }
      if (hostResolver != null) {
        b.hostResolver(hostResolver);
      }
      if (scheduler != null) {
        b.scheduler(scheduler);
      }
      return b.build();
    }
  }
}
