package dev.mcpinspector.core.elicitation;

/**
 * A point-in-time view of an {@link ElicitationBroker}.
 *
 * @param openSessions sessions currently open
 * @param pending requests awaiting an answer
 * @param requested requests accepted as pending since creation
 * @param answered requests answered by their session
 * @param timedOut requests cancelled by the timeout
 * @param declinedOverLimit requests declined at once because their session had the maximum pending
 * @param declinedNotOpen requests declined at once because their session was not open
 * @param rejectedAnswers answers refused (unknown, expired, answered or foreign id)
 * @param subscribers open subscriptions
 */
public record ElicitationStats(
    int openSessions,
    int pending,
    long requested,
    long answered,
    long timedOut,
    long declinedOverLimit,
    long declinedNotOpen,
    long rejectedAnswers,
    int subscribers) {}
