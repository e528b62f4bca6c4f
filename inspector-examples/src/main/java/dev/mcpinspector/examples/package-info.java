/** The embedded Jetty example server and the web inspector page. */
package dev.mcpinspector.examples;
