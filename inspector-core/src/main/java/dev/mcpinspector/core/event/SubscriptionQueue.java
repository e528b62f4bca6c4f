package dev.mcpinspector.core.event;

import dev.mcpinspector.core.time.Ticker;
import java.lang.System.Logger.Level;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.ToLongFunction;

/**
 * The bounded queue behind every event subscription of the core components. Public only so the
 * three component packages can share it; applications use it through {@link Subscription}.
 *
 * <p>Publishers call {@link #offer} while holding their own (session) lock, which keeps each
 * subscriber's order equal to the publish order; {@code offer} takes only this queue's short lock
 * and never calls out. When it returns true the publisher calls {@link #signal()} after releasing
 * its locks, so a slow or throwing ready callback never blocks a publisher. When the queue holds
 * more than its item or byte limit, the oldest undelivered events are dropped and replaced by one
 * {@link StreamItem.Gap} at the head. When events are dropped and the subscriber has not polled for
 * the stall timeout, the subscription is cut off with {@link CloseReason#STALLED}.
 *
 * @param <T> the event type
 */
public final class SubscriptionQueue<T extends Sequenced> implements Subscription<T> {

  private static final System.Logger LOG = System.getLogger(SubscriptionQueue.class.getName());

  private final ArrayDeque<T> items = new ArrayDeque<>();
  private final int maxItems;
  private final long maxBytes;
  private final ToLongFunction<? super T> weigher;
  private final Runnable onReady;
  private final Ticker ticker;
  private final long stallNanos;
  private final Consumer<SubscriptionQueue<T>> onUnsubscribe;

  private long bytes;
  private long gapFrom;
  private long gapTo;
  private long lastPollNanos;
  private long droppedEvents;
  private volatile CloseReason closeReason;

  /**
   * Creates an open, empty queue.
   *
   * @param maxItems most queued events; at least 1
   * @param maxBytes most queued bytes as counted by the weigher; the newest event is always kept
   * @param weigher the size of one event in bytes
   * @param onReady the subscriber's ready callback; cheap and non-blocking
   * @param ticker time source for the stall check
   * @param stallNanos how long without a poll, while dropping, before the subscriber is cut off; 0
   *     disables cutting off
   * @param onUnsubscribe called once when the subscriber closes the queue or its callback throws,
   *     so the owner can forget it; may take the owner's lock
   * @throws IllegalArgumentException when a limit is not positive
   */
  public SubscriptionQueue(
      int maxItems,
      long maxBytes,
      ToLongFunction<? super T> weigher,
      Runnable onReady,
      Ticker ticker,
      long stallNanos,
      Consumer<SubscriptionQueue<T>> onUnsubscribe) {
    if (maxItems < 1 || maxBytes < 1 || stallNanos < 0) {
      throw new IllegalArgumentException(
          "queue limits must be positive, but were maxItems="
              + maxItems
              + ", maxBytes="
              + maxBytes
              + ", stallNanos="
              + stallNanos);
    }
    this.maxItems = maxItems;
    this.maxBytes = maxBytes;
    this.weigher = Objects.requireNonNull(weigher, "weigher must not be null");
    this.onReady = Objects.requireNonNull(onReady, "onReady must not be null");
    this.ticker = Objects.requireNonNull(ticker, "ticker must not be null");
    this.stallNanos = stallNanos;
    this.onUnsubscribe = Objects.requireNonNull(onUnsubscribe, "onUnsubscribe must not be null");
    this.lastPollNanos = ticker.read();
  }

  /**
   * Queues a gap marker ahead of everything queued, merging with an existing one. Used for replay
   * when the requested events are no longer retained.
   *
   * @param from first missing sequence number
   * @param to last missing sequence number
   * @return true when the caller must call {@link #signal()} after releasing its locks
   */
  public synchronized boolean offerGap(long from, long to) {
    if (closeReason != null || from > to || from < 1) {
      return false;
    }
    boolean wasEmpty = isEmptyLocked();
    if (gapFrom == 0) {
      gapFrom = from;
      gapTo = to;
    } else {
      gapFrom = Math.min(gapFrom, from);
      gapTo = Math.max(gapTo, to);
    }
    return wasEmpty;
  }

