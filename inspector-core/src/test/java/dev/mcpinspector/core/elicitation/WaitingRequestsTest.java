package dev.mcpinspector.core.elicitation;

import static dev.mcpinspector.core.event.EventTesting.events;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mcpinspector.core.event.ManualScheduler;
import dev.mcpinspector.core.event.Subscription;
import dev.mcpinspector.core.session.SessionId;
import dev.mcpinspector.core.time.FakeTicker;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Sampling, URL-mode elicitation and the lifecycle every kind of waiting request shares. */
class WaitingRequestsTest {

  private static final String SCHEMA =
      "{\"type\":\"object\",\"properties\":{"
          + "\"name\":{\"type\":\"string\",\"minLength\":2},"
          + "\"age\":{\"type\":\"integer\",\"minimum\":0,\"default\":30},"
          + "\"color\":{\"type\":\"string\",\"enum\":[\"red\",\"green\"],\"default\":\"green\"},"
          + "\"subscribe\":{\"type\":\"boolean\"}},"
          + "\"required\":[\"name\",\"age\"]}";
  private static final SamplingRequest SAMPLE =
      new SamplingRequest(
          "{\"messages\":[{\"role\":\"user\",\"content\":{\"type\":\"text\",\"text\":\"hi\"}}],"
              + "\"maxTokens\":50}");

  private final FakeTicker ticker = new FakeTicker();
  private final ManualScheduler scheduler = new ManualScheduler(ticker);
  private final SessionId session = SessionId.generate();
  private final ElicitationBroker broker =
      ElicitationBroker.create(ElicitationConfig.DEFAULT, scheduler, ticker, ticker);

  WaitingRequestsTest() {
    broker.open(session);
  }

  @AfterEach
  void close() {
    broker.close();
  }

  private String onlyElicitationId() {
    List<ElicitationEvent.Requested> pending = broker.pending(session);
    assertEquals(1, pending.size());
    return pending.get(0).requestId();
  }

  private String onlySamplingId() {
    List<SamplingEvent.Requested> pending = broker.pendingSampling(session);
    assertEquals(1, pending.size());
    return pending.get(0).requestId();
  }

  private static ElicitationResponse accept(String json) {
    return new ElicitationResponse(ElicitationAction.ACCEPT, json);
  }

  @Nested
  class FormAnswers {
    @Test
    void omittedFieldsGetTheSchemaDefaults() {
      CompletableFuture<ElicitationResponse> f =
          broker.request(session, "a", new ElicitationRequest("Who?", SCHEMA));
      assertTrue(broker.answer(session, onlyElicitationId(), accept("{\"name\":\"Ada\"}")));
      assertEquals(
          "{\"name\":\"Ada\",\"age\":30,\"color\":\"green\"}", f.getNow(null).contentJson());
    }

    @Test
    void givenFieldsAreKeptAsSentWhenNoDefaultApplies() {
      CompletableFuture<ElicitationResponse> f =
          broker.request(session, "a", new ElicitationRequest("Who?", SCHEMA));
      String body = "{\"name\":\"Ada\", \"age\":7, \"color\":\"red\", \"subscribe\":true}";
      assertTrue(broker.answer(session, onlyElicitationId(), accept(body)));
      assertEquals(body, f.getNow(null).contentJson());
    }

    @Test
    void mismatchNamesTheFieldAndKeepsTheRequestPending() {
      CompletableFuture<ElicitationResponse> f =
          broker.request(session, "a", new ElicitationRequest("Who?", SCHEMA));
      String id = onlyElicitationId();
      assertInvalid(
          "content.age",
          "field 'content.age' must be a number, but was a string",
          id,
          "{\"name\":\"Ada\",\"age\":\"old\"}");
      assertInvalid(
          "content.age",
          "field 'content.age' must be an integer, but was 1.5",
          id,
          "{\"name\":\"Ada\",\"age\":1.5}");
      assertInvalid(
          "content.age",
          "field 'content.age' must be at least 0 (minimum), but was -1",
          id,
          "{\"name\":\"Ada\",\"age\":-1}");
      assertInvalid(
          "content.color",
          "field 'content.color' must be one of [red, green], but was 'blue'",
          id,
          "{\"name\":\"Ada\",\"color\":\"blue\"}");
      assertInvalid(
          "content.name",
          "field 'content.name' must have at least 2 characters, but has 1",
          id,
          "{\"name\":\"A\"}");
      assertInvalid(
          "content.name",
          "field 'content.name' is required by the requested schema and has no default",
          id,
          "{}");
      assertInvalid(
          "content.nick",
          "field 'content.nick' is not a property of the requested schema (properties: [name, age,"
              + " color, subscribe])",
          id,
          "{\"name\":\"Ada\",\"nick\":\"x\"}");
      assertInvalid(
          "content.subscribe",
          "field 'content.subscribe' must be a boolean, but was a string",
          id,
          "{\"name\":\"Ada\",\"subscribe\":\"yes\"}");
      assertFalse(f.isDone());
      assertEquals(8, broker.stats().invalidAnswers());
      assertTrue(broker.answer(session, id, ElicitationResponse.decline()));
      assertEquals(ElicitationAction.DECLINE, f.getNow(null).action());
    }

