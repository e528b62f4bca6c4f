package dev.mcpinspector.war;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.catalina.Container;
import org.apache.catalina.Context;
import org.apache.catalina.Lifecycle;
import org.apache.catalina.LifecycleState;
import org.apache.catalina.startup.Tomcat;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** The built WAR file deployed unchanged into embedded Tomcat 10.1 on a free port. */
class TomcatWarTest extends DeployedWarContract {

  @TempDir static Path baseDir;
  private static Tomcat tomcat;

  @BeforeAll
  static void deploy() throws Exception {
    Path war = warFile();
    tomcat = new Tomcat();
    tomcat.setBaseDir(baseDir.toString());
    Path webapps = Files.createDirectories(baseDir.resolve("webapps"));
    tomcat.getHost().setAppBase(webapps.toString());
    tomcat.setPort(0);
    tomcat.getConnector();
    Context context = tomcat.addWebapp(CONTEXT, war.toAbsolutePath().toString());
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
    if (context.getState() != LifecycleState.STARTED) {
      throw new IllegalStateException("the WAR did not start in Tomcat: " + context.getState());
    }
  }

  @AfterAll
  static void undeploy() throws Exception {
    if (tomcat != null) {
      tomcat.stop();
      tomcat.destroy();
    }
  }

  @Override
  String base() {
    return "http://localhost:" + tomcat.getConnector().getLocalPort() + CONTEXT;
  }
}
