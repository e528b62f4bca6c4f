package dev.mcpinspector.core.rpc;

/**
 * A point-in-time view of an {@link RpcLogBus}, for the admin statistics route.
 *
 * @param openSessions sessions currently open
 * @param retainedEvents events held in ring buffers
 * @param retainedBytes bytes accounted for those events (an upper bound of their heap use); never
 *     above {@code maxBytes}
 * @param maxBytes the global byte budget
 * @param publishedEvents events accepted since creation (including cleared sessions)
 * @param droppedNotOpen events dropped because their session was not open
 * @param evictedByCapacity events pushed out of a full ring buffer
 * @param evictedByBudget events trimmed to keep within the global byte budget
 * @param truncatedEvents events cut to the per-event cap
 * @param subscribers open subscriptions
 * @param subscriberDroppedEvents events lost by slow subscribers (they received gap markers)
 * @param subscribersCutOff subscriptions closed because they stalled or their callback threw
 */
public record RpcLogStats(
    int openSessions,
    long retainedEvents,
    long retainedBytes,
    long maxBytes,
    long publishedEvents,
    long droppedNotOpen,
    long evictedByCapacity,
    long evictedByBudget,
    long truncatedEvents,
    int subscribers,
    long subscriberDroppedEvents,
    long subscribersCutOff) {}
