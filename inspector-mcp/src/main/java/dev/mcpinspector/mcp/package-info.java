/** The per-session MCP client manager on the official MCP Java SDK, and its routes. */
package dev.mcpinspector.mcp;