  /**
   * Queues an event, dropping the oldest queued events when over a limit. Never blocks beyond this
   * queue's short lock and never calls out.
   *
   * @param event the event
   * @return true when the caller must call {@link #signal()} after releasing its locks (the queue
   *     became non-empty, or it was cut off for stalling)
   */
  public synchronized boolean offer(T event) {
    if (closeReason != null) {
      return false;
    }
    boolean wasEmpty = isEmptyLocked();
    items.addLast(event);
    bytes += weigher.applyAsLong(event);
    boolean dropped = false;
    while (items.size() > maxItems || (bytes > maxBytes && items.size() > 1)) {
      T old = items.pollFirst();
      bytes -= weigher.applyAsLong(old);
      droppedEvents++;
      dropped = true;
      if (gapFrom == 0) {
        gapFrom = old.sequence();
      }
      gapTo = Math.max(gapTo, old.sequence());
    }
    if (dropped && stallNanos > 0 && ticker.read() - lastPollNanos >= stallNanos) {
      closeLocked(CloseReason.STALLED);
      return true;
    }
    return wasEmpty;
  }

  /**
   * Calls the ready callback. Call without holding any lock. A callback that throws closes this
   * subscription with {@link CloseReason#CALLBACK_FAILED} and unsubscribes it.
   */
  public void signal() {
    try {
      onReady.run();
    } catch (RuntimeException | LinkageError | AssertionError e) {
      LOG.log(Level.WARNING, "subscriber ready callback threw; subscription closed", e);
      boolean wasOpen;
      synchronized (this) {
        wasOpen = closeReason == null;
        if (wasOpen) {
          closeLocked(CloseReason.CALLBACK_FAILED);
        }
      }
      if (wasOpen) {
        onUnsubscribe.accept(this);
      }
    }
  }

  /**
   * Closes the queue on the owner's behalf (session cleared, shutdown). Does not call the
   * unsubscribe hook.
   *
   * @param reason why
   * @return true when the caller must call {@link #signal()} after releasing its locks
   */
  public synchronized boolean closeByOwner(CloseReason reason) {
    if (closeReason != null) {
      return false;
    }
    closeLocked(reason);
    return true;
  }

  @Override
  public List<StreamItem<T>> poll(int max) {
    if (max < 1) {
      throw new IllegalArgumentException("max must be at least 1, but was " + max);
    }
    synchronized (this) {
      lastPollNanos = ticker.read();
      if (closeReason != null || isEmptyLocked()) {
        return List.of();
      }
      List<StreamItem<T>> out = new ArrayList<>(Math.min(max, items.size() + 1));
      if (gapFrom != 0) {
        out.add(new StreamItem.Gap<>(gapFrom, gapTo));
        gapFrom = 0;
        gapTo = 0;
      }
      while (out.size() < max && !items.isEmpty()) {
        T event = items.pollFirst();
        bytes -= weigher.applyAsLong(event);
        out.add(new StreamItem.Event<>(event));
      }
      return out;
    }
  }

  @Override
  public boolean isClosed() {
    return closeReason != null;
  }

  @Override
  public CloseReason closeReason() {
    return closeReason;
  }

  @Override
  public void close() {
    synchronized (this) {
      if (closeReason != null) {
        return;
      }
      closeLocked(CloseReason.CLOSED_BY_SUBSCRIBER);
    }
    onUnsubscribe.accept(this);
  }

  /**
   * Events dropped from this queue so far because the subscriber fell behind.
   *
   * @return the count
   */
  public synchronized long droppedEvents() {
    return droppedEvents;
  }

  private boolean isEmptyLocked() {
    return items.isEmpty() && gapFrom == 0;
  }

  private void closeLocked(CloseReason reason) {
    closeReason = reason;
    items.clear();
    bytes = 0;
    gapFrom = 0;
    gapTo = 0;
  }
}
