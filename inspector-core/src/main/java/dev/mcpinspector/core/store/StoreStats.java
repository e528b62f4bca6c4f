package dev.mcpinspector.core.store;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * A snapshot of a store's figures. Counters count since the store was created. The figures are read
 * one after another without stopping the store, so under load they may be off by the operations
 * running meanwhile.
 *
 * <p>At rest (no acquire, removal or close running): {@code created == liveSessions +
 * totalRemoved()} and {@code totalRemoved() == closed + closeFailures + closeTimeouts +
 * pendingCloses}.
 *
 * @param liveSessions sessions with a manager now (including those being created)
 * @param leasedSessions live sessions with at least one open lease
 * @param activeLeases open leases on live sessions
 * @param created managers the factory created successfully
 * @param removed removals per cause; every cause is present
 * @param createFailures factory calls that threw or returned null
 * @param closed managers whose {@code close()} returned normally
 * @param closeFailures managers whose {@code close()} threw
 * @param closeTimeouts managers whose {@code close()} did not return within the dispose timeout
 * @param pendingCloses removed managers whose close has not finished, failed or timed out yet
 * @param rejected acquires refused with {@link StoreFullException}
 */
public record StoreStats(
    int liveSessions,
    int leasedSessions,
    long activeLeases,
    long created,
    Map<RemovalCause, Long> removed,
    long createFailures,
    long closed,
    long closeFailures,
    long closeTimeouts,
    long pendingCloses,
    long rejected) {

  /**
   * Checks and copies the arguments; see the record description for each component.
   *
   * @param liveSessions see the record description
   * @param leasedSessions see the record description
   * @param activeLeases see the record description
   * @param created see the record description
   * @param removed see the record description
   * @param createFailures see the record description
   * @param closed see the record description
   * @param closeFailures see the record description
   * @param closeTimeouts see the record description
   * @param pendingCloses see the record description
   * @param rejected see the record description
   */
  public StoreStats {
    Objects.requireNonNull(removed, "removed must not be null");
    EnumMap<RemovalCause, Long> copy = new EnumMap<>(RemovalCause.class);
    for (RemovalCause cause : RemovalCause.values()) {
      copy.put(cause, removed.getOrDefault(cause, 0L));
    }
    removed = Collections.unmodifiableMap(copy);
  }

  /**
   * Removals with one cause.
   *
   * @param cause the cause
   * @return how many sessions were removed for it
   */
  public long removed(RemovalCause cause) {
    return removed.get(cause);
  }

  /**
   * Removals for any cause.
   *
   * @return the sum of {@link #removed()}
   */
  public long totalRemoved() {
    long sum = 0;
    for (long n : removed.values()) {
      sum += n;
    }
    return sum;
  }
}
