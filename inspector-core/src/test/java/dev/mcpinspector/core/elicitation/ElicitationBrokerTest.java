package dev.mcpinspector.core.elicitation;

import static dev.mcpinspector.core.event.EventTesting.concurrently;
import static dev.mcpinspector.core.event.EventTesting.events;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mcpinspector.core.event.CloseReason;
import dev.mcpinspector.core.event.EventTesting.ReadyReader;
import dev.mcpinspector.core.event.ManualScheduler;
import dev.mcpinspector.core.event.StreamItem;
import dev.mcpinspector.core.event.Subscription;
import dev.mcpinspector.core.session.SessionId;
import dev.mcpinspector.core.time.FakeTicker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ElicitationBrokerTest {

  private static final ElicitationRequest ASK = new ElicitationRequest("Name?", "{}");
  private static final ElicitationResponse ACCEPT =
      new ElicitationResponse(ElicitationAction.ACCEPT, "{\"name\":\"x\"}");

  private final FakeTicker ticker = new FakeTicker();
  private final ManualScheduler scheduler = new ManualScheduler(ticker);
  private final SessionId session = SessionId.generate();
  private ElicitationBroker broker = broker(ElicitationConfig.DEFAULT);

  private ElicitationBroker broker(ElicitationConfig config) {
    ElicitationBroker created = ElicitationBroker.create(config, scheduler, ticker, ticker);
    created.open(session);
    return created;
  }

  @AfterEach
  void close() {
    broker.close();
  }

  private String onlyPendingId() {
    List<ElicitationEvent.Requested> pending = broker.pending(session);
    assertEquals(1, pending.size());
    return pending.get(0).requestId();
  }

  @Nested
  class BadInput {
    @Test
    void nullAndEmptyFieldsAreRefused() {
      assertEquals(
          "session must not be null",
          assertThrows(NullPointerException.class, () -> broker.request(null, "a", ASK))
              .getMessage());
      assertEquals(
          "serverId must not be empty",
          assertThrows(IllegalArgumentException.class, () -> broker.request(session, "", ASK))
              .getMessage());
      assertEquals(
          "request must not be null",
          assertThrows(NullPointerException.class, () -> broker.request(session, "a", null))
              .getMessage());
      assertEquals(
          "requestId must not be null",
          assertThrows(NullPointerException.class, () -> broker.answer(session, null, ACCEPT))
              .getMessage());
      assertEquals(
          "timeout must be positive, but was PT-1S",
          assertThrows(
                  IllegalArgumentException.class,
                  () -> ElicitationConfig.builder().timeout(Duration.ofSeconds(-1)))
              .getMessage());
    }

    @Test
    void emptyOrUnknownRequestIdIsNotFound() {
      assertFalse(broker.answer(session, "", ACCEPT));
      assertFalse(broker.answer(session, "nope", ACCEPT));
    }
  }

  @Nested
  class Answering {
    @Test
    void answerCompletesTheFutureAndIsAnnounced() {
      CompletableFuture<ElicitationResponse> future = broker.request(session, "a", ASK);
      Subscription<ElicitationEvent> sub = broker.subscribe(session, () -> {});
      String id = onlyPendingId();
      assertTrue(broker.answer(session, id, ACCEPT));
      assertEquals(ACCEPT, future.getNow(null));
      List<ElicitationEvent> seen = events(sub.poll(10));
      assertEquals(2, seen.size());
      assertEquals(new ElicitationEvent.Completed(2, id, ElicitationAction.ACCEPT), seen.get(1));
    }

    @Test
    void answeringTwiceAfterTimeoutOrFromAnotherSessionAllGiveTheSameNotFound() {
      SessionId other = SessionId.generate();
      broker.open(other);
      broker.request(session, "a", ASK);
      String id = onlyPendingId();
      assertFalse(broker.answer(other, id, ACCEPT));
      assertTrue(broker.answer(session, id, ACCEPT));
      assertFalse(broker.answer(session, id, ACCEPT));

      CompletableFuture<ElicitationResponse> late = broker.request(session, "a", ASK);
      String lateId = onlyPendingId();
      ticker.advance(ElicitationConfig.DEFAULT_TIMEOUT);
      scheduler.runDue();
      assertEquals(ElicitationAction.CANCEL, late.getNow(null).action());
      assertFalse(broker.answer(session, lateId, ACCEPT));
      assertEquals(1, broker.stats().timedOut());
      assertEquals(3, broker.stats().rejectedAnswers());
    }

    @Test
    void idsAreUnguessable128BitBase64Url() {
      Set<String> ids = new HashSet<>();
      for (int i = 0; i < 16; i++) {
        broker.request(session, "a", ASK);
      }
      for (ElicitationEvent.Requested r : broker.pending(session)) {
        assertTrue(r.requestId().matches("[A-Za-z0-9_-]{22}"), r.requestId());
        ids.add(r.requestId());
      }
      assertEquals(16, ids.size());
    }

    @Test
    void requestCarriesTimestampAndExpiry() {
      broker.request(session, "srv", new ElicitationRequest("Q", "{\"type\":\"object\"}"));
      ElicitationEvent.Requested r = broker.pending(session).get(0);
      assertEquals(ticker.millis(), r.timestamp());
      assertEquals(ticker.millis() + Duration.ofMinutes(10).toMillis(), r.expiresAt());
      assertEquals("srv", r.serverId());
      assertEquals("{\"type\":\"object\"}", r.requestedSchemaJson());
    }
  }

  @Nested
  class Limits {
    @Test
    void overThePendingLimitIsDeclinedAtOnce() {
      for (int i = 0; i < 16; i++) {
        assertFalse(broker.request(session, "a", ASK).isDone());
      }
      assertEquals(
          ElicitationAction.DECLINE, broker.request(session, "a", ASK).getNow(null).action());
      assertEquals(1, broker.stats().declinedOverLimit());
    }

    @Test
    void sessionNotOpenIsDeclinedAtOnce() {
      assertEquals(
          ElicitationAction.DECLINE,
          broker.request(SessionId.generate(), "a", ASK).getNow(null).action());
    }

    @Test
    void clearSessionCancelsPendingAndClosesSubscriptions() {
      CompletableFuture<ElicitationResponse> future = broker.request(session, "a", ASK);
      String id = onlyPendingId();
      AtomicInteger ready = new AtomicInteger();
      Subscription<ElicitationEvent> sub = broker.subscribe(session, ready::incrementAndGet);
      broker.clearSession(session);
      assertEquals(ElicitationAction.CANCEL, future.getNow(null).action());
      assertEquals(CloseReason.SESSION_CLOSED, sub.closeReason());
      assertEquals(2, ready.get());
      assertEquals(0, scheduler.pendingTasks());
      assertFalse(broker.answer(session, id, ACCEPT));
      assertEquals(
          ElicitationAction.DECLINE, broker.request(session, "a", ASK).getNow(null).action());
    }
  }

  @Nested
  class Subscribing {
    @Test
    void pendingRequestsAreReplayedToANewSubscriberThenLive() {
      broker.request(session, "a", ASK);
      broker.request(session, "b", ASK);
      Subscription<ElicitationEvent> sub = broker.subscribe(session, () -> {});
      broker.request(session, "c", ASK);
      List<ElicitationEvent> seen = events(sub.poll(10));
      assertEquals(
          List.of("a", "b", "c"),
          seen.stream().map(e -> ((ElicitationEvent.Requested) e).serverId()).toList());
    }

    @Test
    void throwingCallbackIsRemovedOthersContinue() {
      Subscription<ElicitationEvent> bad =
          broker.subscribe(
              session,
              () -> {
                throw new IllegalStateException("boom");
              });
      Subscription<ElicitationEvent> good = broker.subscribe(session, () -> {});
      broker.request(session, "a", ASK);
      assertEquals(CloseReason.CALLBACK_FAILED, bad.closeReason());
      assertEquals(1, events(good.poll(10)).size());
    }
  }

  @Nested
  class Isolation {
    @Test
    void fiveHundredSessionsEachSeeAndAnswerOnlyTheirOwnRequests() throws Exception {
      int sessionCount = 500;
      int publishers = 4;
      int perThread = 2;
      int perSession = publishers * perThread * 2;
      broker.close();
      broker = broker(ElicitationConfig.builder().maxPendingPerSession(perSession).build());
      SessionId[] sessions = new SessionId[sessionCount];
      List<Subscription<ElicitationEvent>> subs = new ArrayList<>();
      LinkedBlockingQueue<Integer> ready = new LinkedBlockingQueue<>();
      for (int i = 0; i < sessionCount; i++) {
        sessions[i] = SessionId.generate();
        broker.open(sessions[i]);
        int index = i;
        subs.add(broker.subscribe(sessions[i], () -> ready.add(index)));
      }
      List<List<ElicitationEvent.Requested>> received = new ArrayList<>();
      for (int i = 0; i < sessionCount; i++) {
        received.add(new ArrayList<>());
      }
      AtomicInteger foreign = new AtomicInteger();
      CountDownLatch complete = new CountDownLatch(sessionCount);
      List<List<CompletableFuture<ElicitationResponse>>> futures = new ArrayList<>();
      for (int i = 0; i < sessionCount; i++) {
        futures.add(java.util.Collections.synchronizedList(new ArrayList<>()));
      }
      try (ReadyReader<ElicitationEvent> reader =
          new ReadyReader<>(
              subs,
              ready,
              complete,
              (index, item) -> {
                if (item instanceof StreamItem.Event<ElicitationEvent> e
                    && e.value() instanceof ElicitationEvent.Requested r) {
                  if (!r.message().equals("s" + index)) {
                    foreign.incrementAndGet();
                  }
                  SessionId neighbour = sessions[(index + 1) % sessionCount];
                  if (broker.answer(neighbour, r.requestId(), ACCEPT)) {
                    foreign.incrementAndGet();
                  }
                  broker.answer(
                      sessions[index],
                      r.requestId(),
                      new ElicitationResponse(ElicitationAction.ACCEPT, "{\"s\":" + index + "}"));
                  received.get(index).add(r);
                  if (received.get(index).size() == perSession) {
                    complete.countDown();
                  }
                }
              })) {
        concurrently(
            publishers,
            t -> {
              for (int r = 0; r < perThread; r++) {
                for (int s = 0; s < sessionCount; s++) {
                  for (String server : new String[] {"a", "b"}) {
                    futures
                        .get(s)
                        .add(
                            broker.request(
                                sessions[s], server, new ElicitationRequest("s" + s, "{}")));
                  }
                }
              }
            });
        reader.awaitDone();
      }
      assertEquals(0, foreign.get());
      for (int s = 0; s < sessionCount; s++) {
        assertEquals(perSession, received.get(s).size());
        for (CompletableFuture<ElicitationResponse> f : futures.get(s)) {
          assertEquals("{\"s\":" + s + "}", f.getNow(null).contentJson());
        }
        long previous = 0;
        for (ElicitationEvent.Requested r : received.get(s)) {
          assertNotEquals(previous, r.sequence());
          assertTrue(r.sequence() > previous);
          previous = r.sequence();
        }
      }
      assertEquals(0, broker.stats().pending());
    }
  }
}
