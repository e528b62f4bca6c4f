package dev.mcpinspector.servlet.events;

import dev.mcpinspector.core.Inspector;
import dev.mcpinspector.core.InspectorConfig;
import dev.mcpinspector.core.Mode;
import dev.mcpinspector.core.session.SessionId;
import dev.mcpinspector.core.store.Lease;
import dev.mcpinspector.servlet.ApiConfig;
import dev.mcpinspector.servlet.ServletRegistrations;
import dev.mcpinspector.servlet.api.EventRoutes;
import dev.mcpinspector.servlet.routing.ApiRouter;
import java.net.URI;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * An embedded Jetty (ee10) on 127.0.0.1, port 0, serving {@link EventRoutes} over a real {@link
 * Inspector} behind {@link TestInspectorFilter}. Heartbeats every 100 ms so hang-ups are noticed
 * quickly.
 */
final class EventServer implements AutoCloseable {

  /** A client manager that does nothing. */
  record NoopManager(SessionId session) implements AutoCloseable {
    @Override
    public void close() {}
  }

  static final int RPC_CAPACITY = 5;

  final Inspector<NoopManager> inspector;
  final TestInspectorFilter filter;
  private final Server server;
  final URI base;

  EventServer(Mode mode) throws Exception {
    String key = Base64.getEncoder().encodeToString(new byte[32]);
    InspectorConfig.Builder config =
        InspectorConfig.builder().mode(mode).rpcLogCapacity(RPC_CAPACITY);
    if (mode == Mode.HOSTED) {
      config.signingKeys(List.of(key)).accessKeys("alice=alice-key-0123456789");
    }
    inspector =
        Inspector.builder(config.build(), ctx -> (session, principal) -> new NoopManager(session))
            .build();
    filter = new TestInspectorFilter(inspector);
    ApiRouter.Builder routes = ApiRouter.builder();
    new EventRoutes(inspector).addRoutes(routes);
    ApiRouter router = routes.build();
    ApiConfig api = ApiConfig.builder().heartbeatInterval(Duration.ofMillis(100)).build();
    server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    server.addConnector(connector);
    ServletContextHandler context = new ServletContextHandler("/");
    context.addServletContainerInitializer(
        (classes, ctx) -> {
          ServletRegistrations.registerFilter(ctx, "test-inspector", filter, "/api/*");
          ServletRegistrations.registerApi(
              ctx,
              "inspector-api",
              ServletRegistrations.apiServlet(router, api, inspector.scheduler()));
        });
    server.setHandler(context);
    server.start();
    base = URI.create("http://127.0.0.1:" + connector.getLocalPort());
  }

  /** Creates the user's manager (which opens the session's event plane) and returns its scope. */
  SessionId open(String user) {
    SessionId session = filter.session(user);
    try (Lease<NoopManager> lease =
        inspector.store().acquire(session, TestInspectorFilter.principal(user))) {
      return lease.session();
    }
  }

  /** Polls a condition until it holds or 10 s passed. */
  static boolean await(BooleanSupplier condition) {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (System.nanoTime() < deadline) {
      if (condition.getAsBoolean()) {
        return true;
      }
      LockSupport.parkNanos(Duration.ofMillis(5).toNanos());
    }
    return condition.getAsBoolean();
  }

  @Override
  public void close() {
    try {
      server.stop();
    } catch (Exception e) {
      throw new IllegalStateException("Jetty did not stop", e);
    } finally {
      inspector.close();
    }
  }
}
