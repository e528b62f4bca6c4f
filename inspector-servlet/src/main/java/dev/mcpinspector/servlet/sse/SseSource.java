package dev.mcpinspector.servlet.sse;

import java.util.List;

/**
 * What an SSE stream reads from: a pull-based subscription. The stream registers one ready signal
 * with {@link #onReady(Runnable)} and then calls {@link #poll(int)} until it returns nothing, again
 * every time the signal fires. When the source is closed and drained, the stream ends the response
 * cleanly. The stream calls {@link #close()} when it ends for any reason (client gone, write error,
 * server shutdown), so the subscription is released exactly when the stream is.
 *
 * <p>Implementations must be thread-safe: {@code poll}, {@code isClosed} and {@code close} are
 * called from container and scheduler threads, one at a time per stream but not always from the
 * same thread.
 */
public interface SseSource {

  /**
   * Takes up to {@code max} events in order. Never blocks.
   *
   * @param max the most events to return, at least 1
   * @return the events (gap markers included as {@link SseEvent#gap(long, long)}), empty when none
   *     is available; never null
   */
  List<SseEvent> poll(int max);

  /**
   * Tells whether the source has ended (session ended, subscription closed). Events already queued
   * may still be polled after this returns true.
   *
   * @return true once the source will produce no more events
   */
  boolean isClosed();

  /** Releases the subscription. Idempotent; safe to call from any thread. */
  void close();

  /**
   * Registers the signal the source runs whenever events become available or it closes. It may run
   * on a publisher's thread; it never blocks and does no I/O (it only schedules a write). Called
   * once per source, before the first {@link #poll(int)}.
   *
   * @param signal the callback to run, from any thread, any number of times
   */
  void onReady(Runnable signal);
}
