package dev.mcpinspector.core.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.mcpinspector.core.Mode;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SessionConfigTest {

  @Test
  void defaults() {
    SessionConfig c = SessionConfig.builder().build();
    assertEquals(Mode.LOCAL, c.mode());
    assertEquals(Duration.ofMinutes(30), c.idleTimeout());
    assertEquals(Duration.ofHours(12), c.maxLifetime());
    assertEquals(CookiePolicy.DEFAULT, c.cookiePolicy());
    assertEquals(1, c.signingKeys().size());
  }

  @Test
  void hostedWithoutKeys_fails() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> SessionConfig.builder().mode(Mode.HOSTED).build());
    assertEquals(true, e.getMessage().contains("openssl rand -base64 32"));
  }

  @Test
  void timeoutsAreValidated() {
    assertEquals(
        "idleTimeout (INSPECTOR_SESSION_IDLE_TIMEOUT) must be at least 1 second, but was PT-1S",
        assertThrows(
                IllegalArgumentException.class,
                () -> SessionConfig.builder().idleTimeout(Duration.ofSeconds(-1)))
            .getMessage());
    assertEquals(
        "idleTimeout (PT13H) must not exceed maxLifetime (PT12H)",
        assertThrows(
                IllegalArgumentException.class,
                () -> SessionConfig.builder().idleTimeout(Duration.ofHours(13)).build())
            .getMessage());
    assertEquals(
        "maxBoundSessions must be at least 1, but was 0",
        assertThrows(
                IllegalArgumentException.class, () -> SessionConfig.builder().maxBoundSessions(0))
            .getMessage());
  }

  @Test
  void toString_masksKeys() {
    String s = SessionConfig.builder().build().toString();
    assertEquals(true, s.contains("values=<masked>"), s);
  }
}
