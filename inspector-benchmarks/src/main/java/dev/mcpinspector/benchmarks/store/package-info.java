/**
 * Benchmarks of the client manager store against two baselines: Caffeine with expire-after-access,
 * and {@link dev.mcpinspector.benchmarks.store.ReferenceStore}, a Java port of the reference
 * design's store.
 */
package dev.mcpinspector.benchmarks.store;
