package dev.mcpinspector.core.auth;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mcpinspector.core.http.ProblemException;
import dev.mcpinspector.core.time.FakeTicker;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class LoginRateLimiterTest {

  final FakeTicker time = new FakeTicker();
  final LoginRateLimiter limiter = LoginRateLimiter.create(10, Duration.ofMinutes(1), 100, time);

  @Test
  void tenFailuresAllowed_theEleventhAttemptIsRefused() {
    for (int i = 0; i < 10; i++) {
      limiter.checkAllowed("198.51.100.7");
      limiter.recordFailure("198.51.100.7");
    }
    ProblemException e =
        assertThrows(ProblemException.class, () -> limiter.checkAllowed("198.51.100.7"));
    assertEquals(429, e.status());
    assertEquals("rate_limited", e.code());
    assertEquals("60", e.headers().get("Retry-After"));
    assertEquals("too many failed logins from this address; retry in 60 s", e.detail());
    assertDoesNotThrow(
        () -> limiter.checkAllowed("198.51.100.8"), "other addresses are unaffected");
  }

  @Test
  void retryAfter_countsDown_andTheWindowEnds() {
    for (int i = 0; i < 10; i++) {
      limiter.recordFailure("198.51.100.7");
    }
    time.advance(Duration.ofSeconds(45));
    assertEquals(
        "15",
        assertThrows(ProblemException.class, () -> limiter.checkAllowed("198.51.100.7"))
            .headers()
            .get("Retry-After"));
    time.advance(Duration.ofSeconds(15));
    assertDoesNotThrow(() -> limiter.checkAllowed("198.51.100.7"));
    limiter.recordFailure("198.51.100.7");
    assertDoesNotThrow(() -> limiter.checkAllowed("198.51.100.7"), "a new window starts from zero");
  }

  @Test
  void ipv6ClientsCountPerSlash64() {
    for (int i = 0; i < 10; i++) {
      limiter.recordFailure("2001:db8:1:2::" + Integer.toHexString(i + 1));
    }
    assertThrows(ProblemException.class, () -> limiter.checkAllowed("2001:db8:1:2:ffff::1"));
    assertDoesNotThrow(() -> limiter.checkAllowed("2001:db8:1:3::1"));
  }

  @Test
  void memoryIsBounded() {
    for (int i = 0; i < 10_000; i++) {
      limiter.recordFailure("10." + (i >> 16 & 255) + "." + (i >> 8 & 255) + "." + (i & 255));
    }
    assertTrue(limiter.trackedClients() <= 100, "tracked " + limiter.trackedClients());
  }

  @Test
  void arguments_areValidated() {
    assertEquals(
        "maxFailures must be at least 1, but was 0",
        assertThrows(
                IllegalArgumentException.class,
                () -> LoginRateLimiter.create(0, Duration.ofMinutes(1), 1, time))
            .getMessage());
    assertEquals(
        "window must be at least 1 second, but was PT0S",
        assertThrows(
                IllegalArgumentException.class,
                () -> LoginRateLimiter.create(1, Duration.ZERO, 1, time))
            .getMessage());
  }
}
