package dev.mcpinspector.servlet;

import dev.mcpinspector.servlet.routing.ApiExchange;
import dev.mcpinspector.servlet.routing.ApiRouter;

/**
 * A group of {@code /api} routes plugged into the inspector's servlet, such as the MCP server
 * routes of the {@code inspector-mcp} module. Handlers read the caller's session scope and client
 * manager from {@link InspectorRequest#of(ApiExchange)}.
 */
@FunctionalInterface
public interface ApiModule {

  /**
   * Adds this module's routes.
   *
   * @param routes the router being built; templates are relative to {@code /api}
   */
  void addRoutes(ApiRouter.Builder routes);
}
