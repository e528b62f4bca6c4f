/**
 * The inspector's own MCP client engine: one shared outbound HTTP client for every session and
 * server ({@link dev.mcpinspector.mcp.engine.OutboundHttp}), and connections that speak both
 * protocol generations over Streamable HTTP ({@link dev.mcpinspector.mcp.engine.McpConnection}):
 * 2026-07-28 (stateless: {@code server/discover}, per-request {@code _meta} and headers, {@code
 * resultType}, multi-round-trip input requests) and the 2025 generation ({@code initialize}, {@code
 * Mcp-Session-Id}, server requests on SSE streams, resumable streams, {@code
 * notifications/cancelled}). Implementations are package-private.
 */
package dev.mcpinspector.mcp.engine;
