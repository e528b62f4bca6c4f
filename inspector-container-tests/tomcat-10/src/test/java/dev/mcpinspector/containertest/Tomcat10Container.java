package dev.mcpinspector.containertest;

import jakarta.servlet.ServletContainerInitializer;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.catalina.Context;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;

/** Embedded Tomcat 10. */
final class Tomcat10Container implements EmbeddedContainer {

  private Tomcat tomcat;
  private Path baseDir;

  @Override
  public URI start(Map<String, ServletContainerInitializer> contexts) throws Exception {
    baseDir = Files.createTempDirectory("tomcat10-");
    tomcat = new Tomcat();
    tomcat.setBaseDir(baseDir.toString());
    Connector connector = new Connector("HTTP/1.1");
    connector.setPort(0);
    connector.setProperty("address", "127.0.0.1");
    tomcat.getService().addConnector(connector);
    tomcat.setConnector(connector);
    for (Map.Entry<String, ServletContainerInitializer> e : contexts.entrySet()) {
      Path docBase =
          Files.createDirectories(baseDir.resolve("docs" + e.getKey().replace('/', '-')));
      Context context = tomcat.addContext(e.getKey(), docBase.toString());
      context.addServletContainerInitializer(e.getValue(), null);
    }
    tomcat.start();
    return URI.create("http://127.0.0.1:" + connector.getLocalPort());
  }

  @Override
  public void stop() throws Exception {
    if (tomcat != null) {
      tomcat.stop();
      tomcat.destroy();
    }
    if (baseDir != null) {
      try (Stream<Path> files = Files.walk(baseDir)) {
        files.sorted(Comparator.reverseOrder()).forEach(Tomcat10Container::delete);
      }
    }
  }

  private static void delete(Path p) {
    try {
      Files.deleteIfExists(p);
    } catch (IOException e) {
      // a leftover temp file is harmless
    }
  }
}
