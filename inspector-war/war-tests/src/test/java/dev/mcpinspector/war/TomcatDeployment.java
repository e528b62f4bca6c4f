package dev.mcpinspector.war;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.catalina.Container;
import org.apache.catalina.Context;
import org.apache.catalina.Lifecycle;
import org.apache.catalina.LifecycleState;
import org.apache.catalina.startup.Tomcat;

/** The built WAR file deployed unchanged into embedded Tomcat 10.1 on a free port. */
final class TomcatDeployment implements Deployment {

  private final Tomcat tomcat;

  private TomcatDeployment(Tomcat tomcat) {
    this.tomcat = tomcat;
  }

  /**
   * Deploys the WAR.
   *
   * @param baseDir an empty directory for Tomcat's files
   * @param initParameters context init-parameters, as an operator sets them in a context file
   */
  static TomcatDeployment start(Path baseDir, Map<String, String> initParameters) throws Exception {
    Path war = DeployedWarContract.warFile();
    Tomcat tomcat = new Tomcat();
    tomcat.setBaseDir(baseDir.toString());
    Path webapps = Files.createDirectories(baseDir.resolve("webapps"));
    tomcat.getHost().setAppBase(webapps.toString());
    tomcat.setPort(0);
    tomcat.getConnector();
    Context context =
        tomcat.addWebapp(DeployedWarContract.CONTEXT, war.toAbsolutePath().toString());
    initParameters.forEach(context::addParameter);
    // Tomcat's defaults add a JSP servlet; without Jasper (not needed: the WAR has no JSP) it
    // would fail to load and log an error. Drop it once the defaults are in.
    context.addLifecycleListener(
        event -> {
          if (Lifecycle.BEFORE_START_EVENT.equals(event.getType())) {
            Container jsp = context.findChild("jsp");
            if (jsp != null) {
              context.removeChild(jsp);
            }
          }
        });
    tomcat.start();
    TomcatDeployment deployment = new TomcatDeployment(tomcat);
    if (context.getState() != LifecycleState.STARTED) {
      deployment.stop();
      throw new IllegalStateException("the WAR did not start in Tomcat: " + context.getState());
    }
    return deployment;
  }

  @Override
  public String base() {
    return "http://localhost:" + tomcat.getConnector().getLocalPort() + DeployedWarContract.CONTEXT;
  }

  @Override
  public void stop() throws Exception {
    tomcat.stop();
    tomcat.destroy();
  }
}
