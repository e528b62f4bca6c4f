package dev.mcpinspector.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.mcpinspector.core.http.ProblemCode;
import dev.mcpinspector.core.http.ProblemException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConfigTest {

  @Test
  void apiDefaults() {
    ApiConfig c = ApiConfig.defaults();
    assertEquals(1024 * 1024, c.maxBodyBytes());
    assertEquals(Duration.ofSeconds(15), c.heartbeatInterval());
  }

  @Test
  void nonPositiveHeartbeatIsRefused() {
    var e =
        assertThrows(
            IllegalArgumentException.class,
            () -> ApiConfig.builder().heartbeatInterval(Duration.ZERO));
    assertEquals("heartbeatInterval must be at least 1 ms, but was PT0S", e.getMessage());
  }

  @Test
  void wildcardOriginIsRefused() {
    var e =
        assertThrows(
            IllegalArgumentException.class,
            () -> WebSecurityConfig.builder().allowedOrigins(List.of("*")));
    assertEquals(
        "allowedOrigins entries must be origins like https://app.example.com (scheme://host[:port]),"
            + " but '*' is not: scheme must be http or https",
        e.getMessage());
  }

  @Test
  void originWithPathIsRefused() {
    var e =
        assertThrows(
            IllegalArgumentException.class,
            () -> WebSecurityConfig.builder().allowedOrigins(List.of("https://a.example/")));
    assertEquals(
        "allowedOrigins entries must be origins like https://app.example.com (scheme://host[:port]),"
            + " but 'https://a.example/' is not: it must not have a path, query, fragment or user"
            + " info",
        e.getMessage());
  }

  @Test
  void retryAfterIsRoundedUpToWholeSeconds() {
    ProblemException e =
        ProblemException.retryAfter(ProblemCode.SERVER_BUSY, "busy", Duration.ofMillis(1500));
    assertEquals("2", e.headers().get("Retry-After"));
  }
}
