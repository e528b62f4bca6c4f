/**
 * The embedded Jetty example server ({@link dev.mcpinspector.examples.ExampleServer}), the demo MCP
 * server it offers ({@link dev.mcpinspector.examples.DemoMcpServer}) and, as resources under {@code
 * web/}, the web inspector page.
 */
package dev.mcpinspector.examples;
