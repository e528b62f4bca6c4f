package dev.mcpinspector.servlet.front;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mcpinspector.core.InspectorConfig;
import dev.mcpinspector.core.Mode;
import dev.mcpinspector.core.time.FakeTicker;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Every attack of issue 3 against the real front door: Jetty 12 (ee10) on a free port, the
 * inspector registered with {@code InspectorServlets.register}, real HTTP. Each test asserts how
 * the attack fails (status and {@code code}) and what did not happen (no session adopted, no
 * manager created, no handler run).
 */
class AttackSuiteTest {

  static final String KEY_A = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";
  static final String KEY_B = "QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVphYmNkZWY=";
  static final String ALICE_KEY = "alice-key-0123456789";
  static final String BOB_KEY = "bob-key-0123456789ab";
  static final byte[] JWT_SECRET =
      "jwt-secret-for-tests-0123456789-abcdef".getBytes(StandardCharsets.US_ASCII);
  static final String ISSUER = "https://idp.example";
  static final String AUDIENCE = "inspector";

  /** The fake clock's start, 2026-01-01T00:00:00Z, in epoch seconds. */
  static final long NOW = 1_767_225_600L;

  FrontServer server;
  Http http;

  static InspectorConfig.Builder config() {
    return InspectorConfig.builder()
        .mode(Mode.HOSTED)
        .signingKeys(List.of(KEY_A))
        .accessKeys("alice=" + ALICE_KEY + ",bob=" + BOB_KEY)
        .jwtSecret(Base64.getEncoder().encodeToString(JWT_SECRET))
        .jwtIssuer(ISSUER)
        .jwtAudience(AUDIENCE)
        .trustedProxies(List.of("10.0.0.0/8"))
        .identityHeader("X-Forwarded-User")
        .allowedHosts(List.of("127.0.0.1", "localhost"))
        .allowedOrigins(List.of("https://app.example.com"));
  }

  @BeforeEach
  void start() throws Exception {
    restart(UnaryOperator.identity(), new FakeTicker());
  }

