/**
 * The outbound policy: which MCP servers a session may connect to (transport rules, https-only in
 * hosted mode, the SSRF guard and its allowlist).
 */
package dev.mcpinspector.core.outbound;
