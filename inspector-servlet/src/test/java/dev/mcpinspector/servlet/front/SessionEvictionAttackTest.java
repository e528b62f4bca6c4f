package dev.mcpinspector.servlet.front;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mcpinspector.core.session.SessionConfig;
import dev.mcpinspector.core.time.FakeTicker;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Iterator;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The session-eviction attack of issue 10 over real HTTP on a real Jetty: one authenticated
 * principal floods the server with cookie-less bearer requests or with logins, trying to push other
 * principals' sessions out of the session table. It must never end another principal's session,
 * never close a leased session (an open stream), and the table must stay bounded.
 */
class SessionEvictionAttackTest {

  static final int FLOOD = 20_000;
  static final int PER_PRINCIPAL = SessionConfig.DEFAULT_MAX_SESSIONS_PER_PRINCIPAL;

  FrontServer server;
  Http http;
  Http.Session alice;
  Http.Session bob;
  Iterator<String> bobStream;

  @BeforeEach
  void start() throws Exception {
    server = FrontServer.start(AttackSuiteTest.config().build(), new FakeTicker());
    http = new Http(server);
    // Alice: an idle session with a manager. Bob: a session holding an open stream (a lease).
    alice = http.login(AttackSuiteTest.ALICE_KEY);
    assertEquals(200, http.get("/api/whoami", "Cookie", alice.cookie()).statusCode());
    bob = http.login(AttackSuiteTest.BOB_KEY);
    HttpResponse<Stream<String>> stream =
        http.client.send(
            http.request("/api/stream", "Cookie", bob.cookie()).GET().build(),
            HttpResponse.BodyHandlers.ofLines());
    assertEquals(200, stream.statusCode());
    bobStream = stream.body().iterator();
    while (!bobStream.next().startsWith("event: hello")) {
      // skip the retry line
    }
    awaitLeases(1);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  void awaitLeases(long n) {
    Awaits.until(
        "exactly " + n + " lease(s) open",
        () -> server.inspector.store().stats().activeLeases() == n);
  }

  static String jwt(String subject, String id) {
    return "Bearer "
        + Jwts.hs256(
            "{\"sub\":\""
                + subject
                + "\",\"iss\":\""
                + AttackSuiteTest.ISSUER
                + "\",\"aud\":\""
                + AttackSuiteTest.AUDIENCE
                + "\",\"exp\":"
                + (AttackSuiteTest.NOW + 300)
                + ",\"jti\":\""
                + id
                + "\"}",
            AttackSuiteTest.JWT_SECRET);
  }

  void send(HttpRequest request, int i, int expected) {
    HttpResponse<String> r = http.send(request);
    if (r.statusCode() != expected) {
      throw new AssertionError("request " + i + ": " + r.statusCode() + " " + r.body());
    }
  }

  /** The victims are untouched: same sessions (no new cookie), same managers, stream open. */
  void assertVictimsUntouched() {
    for (Http.Session victim : new Http.Session[] {alice, bob}) {
      HttpResponse<String> who = http.get("/api/whoami", "Cookie", victim.cookie());
      assertEquals(200, who.statusCode(), who.body());
      assertEquals(Optional.empty(), Http.cookie(who), "the victim's session was replaced");
    }
    assertEquals(
        "alice",
        Http.json(http.get("/api/whoami", "Cookie", alice.cookie())).get("principal").asText());
    assertFalse(server.factory.created.get(0).isClosed(), "alice's manager was closed");
    assertFalse(server.factory.created.get(1).isClosed(), "bob's manager was closed");
    awaitLeases(1); // bob's stream still holds its lease
    server.closeStreams();
    while (bobStream.hasNext()) {
      bobStream.next();
    }
  }

  @Test
  void twentyThousandCookielessRequestsWithOneCredential_shareOneSession() {
    HttpRequest request =
        http.request("/api/whoami", "Authorization", jwt("carol", "one")).GET().build();
    for (int i = 0; i < FLOOD; i++) {
      send(request, i, 200);
    }
    assertEquals(3, server.inspector.sessions().boundSessionCount());
    assertEquals(3, server.factory.createdCount(), "one manager for the credential, not one each");
    assertVictimsUntouched();
  }

  @Test
  void twentyThousandCookielessRequestsWithFreshTokens_onlyEndTheAttackersOwnSessions() {
    for (int i = 0; i < FLOOD; i++) {
      send(
          http.request("/api/whoami", "Authorization", jwt("carol", "t" + i)).GET().build(),
          i,
          200);
      if (i % 1000 == 0) {
        assertTrue(server.inspector.sessions().boundSessionCount() <= 2 + PER_PRINCIPAL);
      }
    }
    assertEquals(2 + PER_PRINCIPAL, server.inspector.sessions().boundSessionCount());
    Awaits.until(
        "evicted managers are removed",
        () -> server.inspector.store().stats().liveSessions() <= 2 + PER_PRINCIPAL);
    assertVictimsUntouched();
  }

  @Test
  void twentyThousandLogins_onlyEndTheAttackersOwnIdleSessions() {
    // The attacker keeps one session of its own busy with a stream: it is leased, so it stays.
    Http.Session attackersStreamSession = http.login(AttackSuiteTest.ALICE_KEY);
    HttpResponse<Stream<String>> stream =
        http.client
            .sendAsync(
                http.request("/api/stream", "Cookie", attackersStreamSession.cookie())
                    .GET()
                    .build(),
                HttpResponse.BodyHandlers.ofLines())
            .join();
    assertEquals(200, stream.statusCode());
    awaitLeases(2);
    Http.Session pre = http.newSession();
    HttpRequest login =
        http.request("/api/login", "Cookie", pre.cookie(), "X-Inspector-CSRF", pre.csrf())
            .header("Content-Type", "application/json")
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    "{\"accessKey\":\"" + AttackSuiteTest.ALICE_KEY + "\"}"))
            .build();
    for (int i = 0; i < FLOOD; i++) {
      send(login, i, 200);
    }
    // alice's idle session was the oldest of hers: the flood by alice may end it, but bob's
    // session and every leased session survive, and the table holds at most the limits.
    assertTrue(server.inspector.sessions().boundSessionCount() <= 1 + PER_PRINCIPAL);
    HttpResponse<String> leased =
        http.get("/api/whoami", "Cookie", attackersStreamSession.cookie());
    assertEquals(200, leased.statusCode(), "the attacker's own leased session was ended");
    assertEquals(Optional.empty(), Http.cookie(leased));
    HttpResponse<String> who = http.get("/api/whoami", "Cookie", bob.cookie());
    assertEquals(200, who.statusCode(), who.body());
    assertEquals(Optional.empty(), Http.cookie(who), "bob's session was replaced");
    awaitLeases(2);
    server.closeStreams();
  }

  @Test
  void aPrincipalWhoseSessionsAreAllLeased_isRefusedNotServedByEvictingOthers() throws Exception {
    server.close();
    server =
        FrontServer.start(
            AttackSuiteTest.config().maxSessionsPerPrincipal(1).build(), new FakeTicker());
    http = new Http(server);
    Http.Session first = http.login(AttackSuiteTest.BOB_KEY);
    HttpResponse<Stream<String>> stream =
        http.client.send(
            http.request("/api/stream", "Cookie", first.cookie()).GET().build(),
            HttpResponse.BodyHandlers.ofLines());
    assertEquals(200, stream.statusCode());
    awaitLeases(1);
    Http.Session pre = http.newSession();
    HttpResponse<String> again =
        http.post(
            "/api/login",
            "{\"accessKey\":\"" + AttackSuiteTest.BOB_KEY + "\"}",
            "Cookie",
            pre.cookie(),
            "X-Inspector-CSRF",
            pre.csrf());
    assertEquals(503, again.statusCode(), again.body());
    assertEquals("server_busy", Http.json(again).get("code").asText());
    assertTrue(again.headers().firstValue("Retry-After").isPresent());
    assertEquals(200, http.get("/api/whoami", "Cookie", first.cookie()).statusCode());
    server.closeStreams();
  }
}
