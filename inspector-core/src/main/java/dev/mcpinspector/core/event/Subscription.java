package dev.mcpinspector.core.event;

import java.util.List;

/**
 * A pull-model subscription to one session's event stream, shaped for non-blocking writers (servlet
 * {@code WriteListener}s): the owner's ready callback says "there is something to poll" when the
 * subscription goes from empty to non-empty or is closed; the writer then calls {@link #poll(int)}
 * while it can write. Nothing ever blocks: a subscriber that does not poll loses its oldest
 * undelivered events and later receives a {@link StreamItem.Gap}.
 *
 * <p>Thread-safe; normally one thread polls at a time.
 *
 * @param <T> the event type
 */
public interface Subscription<T> extends AutoCloseable {

  /**
   * Takes up to {@code max} queued items, oldest first. Never blocks. After the subscription
   * closed, returns an empty list.
   *
   * @param max the most items to return; at least 1
   * @return the items, possibly empty; never null
   * @throws IllegalArgumentException when max is less than 1
   */
  List<StreamItem<T>> poll(int max);

  /**
   * Whether the subscription ended; once true it stays true and no more items arrive.
   *
   * @return true when closed
   */
  boolean isClosed();

  /**
   * Why the subscription ended.
   *
   * @return the reason, or null while open
   */
  CloseReason closeReason();

  /** Ends the subscription and frees its queue; idempotent. The ready callback is not called. */
  @Override
  void close();
}
