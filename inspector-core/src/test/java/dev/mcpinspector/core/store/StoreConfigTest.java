package dev.mcpinspector.core.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mcpinspector.core.time.FakeTicker;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class StoreConfigTest {

  @Test
  void defaultsAreTheDocumentedValues() {
    StoreConfig c = StoreConfig.defaults();
    assertEquals(Duration.ofMinutes(30), c.idleTimeout());
    assertEquals(Duration.ofHours(12), c.maxLifetime());
    assertEquals(1000, c.maxSessions());
    assertEquals(5, c.maxSessionsPerPrincipal());
    assertEquals(Duration.ofSeconds(1), c.sweepInterval());
    assertEquals(Duration.ofSeconds(10), c.disposeTimeout());
    assertEquals(Duration.ofSeconds(5), c.retryAfter());
    assertFalse(c.scheduler().isPresent());
  }

  @Test
  void settersAreKept() {
    FakeTicker ticker = new FakeTicker();
    ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    try {
      StoreConfig c =
          StoreConfig.builder()
              .idleTimeout(Duration.ofMinutes(5))
              .maxLifetime(Duration.ofHours(1))
              .maxSessions(10)
              .maxSessionsPerPrincipal(2)
              .sweepInterval(Duration.ofMillis(250))
              .disposeTimeout(Duration.ofSeconds(2))
              .retryAfter(Duration.ofSeconds(7))
              .ticker(ticker)
              .scheduler(scheduler)
              .build();
      assertEquals(Duration.ofMinutes(5), c.idleTimeout());
      assertEquals(Duration.ofHours(1), c.maxLifetime());
      assertEquals(10, c.maxSessions());
      assertEquals(2, c.maxSessionsPerPrincipal());
      assertEquals(Duration.ofMillis(250), c.sweepInterval());
      assertEquals(Duration.ofSeconds(2), c.disposeTimeout());
      assertEquals(Duration.ofSeconds(7), c.retryAfter());
      assertSame(ticker, c.ticker());
      assertSame(scheduler, c.scheduler().orElseThrow());
      assertTrue(c.toString().contains("maxSessions=10"));
    } finally {
      scheduler.shutdownNow();
    }
  }

  @Nested
  class BadValues {

    private void assertRefused(String expected, Runnable setter) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, setter::run);
      assertEquals(expected, e.getMessage());
    }

    @Test
    void negativeAndZeroDurationsAreRefusedNamingTheSetting() {
      assertRefused(
          "idleTimeout must be positive, but was PT-1S",
          () -> StoreConfig.builder().idleTimeout(Duration.ofSeconds(-1)));
      assertRefused(
          "idleTimeout must be positive, but was PT0S",
          () -> StoreConfig.builder().idleTimeout(Duration.ZERO));
      assertRefused(
          "maxLifetime must be positive, but was PT-1H",
          () -> StoreConfig.builder().maxLifetime(Duration.ofHours(-1)));
      assertRefused(
          "sweepInterval must be positive, but was PT0S",
          () -> StoreConfig.builder().sweepInterval(Duration.ZERO));
      assertRefused(
          "disposeTimeout must be positive, but was PT-0.001S",
          () -> StoreConfig.builder().disposeTimeout(Duration.ofMillis(-1)));
      assertRefused(
          "retryAfter must be positive, but was PT0S",
          () -> StoreConfig.builder().retryAfter(Duration.ZERO));
    }

    @Test
    void zeroAndNegativeSizesAreRefusedNamingTheSetting() {
      assertRefused(
          "maxSessions must be at least 1, but was 0", () -> StoreConfig.builder().maxSessions(0));
      assertRefused(
          "maxSessions must be at least 1, but was -5",
          () -> StoreConfig.builder().maxSessions(-5));
      assertRefused(
          "maxSessionsPerPrincipal must be at least 1, but was 0",
          () -> StoreConfig.builder().maxSessionsPerPrincipal(0));
    }

    @Test
    void nullsAreRefusedNamingTheSetting() {
      NullPointerException e =
          assertThrows(NullPointerException.class, () -> StoreConfig.builder().idleTimeout(null));
      assertEquals("idleTimeout must not be null", e.getMessage());
      e = assertThrows(NullPointerException.class, () -> StoreConfig.builder().ticker(null));
      assertEquals("ticker must not be null", e.getMessage());
      e = assertThrows(NullPointerException.class, () -> StoreConfig.builder().scheduler(null));
      assertEquals("scheduler must not be null", e.getMessage());
    }

    @Test
    void perPrincipalMaximumAboveGlobalMaximumIsRefused() {
      assertRefused(
          "maxSessionsPerPrincipal must not exceed maxSessions, but was 6 with maxSessions 3",
          () -> StoreConfig.builder().maxSessions(3).maxSessionsPerPrincipal(6).build());
    }

    @Test
    void sweepIntervalLongerThanIdleTimeoutIsRefused() {
      assertRefused(
          "sweepInterval must not exceed idleTimeout, but was PT2M with idleTimeout PT1M",
          () ->
              StoreConfig.builder()
                  .idleTimeout(Duration.ofMinutes(1))
                  .sweepInterval(Duration.ofMinutes(2))
                  .build());
    }
  }
}
