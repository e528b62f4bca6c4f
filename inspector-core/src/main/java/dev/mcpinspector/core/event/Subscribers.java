package dev.mcpinspector.core.event;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Internal, public only so the three event components can share it: one session's subscriber queues
 * with their server filters. Not thread-safe: the component guards it with the session's monitor,
 * which also orders its sequence numbers, and calls {@link SubscriptionQueue#signal()} on the
 * queues returned here only after releasing that monitor.
 *
 * @param <T> the event type
 */
public final class Subscribers<T extends Sequenced> {

  private final List<SubscriptionQueue<T>> queues = new ArrayList<>(2);
  private final List<ServerFilter> filters = new ArrayList<>(2);
  private final Runnable onCutOff;

  /**
   * Creates an empty list.
   *
   * @param onCutOff called for each subscriber found closed by its queue (stalled) while offering,
   *     as it is forgotten
   */
  public Subscribers(Runnable onCutOff) {
    this.onCutOff = Objects.requireNonNull(onCutOff, "onCutOff must not be null");
  }

  /**
   * Adds a subscriber.
   *
   * @param queue its queue
   * @param filter the servers whose events it receives
   * @param max the open subscriptions allowed per session
   * @throws IllegalStateException when the session already has {@code max} subscribers
   */
  public void add(SubscriptionQueue<T> queue, ServerFilter filter, int max) {
    if (queues.size() >= max) {
      throw new IllegalStateException(
          "the session already has "
              + max
              + " open subscriptions (maxSubscribersPerSession); close one first");
    }
    queues.add(Objects.requireNonNull(queue, "queue must not be null"));
    filters.add(Objects.requireNonNull(filter, "filter must not be null"));
  }

  /**
   * Forgets a subscriber; a no-op when it is not here.
   *
   * @param queue its queue
   */
  public void remove(SubscriptionQueue<T> queue) {
    for (int i = queues.size() - 1; i >= 0; i--) {
      if (queues.get(i) == queue) {
        queues.remove(i);
        filters.remove(i);
      }
    }
  }

  /**
   * Offers an event to every subscriber whose filter matches, newest subscriber first, and forgets
   * the subscribers whose queue closed (cut off for stalling).
   *
   * @param serverId the event's server, matched against each subscriber's filter
   * @param event the event
   * @return the queues to signal after releasing the session monitor; empty when none
   */
  public List<SubscriptionQueue<T>> offer(String serverId, T event) {
    List<SubscriptionQueue<T>> toSignal = List.of();
    for (int i = queues.size() - 1; i >= 0; i--) {
      if (!filters.get(i).matches(serverId)) {
        continue;
      }
      SubscriptionQueue<T> queue = queues.get(i);
      if (queue.offer(event)) {
        if (toSignal.isEmpty()) {
          toSignal = new ArrayList<>(2);
        }
        toSignal.add(queue);
      }
      if (queue.isClosed()) {
        queues.remove(i);
        filters.remove(i);
        onCutOff.run();
      }
    }
    return toSignal;
  }

  /**
   * Closes every subscriber on the owner's behalf and forgets them all.
   *
   * @param reason why, for example {@link CloseReason#SESSION_CLOSED}
   * @return the queues to signal after releasing the session monitor
   */
  public List<SubscriptionQueue<T>> closeAll(CloseReason reason) {
    List<SubscriptionQueue<T>> toSignal = new ArrayList<>(queues.size());
    for (SubscriptionQueue<T> queue : queues) {
      if (queue.closeByOwner(reason)) {
        toSignal.add(queue);
      }
    }
    queues.clear();
    filters.clear();
    return toSignal;
  }

  /**
   * The number of subscribers.
   *
   * @return the count
   */
  public int size() {
    return queues.size();
  }

  /**
   * Events dropped so far from the subscribers' queues because they fell behind.
   *
   * @return the sum over the current subscribers
   */
  public long droppedEvents() {
    long sum = 0;
    for (SubscriptionQueue<T> queue : queues) {
      sum += queue.droppedEvents();
    }
    return sum;
  }
}
