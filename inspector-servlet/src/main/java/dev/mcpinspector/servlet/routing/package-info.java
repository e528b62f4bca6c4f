/**
 * Routing and the exchange: {@link dev.mcpinspector.servlet.routing.ApiRouter} (route table built
 * from method and path templates), {@link dev.mcpinspector.servlet.routing.ApiExchange} (what a
 * handler reads and writes), {@link dev.mcpinspector.servlet.routing.ApiHandler}, path and query
 * decoding, and the {@code /api/*} servlet that maps every failure to a problem response.
 */
package dev.mcpinspector.servlet.routing;
