package dev.mcpinspector.core.event;

import java.util.Objects;

/**
 * One item delivered by a {@link Subscription}: either an event or a gap marker saying that the
 * events with sequence numbers in {@code [fromSequence, toSequence]} were not delivered (lost to a
 * full subscriber queue or no longer retained). After a gap, every later matching event is
 * delivered in order unless another gap says otherwise.
 *
 * @param <T> the event type
 */
public sealed interface StreamItem<T> permits StreamItem.Event, StreamItem.Gap {

  /**
   * An event.
   *
   * @param value the event; never null
   * @param <T> the event type
   */
  record Event<T>(T value) implements StreamItem<T> {

    /**
     * Checks the arguments; see the record description for each component.
     *
     * @param value see the record description
     */
    public Event {
      Objects.requireNonNull(value, "value must not be null");
    }
  }

  /**
   * A gap marker: events in this inclusive range of sequence numbers were not delivered. Some
   * numbers in the range may belong to events the subscription's filter would not have matched.
   *
   * @param fromSequence first missing sequence number, at least 1
   * @param toSequence last missing sequence number, at least {@code fromSequence}
   * @param <T> the event type of the stream
   */
  record Gap<T>(long fromSequence, long toSequence) implements StreamItem<T> {

    /**
     * Checks the arguments; see the record description for each component.
     *
     * @param fromSequence see the record description
     * @param toSequence see the record description
     */
    public Gap {
      if (fromSequence < 1 || toSequence < fromSequence) {
        throw new IllegalArgumentException(
            "gap must satisfy 1 <= fromSequence <= toSequence, but was ["
                + fromSequence
                + ", "
                + toSequence
                + "]");
      }
    }
  }
}
