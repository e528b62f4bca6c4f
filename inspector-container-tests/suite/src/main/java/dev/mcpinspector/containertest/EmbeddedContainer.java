package dev.mcpinspector.containertest;

import jakarta.servlet.ServletContainerInitializer;
import java.net.URI;
import java.util.Map;

/** An embedded servlet container started on a free port of 127.0.0.1 for one test class. */
public interface EmbeddedContainer {

  /**
   * Starts the container with one context per entry, each set up by its initializer.
   *
   * @param contexts context path ({@code ""} for the root, else like {@code /plain}) to initializer
   * @return the base URI, {@code http://127.0.0.1:<port>}, without a trailing slash
   * @throws Exception if the container fails to start
   */
  URI start(Map<String, ServletContainerInitializer> contexts) throws Exception;

  /**
   * Stops the container.
   *
   * @throws Exception if stopping fails
   */
  void stop() throws Exception;
}