    private void assertInvalid(String field, String message, String id, String content) {
      InvalidAnswerException e =
          assertThrows(
              InvalidAnswerException.class, () -> broker.answer(session, id, accept(content)));
      assertEquals(field, e.field());
      assertEquals(message, e.getMessage());
    }

    @Test
    void multiSelectArraysAreCheckedItemByItem() {
      String schema =
          "{\"type\":\"object\",\"properties\":{\"tags\":{\"type\":\"array\",\"maxItems\":2,"
              + "\"items\":{\"anyOf\":[{\"const\":\"a\",\"title\":\"A\"},{\"const\":\"b\"}]}}}}";
      broker.request(session, "a", new ElicitationRequest("Tags?", schema));
      String id = onlyElicitationId();
      InvalidAnswerException e =
          assertThrows(
              InvalidAnswerException.class,
              () -> broker.answer(session, id, accept("{\"tags\":[\"a\",\"c\"]}")));
      assertEquals("content.tags[1]", e.field());
      assertEquals("field 'content.tags[1]' must be one of [a, b], but was 'c'", e.getMessage());
      assertTrue(broker.answer(session, id, accept("{\"tags\":[\"b\"]}")));
    }

    @Test
    void anUnknownIdIsNotFoundBeforeTheContentIsLookedAt() {
      broker.request(session, "a", new ElicitationRequest("Who?", SCHEMA));
      assertFalse(broker.answer(session, "nope", accept("{\"age\":\"bad\"}")));
      SessionId other = SessionId.generate();
      broker.open(other);
      assertFalse(broker.answer(other, onlyElicitationId(), accept("{\"age\":\"bad\"}")));
      assertEquals(0, broker.stats().invalidAnswers());
    }
  }

  @Nested
  class UrlMode {
    @Test
    void acceptedFlowEndsWithTheServersCompletionNotification() {
      Subscription<ElicitationEvent> sub = broker.subscribe(session, () -> {});
      CompletableFuture<ElicitationResponse> f =
          broker.request(
              session,
              "a",
              ElicitationRequest.url("Sign in", "https://auth.example.com/x?y=1", "flow-1"));
      ElicitationEvent.Requested r = broker.pending(session).get(0);
      assertEquals(ElicitationMode.URL, r.mode());
      assertEquals("https://auth.example.com/x?y=1", r.url());
      assertEquals(null, r.requestedSchemaJson());
      assertFalse(broker.urlElicitationCompleted(session, "a", "flow-1"), "not accepted yet");
      assertTrue(broker.answer(session, r.requestId(), accept("{\"ignored\":1}")));
      assertEquals("{}", f.getNow(null).contentJson());
      assertFalse(broker.urlElicitationCompleted(session, "b", "flow-1"), "another server");
      assertTrue(broker.urlElicitationCompleted(session, "a", "flow-1"));
      assertFalse(broker.urlElicitationCompleted(session, "a", "flow-1"), "only once");
      List<ElicitationEvent> seen = events(sub.poll(10));
      assertEquals(new ElicitationEvent.UrlCompleted(3, r.requestId(), "a", "flow-1"), seen.get(2));
    }

    @Test
    void removingTheServerForgetsItsAcceptedFlows() {
      broker.request(session, "a", ElicitationRequest.url("Sign in", "https://x.test/", "f"));
      assertTrue(broker.answer(session, onlyElicitationId(), accept("{}")));
      broker.cancelServer(session, "a");
      assertFalse(broker.urlElicitationCompleted(session, "a", "f"));
    }

