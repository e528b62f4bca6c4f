/**
 * The elicitation broker: a server's {@code elicitation/create} becomes a pending request owned by
 * exactly one session, which alone can see and answer it.
 */
package dev.mcpinspector.core.elicitation;
