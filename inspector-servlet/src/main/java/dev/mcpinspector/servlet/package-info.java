/**
 * The Jakarta Servlet adapter. Start with {@link dev.mcpinspector.servlet.InspectorServlets}, which
 * puts an inspector on a servlet context in one call: the front-door filter (package {@code
 * servlet.front}: session cookie, authentication, CSRF, the store lease, released when the request
 * or its stream ends), the built-in routes (package {@code servlet.api}) and the {@code /api}
 * servlet with its router ({@link dev.mcpinspector.servlet.routing.ApiRouter}), problem responses
 * ({@link dev.mcpinspector.core.http.ProblemException}, {@link
 * dev.mcpinspector.core.http.ProblemCode}, written by package {@code servlet.problem}), JSON
 * conventions ({@link dev.mcpinspector.servlet.json.ApiJson}), non-blocking server-sent event
 * streams ({@link dev.mcpinspector.servlet.sse.SseSource}, {@link
 * dev.mcpinspector.servlet.sse.SseEvent}), the CORS and security-header settings ({@link
 * dev.mcpinspector.servlet.WebSecurityConfig}) and programmatic registration ({@link
 * dev.mcpinspector.servlet.ServletRegistrations}). Route modules implement {@link
 * dev.mcpinspector.servlet.ApiModule}.
 */
package dev.mcpinspector.servlet;
