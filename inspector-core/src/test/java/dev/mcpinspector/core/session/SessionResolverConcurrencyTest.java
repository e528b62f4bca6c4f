package dev.mcpinspector.core.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mcpinspector.core.Mode;
import dev.mcpinspector.core.auth.BrowserRequests;
import dev.mcpinspector.core.time.FakeTicker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SessionResolverConcurrencyTest {

  @Test
  void concurrentLoginsResolvesLogoutsAndSweeps_leaveNothingBehind() throws Exception {
    FakeTicker time = new FakeTicker();
    SessionConfig config =
        SessionConfig.builder()
            .mode(Mode.HOSTED)
            .signingKeys(SigningKeyRing.of(List.of(SessionResolverTest.KEY_A)))
            .build();
    SessionResolver resolver = SessionResolver.create(config, time, time, id -> false);
    AtomicInteger logouts = new AtomicInteger();
    resolver.addListener(
        (id, p, reason) -> {
          if (reason == EndReason.LOGOUT) {
            logouts.incrementAndGet();
          }
        });
    int threads = 4;
    int rounds = 200;
    CountDownLatch start = new CountDownLatch(1);
    AtomicBoolean done = new AtomicBoolean();
    ExecutorService pool = Executors.newFixedThreadPool(threads + 1);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        Principal p = new Principal("test", "user" + t, null, Set.of());
        futures.add(
            pool.submit(
                () -> {
                  start.await();
                  for (int i = 0; i < rounds; i++) {
                    Resolution pre = resolver.resolve(SessionResolverTest.request(), null);
                    Resolution in =
                        resolver.login(
                            SessionResolverTest.request(BrowserRequests.cookie(pre)), pre, p);
                    for (int j = 0; j < 5; j++) {
                      Resolution again =
                          resolver.resolve(
                              SessionResolverTest.request(BrowserRequests.cookie(in)), null);
                      assertEquals(in.sessionId(), again.sessionId());
                      assertEquals(p, again.principal());
                    }
                    resolver.logout(SessionResolverTest.request(), in);
                    assertTrue(
                        resolver
                            .resolve(SessionResolverTest.request(BrowserRequests.cookie(in)), null)
                            .renewed());
                  }
                  return null;
                }));
      }
      Future<?> sweeper =
          pool.submit(
              () -> {
                start.await();
                while (!done.get()) {
                  resolver.sweep();
                  time.advance(Duration.ofMillis(1));
                }
                return null;
              });
      start.countDown();
      for (Future<?> f : futures) {
        f.get(60, TimeUnit.SECONDS);
      }
      done.set(true);
      sweeper.get(60, TimeUnit.SECONDS);
    } finally {
      pool.shutdownNow();
    }
    assertEquals(threads * rounds, logouts.get());
    assertEquals(0, resolver.boundSessionCount());
  }
}
