package dev.mcpinspector.containertest;

import dev.mcpinspector.servlet.sse.SseEvent;
import dev.mcpinspector.servlet.sse.SseSource;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A miniature event plane for one test: it numbers published events, retains the newest ones,
 * replays them to a new subscription after a {@code Last-Event-ID} (with a gap marker when the
 * requested events were already dropped), then delivers live. It records the life cycle of its
 * streams so tests can await it. Thread-safe.
 */
public final class TestChannel {

  /** Life-cycle record: a stream subscribed. */
  public static final String SUBSCRIBED = "subscribed";

  /** Life-cycle record: a stream released its subscription (closed the source). */
  public static final String RELEASED = "released";

  /** Life-cycle record: a stream's on-end callback ran. */
  public static final String ENDED = "ended";

  private final int retain;
  private final ArrayDeque<SseEvent> history = new ArrayDeque<>();
  private final List<Subscription> subscriptions = new CopyOnWriteArrayList<>();
  private final BlockingQueue<String> lifecycle = new LinkedBlockingQueue<>();
  private final AtomicInteger ended = new AtomicInteger();
  private long nextSequence = 1;
  private boolean closed;

  TestChannel(int retain) {
    this.retain = retain;
  }

  /**
   * Publishes an event to every subscription and the history.
   *
   * @param event the event name
   * @param data the payload
   * @return the event's sequence number
   */
  public synchronized long publish(String event, String data) {
    long seq = nextSequence++;
    SseEvent e = SseEvent.of(seq, event, data);
    history.addLast(e);
    while (history.size() > retain) {
      history.removeFirst();
    }
    for (Subscription s : subscriptions) {
      s.offer(e);
    }
    return seq;
  }

  /** Ends the channel, as a session end would: every open stream drains and ends. */
  public synchronized void close() {
    closed = true;
    for (Subscription s : subscriptions) {
      s.finish();
    }
  }

  /**
   * Takes the next life-cycle record ({@link #SUBSCRIBED}, {@link #RELEASED}, {@link #ENDED}).
   *
   * @param timeout how long to wait
   * @return the record, or null when none came in time
   * @throws InterruptedException if interrupted while waiting
   */
  public String nextLifecycle(Duration timeout) throws InterruptedException {
    return lifecycle.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /**
   * Returns how many streams of this channel ran their on-end callback.
   *
   * @return the count
   */
  public int endedStreams() {
    return ended.get();
  }

  /**
   * Returns how many subscriptions are open.
   *
   * @return the count
   */
  public int openSubscriptions() {
    return subscriptions.size();
  }

  synchronized SseSource subscribe(OptionalLong after) {
    Subscription s = new Subscription();
    List<SseEvent> replay = new ArrayList<>();
    if (after.isPresent()) {
      long oldest = history.isEmpty() ? nextSequence : Long.parseLong(history.getFirst().id());
      if (after.getAsLong() + 1 < oldest && after.getAsLong() + 1 < nextSequence) {
        replay.add(SseEvent.gap(after.getAsLong() + 1, oldest - 1));
      }
      for (SseEvent e : history) {
        if (Long.parseLong(e.id()) > after.getAsLong()) {
          replay.add(e);
        }
      }
    } else {
      replay.addAll(history);
    }
    replay.forEach(s::offer);
    subscriptions.add(s);
    if (closed) {
      s.finish();
    }
    lifecycle.add(SUBSCRIBED);
    return s;
  }

  void streamEnded() {
    ended.incrementAndGet();
    lifecycle.add(ENDED);
  }

  private final class Subscription implements SseSource {
    private final ConcurrentLinkedQueue<SseEvent> queue = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean finished = new AtomicBoolean();
    private final AtomicBoolean released = new AtomicBoolean();
    private volatile Runnable signal = () -> {};

    void offer(SseEvent e) {
      queue.add(e);
      signal.run();
    }

    void finish() {
      finished.set(true);
      signal.run();
    }

    @Override
    public List<SseEvent> poll(int max) {
      List<SseEvent> out = new ArrayList<>(Math.min(max, 16));
      SseEvent e;
      while (out.size() < max && (e = queue.poll()) != null) {
        out.add(e);
      }
      return out;
    }

    @Override
    public boolean isClosed() {
      return finished.get() || released.get();
    }

    @Override
    public void close() {
      if (released.compareAndSet(false, true)) {
        subscriptions.remove(this);
        lifecycle.add(RELEASED);
      }
    }

    @Override
    public void onReady(Runnable signal) {
      this.signal = signal;
    }
  }
}
