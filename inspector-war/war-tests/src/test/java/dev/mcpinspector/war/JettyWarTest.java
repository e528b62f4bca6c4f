package dev.mcpinspector.war;

import java.nio.file.Path;
import org.eclipse.jetty.ee10.webapp.WebAppContext;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** The built WAR file deployed unchanged into embedded Jetty 12 (ee10) on a free port. */
class JettyWarTest extends DeployedWarContract {

  @TempDir static Path tempDir;
  private static Server server;
  private static ServerConnector connector;

  @BeforeAll
  static void deploy() throws Exception {
    Path war = warFile();
    server = new Server();
    connector = new ServerConnector(server);
    connector.setPort(0);
    server.addConnector(connector);
    WebAppContext webapp = new WebAppContext(war.toAbsolutePath().toString(), CONTEXT);
    webapp.setTempDirectory(tempDir.toFile());
    webapp.setThrowUnavailableOnStartupException(true);
    server.setHandler(webapp);
    server.start();
  }

  @AfterAll
  static void undeploy() throws Exception {
    if (server != null) {
      server.stop();
    }
  }

  @Override
  String base() {
    return "http://localhost:" + connector.getLocalPort() + CONTEXT;
  }
}
