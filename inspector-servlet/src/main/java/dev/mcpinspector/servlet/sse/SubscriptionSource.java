package dev.mcpinspector.servlet.sse;

import dev.mcpinspector.core.event.StreamItem;
import dev.mcpinspector.core.event.Subscription;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * Feeds an SSE stream from an event-plane {@link Subscription}: events become {@link SseEvent}s
 * through an encoder, gap markers become {@link SseEvent#gap(long, long)}. The subscription is
 * created before the stream registers its ready signal, so its callback is a {@link Relay} that
 * forwards to the signal once it is known; events that arrive before that are picked up by the
 * stream's first poll.
 *
 * @param <T> the event type
 *     <p>Internal to the servlet adapter: public only so that its sibling packages can use it; not
 *     part of the API.
 */
public final class SubscriptionSource<T> implements SseSource {

  private final Subscription<T> subscription;
  private final Function<? super T, SseEvent> encoder;
  private final Relay relay;

  private SubscriptionSource(
      Subscription<T> subscription, Function<? super T, SseEvent> encoder, Relay relay) {
    this.subscription = subscription;
    this.encoder = encoder;
    this.relay = relay;
  }

  /**
   * Subscribes and wraps the subscription.
   *
   * @param subscribe opens the subscription with the given ready callback
   * @param encoder turns one event into its SSE form
   * @param <T> the event type
   * @return the source
   */
  public static <T> SubscriptionSource<T> open(
      Function<Runnable, Subscription<T>> subscribe, Function<? super T, SseEvent> encoder) {
    Objects.requireNonNull(encoder, "encoder");
    Relay relay = new Relay();
    Subscription<T> subscription =
        Objects.requireNonNull(subscribe.apply(relay), "subscribe returned null");
    return new SubscriptionSource<>(subscription, encoder, relay);
  }

  @Override
  public List<SseEvent> poll(int max) {
    List<StreamItem<T>> items = subscription.poll(max);
    if (items.isEmpty()) {
      return List.of();
    }
    List<SseEvent> out = new ArrayList<>(items.size());
    for (StreamItem<T> item : items) {
      if (item instanceof StreamItem.Event<T> e) {
        out.add(encoder.apply(e.value()));
      } else if (item instanceof StreamItem.Gap<T> g) {
        out.add(SseEvent.gap(g.fromSequence(), g.toSequence()));
      }
    }
    return out;
  }

  @Override
  public boolean isClosed() {
    return subscription.isClosed();
  }

  @Override
  public void close() {
    subscription.close();
  }

  @Override
  public void onReady(Runnable signal) {
    relay.target = Objects.requireNonNull(signal, "signal");
  }

  /** The subscription's ready callback: forwards to the stream's signal once registered. */
  static final class Relay implements Runnable {
    private volatile Runnable target;

    @Override
    public void run() {
      Runnable t = target;
      if (t != null) {
        t.run();
      }
    }
  }
}
