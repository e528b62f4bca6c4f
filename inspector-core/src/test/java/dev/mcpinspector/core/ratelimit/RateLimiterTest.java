package dev.mcpinspector.core.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mcpinspector.core.time.FakeTicker;
import java.time.Duration;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class RateLimiterTest {

  final FakeTicker time = new FakeTicker();

  @Nested
  class TokenBucket {
    final RateLimiter limiter = RateLimiter.create(RateLimit.of(3, Duration.ofSeconds(3)), time);

    @Test
    void aBurstUpToThePermitsPassesThenTheNextIsRefusedWithTheWait() {
      for (int i = 0; i < 3; i++) {
        assertTrue(limiter.tryAcquire("alice").allowed());
      }
      RateLimiter.Decision refused = limiter.tryAcquire("alice");
      assertFalse(refused.allowed());
      assertEquals(Duration.ofSeconds(1).toNanos(), refused.retryAfterNanos(), 1_000);
      assertEquals(1, refused.retryAfterSeconds());
    }

    @Test
    void tokensRefillEvenlyOverThePeriod() {
      for (int i = 0; i < 3; i++) {
        limiter.tryAcquire("alice");
      }
      time.advance(Duration.ofMillis(999));
      assertFalse(limiter.tryAcquire("alice").allowed());
      time.advance(Duration.ofMillis(2));
      assertTrue(limiter.tryAcquire("alice").allowed());
      assertFalse(limiter.tryAcquire("alice").allowed());
    }

    @Test
    void oneKeysUseNeverCostsAnotherKey() {
      for (int i = 0; i < 10; i++) {
        limiter.tryAcquire("alice");
      }
      assertTrue(limiter.tryAcquire("bob").allowed());
      RateLimiterStats stats = limiter.stats();
      assertEquals("3/PT3S", stats.limit());
      assertEquals(4, stats.allowed());
      assertEquals(7, stats.refused());
      assertEquals(2, stats.trackedKeys());
    }
  }

  @Test
  void trackedKeysStayBounded() {
    RateLimiter limiter = RateLimiter.create(RateLimit.of(1, Duration.ofMinutes(1)), 100, time);
    for (int i = 0; i < 10_000; i++) {
      limiter.tryAcquire("user-" + i);
    }
    assertTrue(limiter.stats().trackedKeys() <= 100, limiter.stats()::toString);
  }

  @Test
  void unlimitedAllowsEverything() {
    RateLimiter limiter = RateLimiter.create(RateLimit.parse("off"), time);
    for (int i = 0; i < 1000; i++) {
      assertTrue(limiter.tryAcquire("alice").allowed());
    }
    assertEquals(0, limiter.stats().trackedKeys());
  }

  @Test
  void textFormsParse() {
    assertEquals(RateLimit.of(600, Duration.ofMinutes(1)), RateLimit.parse("600/PT1M"));
    assertEquals(RateLimit.of(600, Duration.ofMinutes(1)), RateLimit.parse("600/60"));
    assertEquals(RateLimit.of(10, Duration.ofSeconds(1)), RateLimit.parse(" 10 / s "));
    assertEquals(RateLimit.of(1000, Duration.ofHours(1)), RateLimit.parse("1000/h"));
    assertTrue(RateLimit.parse("OFF").isUnlimited());
    assertEquals("600/PT1M", RateLimit.parse("600/min").toString());
    for (String bad : new String[] {"600", "/s", "0/s", "x/s", "5/forever", "5/PT0S"}) {
      assertThrows(IllegalArgumentException.class, () -> RateLimit.parse(bad), bad);
    }
  }
}
