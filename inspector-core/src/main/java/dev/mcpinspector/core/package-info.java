/**
 * The composition root: {@code Inspector} and {@code InspectorConfig}, which wire the session
 * resolver, authenticators, the client manager store, the event plane and the outbound policy
 * around one shared scheduler.
 */
package dev.mcpinspector.core;