    @Test
    void modeAndComponentsMustAgree() {
      assertThrows(
          IllegalArgumentException.class,
          () -> new ElicitationRequest(ElicitationMode.URL, "m", "{}", "https://x.test/", "f"));
      assertEquals(
          "url must not be null in URL mode",
          assertThrows(
                  NullPointerException.class,
                  () -> new ElicitationRequest(ElicitationMode.URL, "m", null, null, "f"))
              .getMessage());
    }
  }

  @Nested
  class Sampling {
    @Test
    void approvedReplyReachesTheServerWithDefaultsFilled() {
      Subscription<SamplingEvent> sub = broker.subscribeSampling(session, () -> {});
      CompletableFuture<SamplingResponse> f = broker.requestSampling(session, "a", SAMPLE);
      String id = onlySamplingId();
      assertTrue(
          broker.answerSampling(
              session,
              id,
              new SamplingResponse(
                  SamplingAction.APPROVE, "{\"content\":{\"type\":\"text\",\"text\":\"hello\"}}")));
      assertEquals(
          "{\"role\":\"assistant\",\"content\":{\"type\":\"text\",\"text\":\"hello\"},"
              + "\"model\":\"inspector-user\",\"stopReason\":\"endTurn\"}",
          f.getNow(null).resultJson());
      List<SamplingEvent> seen = events(sub.poll(10));
      assertEquals(SAMPLE.paramsJson(), ((SamplingEvent.Requested) seen.get(0)).paramsJson());
      assertEquals(new SamplingEvent.Completed(2, id, SamplingAction.APPROVE), seen.get(1));
    }

    @Test
    void wrongContentIsRefusedNamingTheField() {
      CompletableFuture<SamplingResponse> f = broker.requestSampling(session, "a", SAMPLE);
      String id = onlySamplingId();
      assertInvalid(
          id,
          "{\"content\":{\"type\":\"video\"}}",
          "result.content.type",
          "field 'result.content.type' must be one of [text, image, audio], but was 'video'");
      assertInvalid(
          id,
          "{\"content\":{\"type\":\"image\",\"mimeType\":\"text/html\",\"data\":\"AAAA\"}}",
          "result.content.mimeType",
          "field 'result.content.mimeType' must be a image/* media type for image content, but"
              + " was 'text/html'");
      assertInvalid(
          id,
          "{\"content\":{\"type\":\"audio\",\"mimeType\":\"audio/wav\",\"data\":\"not base64!\"}}",
          "result.content.data",
          "field 'result.content.data' must be base64 text, but was 'not base64!'");
      assertInvalid(
          id,
          "{\"role\":\"system\",\"content\":{\"type\":\"text\",\"text\":\"x\"}}",
          "result.role",
          "field 'result.role' must be one of [assistant, user], but was 'system'");
      assertInvalid(
          id,
          "{\"content\":[]}",
          "result.content",
          "field 'result.content' must not be an empty array");
      assertInvalid(
          id,
          "{\"content\":{\"type\":\"text\",\"text\":\"x\"},\"extra\":1}",
          "result.extra",
          "field 'result.extra' is not part of a sampling result (role, content, model,"
              + " stopReason, _meta)");
      assertFalse(f.isDone());
      assertTrue(
          broker.answerSampling(
              session,
              id,
              new SamplingResponse(
                  SamplingAction.APPROVE,
                  "{\"content\":[{\"type\":\"image\",\"mimeType\":\"image/png\",\"data\":\"iVBORw==\"}],"
                      + "\"model\":\"m\"}")));
    }

    private void assertInvalid(String id, String result, String field, String message) {
      InvalidAnswerException e =
          assertThrows(
              InvalidAnswerException.class,
              () ->
                  broker.answerSampling(
                      session, id, new SamplingResponse(SamplingAction.APPROVE, result)));
      assertEquals(field, e.field());
      assertEquals(message, e.getMessage());
    }

