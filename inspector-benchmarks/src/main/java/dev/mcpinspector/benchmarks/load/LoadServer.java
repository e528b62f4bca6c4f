package dev.mcpinspector.benchmarks.load;

import dev.mcpinspector.core.Inspector;
import dev.mcpinspector.core.InspectorConfig;
import dev.mcpinspector.core.Mode;
import dev.mcpinspector.core.session.SessionId;
import dev.mcpinspector.servlet.ApiConfig;
import dev.mcpinspector.servlet.InspectorServlets;
import java.net.URI;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * Embedded Jetty (ee10) on 127.0.0.1, port 0, with a bounded {@link QueuedThreadPool}, serving an
 * {@link Inspector} in hosted mode registered by {@link InspectorServlets#register}. Users {@code
 * u0..u(n-1)} log in with generated access keys; the manager factory records each user's session
 * scope so the driver can publish into it.
 */
final class LoadServer implements AutoCloseable {

  /** A manager that holds nothing: the driver publishes into the bus directly. */
  record NullManager() implements AutoCloseable {
    @Override
    public void close() {}
  }

  private final Server server;
  private final QueuedThreadPool pool;
  final Inspector<NullManager> inspector;
  final URI base;
  final List<String> accessKeys;
  final Map<String, SessionId> scopes = new ConcurrentHashMap<>();

  LoadServer(int users, int maxThreads) throws Exception {
    SecureRandom random = new SecureRandom();
    byte[] signing = new byte[32];
    random.nextBytes(signing);
    accessKeys = new ArrayList<>(users);
    StringBuilder spec = new StringBuilder();
    for (int i = 0; i < users; i++) {
      byte[] key = new byte[24];
      random.nextBytes(key);
      String k = Base64.getUrlEncoder().withoutPadding().encodeToString(key);
      accessKeys.add(k);
      spec.append(i == 0 ? "" : ",").append("u").append(i).append('=').append(k);
    }
    InspectorConfig config =
        InspectorConfig.builder()
            .mode(Mode.HOSTED)
            .signingKeys(List.of(Base64.getEncoder().encodeToString(signing)))
            .accessKeys(spec.toString())
            .maxSessions(users + 16)
            .build();
    inspector =
        Inspector.builder(
                config,
                ctx ->
                    (session, principal) -> {
                      scopes.put(principal.subject(), session);
                      return new NullManager();
                    })
            .build();
    pool = new QueuedThreadPool(maxThreads, Math.min(8, maxThreads));
    pool.setName("jetty");
    server = new Server(pool);
    ServerConnector connector = new ServerConnector(server, 1, 1);
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    connector.setAcceptQueueSize(4096);
    server.addConnector(connector);
    ServletContextHandler context = new ServletContextHandler("/");
    context.addServletContainerInitializer(
        (classes, ctx) ->
            InspectorServlets.register(
                ctx,
                inspector,
                ApiConfig.defaults(),
                InspectorServlets.webSecurityConfig(inspector.config())));
    server.setHandler(context);
    server.start();
    base = URI.create("http://127.0.0.1:" + connector.getLocalPort());
  }

  /** Threads of Jetty's pool now. */
  int jettyThreads() {
    return pool.getThreads();
  }

  int jettyMaxThreads() {
    return pool.getMaxThreads();
  }

  @Override
  public void close() {
    try {
      server.stop();
    } catch (Exception e) {
      throw new IllegalStateException("Jetty did not stop cleanly", e);
    } finally {
      inspector.close();
    }
  }
}
