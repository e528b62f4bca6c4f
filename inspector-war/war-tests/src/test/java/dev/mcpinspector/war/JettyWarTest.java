package dev.mcpinspector.war;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** The WAR in embedded Jetty 12 (ee10) with no configuration at all: local mode. */
class JettyWarTest extends DeployedWarContract {

  @TempDir static Path baseDir;
  private static Deployment deployment;

  @BeforeAll
  static void deploy() throws Exception {
    deployment = JettyDeployment.start(baseDir, Map.of());
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
