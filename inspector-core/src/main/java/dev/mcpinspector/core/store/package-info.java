/**
 * The client manager store: one client manager per session, created lazily, pinned by leases,
 * expired by a background sweeper and closed on a bounded executor.
 */
package dev.mcpinspector.core.store;
