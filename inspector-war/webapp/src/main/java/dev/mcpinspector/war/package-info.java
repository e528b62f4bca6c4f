/**
 * The drop-in WAR's only code: the security headers of the static page. The inspector itself is
 * registered by {@code inspector-mcp}'s {@code McpInspectorInitializer}.
 */
package dev.mcpinspector.war;
