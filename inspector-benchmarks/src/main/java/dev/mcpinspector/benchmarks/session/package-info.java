/** Benchmarks of the per-request session work: cookie verification, resolution and the gate. */
package dev.mcpinspector.benchmarks.session;
