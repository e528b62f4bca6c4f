/**
 * The Jakarta Servlet adapter. Start with {@link dev.mcpinspector.servlet.InspectorServlets}, which
 * puts an inspector on a servlet context in one call: the front-door filter (session cookie,
 * authentication, CSRF, the store lease, released when the request or its stream ends), the session
 * routes and the {@code /api} servlet with its router ({@link dev.mcpinspector.servlet.ApiRouter}),
 * problem responses ({@link dev.mcpinspector.core.http.ProblemException}, {@link
 * dev.mcpinspector.core.http.ProblemCode}), JSON conventions ({@link
 * dev.mcpinspector.servlet.ApiJson}), non-blocking server-sent event streams ({@link
 * dev.mcpinspector.servlet.SseSource}, {@link dev.mcpinspector.servlet.SseEvent}), the CORS and
 * security-header filter ({@link dev.mcpinspector.servlet.WebSecurityConfig}) and programmatic
 * registration ({@link dev.mcpinspector.servlet.ServletRegistrations}).
 */
package dev.mcpinspector.servlet;
