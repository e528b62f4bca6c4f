/**
 * The SSE load driver: an embedded Jetty with the inspector in hosted mode, N logged-in users with
 * one RPC log stream each on the JDK HttpClient, events published at a fixed rate through the RPC
 * log bus, and the publish-to-client latency, losses, threads and heap it took.
 */
package dev.mcpinspector.benchmarks.load;
