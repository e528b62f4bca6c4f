package dev.mcpinspector.core.event;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;
import java.util.function.IntConsumer;

/** Helpers shared by the RPC log, progress and elicitation tests. */
public final class EventTesting {

  private EventTesting() {}

  /**
   * The events among polled items, gap markers left out.
   *
   * @param items polled items
   * @param <T> the event type
   * @return the events, in order
   */
  public static <T extends Sequenced> List<T> events(List<? extends StreamItem<T>> items) {
    List<T> out = new ArrayList<>();
    for (StreamItem<T> item : items) {
      if (item instanceof StreamItem.Event<T> e) {
        out.add(e.value());
      }
    }
    return out;
  }

  /**
   * The sequence numbers of the events among polled items.
   *
   * @param items polled items
   * @param <T> the event type
   * @return the sequence numbers, in order
   */
  public static <T extends Sequenced> List<Long> sequences(List<? extends StreamItem<T>> items) {
    List<Long> out = new ArrayList<>();
    for (T event : events(items)) {
      out.add(event.sequence());
    }
    return out;
  }

  /**
   * Runs {@code body} on {@code threads} threads released together by a barrier, waits for all of
   * them and rethrows the first failure.
   *
   * @param threads how many threads
   * @param body gets the thread's index, 0 to threads - 1
   * @throws InterruptedException when interrupted while waiting
   */
  public static void concurrently(int threads, IntConsumer body) throws InterruptedException {
    CyclicBarrier start = new CyclicBarrier(threads);
    AtomicReference<Throwable> failure = new AtomicReference<>();
    List<Thread> started = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int index = t;
      Thread thread =
          new Thread(
              () -> {
                try {
                  start.await();
                  body.accept(index);
                } catch (Throwable e) {
                  failure.compareAndSet(null, e);
                }
              });
      started.add(thread);
      thread.start();
    }
    for (Thread thread : started) {
      thread.join();
    }
    if (failure.get() != null) {
      throw new AssertionError("a concurrent task failed", failure.get());
    }
  }

  /** A test step that may throw. */
  @FunctionalInterface
  public interface Step {
    /**
     * Runs the step.
     *
     * @throws Exception anything
     */
    void run() throws Exception;
  }

  /**
   * What {@link #collect} received.
   *
   * @param received the events of each subscription, by index, in delivery order
   * @param gaps the gap markers delivered to any subscription
   * @param <T> the event type
   */
  public record Collected<T>(List<List<T>> received, List<StreamItem.Gap<T>> gaps) {}

  /**
   * Runs {@code publish} while a {@link ReadyReader} drains the subscriptions, and returns once
   * every subscription has received {@code perSubscription} events.
   *
   * @param subs the subscriptions, by index; their ready callbacks add the index to {@code ready}
   * @param ready indexes of subscriptions whose ready callback ran
   * @param perSubscription the events each subscription must receive
   * @param publish publishes the events
   * @param <T> the event type
   * @return the events and gaps received
   * @throws Exception what {@code publish} threw
   */
  public static <T extends Sequenced> Collected<T> collect(
      List<? extends Subscription<T>> subs,
      BlockingQueue<Integer> ready,
      int perSubscription,
      Step publish)
      throws Exception {
    List<List<T>> received = new ArrayList<>();
    for (int i = 0; i < subs.size(); i++) {
      received.add(new ArrayList<>());
    }
    List<StreamItem.Gap<T>> gaps = Collections.synchronizedList(new ArrayList<>());
    CountDownLatch done = new CountDownLatch(subs.size());
    try (ReadyReader<T> reader =
        new ReadyReader<>(
            subs,
            ready,
            done,
            (index, item) -> {
              if (item instanceof StreamItem.Event<T> e) {
                received.get(index).add(e.value());
                if (received.get(index).size() == perSubscription) {
                  done.countDown();
                }
              } else {
                gaps.add((StreamItem.Gap<T>) item);
              }
            })) {
      publish.run();
      reader.awaitDone();
    }
    return new Collected<>(received, List.copyOf(gaps));
  }

  /**
   * A thread that drains subscriptions as their ready callbacks report them: until {@code done}
   * reaches zero it takes the index of a ready subscription from {@code ready} and polls it in
   * pages of 64 until a page is short, handing each item with the index to {@code handler}. Closing
   * it stops and joins the thread.
   *
   * @param <T> the event type
   */
  public static final class ReadyReader<T extends Sequenced> implements AutoCloseable {
    private static final int PAGE = 64;
    private final Thread thread;
    private final CountDownLatch done;

    /**
     * Starts the reader.
     *
     * @param subs the subscriptions, by index
     * @param ready indexes of subscriptions whose ready callback ran
     * @param done counted down by the handler; the reader stops at zero
     * @param handler gets the subscription's index and one polled item
     */
    public ReadyReader(
        List<? extends Subscription<T>> subs,
        BlockingQueue<Integer> ready,
        CountDownLatch done,
        BiConsumer<Integer, StreamItem<T>> handler) {
      this.done = done;
      thread =
          new Thread(
              () -> {
                try {
                  while (done.getCount() > 0) {
                    int index = ready.take();
                    List<StreamItem<T>> items;
                    do {
                      items = subs.get(index).poll(PAGE);
                      for (StreamItem<T> item : items) {
                        handler.accept(index, item);
                      }
                    } while (items.size() == PAGE);
                  }
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              });
      thread.start();
    }

    /**
     * Waits until the handler has counted {@code done} down to zero.
     *
     * @throws InterruptedException when interrupted
     */
    public void awaitDone() throws InterruptedException {
      done.await();
    }

    @Override
    public void close() {
      thread.interrupt();
      try {
        thread.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
