package dev.mcpinspector.core.rpc;

import static dev.mcpinspector.core.event.EventTesting.collect;
import static dev.mcpinspector.core.event.EventTesting.concurrently;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mcpinspector.core.event.EventTesting.Collected;
import dev.mcpinspector.core.event.ManualScheduler;
import dev.mcpinspector.core.event.ServerFilter;
import dev.mcpinspector.core.event.StreamItem;
import dev.mcpinspector.core.event.Subscription;
import dev.mcpinspector.core.session.SessionId;
import dev.mcpinspector.core.time.FakeTicker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class RpcLogBudgetAndIsolationTest {

  private final FakeTicker ticker = new FakeTicker();
  private final ManualScheduler scheduler = new ManualScheduler(ticker);

  @Nested
  class GlobalBudget {
    @Test
    void waterLevelCutsOnlyTheLargest() {
      assertEquals(40, RingBufferRpcLogBus.waterLevel(new long[] {10, 50, 100}, 90));
      assertEquals(Long.MAX_VALUE, RingBufferRpcLogBus.waterLevel(new long[] {1, 2}, 90));
    }

    @Test
    void sessionWithinItsFairShareNeverLosesEventsBecauseOfAnother() {
      RpcLogConfig config =
          RpcLogConfig.builder()
              .maxBytes(1024 * 1024)
              .maxEventBytes(64 * 1024)
              .timestampPrecision(Duration.ZERO)
              .build();
      try (RpcLogBus bus = RpcLogBus.create(config, scheduler, ticker, ticker)) {
        SessionId small = SessionId.generate();
        SessionId big = SessionId.generate();
        bus.open(small);
        bus.open(big);
        String kb = "s".repeat(512);
        for (int i = 0; i < 100; i++) {
          bus.publish(small, "a", Direction.SEND, kb);
        }
        String large = "b".repeat(16 * 1024);
        for (int i = 0; i < 1000; i++) {
          bus.publish(big, "a", Direction.RECEIVE, large);
          assertTrue(bus.stats().retainedBytes() <= config.maxBytes());
        }
        assertEquals(100, bus.snapshot(small, ServerFilter.all(), 1000).size());
        assertTrue(bus.stats().evictedByBudget() > 0);
        assertTrue(bus.snapshot(big, ServerFilter.all(), 1000).size() > 10);
      }
    }

    @Test
    void replayAfterBudgetTrimStartsWithAGap() {
      RpcLogConfig config =
          RpcLogConfig.builder().maxBytes(64 * 1024).maxEventBytes(8 * 1024).build();
      try (RpcLogBus bus = RpcLogBus.create(config, scheduler, ticker, ticker)) {
        SessionId session = SessionId.generate();
        bus.open(session);
        for (int i = 0; i < 100; i++) {
          bus.publish(session, "a", Direction.SEND, "x".repeat(2000));
        }
        List<RpcEvent> kept = bus.snapshot(session, ServerFilter.all(), 1000);
        long firstKept = kept.get(0).sequence();
        assertTrue(firstKept > 1);
        Subscription<RpcEvent> sub = bus.subscribe(session, ServerFilter.all(), 0, () -> {});
        List<StreamItem<RpcEvent>> items = sub.poll(1000);
        assertEquals(new StreamItem.Gap<RpcEvent>(1, firstKept - 1), items.get(0));
        assertEquals(kept.size() + 1, items.size());
      }
    }

    @Test
    void twoGigabytesThroughA64MiBBudgetNeverRetainsMoreThanTheBudget() throws Exception {
      long budget = 64L * 1024 * 1024;
      RpcLogConfig config = RpcLogConfig.builder().maxBytes(budget).build();
      try (RpcLogBus bus = RpcLogBus.create(config, scheduler, ticker, ticker)) {
        int sessionsCount = 16;
        SessionId[] sessions = new SessionId[sessionsCount];
        for (int i = 0; i < sessionsCount; i++) {
          sessions[i] = SessionId.generate();
          bus.open(sessions[i]);
        }
        String[] messages = {"m".repeat(32 * 1024), "n".repeat(7 * 1024), "o".repeat(100)};
        long target = 2L * 1024 * 1024 * 1024;
        int threads = 3;
        AtomicLong published = new AtomicLong();
        AtomicLong maxSeen = new AtomicLong();
        AtomicBoolean done = new AtomicBoolean();
        Thread sampler =
            new Thread(
                () -> {
                  while (!done.get()) {
                    maxSeen.accumulateAndGet(bus.stats().retainedBytes(), Math::max);
                  }
                });
        sampler.start();
        try {
          concurrently(
              threads,
              id -> {
                int k = id;
                while (published.get() < target) {
                  String m = messages[k % messages.length];
                  bus.publish(
                      sessions[k % sessionsCount], k % 2 == 0 ? "a" : "b", Direction.SEND, m);
                  published.addAndGet(2L * m.length());
                  k++;
                }
              });
        } finally {
          done.set(true);
          sampler.join();
        }
        assertTrue(published.get() >= target);
        assertTrue(maxSeen.get() <= budget, "max retained " + maxSeen.get());
        assertTrue(bus.stats().retainedBytes() <= budget);
        assertTrue(bus.stats().evictedByBudget() > 0);
      }
    }
  }

  @Nested
  class Isolation {
    @Test
    void fiveHundredSessionsWithSameServerNamesEachSeeExactlyTheirOwnEventsInOrder()
        throws Exception {
      int sessionCount = 500;
      int publishers = 4;
      int rounds = 10;
      int perSession = publishers * rounds * 2;
      try (RpcLogBus bus = RpcLogBus.create(RpcLogConfig.DEFAULT, scheduler, ticker, ticker)) {
        SessionId[] sessions = new SessionId[sessionCount];
        List<Subscription<RpcEvent>> subs = new ArrayList<>();
        LinkedBlockingQueue<Integer> ready = new LinkedBlockingQueue<>();
        for (int i = 0; i < sessionCount; i++) {
          sessions[i] = SessionId.generate();
          bus.open(sessions[i]);
          int index = i;
          subs.add(bus.subscribe(sessions[i], ServerFilter.all(), 0, () -> ready.add(index)));
        }
        Collected<RpcEvent> collected =
            collect(
                subs,
                ready,
                perSession,
                () ->
                    concurrently(
                        publishers,
                        id -> {
                          for (int r = 0; r < rounds; r++) {
                            for (int s = 0; s < sessionCount; s++) {
                              for (String server : new String[] {"a", "b"}) {
                                bus.publish(
                                    sessions[s],
                                    server,
                                    Direction.SEND,
                                    "{\"s\":" + s + ",\"t\":" + id + ",\"r\":" + r + "}");
                              }
                            }
                          }
                        }));
        assertEquals(List.of(), collected.gaps());
        for (int s = 0; s < sessionCount; s++) {
          List<RpcEvent> events = collected.received().get(s);
          assertEquals(perSession, events.size());
          int[] lastRound = new int[publishers];
          java.util.Arrays.fill(lastRound, -1);
          for (int k = 0; k < events.size(); k++) {
            RpcEvent e = events.get(k);
            assertEquals(sessions[s], e.session());
            assertEquals(k + 1, e.sequence());
            assertTrue(e.message().startsWith("{\"s\":" + s + ","), e.message());
            int t = e.message().charAt(e.message().indexOf("\"t\":") + 4) - '0';
            int r =
                Integer.parseInt(
                    e.message()
                        .substring(e.message().indexOf("\"r\":") + 4, e.message().length() - 1));
            assertTrue(r >= lastRound[t], "per-publisher order kept");
            lastRound[t] = r;
          }
          assertEquals(perSession, bus.snapshot(sessions[s], ServerFilter.all(), 1000).size());
          assertEquals(
              perSession / 2, bus.snapshot(sessions[s], ServerFilter.only("a"), 1000).size());
        }
      }
    }
  }
}
