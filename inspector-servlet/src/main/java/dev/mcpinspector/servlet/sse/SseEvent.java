package dev.mcpinspector.servlet.sse;

import java.util.Objects;

/**
 * One server-sent event: an optional {@code id:}, an optional {@code event:} name and the {@code
 * data}. Multi-line data is sent as one {@code data:} line per line ({@code \r\n}, {@code \r} and
 * {@code \n} all end a line), so the client reassembles it with {@code \n}.
 *
 * @param id the event id the client sends back as {@code Last-Event-ID}, or null for none
 * @param event the event name, or null for the default {@code message}
 * @param data the payload, never null (may be empty)
 */
public record SseEvent(String id, String event, String data) {

  /** The event name of a gap marker. */
  public static final String GAP = "gap";

  /**
   * Validates the fields.
   *
   * @param id the event id, or null; must not contain CR, LF or NUL
   * @param event the event name, or null; must be non-empty without CR or LF
   * @param data the payload, never null
   * @throws IllegalArgumentException if a field contains a forbidden character
   * @throws NullPointerException if data is null
   */
  public SseEvent {
    Objects.requireNonNull(data, "data");
    if (id != null && (HttpText.hasLineBreak(id) || id.indexOf('\0') >= 0)) {
      throw new IllegalArgumentException(
          "SSE id must not contain CR, LF or NUL, but was '" + id.replace("\0", "\\0") + "'");
    }
    if (event != null && (event.isEmpty() || HttpText.hasLineBreak(event))) {
      throw new IllegalArgumentException(
          "SSE event name must be non-empty without CR or LF, but was '" + event + "'");
    }
  }

  /**
   * An event with a numeric id, the usual case: the id is the source's sequence number.
   *
   * @param sequence the sequence number sent as {@code id:}
   * @param event the event name
   * @param data the payload (typically JSON)
   * @return the event
   */
  public static SseEvent of(long sequence, String event, String data) {
    return new SseEvent(Long.toString(sequence), event, data);
  }

  /**
   * A gap marker: the events with sequence numbers {@code from} to {@code to} (inclusive) were
   * dropped before they reached this stream. Sent as {@code event: gap} with data {@code
   * {"from":F,"to":T}} and {@code id: T}, so a client that reconnects resumes after the gap.
   *
   * @param from the first lost sequence number
   * @param to the last lost sequence number, at least from
   * @return the gap event
   * @throws IllegalArgumentException if to is less than from
   */
  public static SseEvent gap(long from, long to) {
    if (to < from) {
      throw new IllegalArgumentException(
          "gap must end at or after its start, but was from " + from + " to " + to);
    }
    return new SseEvent(Long.toString(to), GAP, "{\"from\":" + from + ",\"to\":" + to + "}");
  }
}
