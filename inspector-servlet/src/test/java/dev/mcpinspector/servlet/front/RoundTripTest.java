package dev.mcpinspector.servlet.front;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mcpinspector.core.InspectorConfig;
import dev.mcpinspector.core.Mode;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The whole front door once, in hosted mode, over real HTTP against Jetty 12: session, login, an
 * authenticated route, logout.
 */
class RoundTripTest {

  static final String KEY_A = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";
  static final String ALICE_KEY = "alice-key-0123456789";

  private FrontServer server;
  private Http http;

  @BeforeEach
  void start() throws Exception {
    server =
        FrontServer.start(
            InspectorConfig.builder()
                .mode(Mode.HOSTED)
                .signingKeys(List.of(KEY_A))
                .accessKeys("alice=" + ALICE_KEY)
                .build());
    http = new Http(server);
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
  }

  @Test
  void sessionLoginAuthenticatedRouteLogout() {
    HttpResponse<String> first = http.get("/api/session");
    assertEquals(200, first.statusCode());
    assertEquals("no-store", first.headers().firstValue("Cache-Control").orElse(null));
    assertEquals("nosniff", first.headers().firstValue("X-Content-Type-Options").orElse(null));
    assertEquals("no-referrer", first.headers().firstValue("Referrer-Policy").orElse(null));
    JsonNode anon = Http.json(first);
    assertFalse(anon.get("authenticated").asBoolean());
    assertTrue(anon.get("principal").isNull());
    assertEquals("hosted", anon.get("mode").asText());
    String preCookie = Http.cookie(first).orElseThrow();
    String preCsrf = anon.get("csrfToken").asText();

    HttpResponse<String> refused = http.get("/api/whoami", "Cookie", preCookie);
    assertEquals(401, refused.statusCode());
    assertEquals("unauthenticated", Http.json(refused).get("code").asText());
    assertEquals(0, server.factory.createdCount());

    HttpResponse<String> login =
        http.post(
            "/api/login",
            "{\"accessKey\":\"" + ALICE_KEY + "\"}",
            "Cookie",
            preCookie,
            "X-Inspector-CSRF",
            preCsrf);
    assertEquals(200, login.statusCode(), login.body());
    assertEquals("no-store", login.headers().firstValue("Cache-Control").orElse(null));
    JsonNode bound = Http.json(login);
    assertTrue(bound.get("authenticated").asBoolean());
    assertEquals("alice", bound.get("principal").get("name").asText());
    assertEquals("access-key", bound.get("principal").get("issuer").asText());
    String cookie = Http.cookie(login).orElseThrow();
    assertNotEquals(preCookie, cookie);
    assertNotEquals(preCsrf, bound.get("csrfToken").asText());
    assertEquals(0, server.factory.createdCount(), "login creates no manager");

    HttpResponse<String> who = http.get("/api/whoami", "Cookie", cookie);
    assertEquals(200, who.statusCode(), who.body());
    assertEquals("alice", Http.json(who).get("principal").asText());
    assertEquals(1, server.factory.createdCount());
    Awaits.until(
        "the lease is released", () -> server.inspector.store().stats().activeLeases() == 0);

    HttpResponse<String> logout =
        http.post(
            "/api/logout",
            "",
            "Cookie",
            cookie,
            "X-Inspector-CSRF",
            bound.get("csrfToken").asText());
    assertEquals(204, logout.statusCode(), logout.body());
    assertTrue(
        Http.setCookie(logout).contains("Max-Age=0") || Http.setCookie(logout).contains("Expires="),
        Http.setCookie(logout));
    Awaits.until("the manager is closed", () -> server.factory.last().isClosed());
    assertEquals(0, server.inspector.store().stats().liveSessions());

    HttpResponse<String> replay = http.get("/api/whoami", "Cookie", cookie);
    assertEquals(401, replay.statusCode());
    HttpResponse<String> after = http.get("/api/session", "Cookie", cookie);
    assertTrue(Http.json(after).get("renewed").asBoolean());
    assertFalse(Http.json(after).get("authenticated").asBoolean());
    assertEquals(1, server.factory.createdCount());
  }

  @Test
  void asyncRedispatch_passesTheFilterOnceAndReleasesTheLeaseOnce() {
    Http.Session alice = http.login(ALICE_KEY);
    HttpResponse<String> r = http.get("/api/redispatch", "Cookie", alice.cookie());
    assertEquals(200, r.statusCode(), r.body());
    assertEquals("alice", Http.json(r).get("principal").asText());
    assertEquals(1, server.factory.createdCount());
    Awaits.until(
        "the lease is released", () -> server.inspector.store().stats().activeLeases() == 0);
    assertEquals(1, server.inspector.store().stats().liveSessions());
  }

  @Test
  void healthNeedsNoSession() {
    HttpResponse<String> health = http.get("/api/health");
    assertEquals(200, health.statusCode());
    assertEquals("UP", Http.json(health).get("status").asText());
    assertTrue(health.headers().allValues("Set-Cookie").isEmpty());
    assertEquals(0, server.factory.createdCount());
  }

  @Nested
  class LocalMode {

    private FrontServer local;
    private Http localHttp;

    @BeforeEach
    void startLocal() throws Exception {
      local = FrontServer.start(InspectorConfig.builder().build());
      localHttp = new Http(local);
    }

    @AfterEach
    void stopLocal() {
      local.close();
    }

    @Test
    void everyBrowserSessionSharesTheOneManagerWithoutLogin() {
      HttpResponse<String> first = localHttp.get("/api/whoami");
      assertEquals(200, first.statusCode(), first.body());
      assertTrue(Http.json(first).get("principal").isNull());
      HttpResponse<String> second = localHttp.get("/api/whoami");
      assertEquals(0, Http.json(second).get("manager").asInt());
      assertEquals(1, local.factory.createdCount());
      assertEquals("local", Http.json(localHttp.get("/api/session")).get("mode").asText());
    }

    @Test
    void unsafeRequestsStillNeedTheCsrfToken() {
      HttpResponse<String> refused = localHttp.post("/api/things", "{}");
      assertEquals(403, refused.statusCode());
      assertEquals("csrf_failed", Http.json(refused).get("code").asText());
      Http.Session s = localHttp.newSession();
      HttpResponse<String> ok =
          localHttp.post("/api/things", "{}", "Cookie", s.cookie(), "X-Inspector-CSRF", s.csrf());
      assertEquals(201, ok.statusCode(), ok.body());
    }
  }
}
