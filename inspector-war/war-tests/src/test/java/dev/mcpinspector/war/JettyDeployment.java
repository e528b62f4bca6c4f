package dev.mcpinspector.war;

import java.nio.file.Path;
import java.util.Map;
import org.eclipse.jetty.ee10.webapp.WebAppContext;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/** The built WAR file deployed unchanged into embedded Jetty 12 (ee10) on a free port. */
final class JettyDeployment implements Deployment {

  private final Server server;
  private final ServerConnector connector;

  private JettyDeployment(Server server, ServerConnector connector) {
    this.server = server;
    this.connector = connector;
  }

  /**
   * Deploys the WAR.
   *
   * @param tempDir an empty directory to unpack the WAR into
   * @param initParameters context init-parameters, as an operator sets them in a context file
   */
  static JettyDeployment start(Path tempDir, Map<String, String> initParameters) throws Exception {
    Path war = DeployedWarContract.warFile();
    Server server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setPort(0);
    server.addConnector(connector);
    WebAppContext webapp =
        new WebAppContext(war.toAbsolutePath().toString(), DeployedWarContract.CONTEXT);
    webapp.setTempDirectory(tempDir.toFile());
    webapp.setThrowUnavailableOnStartupException(true);
    initParameters.forEach(webapp::setInitParameter);
    server.setHandler(webapp);
    server.start();
    return new JettyDeployment(server, connector);
  }

  @Override
  public String base() {
    return "http://localhost:" + connector.getLocalPort() + DeployedWarContract.CONTEXT;
  }

  @Override
  public void stop() throws Exception {
    server.stop();
  }
}
