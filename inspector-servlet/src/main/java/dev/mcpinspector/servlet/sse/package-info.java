/**
 * Server-sent events: {@link dev.mcpinspector.servlet.sse.SseEvent} and {@link
 * dev.mcpinspector.servlet.sse.SseSource} (the API a route implements), the encoder, and the
 * non-blocking stream that writes only while the output is ready, with heartbeats.
 */
package dev.mcpinspector.servlet.sse;
