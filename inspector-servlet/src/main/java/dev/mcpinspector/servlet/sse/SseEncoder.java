package dev.mcpinspector.servlet.sse;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/** Encodes SSE frames as UTF-8 bytes. */
final class SseEncoder {

  static final byte[] HEARTBEAT = ": heartbeat\n\n".getBytes(StandardCharsets.US_ASCII);

  private SseEncoder() {}

  static byte[] retry(Duration retry) {
    return ("retry: " + retry.toMillis() + "\n\n").getBytes(StandardCharsets.US_ASCII);
  }

  static byte[] encode(List<SseEvent> events) {
    StringBuilder sb = new StringBuilder(64 * events.size());
    for (SseEvent e : events) {
      append(sb, e);
    }
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }

  static void append(StringBuilder sb, SseEvent e) {
    if (e.id() != null) {
      sb.append("id: ").append(e.id()).append('\n');
    }
    if (e.event() != null) {
      sb.append("event: ").append(e.event()).append('\n');
    }
    String data = e.data();
    int start = 0;
    int len = data.length();
    for (int i = 0; i < len; i++) {
      char c = data.charAt(i);
      if (c == '\r' || c == '\n') {
        sb.append("data: ").append(data, start, i).append('\n');
        if (c == '\r' && i + 1 < len && data.charAt(i + 1) == '\n') {
          i++;
        }
        start = i + 1;
      }
    }
    sb.append("data: ").append(data, start, len).append('\n');
    sb.append('\n');
  }
}
