package dev.mcpinspector.core.elicitation;

/**
 * A point-in-time view of an {@link ElicitationBroker}. Counts cover every kind of waiting request
 * (elicitation in form and URL mode, sampling) unless named otherwise.
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
 * @param pendingSampling sampling requests among {@code pending}
 * @param cancelledByServerRemoval requests cancelled because their server was removed
 * @param invalidAnswers answers refused because they did not match what was asked
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
    int subscribers,
    int pendingSampling,
    long cancelledByServerRemoval,
    long invalidAnswers) {}
