/** The Jakarta Servlet adapter: the session filter, the {@code /api} routes and the SSE streams. */
package dev.mcpinspector.servlet;
