package dev.mcpinspector.containertest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mcpinspector.servlet.ApiConfig;
import dev.mcpinspector.servlet.WebSecurityConfig;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The HTTP behaviour every container must show, over real HTTP against a container on a free port.
 * A container module adds one subclass that says how to start its container. Two contexts are
 * deployed: the root with CORS for {@link #ALLOWED_ORIGIN}, and {@code /plain} with CORS off and
 * framing allowed for {@link #EMBEDDING_ORIGIN}.
 *
 * <p>To add tests, add a {@code @Nested} class here; every container module runs it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class ContainerSuite {

  /** The origin allowed cross-origin in the root context. */
  public static final String ALLOWED_ORIGIN = "https://app.example";

  /** The origin allowed to frame the {@code /plain} context. */
  public static final String EMBEDDING_ORIGIN = "https://embed.example";

  static final Duration WAIT = Duration.ofSeconds(10);
  static final long MAX_BODY = ApiConfig.DEFAULT_MAX_BODY_BYTES;

  private final ObjectMapper mapper = new ObjectMapper();
  private ScheduledExecutorService scheduler;
  private EmbeddedContainer container;
  TestChannels channels;
  HttpClient http;
  URI base;

  /**
   * Returns a new, unstarted container.
   *
   * @return the container under test
   */
  protected abstract EmbeddedContainer newContainer();

  @BeforeAll
  void startContainer() throws Exception {
    scheduler =
        Executors.newScheduledThreadPool(
            1,
            r -> {
              Thread t = new Thread(r, "inspector-test-scheduler");
              t.setDaemon(true);
              return t;
            });
    channels = new TestChannels();
    ApiConfig api =
        ApiConfig.builder()
            .heartbeatInterval(Duration.ofMillis(100))
            .sseRetry(Duration.ofMillis(1500))
            .build();
    Map<String, jakarta.servlet.ServletContainerInitializer> contexts = new LinkedHashMap<>();
    contexts.put(
        "",
        new TestApplication(
            api,
            WebSecurityConfig.builder().allowedOrigins(List.of(ALLOWED_ORIGIN)).build(),
            scheduler,
            channels));
    contexts.put(
        "/plain",
        new TestApplication(
            api,
            WebSecurityConfig.builder().frameAncestors(List.of(EMBEDDING_ORIGIN)).build(),
            scheduler,
            channels));
    container = newContainer();
    base = container.start(contexts);
    http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
  }

  @AfterAll
  void stopContainer() throws Exception {
    if (container != null) {
      container.stop();
    }
    if (scheduler != null) {
      scheduler.shutdownNow();
    }
  }

  HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return http.send(request.timeout(WAIT).build(), HttpResponse.BodyHandlers.ofString());
  }

  HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(base.resolve(path));
  }

  HttpResponse<String> get(String path) throws Exception {
    return send(request(path).GET());
  }

  HttpResponse<String> postJson(String path, String json) throws Exception {
    return send(
        request(path)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json)));
  }

  JsonNode json(HttpResponse<String> response) throws Exception {
    return mapper.readTree(response.body());
  }

  static String mediaType(HttpHeaders headers) {
    String ct = headers.firstValue("Content-Type").orElse("");
    return ct.split(";")[0].trim().toLowerCase(Locale.ROOT);
  }

  /** Checks a problem response and returns its detail. */
  String assertProblem(HttpResponse<String> response, int status, String code) throws Exception {
    assertEquals(status, response.statusCode(), response::body);
    assertEquals("application/problem+json", mediaType(response.headers()));
    JsonNode body = json(response);
    assertEquals(status, body.path("status").asInt());
    assertEquals(code, body.path("code").asText());
    assertEquals("urn:mcp-inspector:problem:" + code, body.path("type").asText());
    assertFalse(body.path("title").asText().isEmpty());
    assertTrue(body.path("detail").isTextual());
    return body.path("detail").asText();
  }

  @Nested
  class Routing {
    @Test
    void unknownRouteIsNotFoundProblem() throws Exception {
      String detail = assertProblem(get("/api/nope"), 404, "not_found");
      assertEquals("no API route matches this path", detail);
    }

    @Test
    void wrongMethodIsMethodNotAllowedWithAllow() throws Exception {
      HttpResponse<String> r = postJson("/api/echo/x", "{}");
      String detail = assertProblem(r, 405, "method_not_allowed");
      assertEquals("DELETE, GET, OPTIONS", r.headers().firstValue("Allow").orElse(null));
      assertEquals("POST is not allowed on this path; allowed: DELETE, GET, OPTIONS", detail);
    }

    @Test
    void optionsOnKnownPathAnswersAllow() throws Exception {
      HttpResponse<String> r =
          send(request("/api/echo/x").method("OPTIONS", HttpRequest.BodyPublishers.noBody()));
      assertEquals(204, r.statusCode());
      assertEquals("DELETE, GET, OPTIONS", r.headers().firstValue("Allow").orElse(null));
    }

    @Test
    void pathParameterIsDecoded() throws Exception {
      HttpResponse<String> r = get("/api/echo/my%20server%C3%A9?q=a+b%26c");
      assertEquals(200, r.statusCode());
      assertEquals("my serveré", json(r).path("name").asText());
      assertEquals("a b&c", json(r).path("q").asText());
    }

    @Test
    void routesWorkBelowAContextPath() throws Exception {
      HttpResponse<String> r = get("/plain/api/echo/x");
      assertEquals(200, r.statusCode());
      assertEquals("x", json(r).path("name").asText());
    }

    @Test
    void badIntegerQueryParameterNamesIt() throws Exception {
      String detail = assertProblem(get("/api/limit?limit=500"), 400, "bad_request");
      assertEquals(
          "query parameter 'limit' must be an integer from 1 to 100, but was '500'", detail);
    }
  }

  @Nested
  class Errors {
    @Test
    void unexpectedExceptionIsGenericInternalError() throws Exception {
      HttpResponse<String> r = get("/api/boom");
      String detail = assertProblem(r, 500, "internal_error");
      assertEquals("The server failed to process the request. The error was logged.", detail);
      assertFalse(r.body().contains(TestApplication.SECRET), r.body());
      assertFalse(r.body().contains("Exception"), r.body());
      assertFalse(r.body().contains("\tat "), r.body());
    }

    @Test
    void problemCarriesExtraHeaders() throws Exception {
      HttpResponse<String> r = get("/api/busy");
      assertEquals("every session is in use", assertProblem(r, 503, "server_busy"));
      assertEquals("7", r.headers().firstValue("Retry-After").orElse(null));
    }
  }

  @Nested
  class JsonBodies {
    @Test
    void echoesValidBody() throws Exception {
      HttpResponse<String> r =
          postJson("/api/echo", "{\"text\":\"hi\",\"count\":2,\"mode\":\"FAST\"}");
      assertEquals(200, r.statusCode(), r::body);
      assertEquals(
          "application/json;charset=utf-8",
          r.headers()
              .firstValue("Content-Type")
              .orElse("")
              .replace(" ", "")
              .toLowerCase(Locale.ROOT));
      assertEquals("{\"text\":\"hi\",\"count\":2,\"mode\":\"fast\"}", r.body());
    }

    @Test
    void malformedJsonSaysWhere() throws Exception {
      String detail = assertProblem(postJson("/api/echo", "{\"text\": hi}"), 400, "bad_request");
      assertTrue(detail.startsWith("malformed JSON at line 1, column 10: "), detail);
    }

    @Test
    void wrongContentTypeIsBadRequest() throws Exception {
      HttpResponse<String> r =
          send(
              request("/api/echo")
                  .header("Content-Type", "text/plain")
                  .POST(HttpRequest.BodyPublishers.ofString("{\"text\":\"hi\"}")));
      assertEquals(
          "Content-Type must be application/json, but was 'text/plain'",
          assertProblem(r, 400, "bad_request"));
    }

    @Test
    void wrongFieldTypeNamesField() throws Exception {
      String detail =
          assertProblem(
              postJson("/api/echo", "{\"text\":\"hi\",\"count\":\"two\"}"), 400, "bad_request");
      assertEquals("field 'count' must be an integer, but was 'two'", detail);
    }

    @Test
    void unknownEnumValueListsAcceptedValues() throws Exception {
      String detail =
          assertProblem(
              postJson("/api/echo", "{\"text\":\"hi\",\"count\":1,\"mode\":\"warp\"}"),
              400,
              "bad_request");
      assertEquals("field 'mode' must be one of [fast, slow], but was 'warp'", detail);
    }

    @Test
    void missingFieldIsNamed() throws Exception {
      String detail = assertProblem(postJson("/api/echo", "{\"count\":1}"), 400, "bad_request");
      assertEquals("field 'text' is required", detail);
    }

    @Test
    void emptyBodyIsBadRequest() throws Exception {
      String detail = assertProblem(postJson("/api/echo", ""), 400, "bad_request");
      assertEquals("request body is empty; send an object", detail);
    }

    @Test
    void bodyOfExactlyTheLimitIsAccepted() throws Exception {
      String json = "{\"text\":\"hi\",\"count\":1}";
      String padded = json + " ".repeat((int) MAX_BODY - json.length());
      HttpResponse<String> r = postJson("/api/echo", padded);
      assertEquals(200, r.statusCode(), r::body);
    }

    @Test
    void bodyOverLimitWithContentLengthIs413() throws Exception {
      byte[] body = new byte[(int) MAX_BODY + 1];
      Arrays.fill(body, (byte) ' ');
      // The refusal comes before the body is read, so the container may close the connection
      // while the client is still sending; TCP can then drop the response (a reset). A few
      // attempts on fresh connections prove the refusal without depending on that race.
      HttpResponse<String> r = null;
      IOException lastFailure = null;
      for (int attempt = 0; attempt < 5 && r == null; attempt++) {
        HttpClient fresh =
            HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        try {
          r =
              fresh.send(
                  request("/api/echo")
                      .timeout(WAIT)
                      .header("Content-Type", "application/json")
                      .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
          lastFailure = e;
        }
      }
      if (r == null) {
        throw new AssertionError("no response in 5 attempts", lastFailure);
      }
      assertEquals(
          "request body must be at most " + MAX_BODY + " bytes",
          assertProblem(r, 413, "payload_too_large"));
    }

    @Test
    void chunkedBodyOverLimitIs413() throws Exception {
      byte[] chunk = new byte[64 * 1024];
      Arrays.fill(chunk, (byte) ' ');
      List<ByteBuffer> chunks = new ArrayList<>();
      for (long sent = 0; sent <= MAX_BODY; sent += chunk.length) {
        chunks.add(ByteBuffer.wrap(chunk));
      }
      // No length: the client sends Transfer-Encoding: chunked.
      HttpRequest.BodyPublisher chunked =
          HttpRequest.BodyPublishers.fromPublisher(
              (Flow.Subscriber<? super ByteBuffer> s) -> {
                var it = chunks.iterator();
                s.onSubscribe(
                    new Flow.Subscription() {
                      private boolean done;

                      @Override
                      public void request(long n) {
                        for (long i = 0; i < n && !done; i++) {
                          if (it.hasNext()) {
                            s.onNext(it.next().duplicate());
                          } else {
                            done = true;
                            s.onComplete();
                          }
                        }
                      }

                      @Override
                      public void cancel() {
                        done = true;
                      }
                    });
              });
      HttpResponse<String> r =
          send(request("/api/echo").header("Content-Type", "application/json").POST(chunked));
      assertProblem(r, 413, "payload_too_large");
    }
  }

  @Nested
  class Headers {
    @Test
    void setCookieIsSentVerbatimIncludingPartitioned() throws Exception {
      HttpResponse<String> r = get("/api/cookie");
      assertEquals(204, r.statusCode());
      assertEquals(List.of(TestApplication.COOKIE), r.headers().allValues("Set-Cookie"));
    }

    @Test
    void securityHeadersOnJsonAndProblemResponses() throws Exception {
      for (HttpResponse<String> r : List.of(get("/api/echo/x"), get("/api/nope"))) {
        HttpHeaders h = r.headers();
        assertEquals("nosniff", h.firstValue("X-Content-Type-Options").orElse(null));
        assertEquals("no-referrer", h.firstValue("Referrer-Policy").orElse(null));
        assertEquals("DENY", h.firstValue("X-Frame-Options").orElse(null));
        assertEquals(
            "frame-ancestors 'none'", h.firstValue("Content-Security-Policy").orElse(null));
        assertEquals("no-store", h.firstValue("Cache-Control").orElse(null));
      }
    }

    @Test
    void configuredFrameAncestorsReplaceDeny() throws Exception {
      HttpHeaders h = get("/plain/api/echo/x").headers();
      assertTrue(h.firstValue("X-Frame-Options").isEmpty());
      assertEquals(
          "frame-ancestors 'self' " + EMBEDDING_ORIGIN,
          h.firstValue("Content-Security-Policy").orElse(null));
    }
  }

  @Nested
  class Cors {
    @Test
    void allowedOriginIsEchoedWithCredentials() throws Exception {
      HttpHeaders h = send(request("/api/echo/x").header("Origin", ALLOWED_ORIGIN)).headers();
      assertEquals(ALLOWED_ORIGIN, h.firstValue("Access-Control-Allow-Origin").orElse(null));
      assertEquals("true", h.firstValue("Access-Control-Allow-Credentials").orElse(null));
      assertTrue(h.allValues("Vary").contains("Origin"), h.allValues("Vary").toString());
    }

    @Test
    void unknownOriginGetsNoCorsHeaders() throws Exception {
      HttpResponse<String> r =
          send(request("/api/echo/x").header("Origin", "https://evil.example"));
      assertEquals(200, r.statusCode());
      assertTrue(r.headers().firstValue("Access-Control-Allow-Origin").isEmpty());
      assertTrue(r.headers().firstValue("Access-Control-Allow-Credentials").isEmpty());
      assertTrue(r.headers().allValues("Vary").contains("Origin"));
    }

    @Test
    void preflightFromAllowedOriginIsAnswered() throws Exception {
      HttpResponse<String> r =
          send(
              request("/api/echo")
                  .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                  .header("Origin", ALLOWED_ORIGIN)
                  .header("Access-Control-Request-Method", "POST")
                  .header("Access-Control-Request-Headers", "content-type,x-inspector-csrf"));
      assertEquals(204, r.statusCode());
      HttpHeaders h = r.headers();
      assertEquals(ALLOWED_ORIGIN, h.firstValue("Access-Control-Allow-Origin").orElse(null));
      assertEquals("true", h.firstValue("Access-Control-Allow-Credentials").orElse(null));
      assertEquals(
          "GET, POST, PUT, DELETE", h.firstValue("Access-Control-Allow-Methods").orElse(null));
      assertEquals(
          "Content-Type, X-Inspector-CSRF",
          h.firstValue("Access-Control-Allow-Headers").orElse(null));
      assertEquals("600", h.firstValue("Access-Control-Max-Age").orElse(null));
    }

    @Test
    void preflightFromUnknownOriginIsForbidden() throws Exception {
      HttpResponse<String> r =
          send(
              request("/api/echo")
                  .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                  .header("Origin", "https://evil.example")
                  .header("Access-Control-Request-Method", "POST"));
      assertEquals(
          "origin is not allowed; configure it in the allowed origins",
          assertProblem(r, 403, "origin_forbidden"));
      assertTrue(r.headers().firstValue("Access-Control-Allow-Origin").isEmpty());
    }

    @Test
    void corsIsOffWithoutConfiguredOrigins() throws Exception {
      HttpResponse<String> r =
          send(
              request("/plain/api/echo/x")
                  .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                  .header("Origin", ALLOWED_ORIGIN)
                  .header("Access-Control-Request-Method", "GET"));
      assertEquals(204, r.statusCode());
      assertTrue(r.headers().firstValue("Access-Control-Allow-Origin").isEmpty());
      HttpResponse<String> g = send(request("/plain/api/echo/x").header("Origin", ALLOWED_ORIGIN));
      assertTrue(g.headers().firstValue("Access-Control-Allow-Origin").isEmpty());
      assertTrue(g.headers().allValues("Vary").isEmpty());
    }

    @Test
    void streamsNeverAnswerWildcard() throws Exception {
      String name = channels.create(10);
      try (SseClient sse =
          SseClient.open(
              http, base.resolve("/api/stream/" + name), Map.of("Origin", ALLOWED_ORIGIN), false)) {
        HttpHeaders h = sse.head().headers();
        assertEquals(ALLOWED_ORIGIN, h.firstValue("Access-Control-Allow-Origin").orElse(null));
      }
    }
  }

  @Nested
  class Sse {
    SseClient open(String channel, Map<String, String> headers) throws Exception {
      return SseClient.open(http, base.resolve("/api/stream/" + channel), headers, false);
    }

    @Test
    void streamHeadersAndRetryComeFirst() throws Exception {
      String name = channels.create(10);
      try (SseClient sse = open(name, Map.of())) {
        HttpResponse.ResponseInfo head = sse.head();
        assertEquals(200, head.statusCode());
        assertEquals("text/event-stream", mediaType(head.headers()));
        assertEquals("no-store", head.headers().firstValue("Cache-Control").orElse(null));
        assertEquals("no", head.headers().firstValue("X-Accel-Buffering").orElse(null));
        assertEquals(new SseClient.Retry(1500), sse.next(WAIT));
      }
    }

    @Test
    void eventsArriveInOrderWithIds() throws Exception {
      String name = channels.create(10);
      TestChannel channel = channels.get(name);
      channel.publish("rpc", "{\"n\":1}");
      channel.publish("rpc", "line one\nline two");
      try (SseClient sse = open(name, Map.of())) {
        assertEquals(TestChannel.SUBSCRIBED, channel.nextLifecycle(WAIT));
        channel.publish("progress", "{\"n\":3}");
        assertEquals(new SseClient.Event("1", "rpc", "{\"n\":1}"), sse.nextEvent(WAIT));
        assertEquals(new SseClient.Event("2", "rpc", "line one\nline two"), sse.nextEvent(WAIT));
        assertEquals(new SseClient.Event("3", "progress", "{\"n\":3}"), sse.nextEvent(WAIT));
      }
    }

    @Test
    void lastEventIdResumesAfterIt() throws Exception {
      String name = channels.create(10);
      TestChannel channel = channels.get(name);
      for (int i = 1; i <= 5; i++) {
        channel.publish("rpc", "e" + i);
      }
      try (SseClient sse = open(name, Map.of("Last-Event-ID", "3"))) {
        assertEquals(new SseClient.Event("4", "rpc", "e4"), sse.nextEvent(WAIT));
        assertEquals(new SseClient.Event("5", "rpc", "e5"), sse.nextEvent(WAIT));
      }
    }

    @Test
    void malformedLastEventIdIsIgnored() throws Exception {
      String name = channels.create(10);
      channels.get(name).publish("rpc", "e1");
      try (SseClient sse = open(name, Map.of("Last-Event-ID", "abc"))) {
        assertEquals(new SseClient.Event("1", "rpc", "e1"), sse.nextEvent(WAIT));
      }
    }

    @Test
    void droppedEventsArriveAsGap() throws Exception {
      String name = channels.create(3);
      TestChannel channel = channels.get(name);
      for (int i = 1; i <= 6; i++) {
        channel.publish("rpc", "e" + i);
      }
      try (SseClient sse = open(name, Map.of("Last-Event-ID", "1"))) {
        assertEquals(new SseClient.Event("3", "gap", "{\"from\":2,\"to\":3}"), sse.nextEvent(WAIT));
        assertEquals(new SseClient.Event("4", "rpc", "e4"), sse.nextEvent(WAIT));
        assertEquals(new SseClient.Event("5", "rpc", "e5"), sse.nextEvent(WAIT));
        assertEquals(new SseClient.Event("6", "rpc", "e6"), sse.nextEvent(WAIT));
      }
    }

    @Test
    void idleStreamGetsHeartbeats() throws Exception {
      String name = channels.create(10);
      try (SseClient sse = open(name, Map.of())) {
        assertEquals(new SseClient.Retry(1500), sse.next(WAIT));
        assertEquals(new SseClient.Comment("heartbeat"), sse.next(WAIT));
        assertEquals(new SseClient.Comment("heartbeat"), sse.next(WAIT));
      }
    }

    @Test
    void clientThatHangsUpIsNoticedAndReleasedOnce() throws Exception {
      String name = channels.create(10);
      TestChannel channel = channels.get(name);
      SseClient sse = open(name, Map.of());
      assertEquals(TestChannel.SUBSCRIBED, channel.nextLifecycle(WAIT));
      assertEquals(new SseClient.Retry(1500), sse.next(WAIT));
      sse.close();
      assertEquals(TestChannel.RELEASED, channel.nextLifecycle(WAIT));
      assertEquals(TestChannel.ENDED, channel.nextLifecycle(WAIT));
      assertEquals(0, channel.openSubscriptions());
      assertEquals(1, channel.endedStreams());
      channel.publish("rpc", "after the hang-up");
      assertEquals(0, channel.openSubscriptions());
    }

    @Test
    void closingTheSourceEndsTheStreamAfterDraining() throws Exception {
      String name = channels.create(10);
      TestChannel channel = channels.get(name);
      try (SseClient sse = open(name, Map.of())) {
        assertEquals(TestChannel.SUBSCRIBED, channel.nextLifecycle(WAIT));
        channel.publish("rpc", "last");
        channel.close();
        assertEquals(new SseClient.Event("1", "rpc", "last"), sse.nextEvent(WAIT));
        SseClient.End end = sse.awaitEnd(WAIT);
        assertNotNull(end, "the stream did not end");
        assertNull(end.error());
        assertEquals(TestChannel.RELEASED, channel.nextLifecycle(WAIT));
        assertEquals(TestChannel.ENDED, channel.nextLifecycle(WAIT));
        assertEquals(1, channel.endedStreams());
      }
    }

    @Test
    void slowReaderReceivesEverythingInOrder() throws Exception {
      String name = channels.create(10);
      TestChannel channel = channels.get(name);
      String payload = "x".repeat(1024);
      int count = 3000;
      try (SseClient sse =
          SseClient.open(http, base.resolve("/api/stream/" + name), Map.of(), true)) {
        assertEquals(TestChannel.SUBSCRIBED, channel.nextLifecycle(WAIT));
        // ~3 MB while the client reads nothing: the server must stop at isReady() == false.
        for (int i = 1; i <= count; i++) {
          channel.publish("rpc", payload + i);
        }
        sse.resume();
        for (int i = 1; i <= count; i++) {
          SseClient.Event e = sse.nextEvent(WAIT);
          assertNotNull(e, "event " + i + " did not arrive");
          assertEquals(Integer.toString(i), e.id());
          assertEquals(payload + i, e.data());
        }
      }
    }

    @Test
    void unknownChannelIsProblemNotStream() throws Exception {
      HttpResponse<String> r = get("/api/stream/none");
      assertEquals("no such channel", assertProblem(r, 404, "not_found"));
    }
  }
}
