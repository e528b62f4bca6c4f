package dev.mcpinspector.containertest;

import jakarta.servlet.ServletContainerInitializer;
import java.net.URI;
import java.util.Map;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandlerCollection;

/** Embedded Jetty 12 with the ee10 environment. */
final class JettyEe10Container implements EmbeddedContainer {

  private Server server;

  @Override
  public URI start(Map<String, ServletContainerInitializer> contexts) throws Exception {
    server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    server.addConnector(connector);
    ContextHandlerCollection handlers = new ContextHandlerCollection();
    contexts.forEach(
        (path, initializer) -> {
          ServletContextHandler context = new ServletContextHandler(path.isEmpty() ? "/" : path);
          context.addServletContainerInitializer(initializer);
          handlers.addHandler(context);
        });
    server.setHandler(handlers);
    server.start();
    return URI.create("http://127.0.0.1:" + connector.getLocalPort());
  }

  @Override
  public void stop() throws Exception {
    if (server != null) {
      server.stop();
    }
  }
}
