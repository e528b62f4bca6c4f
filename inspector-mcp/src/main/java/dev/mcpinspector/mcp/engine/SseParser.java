package dev.mcpinspector.mcp.engine;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * An incremental parser of a {@code text/event-stream} body (WHATWG HTML, server-sent events): fed
 * chunks as they arrive, it calls the sink once per complete event. Lines end with CRLF, LF or CR;
 * {@code data} lines are joined with LF; comments are ignored; {@code id} and {@code retry} are
 * remembered across events as the standard says. Each event's size is bounded. Not thread-safe (one
 * response at a time).
 */
final class SseParser {

  /** Receives parsed events. */
  interface Sink {
    /**
     * One event.
     *
     * @param event the event type ({@code message} when absent)
     * @param data the data lines joined with LF
     * @param id the last event id seen so far, or null
     */
    void event(String event, String data, String id);

    /**
     * A {@code retry:} field.
     *
     * @param millis the reconnection time the server asked for
     */
    void retry(long millis);
  }

  /** The event was larger than the cap. */
  static final class TooLargeException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    TooLargeException(String message) {
      super(message, null, false, false);
    }
  }

  private final Sink sink;
  private final long maxEventBytes;
  private final ByteArrayOutputStream line = new ByteArrayOutputStream(256);
  private final StringBuilder data = new StringBuilder();
  private String eventType;
  private String lastId;
  private boolean hasData;
  private boolean lastWasCr;
  private long eventBytes;

  SseParser(Sink sink, long maxEventBytes) {
    this.sink = sink;
    this.maxEventBytes = maxEventBytes;
  }

  String lastEventId() {
    return lastId;
  }

  /** Bytes held for the event being read (for budget accounting). */
  long bufferedBytes() {
    return eventBytes;
  }

  void feed(ByteBuffer buf) {
    while (buf.hasRemaining()) {
      byte b = buf.get();
      if (lastWasCr) {
        lastWasCr = false;
        if (b == '\n') {
          continue;
        }
      }
      if (b == '\r') {
        lastWasCr = true;
        endLine();
      } else if (b == '\n') {
        endLine();
      } else {
        if (++eventBytes > maxEventBytes) {
          throw new TooLargeException(
              "an event of the server's stream exceeds the limit of " + maxEventBytes + " bytes");
        }
        line.write(b);
      }
    }
  }

  private void endLine() {
    String l = line.toString(StandardCharsets.UTF_8);
    line.reset();
    if (l.isEmpty()) {
      dispatch();
      return;
    }
    if (l.charAt(0) == ':') {
      return;
    }
    int colon = l.indexOf(':');
    String field = colon < 0 ? l : l.substring(0, colon);
    String value = colon < 0 ? "" : l.substring(colon + 1);
    if (value.startsWith(" ")) {
      value = value.substring(1);
    }
    switch (field) {
      case "data":
        if (hasData) {
          data.append('\n');
        }
        data.append(value);
        hasData = true;
        break;
      case "event":
        eventType = value;
        break;
      case "id":
        if (value.indexOf('\0') < 0) {
          lastId = value;
        }
        break;
      case "retry":
        if (!value.isEmpty() && value.chars().allMatch(Character::isDigit) && value.length() < 10) {
          sink.retry(Long.parseLong(value));
        }
        break;
      default:
        break;
    }
  }

  private void dispatch() {
    String type = eventType == null || eventType.isEmpty() ? "message" : eventType;
    boolean had = hasData;
    String d = data.toString();
    data.setLength(0);
    hasData = false;
    eventType = null;
    eventBytes = 0;
    if (had) {
      sink.event(type, d, lastId);
    }
  }
}
