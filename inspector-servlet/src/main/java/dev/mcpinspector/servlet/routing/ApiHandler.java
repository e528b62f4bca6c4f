package dev.mcpinspector.servlet.routing;

import dev.mcpinspector.core.http.ProblemException;
import java.io.IOException;

/**
 * Handles one API route. Throw {@link ProblemException} to answer with a problem; any other
 * exception becomes a 500 {@code internal_error} whose body says only that the error was logged.
 */
@FunctionalInterface
public interface ApiHandler {

  /**
   * Handles the request and writes the response through the exchange.
   *
   * @param exchange the request, its path parameters and the ways to respond
   * @throws IOException if reading the request or writing the response fails
   */
  void handle(ApiExchange exchange) throws IOException;
}
