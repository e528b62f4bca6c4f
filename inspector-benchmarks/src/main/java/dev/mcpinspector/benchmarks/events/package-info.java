/**
 * Benchmarks of the per-session event plane (RPC log bus) against a Java port of the reference
 * design's shared, per-server-id log.
 */
package dev.mcpinspector.benchmarks.events;
