/**
 * Types shared by the three per-session event components (RPC log, progress, elicitation): the
 * pull-model {@link dev.mcpinspector.core.event.Subscription}, its stream items (events and gap
 * markers), server filters and the bounded subscriber queue they all use.
 */
package dev.mcpinspector.core.event;
