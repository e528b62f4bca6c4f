/**
 * The embedded Jetty example server ({@link dev.mcpinspector.server.ExampleServer}), the demo MCP
 * server it offers ({@link dev.mcpinspector.server.DemoMcpServer}) and, as resources under {@code
 * web/}, the web inspector page.
 */
package dev.mcpinspector.server;
