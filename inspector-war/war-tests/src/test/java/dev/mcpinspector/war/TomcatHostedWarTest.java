package dev.mcpinspector.war;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** The WAR in embedded Tomcat in hosted mode, configured by context init-parameters only. */
class TomcatHostedWarTest extends HostedWarContract {

  @TempDir static Path dir;
  private static Deployment deployment;

  @BeforeAll
  static void deploy() throws Exception {
    deployment = TomcatDeployment.start(dir, INIT_PARAMETERS);
  }

  @AfterAll
  static void undeploy() throws Exception {
    if (deployment != null) {
      deployment.stop();
    }
  }

  @Override
  String base() {
    return deployment.base();
  }
}
