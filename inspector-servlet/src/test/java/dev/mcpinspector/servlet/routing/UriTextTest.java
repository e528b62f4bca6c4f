package dev.mcpinspector.servlet.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.mcpinspector.core.http.ProblemException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UriTextTest {

  @Test
  void decodesSegments() {
    assertEquals(
        List.of("servers", "my server", "é"), UriText.segments("/servers/my%20server/%C3%A9"));
  }

  @Test
  void emptyPathHasNoSegments() {
    assertEquals(List.of(), UriText.segments(""));
    assertEquals(List.of(), UriText.segments("/"));
  }

  @Test
  void encodedSlashIsRefused() {
    ProblemException e =
        assertThrows(ProblemException.class, () -> UriText.segments("/servers/a%2Fb"));
    assertEquals(
        "path segment 'a%2Fb' must not encode '/', '\\' or control characters", e.detail());
  }

  @Test
  void dotSegmentsAreRefusedEvenWhenEncoded() {
    ProblemException e =
        assertThrows(ProblemException.class, () -> UriText.segments("/servers/%2e%2e"));
    assertEquals("path must not contain '.' or '..' segments", e.detail());
  }

  @Test
  void badEscapeIsRefused() {
    ProblemException e =
        assertThrows(ProblemException.class, () -> UriText.segments("/servers/%zz"));
    assertEquals("path segment '%zz' is not valid percent-encoded UTF-8", e.detail());
    assertThrows(ProblemException.class, () -> UriText.segments("/servers/%C3"));
  }

  @Test
  void queryUsesFormDecoding() {
    assertEquals(
        Map.of("serverId", List.of("a b", "c"), "limit", List.of("5"), "flag", List.of("")),
        UriText.query("serverId=a+b&limit=5&serverId=c&flag"));
  }

  @Test
  void malformedQueryIsRefused() {
    ProblemException e = assertThrows(ProblemException.class, () -> UriText.query("a=%"));
    assertEquals("query string is not valid percent-encoded UTF-8", e.detail());
  }
}
