package dev.mcpinspector.core.rpc;

import static dev.mcpinspector.core.event.EventTesting.sequences;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mcpinspector.core.event.CloseReason;
import dev.mcpinspector.core.event.ManualScheduler;
import dev.mcpinspector.core.event.ServerFilter;
import dev.mcpinspector.core.event.StreamItem;
import dev.mcpinspector.core.event.Subscription;
import dev.mcpinspector.core.session.SessionId;
import dev.mcpinspector.core.time.FakeTicker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class RpcLogBusTest {

  private final FakeTicker ticker = new FakeTicker();
  private final ManualScheduler scheduler = new ManualScheduler(ticker);
  private final SessionId session = SessionId.generate();
  private RpcLogBus bus = bus(RpcLogConfig.builder().timestampPrecision(Duration.ZERO).build());

  private RpcLogBus bus(RpcLogConfig config) {
    RpcLogBus created = RpcLogBus.create(config, scheduler, ticker, ticker);
    created.open(session);
    return created;
  }

  @AfterEach
  void closeBus() {
    bus.close();
  }

  private void publish(String server, int count) {
    for (int i = 0; i < count; i++) {
      bus.publish(session, server, Direction.SEND, "{\"n\":" + i + "}");
    }
  }

  @Nested
  class BadInput {
    @Test
    void nullFieldsAreRefusedWithTheirName() {
      assertEquals(
          "session must not be null",
          assertThrows(
                  NullPointerException.class, () -> bus.publish(null, "a", Direction.SEND, "{}"))
              .getMessage());
      assertEquals(
          "serverId must not be null",
          assertThrows(
                  NullPointerException.class,
                  () -> bus.publish(session, null, Direction.SEND, "{}"))
              .getMessage());
      assertEquals(
          "direction must not be null",
          assertThrows(NullPointerException.class, () -> bus.publish(session, "a", null, "{}"))
              .getMessage());
      assertEquals(
          "json must not be null",
          assertThrows(
                  NullPointerException.class, () -> bus.publish(session, "a", Direction.SEND, null))
              .getMessage());
    }

    @Test
    void emptyServerIdIsRefused() {
      assertEquals(
          "serverId must not be empty",
          assertThrows(
                  IllegalArgumentException.class,
                  () -> bus.publish(session, "", Direction.SEND, "{}"))
              .getMessage());
      assertEquals(
          "serverId must not be empty; use ServerFilter.all() for every server",
          assertThrows(IllegalArgumentException.class, () -> ServerFilter.only("")).getMessage());
    }

    @Test
    void negativeLimitIsRefusedAndZeroLimitIsEmpty() {
      publish("a", 3);
      assertEquals(
          "limit must be 0 or more, but was -1",
          assertThrows(
                  IllegalArgumentException.class,
                  () -> bus.snapshot(session, ServerFilter.all(), -1))
              .getMessage());
      assertEquals(List.of(), bus.snapshot(session, ServerFilter.all(), 0));
    }

    @Test
    void negativeAfterSequenceIsRefused() {
      assertEquals(
          "afterSequence must be 0 or more, but was -5",
          assertThrows(
                  IllegalArgumentException.class,
                  () -> bus.subscribe(session, ServerFilter.all(), -5, () -> {}))
              .getMessage());
    }

    @Test
    void pollWithZeroMaxIsRefused() {
      Subscription<RpcEvent> sub = bus.subscribe(session, ServerFilter.all(), 0, () -> {});
      assertEquals(
          "max must be at least 1, but was 0",
          assertThrows(IllegalArgumentException.class, () -> sub.poll(0)).getMessage());
    }

    @Test
    void configRefusesBadValuesNamingThem() {
      assertEquals(
          "capacityPerServer must be at least 1, but was 0",
          assertThrows(
                  IllegalArgumentException.class, () -> RpcLogConfig.builder().capacityPerServer(0))
              .getMessage());
      assertEquals(
          "maxEventBytes must be at least 1024, but was 10",
          assertThrows(
                  IllegalArgumentException.class, () -> RpcLogConfig.builder().maxEventBytes(10))
              .getMessage());
      assertEquals(
          "maxBytes must be at least maxEventBytes + 96 (2144), but was maxBytes=2000 with"
              + " maxEventBytes=2048",
          assertThrows(
                  IllegalArgumentException.class,
                  () -> RpcLogConfig.builder().maxEventBytes(2048).maxBytes(2000).build())
              .getMessage());
      assertEquals(
          "subscriberStallTimeout must not be negative, but was PT-1S",
          assertThrows(
                  IllegalArgumentException.class,
                  () -> RpcLogConfig.builder().subscriberStallTimeout(Duration.ofSeconds(-1)))
              .getMessage());
    }

    @Test
    void subscriberLimitPerSessionIsEnforced() {
      bus.close();
      bus = bus(RpcLogConfig.builder().maxSubscribersPerSession(1).build());
      bus.subscribe(session, ServerFilter.all(), 0, () -> {});
      assertEquals(
          "the session already has 1 open subscriptions (maxSubscribersPerSession); close one"
              + " first",
          assertThrows(
                  IllegalStateException.class,
                  () -> bus.subscribe(session, ServerFilter.all(), 0, () -> {}))
              .getMessage());
    }
  }

  @Nested
  class Publishing {
    @Test
    void sequencesArePerSessionAndStartAtOne() {
      SessionId other = SessionId.generate();
      bus.open(other);
      assertEquals(1, bus.publish(session, "a", Direction.SEND, "{}"));
      assertEquals(2, bus.publish(session, "b", Direction.RECEIVE, "{}"));
      assertEquals(1, bus.publish(other, "a", Direction.SEND, "{}"));
    }

    @Test
    void eventCarriesItsFieldsAndTheClockTime() {
      ticker.advance(Duration.ofMillis(1234));
      bus.publish(session, "a", Direction.RECEIVE, "{\"id\":1}");
      RpcEvent event = bus.snapshot(session, ServerFilter.all(), 10).get(0);
      assertEquals(session, event.session());
      assertEquals("a", event.serverId());
      assertEquals(Direction.RECEIVE, event.direction());
      assertEquals(ticker.millis(), event.timestamp());
      assertEquals("{\"id\":1}", event.message());
      assertFalse(event.truncated());
    }

    @Test
    void cachedTimestampIsRefreshedByTheScheduler() {
      bus.close();
      bus = bus(RpcLogConfig.builder().timestampPrecision(Duration.ofMillis(1)).build());
      long start = ticker.millis();
      ticker.advance(Duration.ofMillis(5));
      bus.publish(session, "a", Direction.SEND, "{}");
      scheduler.runDue();
      bus.publish(session, "a", Direction.SEND, "{}");
      List<RpcEvent> events = bus.snapshot(session, ServerFilter.all(), 10);
      assertEquals(start, events.get(0).timestamp());
      assertEquals(start + 5, events.get(1).timestamp());
    }

    @Test
    void ringKeepsTheNewestCapacityEventsPerServer() {
      bus.close();
      bus = bus(RpcLogConfig.builder().capacityPerServer(3).build());
      publish("a", 5);
      publish("b", 1);
      assertEquals(
          List.of(3L, 4L, 5L),
          bus.snapshot(session, ServerFilter.only("a"), 100).stream()
              .map(RpcEvent::sequence)
              .toList());
      assertEquals(4, bus.stats().retainedEvents());
      assertEquals(2, bus.stats().evictedByCapacity());
    }

    @Test
    void tenMegabyteMessageIsTruncatedWithAVisibleMarker() {
      String huge = "x".repeat(10 * 1024 * 1024);
      bus.publish(session, "a", Direction.RECEIVE, huge);
      RpcEvent event = bus.snapshot(session, ServerFilter.all(), 1).get(0);
      assertTrue(event.truncated());
      assertTrue(event.message().length() <= RpcLogConfig.DEFAULT_MAX_EVENT_BYTES / 2);
      assertTrue(
          event
              .message()
              .endsWith(
                  "\u2026[truncated by the inspector: 10485760 characters, the"
                      + " first 130976 kept]"),
          event.message().substring(event.message().length() - 100));
      assertEquals(1, bus.stats().truncatedEvents());
    }

    @Test
    void truncationNeverSplitsASurrogatePair() {
      String emoji = "\uD83D\uDE00";
      String huge = emoji.repeat(200_000);
      bus.publish(session, "a", Direction.RECEIVE, huge);
      String message = bus.snapshot(session, ServerFilter.all(), 1).get(0).message();
      int marker = message.indexOf('\u2026');
      assertFalse(Character.isHighSurrogate(message.charAt(marker - 1)));
    }
  }

  @Nested
  class Snapshot {
    @Test
    void returnsTheNewestInSequenceOrderAcrossServers() {
      for (int i = 0; i < 10; i++) {
        bus.publish(session, i % 2 == 0 ? "a" : "b", Direction.SEND, "{}");
      }
      assertEquals(
          List.of(7L, 8L, 9L, 10L),
          bus.snapshot(session, ServerFilter.all(), 4).stream().map(RpcEvent::sequence).toList());
      assertEquals(
          List.of(6L, 8L, 10L),
          bus.snapshot(session, ServerFilter.only("b"), 3).stream()
              .map(RpcEvent::sequence)
              .toList());
      assertEquals(10, bus.snapshot(session, ServerFilter.all(), Integer.MAX_VALUE).size());
    }

    @Test
    void unknownServerOrSessionGivesAnEmptyList() {
      publish("a", 2);
      assertEquals(List.of(), bus.snapshot(session, ServerFilter.only("zz"), 10));
      assertEquals(List.of(), bus.snapshot(SessionId.generate(), ServerFilter.all(), 10));
    }
  }

  @Nested
  class Subscribing {
    @Test
    void replaysRetainedThenDeliversLive() {
      publish("a", 3);
      AtomicInteger ready = new AtomicInteger();
      Subscription<RpcEvent> sub =
          bus.subscribe(session, ServerFilter.all(), 1, ready::incrementAndGet);
      assertEquals(1, ready.get());
      assertEquals(List.of(2L, 3L), sequences(sub.poll(10)));
      publish("a", 1);
      assertEquals(2, ready.get());
      assertEquals(List.of(4L), sequences(sub.poll(10)));
    }

    @Test
    void readySignalOnlyOnEmptyToNonEmpty() {
      AtomicInteger ready = new AtomicInteger();
      Subscription<RpcEvent> sub =
          bus.subscribe(session, ServerFilter.all(), 0, ready::incrementAndGet);
      publish("a", 5);
      assertEquals(1, ready.get());
      assertEquals(2, sub.poll(2).size());
      publish("a", 1);
      assertEquals(1, ready.get());
      assertEquals(4, sub.poll(10).size());
      publish("a", 1);
      assertEquals(2, ready.get());
    }

    @Test
    void afterSequenceInTheFutureDeliversOnlyLiveEvents() {
      publish("a", 3);
      Subscription<RpcEvent> sub = bus.subscribe(session, ServerFilter.all(), 999, () -> {});
      assertEquals(List.of(), sub.poll(10));
      publish("a", 1);
      assertEquals(List.of(4L), sequences(sub.poll(10)));
    }

    @Test
    void afterSequenceFarInThePastReplaysFromOldestRetainedAfterAGap() {
      bus.close();
      bus = bus(RpcLogConfig.builder().capacityPerServer(3).build());
      publish("a", 10);
      Subscription<RpcEvent> sub = bus.subscribe(session, ServerFilter.all(), 2, () -> {});
      List<StreamItem<RpcEvent>> items = sub.poll(10);
      assertEquals(new StreamItem.Gap<RpcEvent>(3, 7), items.get(0));
      assertEquals(List.of(8L, 9L, 10L), sequences(items));
    }

    @Test
    void allServersFilterIncludesServersThatAppearLater() {
      Subscription<RpcEvent> all = bus.subscribe(session, ServerFilter.all(), 0, () -> {});
      Subscription<RpcEvent> onlyA = bus.subscribe(session, ServerFilter.only("a"), 0, () -> {});
      bus.publish(session, "late", Direction.SEND, "{}");
      bus.publish(session, "a", Direction.SEND, "{}");
      assertEquals(List.of(1L, 2L), sequences(all.poll(10)));
      assertEquals(List.of(2L), sequences(onlyA.poll(10)));
    }

    @Test
    void subscribingToASessionThatIsNotOpenGivesAClosedSubscription() {
      Subscription<RpcEvent> sub =
          bus.subscribe(SessionId.generate(), ServerFilter.all(), 0, () -> {});
      assertTrue(sub.isClosed());
      assertEquals(CloseReason.SESSION_CLOSED, sub.closeReason());
    }

    @Test
    void closedSubscriptionIsRemoved() {
      Subscription<RpcEvent> sub = bus.subscribe(session, ServerFilter.all(), 0, () -> {});
      sub.close();
      assertEquals(0, bus.stats().subscribers());
      assertEquals(CloseReason.CLOSED_BY_SUBSCRIBER, sub.closeReason());
      publish("a", 1);
      assertEquals(List.of(), sub.poll(10));
    }
  }

  @Nested
  class SlowAndFaultySubscribers {
    @Test
    void subscriberThatDoesNotPollLosesItsOldestAndGetsAGap() {
      bus.close();
      bus = bus(RpcLogConfig.builder().subscriberQueueSize(3).build());
      Subscription<RpcEvent> slow = bus.subscribe(session, ServerFilter.all(), 0, () -> {});
      Subscription<RpcEvent> fast = bus.subscribe(session, ServerFilter.all(), 0, () -> {});
      List<Long> fastSeen = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        publish("a", 1);
        fastSeen.addAll(sequences(fast.poll(10)));
      }
      assertEquals(10, fastSeen.size());
      List<StreamItem<RpcEvent>> items = slow.poll(10);
      assertEquals(new StreamItem.Gap<RpcEvent>(1, 7), items.get(0));
      assertEquals(List.of(8L, 9L, 10L), sequences(items));
      assertEquals(7, bus.stats().subscriberDroppedEvents());
    }

    @Test
    void throwingCallbackRemovesOnlyThatSubscriber() {
      Subscription<RpcEvent> bad =
          bus.subscribe(
              session,
              ServerFilter.all(),
              0,
              () -> {
                throw new IllegalStateException("boom");
              });
      AtomicInteger goodReady = new AtomicInteger();
      Subscription<RpcEvent> good =
          bus.subscribe(session, ServerFilter.all(), 0, goodReady::incrementAndGet);
      publish("a", 1);
      assertTrue(bad.isClosed());
      assertEquals(CloseReason.CALLBACK_FAILED, bad.closeReason());
      assertFalse(good.isClosed());
      assertEquals(1, goodReady.get());
      publish("a", 1);
      assertEquals(List.of(1L, 2L), sequences(good.poll(10)));
      assertEquals(1, bus.stats().subscribers());
      assertEquals(1, bus.stats().subscribersCutOff());
    }

    @Test
    void subscriberThatNeverPollsIsCutOffAfterTheStallTimeoutWithoutBlockingPublishers() {
      bus.close();
      bus =
          bus(
              RpcLogConfig.builder()
                  .subscriberQueueSize(2)
                  .subscriberStallTimeout(Duration.ofSeconds(30))
                  .build());
      AtomicInteger ready = new AtomicInteger();
      Subscription<RpcEvent> stuck =
          bus.subscribe(session, ServerFilter.all(), 0, ready::incrementAndGet);
      publish("a", 100);
      assertFalse(stuck.isClosed());
      ticker.advance(Duration.ofSeconds(30));
      publish("a", 1);
      assertTrue(stuck.isClosed());
      assertEquals(CloseReason.STALLED, stuck.closeReason());
      assertEquals(2, ready.get());
      assertEquals(0, bus.stats().subscribers());
      assertEquals(102, bus.publish(session, "a", Direction.SEND, "{}"));
    }

    @Test
    void subscriberThatPollsIsNotCutOffEvenWhenLosingEvents() {
      bus.close();
      bus = bus(RpcLogConfig.builder().subscriberQueueSize(2).build());
      Subscription<RpcEvent> sub = bus.subscribe(session, ServerFilter.all(), 0, () -> {});
      for (int i = 0; i < 5; i++) {
        ticker.advance(Duration.ofSeconds(20));
        sub.poll(1);
        publish("a", 10);
      }
      assertFalse(sub.isClosed());
    }
  }

  @Nested
  class Lifecycle {
    @Test
    void publishingAfterClearSessionIsDropped() {
      publish("a", 2);
      bus.clearSession(session);
      assertEquals(-1, bus.publish(session, "a", Direction.SEND, "{}"));
      assertEquals(List.of(), bus.snapshot(session, ServerFilter.all(), 10));
      assertEquals(0, bus.stats().retainedBytes());
      assertEquals(1, bus.stats().droppedNotOpen());
    }

    @Test
    void clearSessionEndsSubscriptionsWithASignal() {
      AtomicInteger ready = new AtomicInteger();
      Subscription<RpcEvent> sub =
          bus.subscribe(session, ServerFilter.all(), 0, ready::incrementAndGet);
      bus.clearSession(session);
      assertEquals(1, ready.get());
      assertTrue(sub.isClosed());
      assertEquals(CloseReason.SESSION_CLOSED, sub.closeReason());
    }

    @Test
    void reopenedSessionStartsEmpty() {
      publish("a", 2);
      bus.clearSession(session);
      bus.open(session);
      assertEquals(1, bus.publish(session, "a", Direction.SEND, "{}"));
      assertEquals(1, bus.snapshot(session, ServerFilter.all(), 10).size());
    }

    @Test
    void openAfterCloseIsRefused() {
      bus.close();
      assertEquals(
          "RpcLogBus is closed; no session can be opened",
          assertThrows(IllegalStateException.class, () -> bus.open(SessionId.generate()))
              .getMessage());
    }

    @Test
    void toStringRevealsNeitherSessionNorMessage() {
      bus.publish(session, "a", Direction.SEND, "{\"secret\":1}");
      String text = bus.snapshot(session, ServerFilter.all(), 1).get(0).toString();
      assertFalse(text.contains(session.value()));
      assertFalse(text.contains("secret"));
    }
  }
}