  void restart(UnaryOperator<InspectorConfig.Builder> changes, FakeTicker time) throws Exception {
    if (server != null) {
      server.close();
    }
    server = FrontServer.start(changes.apply(config()).build(), time);
    http = new Http(server);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  int managersCreated() {
    return server.factory.createdCount();
  }

  static String code(HttpResponse<String> r) {
    return Http.json(r).get("code").asText();
  }

  static String cookieValue(String pair) {
    return pair.substring(pair.indexOf('=') + 1);
  }

  /** Logs alice in and creates her manager with one authenticated request. */
  Http.Session aliceWithManager() {
    Http.Session alice = http.login(ALICE_KEY);
    HttpResponse<String> who = http.get("/api/whoami", "Cookie", alice.cookie());
    assertEquals(200, who.statusCode(), who.body());
    awaitNoLeases();
    return alice;
  }

  /** The filter releases a lease after the response may already have reached the client. */
  void awaitNoLeases() {
    Awaits.until(
        "every lease is released", () -> server.inspector.store().stats().activeLeases() == 0);
  }

  void assertAnonymous(String cookie) {
    HttpResponse<String> who = http.get("/api/whoami", "Cookie", cookie);
    assertEquals(401, who.statusCode(), who.body());
    assertEquals("unauthenticated", code(who));
  }

  @Nested
  class ForgedCookies {

    @Test
    void clientChosenValue_isNeverAdopted() {
      String chosen = "inspector=attacker-chosen-session-value";
      HttpResponse<String> r = http.get("/api/session", "Cookie", chosen);
      assertEquals(200, r.statusCode());
      assertNotEquals(chosen, Http.cookie(r).orElseThrow());
      assertFalse(Http.json(r).get("renewed").asBoolean());
      assertFalse(Http.json(r).get("authenticated").asBoolean());

      HttpResponse<String> login =
          http.post(
              "/api/login",
              "{\"accessKey\":\"" + ALICE_KEY + "\"}",
              "Cookie",
              chosen,
              "X-Inspector-CSRF",
              Http.json(r).get("csrfToken").asText());
      assertEquals(403, login.statusCode(), "the chosen cookie's session has another CSRF token");
      assertEquals("csrf_failed", code(login));
      assertNotEquals(chosen, Http.cookie(login).orElseThrow());
    }

    @Test
    void fixationThroughLogin_isDefeatedByRenewal() {
      Http.Session planted = http.newSession();
      HttpResponse<String> login =
          http.post(
              "/api/login",
              "{\"accessKey\":\"" + ALICE_KEY + "\"}",
              "Cookie",
              planted.cookie(),
              "X-Inspector-CSRF",
              planted.csrf());
      assertEquals(200, login.statusCode());
      String aliceCookie = Http.cookie(login).orElseThrow();
      assertNotEquals(planted.cookie(), aliceCookie);
      assertAnonymous(planted.cookie());
      assertEquals(0, managersCreated());
    }

    @Test
    void forgedSignature_givesNoSession() {
      Http.Session alice = aliceWithManager();
      String value = cookieValue(alice.cookie());
      String mac = value.substring(value.lastIndexOf('.') + 1);
      char flipped = mac.charAt(0) == 'A' ? 'B' : 'A';
      String forged =
          "inspector="
              + value.substring(0, value.lastIndexOf('.') + 1)
              + flipped
              + mac.substring(1);
      assertAnonymous(forged);
      HttpResponse<String> s = http.get("/api/session", "Cookie", forged);
      assertFalse(Http.json(s).get("authenticated").asBoolean());
      assertFalse(Http.json(s).get("renewed").asBoolean(), "a forgery is no session at all");
      assertEquals(1, managersCreated());
    }

    @Test
    void truncatedSignature_givesNoSession() {
      Http.Session alice = aliceWithManager();
      String truncated = alice.cookie().substring(0, alice.cookie().length() - 5);
      assertAnonymous(truncated);
      String noMac = alice.cookie().substring(0, alice.cookie().lastIndexOf('.'));
      assertAnonymous(noMac);
      assertEquals(1, managersCreated());
    }

    @Test
    void cookieSignedWithRetiredKey_isRejected() throws Exception {
      Http.Session pre = http.newSession();
      Http.Session alice = http.login(ALICE_KEY);
      FakeTicker later = new FakeTicker();
      later.advance(Duration.ofSeconds(10));
      restart(c -> c.signingKeys(List.of(KEY_B)), later);

      HttpResponse<String> bound = http.get("/api/session", "Cookie", alice.cookie());
      assertFalse(Http.json(bound).get("renewed").asBoolean(), "retired key: not even renewed");
      HttpResponse<String> anon = http.get("/api/session", "Cookie", pre.cookie());
      assertEquals(pre.body().get("createdAt").asText(), "2026-01-01T00:00:00Z");
      assertEquals(
          "2026-01-01T00:00:10Z",
          Http.json(anon).get("createdAt").asText(),
          "a new pre-session was minted");
    }

    @Test
    void cookieSignedWithRotatedKeyStillListed_isAccepted() throws Exception {
      Http.Session pre = http.newSession();
      Http.Session alice = http.login(ALICE_KEY);
      FakeTicker later = new FakeTicker();
      later.advance(Duration.ofSeconds(10));
      restart(c -> c.signingKeys(List.of(KEY_B, KEY_A)), later);

      HttpResponse<String> bound = http.get("/api/session", "Cookie", alice.cookie());
      assertTrue(
          Http.json(bound).get("renewed").asBoolean(),
          "signature accepted; the bound session itself ended with the restart");
      HttpResponse<String> anon = http.get("/api/session", "Cookie", pre.cookie());
      assertEquals(
          "2026-01-01T00:00:00Z",
          Http.json(anon).get("createdAt").asText(),
          "the same pre-session");
    }

    @Test
    void sessionIdInHeadersOrQuery_isIgnored() {
      Http.Session alice = aliceWithManager();
      String value = cookieValue(alice.cookie());
      String id = value.split("\\.")[1];
      for (String header :
          List.of(
              "X-Session-Id", "Mcp-Session-Id", "X-Inspector-Session", "Session", "X-Auth-Token")) {
        for (String v : List.of(id, value, alice.cookie())) {
          HttpResponse<String> r = http.get("/api/whoami", header, v);
          assertEquals(401, r.statusCode(), header + " selected a session");
        }
      }
      for (String query : List.of("session=", "sessionId=", "inspector=", "id=")) {
        HttpResponse<String> r = http.get("/api/whoami?" + query + value);
        assertEquals(401, r.statusCode(), query + " selected a session");
        HttpResponse<String> s = http.get("/api/session?" + query + value);
        assertFalse(Http.json(s).get("authenticated").asBoolean());
      }
      HttpResponse<String> bearer = http.get("/api/whoami", "Authorization", "Bearer " + value);
      assertEquals(401, bearer.statusCode(), "a cookie value is not a bearer credential");
      assertEquals(1, managersCreated());
    }

    @Test
    void twoDifferentSessionCookies_areRefused() {
      Http.Session alice = aliceWithManager();
      Http.Session other = http.newSession();
      HttpResponse<String> r =
          http.get("/api/whoami", "Cookie", alice.cookie() + "; " + other.cookie());
      assertEquals(400, r.statusCode());
      assertEquals("bad_request", code(r));
      HttpResponse<String> lines =
          http.send(
              http.request("/api/whoami", "Cookie", other.cookie(), "Cookie", alice.cookie())
                  .GET()
                  .build());
      assertEquals(400, lines.statusCode());
      assertEquals(1, managersCreated());
      HttpResponse<String> same =
          http.get("/api/whoami", "Cookie", alice.cookie() + "; " + alice.cookie());
      assertEquals(200, same.statusCode(), "the same value twice is one cookie");
    }

    @Test
    void anotherPrincipalsCookieWithMyCredentials_givesMeANewSession() {
      Http.Session alice = aliceWithManager();
      HttpResponse<String> bob =
          http.get("/api/whoami", "Cookie", alice.cookie(), "Authorization", "Bearer " + BOB_KEY);
      assertEquals(200, bob.statusCode(), bob.body());
      assertEquals("bob", Http.json(bob).get("principal").asText());
      assertEquals(1, Http.json(bob).get("manager").asInt(), "bob got his own manager");
      assertNotEquals(alice.cookie(), Http.cookie(bob).orElseThrow());
      HttpResponse<String> again = http.get("/api/whoami", "Cookie", alice.cookie());
      assertEquals("alice", Http.json(again).get("principal").asText());
      assertEquals(0, Http.json(again).get("manager").asInt(), "alice's session is untouched");
      assertFalse(server.factory.created.get(0).isClosed());
    }

    @Test
    void cookieReplayedAfterLogout_isDead() {
      Http.Session alice = aliceWithManager();
      HttpResponse<String> out =
          http.post("/api/logout", "", "Cookie", alice.cookie(), "X-Inspector-CSRF", alice.csrf());
      assertEquals(204, out.statusCode());
      String expired = Http.setCookie(out);
      assertTrue(expired.contains("Max-Age=0") || expired.contains("Expires="), expired);
      Awaits.until("alice's manager is closed", () -> server.factory.last().isClosed());
      assertAnonymous(alice.cookie());
      HttpResponse<String> s = http.get("/api/session", "Cookie", alice.cookie());
      assertTrue(Http.json(s).get("renewed").asBoolean());
      HttpResponse<String> post =
          http.post(
              "/api/things", "{}", "Cookie", alice.cookie(), "X-Inspector-CSRF", alice.csrf());
      assertEquals(403, post.statusCode(), "the old CSRF token died with the session");
      assertEquals(0, server.thingsCreated.get());
      assertEquals(1, managersCreated());
    }

    @Test
    void cookieReplayedAfterIdleTimeout_isDead() {
      Http.Session alice = aliceWithManager();
      server.time.advance(InspectorConfig.DEFAULT_SESSION_IDLE_TIMEOUT.plusMinutes(1));
      // The store's own sweeper may get there first; either way the session is gone after this.
      server.inspector.sessions().sweep();
      assertEquals(0, server.inspector.sessions().boundSessionCount());
      Awaits.until("alice's manager is closed", () -> server.factory.last().isClosed());
      assertAnonymous(alice.cookie());
      assertTrue(
          Http.json(http.get("/api/session", "Cookie", alice.cookie())).get("renewed").asBoolean());
      assertEquals(1, managersCreated());
    }

    @Test
    void cookieReplayedAfterAbsoluteLifetime_isDead() throws Exception {
      restart(c -> c.sessionMaxLifetime(Duration.ofHours(1)), new FakeTicker());
      Http.Session alice = aliceWithManager();
      for (int i = 0; i < 2; i++) {
        server.time.advance(Duration.ofMinutes(25));
        assertEquals(
            200,
            http.get("/api/whoami", "Cookie", alice.cookie()).statusCode(),
            "still inside both limits");
        awaitNoLeases();
      }
      server.time.advance(Duration.ofMinutes(15));
      server.inspector.sessions().sweep();
      assertEquals(0, server.inspector.sessions().boundSessionCount());
      Awaits.until("alice's manager is closed", () -> server.factory.last().isClosed());
      assertAnonymous(alice.cookie());
      assertEquals(1, managersCreated());
    }
  }

  @Nested
  class Csrf {

    @Test
    void unsafeRequestWithoutToken_isRefused() {
      Http.Session alice = http.login(ALICE_KEY);
      HttpResponse<String> r = http.post("/api/things", "{}", "Cookie", alice.cookie());
      assertEquals(403, r.statusCode());
      assertEquals("csrf_failed", code(r));
      assertEquals(0, server.thingsCreated.get());
      assertEquals(0, managersCreated());
    }

    @Test
    void anotherSessionsToken_isRefused() {
      Http.Session alice = http.login(ALICE_KEY);
      Http.Session bob = http.login(BOB_KEY);
      HttpResponse<String> r =
          http.post("/api/things", "{}", "Cookie", alice.cookie(), "X-Inspector-CSRF", bob.csrf());
      assertEquals(403, r.statusCode());
      assertEquals("csrf_failed", code(r));
      assertEquals(0, server.thingsCreated.get());
    }

    @Test
    void crossSiteFetch_isRefused() {
      Http.Session alice = http.login(ALICE_KEY);
      HttpResponse<String> r =
          http.post(
              "/api/things",
              "{}",
              "Cookie",
              alice.cookie(),
              "X-Inspector-CSRF",
              alice.csrf(),
              "Sec-Fetch-Site",
              "cross-site");
      assertEquals(403, r.statusCode());
      assertEquals("origin_forbidden", code(r));
      assertEquals(0, server.thingsCreated.get());
    }

    @Test
    void foreignOrigin_isRefused() {
      Http.Session alice = http.login(ALICE_KEY);
      HttpResponse<String> r =
          http.post(
              "/api/things",
              "{}",
              "Cookie",
              alice.cookie(),
              "X-Inspector-CSRF",
              alice.csrf(),
              "Origin",
              "https://evil.example");
      assertEquals(403, r.statusCode());
      assertEquals("origin_forbidden", code(r));
      assertTrue(r.headers().allValues("Access-Control-Allow-Origin").isEmpty());
      assertEquals(0, server.thingsCreated.get());
    }

    @Test
    void loginWithoutToken_isRefused() {
      Http.Session pre = http.newSession();
      HttpResponse<String> r =
          http.post("/api/login", "{\"accessKey\":\"" + ALICE_KEY + "\"}", "Cookie", pre.cookie());
      assertEquals(403, r.statusCode());
      assertEquals("csrf_failed", code(r));
      assertEquals(0, server.inspector.sessions().boundSessionCount());
    }

    @Test
    void sameOriginRequestWithToken_passes() {
      Http.Session alice = http.login(ALICE_KEY);
      HttpResponse<String> r =
          http.post(
              "/api/things",
              "{}",
              "Cookie",
              alice.cookie(),
              "X-Inspector-CSRF",
              alice.csrf(),
              "Sec-Fetch-Site",
              "same-origin",
              "Origin",
              "https://app.example.com");
      assertEquals(201, r.statusCode(), r.body());
      assertEquals(1, server.thingsCreated.get());
    }
  }

  @Nested
  class HostsAndProxies {

    @Test
    void foreignHost_isRefused() {
      for (String path : List.of("/api/session", "/api/health", "/api/whoami")) {
        RawHttp.Response r =
            RawHttp.send(
                server.port(),
                "GET " + path + " HTTP/1.1\r\nHost: rebound.evil.example:" + server.port(),
                null);
        assertEquals(403, r.status(), path);
        assertTrue(r.body().contains("\"host_forbidden\""), r.body());
        assertTrue(r.headers("Set-Cookie").isEmpty(), "no session for a rebinding page");
      }
      assertEquals(0, managersCreated());
    }

    @Test
    void forwardedProtoFromUntrustedPeer_isIgnored() {
      HttpResponse<String> r =
          http.get(
              "/api/session",
              "X-Forwarded-Proto",
              "https",
              "Forwarded",
              "proto=https;host=inspector.example.com");
      String setCookie = Http.setCookie(r);
      assertTrue(setCookie.startsWith("inspector="), setCookie);
      assertFalse(setCookie.contains("Secure"), setCookie);
    }

    @Test
    void forwardedProtoFromTrustedProxy_isHonoured() throws Exception {
      restart(c -> c.trustedProxies(List.of("127.0.0.1/32")), new FakeTicker());
      HttpResponse<String> r = http.get("/api/session", "X-Forwarded-Proto", "https");
      String setCookie = Http.setCookie(r);
      assertTrue(setCookie.startsWith("__Host-inspector="), setCookie);
      assertTrue(setCookie.contains("; Secure"), setCookie);
      HttpResponse<String> plain =
          http.get(
              "/api/session",
              "Cookie",
              "inspector=" + cookieValue(Http.cookie(r).orElseThrow()),
              "X-Forwarded-Proto",
              "https");
      assertNotEquals(
          Http.json(r).get("csrfToken").asText(),
          Http.json(plain).get("csrfToken").asText(),
          "an https request never reads the plain-http cookie name");
    }

    @Test
    void trustedProxyOverIpv6Loopback_isRecognised() throws Exception {
      server.close();
      server =
          FrontServer.start(
              config().trustedProxies(List.of("::1/128")).allowedHosts(List.of("[::1]")).build(),
              new FakeTicker(),
              "::1");
      http = new Http(server);
      HttpResponse<String> r = http.get("/api/session", "X-Forwarded-Proto", "https");
      assertTrue(Http.setCookie(r).startsWith("__Host-inspector="), Http.setCookie(r));
    }

    @Test
    void forwardedHostFromUntrustedPeer_doesNotPassTheHostCheck() {
      RawHttp.Response r =
          RawHttp.send(
              server.port(),
              "GET /api/session HTTP/1.1\r\nHost: rebound.evil.example\r\n"
                  + "X-Forwarded-Host: localhost",
              null);
      assertEquals(403, r.status());
    }

    @Test
    void identityHeaderFromUntrustedPeer_isIgnored() {
      HttpResponse<String> r = http.get("/api/whoami", "X-Forwarded-User", "alice");
      assertEquals(401, r.statusCode());
      assertEquals("unauthenticated", code(r));
      HttpResponse<String> s = http.get("/api/session", "X-Forwarded-User", "alice");
      assertFalse(Http.json(s).get("authenticated").asBoolean());
      assertEquals(0, managersCreated());
      assertEquals(0, server.inspector.sessions().boundSessionCount());
    }
  }

  @Nested
  class Jwt {

    String claims(String aud, long exp) {
      return "{\"sub\":\"carol\",\"iss\":\""
          + ISSUER
          + "\",\"aud\":\""
          + aud
          + "\",\"exp\":"
          + exp
          + "}";
    }

    void assertRefused(String token) {
      HttpResponse<String> r = http.get("/api/whoami", "Authorization", "Bearer " + token);
      assertEquals(401, r.statusCode(), r.body());
      assertEquals("unauthenticated", code(r));
      assertEquals("Bearer", r.headers().firstValue("WWW-Authenticate").orElse(null));
      assertEquals(0, managersCreated());
      assertEquals(0, server.inspector.sessions().boundSessionCount());
    }

    @Test
    void validToken_isAccepted() {
      HttpResponse<String> r =
          http.get(
              "/api/whoami",
              "Authorization",
              "Bearer " + Jwts.hs256(claims(AUDIENCE, NOW + 300), JWT_SECRET));
      assertEquals(200, r.statusCode(), r.body());
      assertEquals("carol", Http.json(r).get("principal").asText());
    }

    @Test
    void algNone_isRefused() {
      assertRefused(Jwts.unsigned(claims(AUDIENCE, NOW + 300)));
    }

    @Test
    void wrongKey_isRefused() {
      byte[] other = "another-secret-of-enough-length-0123456".getBytes(StandardCharsets.US_ASCII);
      assertRefused(Jwts.hs256(claims(AUDIENCE, NOW + 300), other));
    }

    @Test
    void expiredToken_isRefused() {
      assertRefused(Jwts.hs256(claims(AUDIENCE, NOW - 3600), JWT_SECRET));
    }

    @Test
    void wrongAudience_isRefused() {
      assertRefused(Jwts.hs256(claims("another-app", NOW + 300), JWT_SECRET));
    }
  }

  @Nested
  class BruteForce {

    @Test
    void accessKeyGuessing_isLimitedEvenForTheRightKey() {
      Http.Session pre = http.newSession();
      for (int i = 0; i < 10; i++) {
        HttpResponse<String> r =
            http.post(
                "/api/login",
                "{\"accessKey\":\"guess-number-" + i + "-xxxxxxxx\"}",
                "Cookie",
                pre.cookie(),
                "X-Inspector-CSRF",
                pre.csrf());
        assertEquals(401, r.statusCode(), "attempt " + i);
      }
      HttpResponse<String> limited =
          http.post(
              "/api/login",
              "{\"accessKey\":\"" + ALICE_KEY + "\"}",
              "Cookie",
              pre.cookie(),
              "X-Inspector-CSRF",
              pre.csrf());
      assertEquals(429, limited.statusCode());
      assertEquals("rate_limited", code(limited));
      long retryAfter = Long.parseLong(limited.headers().firstValue("Retry-After").orElseThrow());
      assertTrue(retryAfter >= 1 && retryAfter <= 60, "Retry-After " + retryAfter);
      assertEquals(0, server.inspector.sessions().boundSessionCount(), "no login happened");
    }

    @Test
    void bearerGuessing_isLimitedAndForwardedForDoesNotEvadeIt() {
      for (int i = 0; i < 10; i++) {
        HttpResponse<String> r =
            http.get(
                "/api/whoami",
                "Authorization",
                "Bearer guess-number-" + i + "-xxxxxxxx",
                "X-Forwarded-For",
                "198.51.100." + i);
        assertEquals(401, r.statusCode(), "attempt " + i);
      }
      HttpResponse<String> limited =
          http.get(
              "/api/whoami",
              "Authorization",
              "Bearer " + ALICE_KEY,
              "X-Forwarded-For",
              "198.51.100.200");
      assertEquals(429, limited.statusCode());
      assertEquals("rate_limited", code(limited));
      assertTrue(limited.headers().firstValue("Retry-After").isPresent());
      assertEquals(0, managersCreated());
    }
  }

  @Nested
  class MalformedInput {

    @Test
    void hugeCookieHeader_isACleanClientError() {
      String huge = "inspector=" + "A".repeat(100 * 1024);
      RawHttp.Response r =
          RawHttp.send(
              server.port(),
              "GET /api/whoami HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: " + huge,
              null);
      assertTrue(r.status() >= 400 && r.status() < 500, "status " + r.status());
      assertEquals(0, managersCreated());
      assertEquals(0, server.inspector.sessions().boundSessionCount());
      assertEquals(0, server.inspector.store().stats().liveSessions());
    }

    @Test
    void longButAcceptedCookieHeader_givesANewSession() {
      String big = "inspector=" + "A".repeat(4000);
      HttpResponse<String> r = http.get("/api/session", "Cookie", big);
      assertEquals(200, r.statusCode());
      assertNotEquals(big, Http.cookie(r).orElseThrow());
      assertFalse(Http.json(r).get("renewed").asBoolean());
    }

    @Test
    void controlAndNonAsciiCharactersInCookies_areNeverAdoptedNorFatal() {
      Http.Session alice = aliceWithManager();
      for (String value :
          List.of(
              cookieValue(alice.cookie()) + "\u0001",
              RawHttp.utf8Bytes("é☃" + cookieValue(alice.cookie())),
              cookieValue(alice.cookie()) + "\u007f",
              "\"" + cookieValue(alice.cookie()) + "\"")) {
        RawHttp.Response r =
            RawHttp.send(
                server.port(),
                "GET /api/whoami HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: inspector=" + value,
                null);
        assertTrue(r.status() == 400 || r.status() == 401, "status " + r.status() + " " + r.body());
      }
      assertEquals(1, managersCreated());
    }

    @Test
    void controlAndNonAsciiCharactersInHeaders_areCleanClientErrors() {
      Http.Session alice = http.login(ALICE_KEY);
      List<String> heads =
          List.of(
              "POST /api/things HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                  + "Cookie: "
                  + alice.cookie()
                  + "\r\nX-Inspector-CSRF: "
                  + alice.csrf()
                  + "\u0001",
              "POST /api/things HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                  + "Cookie: "
                  + alice.cookie()
                  + "\r\nX-Inspector-CSRF: "
                  + RawHttp.utf8Bytes("ü" + alice.csrf()),
              "GET /api/session HTTP/1.1\r\nHost: " + RawHttp.utf8Bytes("lócalhost"),
              "GET /api/whoami HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer "
                  + RawHttp.utf8Bytes("ключ-0123456789abcdef"));
      for (String head : heads) {
        RawHttp.Response r =
            RawHttp.send(server.port(), head, head.startsWith("POST") ? "{}" : null);
        assertTrue(r.status() >= 400 && r.status() < 500, "status " + r.status() + " for " + head);
      }
      RawHttp.Response identity =
          RawHttp.send(
              server.port(),
              "GET /api/session HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Forwarded-User: "
                  + RawHttp.utf8Bytes("ålice"),
              null);
      assertEquals(200, identity.status(), "an untrusted peer's identity header is ignored");
      assertTrue(identity.body().contains("\"authenticated\":false"), identity.body());
      assertEquals(0, server.thingsCreated.get());
      assertEquals(0, managersCreated());
    }
  }

  @Nested
  class WhatCreatesSessions {

    @Test
    void loginRenewsTheId_andTheOldCookieStopsWorking() {
      Http.Session first = http.login(ALICE_KEY);
      HttpResponse<String> again =
          http.post(
              "/api/login",
              "{\"accessKey\":\"" + ALICE_KEY + "\"}",
              "Cookie",
              first.cookie(),
              "X-Inspector-CSRF",
              first.csrf());
      assertEquals(200, again.statusCode());
      String second = Http.cookie(again).orElseThrow();
      assertNotEquals(first.cookie(), second);
      assertNotEquals(first.csrf(), Http.json(again).get("csrfToken").asText());
      assertAnonymous(first.cookie());
      assertEquals(200, http.get("/api/whoami", "Cookie", second).statusCode());
    }

    @Test
    void healthAndStaticFiles_createNothing() {
      for (String path : List.of("/api/health", "/", "/index.html", "/app.js", "/api/health")) {
        HttpResponse<String> r = http.get(path);
        assertEquals(200, r.statusCode(), path);
        assertTrue(r.headers().allValues("Set-Cookie").isEmpty(), path + " set a cookie");
      }
      assertEquals(0, server.inspector.store().stats().liveSessions());
      assertEquals(0, server.inspector.store().stats().created());
      assertEquals(0, server.inspector.sessions().boundSessionCount());
      assertEquals(0, managersCreated());
    }

    @Test
    void tenThousandCookielessRequestsToStaticPaths_createNoSessions() {
      HttpRequest request = http.request("/index.html").GET().build();
      for (int i = 0; i < 10_000; i++) {
        HttpResponse<String> r = http.send(request);
        if (r.statusCode() != 200 || r.headers().firstValue("Set-Cookie").isPresent()) {
          throw new AssertionError(
              "request " + i + ": " + r.statusCode() + " " + r.headers().map());
        }
      }
      assertEquals(0, server.inspector.sessions().boundSessionCount());
      assertEquals(0, server.inspector.store().stats().created());
    }

    @Test
    void anonymousSessionRequests_holdNoServerState() {
      for (int i = 0; i < 1_000; i++) {
        assertEquals(200, http.get("/api/session").statusCode());
      }
      assertEquals(0, server.inspector.sessions().boundSessionCount());
      assertEquals(0, server.inspector.store().stats().created());
    }
  }

  @Nested
  class Leases {

    @Test
    void streamHoldsItsLeaseUntilItEnds() throws Exception {
      Http.Session alice = http.login(ALICE_KEY);
      HttpResponse<Stream<String>> stream =
          http.client.send(
              http.request("/api/stream", "Cookie", alice.cookie()).GET().build(),
              HttpResponse.BodyHandlers.ofLines());
      assertEquals(200, stream.statusCode());
      Iterator<String> lines = stream.body().iterator();
      while (!lines.next().startsWith("event: hello")) {
        // skip the retry line
      }
      assertEquals(1, server.inspector.store().stats().activeLeases());
      server.closeStreams();
      while (lines.hasNext()) {
        lines.next();
      }
      Awaits.until(
          "the stream's lease is released",
          () -> server.inspector.store().stats().activeLeases() == 0);
      assertEquals(200, http.get("/api/whoami", "Cookie", alice.cookie()).statusCode());
      Awaits.until(
          "the request's lease is released",
          () -> server.inspector.store().stats().activeLeases() == 0);
      assertEquals(1, managersCreated());
    }

    @Test
    void fullStoreAnswersServerBusy() throws Exception {
      restart(c -> c.maxSessions(1), new FakeTicker());
      Http.Session alice = http.login(ALICE_KEY);
      HttpResponse<Stream<String>> stream =
          http.client.send(
              http.request("/api/stream", "Cookie", alice.cookie()).GET().build(),
              HttpResponse.BodyHandlers.ofLines());
      assertEquals(200, stream.statusCode());
      Http.Session bob = http.login(BOB_KEY);
      HttpResponse<String> busy = http.get("/api/whoami", "Cookie", bob.cookie());
      assertEquals(503, busy.statusCode());
      assertEquals("server_busy", code(busy));
      assertTrue(busy.headers().firstValue("Retry-After").isPresent());
      server.closeStreams();
      stream.body().forEach(line -> {});
      Awaits.until(
          "alice's stream lease is released",
          () -> server.inspector.store().stats().activeLeases() == 0);
      HttpResponse<String> served = http.get("/api/whoami", "Cookie", bob.cookie());
      assertEquals(200, served.statusCode(), "alice's idle session was evicted for bob");
    }

    @Test
    void failingManagerFactoryAnswersInternalError() {
      server.factory.failing = true;
      Http.Session alice = http.login(ALICE_KEY);
      HttpResponse<String> r = http.get("/api/whoami", "Cookie", alice.cookie());
      assertEquals(500, r.statusCode());
      assertEquals("internal_error", code(r));
      assertFalse(r.body().contains("test factory told to fail"), "no internals in the body");
      server.factory.failing = false;
      assertEquals(200, http.get("/api/whoami", "Cookie", alice.cookie()).statusCode());
    }

    @Test
    void sessionBodyNeverContainsTheSessionId() {
      Http.Session alice = http.login(ALICE_KEY);
      String id = cookieValue(alice.cookie()).split("\\.")[1];
      JsonNode body = Http.json(http.get("/api/session", "Cookie", alice.cookie()));
      assertFalse(body.toString().contains(id));
      assertFalse(alice.body().toString().contains(id));
      assertEquals(
          List.of(
              "authenticated",
              "principal",
              "csrfToken",
              "mode",
              "createdAt",
              "idleExpiresAt",
              "absoluteExpiresAt",
              "renewed"),
          iterableToList(body.fieldNames()));
    }
  }

  static List<String> iterableToList(Iterator<String> it) {
    java.util.ArrayList<String> out = new java.util.ArrayList<>();
    it.forEachRemaining(out::add);
    return out;
  }
}
