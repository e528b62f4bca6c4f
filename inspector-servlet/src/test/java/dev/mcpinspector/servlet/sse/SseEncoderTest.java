package dev.mcpinspector.servlet.sse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class SseEncoderTest {

  private static String encode(SseEvent... events) {
    return new String(SseEncoder.encode(List.of(events)), StandardCharsets.UTF_8);
  }

  @Test
  void writesIdEventAndData() {
    assertEquals(
        "id: 7\nevent: rpc\ndata: {\"a\":1}\n\n", encode(SseEvent.of(7, "rpc", "{\"a\":1}")));
  }

  @Test
  void splitsEveryKindOfLineBreak() {
    assertEquals(
        "data: a\ndata: b\ndata: c\ndata: \ndata: d\n\n",
        encode(new SseEvent(null, null, "a\r\nb\rc\n\nd")));
  }

  @Test
  void trailingLineBreakKeepsAnEmptyDataLine() {
    assertEquals("data: x\ndata: \n\n", encode(new SseEvent(null, null, "x\n")));
  }

  @Test
  void gapCarriesRangeAndResumesAfterIt() {
    assertEquals("id: 9\nevent: gap\ndata: {\"from\":4,\"to\":9}\n\n", encode(SseEvent.gap(4, 9)));
  }

  @Test
  void retryLineInMilliseconds() {
    assertEquals(
        "retry: 3000\n\n",
        new String(SseEncoder.retry(Duration.ofSeconds(3)), StandardCharsets.US_ASCII));
  }

  @Test
  void idWithLineBreakIsRefused() {
    var e = assertThrows(IllegalArgumentException.class, () -> new SseEvent("1\n2", "x", ""));
    assertEquals("SSE id must not contain CR, LF or NUL, but was '1\n2'", e.getMessage());
  }

  @Test
  void reversedGapIsRefused() {
    var e = assertThrows(IllegalArgumentException.class, () -> SseEvent.gap(5, 4));
    assertEquals("gap must end at or after its start, but was from 5 to 4", e.getMessage());
  }
}
