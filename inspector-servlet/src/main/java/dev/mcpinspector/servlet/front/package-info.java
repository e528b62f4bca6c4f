/**
 * The front door of {@code /api/*}: the inspector filter (request gate, session cookie, the store
 * lease released exactly once when the request or its stream ends), the servlet view of a request
 * that the core gate reads, and the security-header and CORS filter. Internal to the adapter.
 */
package dev.mcpinspector.servlet.front;