    @Test
    void idsOfOneKindAreNotFoundForTheOther() {
      broker.requestSampling(session, "a", SAMPLE);
      broker.request(session, "a", new ElicitationRequest("?", "{}"));
      String samplingId = onlySamplingId();
      String elicitationId = onlyElicitationId();
      assertFalse(broker.answer(session, samplingId, ElicitationResponse.decline()));
      assertFalse(broker.answerSampling(session, elicitationId, SamplingResponse.reject()));
      assertTrue(broker.answerSampling(session, samplingId, SamplingResponse.reject()));
    }

    @Test
    void timesOutLikeEveryWaitingRequest() {
      CompletableFuture<SamplingResponse> f = broker.requestSampling(session, "a", SAMPLE);
      ticker.advance(ElicitationConfig.DEFAULT_TIMEOUT);
      scheduler.runDue();
      assertEquals(SamplingAction.CANCEL, f.getNow(null).action());
      assertEquals(1, broker.stats().timedOut());
    }

    @Test
    void paramsMustBeAJsonObject() {
      assertThrows(IllegalArgumentException.class, () -> new SamplingRequest("[1]"));
    }
  }

  @Nested
  class Lifecycle {
    @Test
    void removingAServerCancelsItsPendingRequestsOnly() {
      Subscription<ElicitationEvent> elicitations = broker.subscribe(session, () -> {});
      CompletableFuture<ElicitationResponse> e1 =
          broker.request(session, "gone", new ElicitationRequest("?", "{}"));
      CompletableFuture<SamplingResponse> s1 = broker.requestSampling(session, "gone", SAMPLE);
      CompletableFuture<ElicitationResponse> kept =
          broker.request(session, "stays", new ElicitationRequest("?", "{}"));
      assertEquals(2, broker.cancelServer(session, "gone"));
      assertEquals(ElicitationAction.CANCEL, e1.getNow(null).action());
      assertEquals(SamplingAction.CANCEL, s1.getNow(null).action());
      assertFalse(kept.isDone());
      assertEquals(1, broker.pending(session).size());
      assertEquals(0, broker.pendingSampling(session).size());
      assertEquals(1, scheduler.pendingTasks(), "the cancelled timeouts are gone");
      assertEquals(2, broker.stats().cancelledByServerRemoval());
      List<ElicitationEvent> seen = events(elicitations.poll(10));
      assertEquals(
          new ElicitationEvent.Completed(
              3, ((ElicitationEvent.Requested) seen.get(0)).requestId(), ElicitationAction.CANCEL),
          seen.get(2),
          "sampling has its own sequence; the elicitation stream sees only its own kind");
      assertEquals(0, broker.cancelServer(session, "gone"));
    }

    @Test
    void removedServersNoLongerFillTheCap() {
      for (int i = 0; i < ElicitationConfig.DEFAULT_MAX_PENDING_PER_SESSION; i++) {
        broker.request(session, "old", new ElicitationRequest("?", "{}"));
      }
      assertEquals(
          SamplingAction.REJECT,
          broker.requestSampling(session, "new", SAMPLE).getNow(null).action(),
          "the cap counts every kind together");
      broker.cancelServer(session, "old");
      assertFalse(broker.requestSampling(session, "new", SAMPLE).isDone());
      assertFalse(broker.request(session, "new", new ElicitationRequest("?", "{}")).isDone());
    }

    @Test
    void clearingTheSessionCancelsSamplingAndClosesItsStreams() {
      CompletableFuture<SamplingResponse> f = broker.requestSampling(session, "a", SAMPLE);
      Subscription<SamplingEvent> sub = broker.subscribeSampling(session, () -> {});
      broker.clearSession(session);
      assertEquals(SamplingAction.CANCEL, f.getNow(null).action());
      assertTrue(sub.isClosed());
      assertEquals(
          SamplingAction.REJECT,
          broker.requestSampling(session, "a", SAMPLE).getNow(null).action());
    }

    @Test
    void samplingIsReplayedToANewSubscriberAndNotToElicitationStreams() {
      broker.requestSampling(session, "a", SAMPLE);
      Subscription<SamplingEvent> sampling = broker.subscribeSampling(session, () -> {});
      Subscription<ElicitationEvent> elicitations = broker.subscribe(session, () -> {});
      assertEquals(1, events(sampling.poll(10)).size());
      assertEquals(0, events(elicitations.poll(10)).size());
      SessionId other = SessionId.generate();
      broker.open(other);
      assertEquals(0, events(broker.subscribeSampling(other, () -> {}).poll(10)).size());
    }
  }
}
