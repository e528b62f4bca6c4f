package dev.mcpinspector.core.progress;

/**
 * A point-in-time view of a {@link ProgressStore}.
 *
 * @param openSessions sessions currently open
 * @param tokens progress entries held
 * @param reported reports accepted since creation (including cleared sessions)
 * @param droppedNotOpen reports dropped because their session was not open
 * @param evictedOverLimit entries removed because their session reached the token limit
 * @param expiredStale entries removed because they were not updated for the stale period
 * @param subscribers open subscriptions
 */
public record ProgressStats(
    int openSessions,
    long tokens,
    long reported,
    long droppedNotOpen,
    long evictedOverLimit,
    long expiredStale,
    int subscribers) {}
