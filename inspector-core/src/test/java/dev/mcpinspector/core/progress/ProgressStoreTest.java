package dev.mcpinspector.core.progress;

import static dev.mcpinspector.core.event.EventTesting.collect;
import static dev.mcpinspector.core.event.EventTesting.concurrently;
import static dev.mcpinspector.core.event.EventTesting.events;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mcpinspector.core.event.CloseReason;
import dev.mcpinspector.core.event.EventTesting.Collected;
import dev.mcpinspector.core.event.ManualScheduler;
import dev.mcpinspector.core.event.ServerFilter;
import dev.mcpinspector.core.event.Subscription;
import dev.mcpinspector.core.session.SessionId;
import dev.mcpinspector.core.time.FakeTicker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ProgressStoreTest {

  private final FakeTicker ticker = new FakeTicker();
  private final ManualScheduler scheduler = new ManualScheduler(ticker);
  private final SessionId session = SessionId.generate();
  private ProgressStore store = store(ProgressConfig.DEFAULT);

  private ProgressStore store(ProgressConfig config) {
    ProgressStore created = ProgressStore.create(config, scheduler, ticker, ticker);
    created.open(session);
    return created;
  }

  @AfterEach
  void close() {
    store.close();
  }

  @Nested
  class BadInput {
    @Test
    void nullAndEmptyFieldsAreRefused() {
      assertEquals(
          "session must not be null",
          assertThrows(
                  NullPointerException.class, () -> store.report(null, "a", "t", 1, null, null))
              .getMessage());
      assertEquals(
          "serverId must not be null",
          assertThrows(
                  NullPointerException.class, () -> store.report(session, null, "t", 1, null, null))
              .getMessage());
      assertEquals(
          "progressToken must not be empty",
          assertThrows(
                  IllegalArgumentException.class,
                  () -> store.report(session, "a", "", 1, null, null))
              .getMessage());
      assertEquals(
          "progress must be a finite number, but was NaN",
          assertThrows(
                  IllegalArgumentException.class,
                  () -> store.report(session, "a", "t", Double.NaN, null, null))
              .getMessage());
      assertEquals(
          "total must be a finite number, but was Infinity",
          assertThrows(
                  IllegalArgumentException.class,
                  () -> store.report(session, "a", "t", 1, Double.POSITIVE_INFINITY, null))
              .getMessage());
      assertEquals(
          "staleAfter must be positive, but was PT0S",
          assertThrows(
                  IllegalArgumentException.class,
                  () -> ProgressConfig.builder().staleAfter(Duration.ZERO))
              .getMessage());
    }
  }

  @Nested
  class Storage {
    @Test
    void keepsTheLatestPerServerAndTokenWithCompositeKeys() {
      store.report(session, "a::b", "c", 1, 10.0, "one");
      store.report(session, "a", "b::c", 2, null, null);
      store.report(session, "a::b", "c", 3, 10.0, "three");
      List<ProgressUpdate> all = store.snapshot(session, ServerFilter.all());
      assertEquals(2, all.size());
      assertEquals(new ProgressKey("a", "b::c"), all.get(0).key());
      assertEquals(3, all.get(1).progress());
      assertEquals("three", all.get(1).message());
      assertEquals(1, store.snapshot(session, ServerFilter.only("a")).size());
    }

    @Test
    void overTheTokenLimitTheLeastRecentlyUpdatedIsEvicted() {
      store.close();
      store = store(ProgressConfig.builder().maxTokensPerSession(2).build());
      store.report(session, "a", "t1", 1, null, null);
      store.report(session, "a", "t2", 1, null, null);
      store.report(session, "a", "t1", 2, null, null);
      store.report(session, "a", "t3", 1, null, null);
      assertEquals(
          List.of("t1", "t3"),
          store.snapshot(session, ServerFilter.all()).stream()
              .map(u -> u.key().progressToken())
              .toList());
      assertEquals(1, store.stats().evictedOverLimit());
    }

    @Test
    void staleEntriesAreRemovedByTheScheduler() {
      store.report(session, "a", "old", 1, null, null);
      ticker.advance(Duration.ofMinutes(3));
      store.report(session, "a", "new", 1, null, null);
      ticker.advance(Duration.ofMinutes(2));
      scheduler.runDue();
      assertEquals(
          List.of("new"),
          store.snapshot(session, ServerFilter.all()).stream()
              .map(u -> u.key().progressToken())
              .toList());
      ticker.advance(Duration.ofMinutes(3));
      scheduler.runDue();
      assertEquals(List.of(), store.snapshot(session, ServerFilter.all()));
      assertEquals(2, store.stats().expiredStale());
      assertEquals(0, scheduler.pendingTasks());
    }

    @Test
    void reportAfterClearSessionIsDroppedAndTheSweepIsCancelled() {
      store.report(session, "a", "t", 1, null, null);
      store.clearSession(session);
      store.report(session, "a", "t", 2, null, null);
      assertEquals(List.of(), store.snapshot(session, ServerFilter.all()));
      assertEquals(0, scheduler.pendingTasks());
      assertEquals(1, store.stats().droppedNotOpen());
    }

    @Test
    void longMessagesAreCut() {
      store.report(session, "a", "t", 1, null, "m".repeat(10_000));
      assertEquals(
          ProgressConfig.DEFAULT_MAX_MESSAGE_CHARS,
          store.snapshot(session, ServerFilter.all()).get(0).message().length());
    }
  }

  @Nested
  class Subscribing {
    @Test
    void replaysLatestThenDeliversEveryReportInOrder() {
      store.report(session, "a", "t", 1, null, null);
      AtomicInteger ready = new AtomicInteger();
      Subscription<ProgressUpdate> sub =
          store.subscribe(session, ServerFilter.all(), ready::incrementAndGet);
      store.report(session, "a", "t", 2, null, null);
      store.report(session, "a", "t", 3, null, null);
      assertEquals(
          List.of(1.0, 2.0, 3.0),
          events(sub.poll(10)).stream().map(ProgressUpdate::progress).toList());
      assertEquals(1, ready.get());
    }

    @Test
    void throwingCallbackIsRemovedOthersContinue() {
      Subscription<ProgressUpdate> bad =
          store.subscribe(
              session,
              ServerFilter.all(),
              () -> {
                throw new IllegalStateException("boom");
              });
      Subscription<ProgressUpdate> good = store.subscribe(session, ServerFilter.all(), () -> {});
      store.report(session, "a", "t", 1, null, null);
      store.report(session, "a", "t", 2, null, null);
      assertEquals(CloseReason.CALLBACK_FAILED, bad.closeReason());
      assertEquals(2, events(good.poll(10)).size());
      assertEquals(1, store.stats().subscribers());
    }

    @Test
    void clearSessionClosesSubscriptions() {
      AtomicInteger ready = new AtomicInteger();
      Subscription<ProgressUpdate> sub =
          store.subscribe(session, ServerFilter.all(), ready::incrementAndGet);
      store.clearSession(session);
      assertEquals(CloseReason.SESSION_CLOSED, sub.closeReason());
      assertEquals(1, ready.get());
    }
  }

  @Nested
  class Isolation {
    @Test
    void fiveHundredSessionsEachSeeOnlyTheirOwnProgressInPublishOrder() throws Exception {
      int sessionCount = 500;
      int publishers = 4;
      int reports = 20;
      int perSession = publishers * reports * 2;
      store.close();
      store = store(ProgressConfig.builder().subscriberQueueSize(1000).build());
      SessionId[] sessions = new SessionId[sessionCount];
      List<Subscription<ProgressUpdate>> subs = new ArrayList<>();
      LinkedBlockingQueue<Integer> ready = new LinkedBlockingQueue<>();
      for (int i = 0; i < sessionCount; i++) {
        sessions[i] = SessionId.generate();
        store.open(sessions[i]);
        int index = i;
        subs.add(store.subscribe(sessions[i], ServerFilter.all(), () -> ready.add(index)));
      }
      Collected<ProgressUpdate> collected =
          collect(
              subs,
              ready,
              perSession,
              () ->
                  concurrently(
                      publishers,
                      id -> {
                        for (int r = 0; r < reports; r++) {
                          for (int s = 0; s < sessionCount; s++) {
                            for (String server : new String[] {"a", "b"}) {
                              store.report(sessions[s], server, "tok" + id, r, null, "s" + s);
                            }
                          }
                        }
                      }));
      assertEquals(List.of(), collected.gaps());
      for (int s = 0; s < sessionCount; s++) {
        List<ProgressUpdate> updates = collected.received().get(s);
        assertEquals(perSession, updates.size());
        java.util.Map<ProgressKey, Double> last = new java.util.HashMap<>();
        for (int k = 0; k < updates.size(); k++) {
          ProgressUpdate u = updates.get(k);
          assertEquals(sessions[s], u.session());
          assertEquals("s" + s, u.message());
          assertEquals(k + 1, u.sequence());
          Double previous = last.put(u.key(), u.progress());
          assertTrue(previous == null || previous < u.progress(), "per-token order kept");
        }
        assertEquals(publishers * 2, store.snapshot(sessions[s], ServerFilter.all()).size());
      }
    }
  }
}
