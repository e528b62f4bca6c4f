package dev.mcpinspector.core.auth;

import static dev.mcpinspector.core.auth.BrowserRequests.HOST;
import static dev.mcpinspector.core.auth.BrowserRequests.cookie;
import static dev.mcpinspector.core.auth.BrowserRequests.get;
import static dev.mcpinspector.core.auth.BrowserRequests.post;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mcpinspector.core.Mode;
import dev.mcpinspector.core.http.ProblemException;
import dev.mcpinspector.core.http.RequestView;
import dev.mcpinspector.core.session.Resolution;
import dev.mcpinspector.core.session.SessionResolver;
import dev.mcpinspector.core.time.FakeTicker;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The attack suite, at the level of the core gate (the HTTP suite comes with the filter).
 */
class RequestGateTest {

  static final String ALICE_KEY = "alice-key-0123456789";

  FakeTicker time;
  RequestGate gate;

  @BeforeEach
  void setUp() {
    time = new FakeTicker();
    SecurityConfig config =
        SecurityConfig.builder()
            .mode(Mode.HOSTED)
            .signingKeys(SecurityConfigTest.SIGNING_KEY)
            .accessKeys("alice=" + ALICE_KEY + ",bob=bob-key-0123456789ab")
            .trustedProxies("10.0.0.0/8")
            .identityHeader("X-Forwarded-User")
            .jwtSecret(Jwts.SECRET_BASE64)
            .jwtAudience("inspector")
            .allowedHosts(HOST)
            .allowedOrigins("https://" + HOST)
            .admins("alice")
            .build();
    gate = RequestGate.create(config, time, time, id -> false);
  }

  Resolution anonymous() {
    return gate.admit(get().build()).session();
  }

  Resolution loggedIn(String key) {
    Resolution pre = anonymous();
    return gate.login(gate.admit(post(pre).build()), key);
  }

  static ProblemException refused(Runnable r) {
    return assertThrows(ProblemException.class, r::run);
  }

  @Nested
  class Login {
    @Test
    void accessKeyLogin_renewsTheIdAndBinds() {
      Resolution pre = anonymous();
      assertNull(pre.principal());
      assertTrue(pre.setCookie().orElseThrow().startsWith("__Host-inspector="));
      Resolution in = gate.login(gate.admit(post(pre).build()), ALICE_KEY);
      assertNotEquals(pre.sessionId(), in.sessionId());
      assertEquals("alice", in.principal().subject());
      assertTrue(in.principal().hasRole("admin"));
      Admission next = gate.admit(get().header("Cookie", cookie(in)).build());
      assertEquals("alice", next.requirePrincipal().subject());
    }

    @Test
    void loginWithoutCsrfToken_isRefusedBeforeTheKeyIsLookedAt() {
      Resolution pre = anonymous();
      ProblemException e =
          refused(() -> gate.admit(get().method("POST").header("Cookie", cookie(pre)).build()));
      assertEquals("csrf_failed", e.code());
    }

    @Test
    void wrongKey_is401() {
      Resolution pre = anonymous();
      ProblemException e =
          refused(() -> gate.login(gate.admit(post(pre).build()), "wrong-key-0123456789"));
      assertEquals(401, e.status());
      assertEquals("unauthenticated", e.code());
      assertEquals("the access key was not accepted", e.detail());
    }

    @Test
    void blankKey_isABadRequest() {
      Resolution pre = anonymous();
      assertEquals(
          "bad_request", refused(() -> gate.login(gate.admit(post(pre).build()), " ")).code());
    }

    @Test
    void bruteForce_isLimited_evenTheRightKeyIsRefusedUntilTheWindowEnds() {
      Resolution pre = anonymous();
      Admission a = gate.admit(post(pre).build());
      for (int i = 0; i < 10; i++) {
        String guess = "guess-" + i + "-0123456789";
        assertEquals("unauthenticated", refused(() -> gate.login(a, guess)).code());
      }
      ProblemException limited = refused(() -> gate.login(a, ALICE_KEY));
      assertEquals(429, limited.status());
      assertEquals("rate_limited", limited.code());
      assertEquals("60", limited.headers().get("Retry-After"));
      time.advance(Duration.ofMinutes(1));
      assertEquals("alice", gate.login(a, ALICE_KEY).principal().subject());
    }

    @Test
    void bruteForceBehindTrustedProxy_countsPerRealClient() {
      Resolution pre = anonymous();
      Admission attacker =
          gate.admit(
              post(pre)
                  .remoteAddress("10.0.0.1")
                  .header("X-Forwarded-For", "198.51.100.66")
                  .build());
      for (int i = 0; i < 10; i++) {
        refused(() -> gate.login(attacker, "guess-0123456789-x"));
      }
      assertEquals("rate_limited", refused(() -> gate.login(attacker, ALICE_KEY)).code());
      Admission other =
          gate.admit(
              post(pre)
                  .remoteAddress("10.0.0.1")
                  .header("X-Forwarded-For", "198.51.100.67")
                  .build());
      assertEquals("alice", gate.login(other, ALICE_KEY).principal().subject());
    }

    @Test
    void bearerBruteForce_isLimitedToo() {
      for (int i = 0; i < 10; i++) {
        String token = "guess-" + i + "-0123456789";
        assertEquals(
            "unauthenticated",
            refused(() -> gate.admit(get().header("Authorization", "Bearer " + token).build()))
                .code());
      }
      assertEquals(
          "rate_limited",
          refused(() -> gate.admit(get().header("Authorization", "Bearer " + ALICE_KEY).build()))
              .code());
    }
  }

  @Nested
  class Logout {
    @Test
    void replayAfterLogout_isAnonymousAndRenewed() {
      Resolution in = loggedIn(ALICE_KEY);
      String expire = gate.logout(gate.admit(post(in).build()));
      assertTrue(expire.startsWith("__Host-inspector=; Path=/; Max-Age=0"), expire);
      Admission replay = gate.admit(get().header("Cookie", cookie(in)).build());
      assertNull(replay.principal());
      assertTrue(replay.session().renewed());
      assertEquals("unauthenticated", refused(replay::requirePrincipal).code());
    }
  }

  @Nested
  class Csrf {
    @Test
    void unsafeWithoutToken_isRefused() {
      Resolution in = loggedIn(ALICE_KEY);
      ProblemException e =
          refused(() -> gate.admit(get().method("DELETE").header("Cookie", cookie(in)).build()));
      assertEquals("csrf_failed", e.code());
    }

    @Test
    void anotherSessionsToken_isRefused() {
      Resolution mine = loggedIn(ALICE_KEY);
      Resolution other = loggedIn("bob-key-0123456789ab");
      ProblemException e =
          refused(
              () ->
                  gate.admit(
                      get()
                          .method("POST")
                          .header("Cookie", cookie(mine))
                          .header(SessionResolver.CSRF_HEADER, other.csrfToken())
                          .build()));
      assertEquals("csrf_failed", e.code());
    }

    @Test
    void crossSite_isRefused() {
      Resolution in = loggedIn(ALICE_KEY);
      ProblemException e =
          refused(() -> gate.admit(post(in).header("Sec-Fetch-Site", "cross-site").build()));
      assertEquals("origin_forbidden", e.code());
    }

    @Test
    void foreignOrigin_isRefused() {
      Resolution in = loggedIn(ALICE_KEY);
      ProblemException e =
          refused(
              () ->
                  gate.admit(
                      get()
                          .method("POST")
                          .header("Cookie", cookie(in))
                          .header(SessionResolver.CSRF_HEADER, in.csrfToken())
                          .header("Origin", "https://evil.example")
                          .build()));
      assertEquals("origin_forbidden", e.code());
    }

    @Test
    void safeMethods_needNoToken() {
      Resolution in = loggedIn(ALICE_KEY);
      assertEquals(
          "alice",
          gate.admit(
                  get()
                      .header("Cookie", cookie(in))
                      .header("Origin", "https://evil.example")
                      .build())
              .principal()
              .subject());
    }

    @Test
    void explicitBearer_needsNoCsrfToken() {
      Admission a =
          gate.admit(get().method("POST").header("Authorization", "Bearer " + ALICE_KEY).build());
      assertEquals("alice", a.principal().subject());
      assertTrue(a.auth().explicit());
    }

    @Test
    void csrfFailureOnFreshSession_stillDeliversItsCookie() {
      ProblemException e = refused(() -> gate.admit(get().method("POST").build()));
      assertEquals("csrf_failed", e.code());
      assertTrue(e.headers().get("Set-Cookie").startsWith("__Host-inspector="));
      assertEquals("no-store", e.headers().get("Cache-Control"));
    }
  }

  @Nested
  class HostsAndProxies {
    @Test
    void foreignHost_isRefused() {
      ProblemException e =
          refused(
              () ->
                  gate.admit(RequestView.builder().header("Host", "rebind.evil.example").build()));
      assertEquals("host_forbidden", e.code());
    }

    @Test
    void forwardedHostFromUntrustedPeer_doesNotBypassTheHostCheck() {
      ProblemException e =
          refused(
              () ->
                  gate.admit(
                      RequestView.builder()
                          .remoteAddress("203.0.113.9")
                          .header("Host", "rebind.evil.example")
                          .header("X-Forwarded-Host", HOST)
                          .build()));
      assertEquals("host_forbidden", e.code());
    }

    @Test
    void forwardedProtoFromUntrustedPeer_doesNotMakeTheCookieSecure() {
      Resolution r =
          gate.admit(
                  RequestView.builder()
                      .remoteAddress("203.0.113.9")
                      .header("Host", HOST)
                      .header("X-Forwarded-Proto", "https")
                      .build())
              .session();
      String header = r.setCookie().orElseThrow();
      assertTrue(header.startsWith("inspector="), header);
      assertFalse(header.contains("Secure"), header);
    }

    @Test
    void forwardedProtoFromTrustedProxy_makesTheCookieSecure() {
      Resolution r =
          gate.admit(
                  RequestView.builder()
                      .remoteAddress("10.0.0.1")
                      .header("Host", "backend:8080")
                      .header("X-Forwarded-Proto", "https")
                      .header("X-Forwarded-Host", HOST)
                      .build())
              .session();
      assertTrue(r.setCookie().orElseThrow().startsWith("__Host-inspector="));
    }

    @Test
    void identityHeaderFromUntrustedPeer_isIgnored() {
      Admission a = gate.admit(get().header("X-Forwarded-User", "alice").build());
      assertNull(a.principal());
    }

    @Test
    void identityHeaderFromTrustedProxy_authenticates_andBindsASession() {
      Admission a =
          gate.admit(get().remoteAddress("10.0.0.1").header("X-Forwarded-User", "carol").build());
      assertEquals("carol", a.principal().subject());
      assertEquals("proxy", a.principal().issuer());
      Admission again =
          gate.admit(
              get()
                  .remoteAddress("10.0.0.1")
                  .header("X-Forwarded-User", "carol")
                  .header("Cookie", cookie(a.session()))
                  .build());
      assertEquals(a.session().sessionId(), again.session().sessionId());
    }

    @Test
    void anotherPrincipalsCookie_withMyProxyIdentity_getsMeMyOwnSession() {
      Resolution alice = loggedIn(ALICE_KEY);
      Admission mallory =
          gate.admit(
              get()
                  .remoteAddress("10.0.0.1")
                  .header("X-Forwarded-User", "mallory")
                  .header("Cookie", cookie(alice))
                  .build());
      assertEquals("mallory", mallory.principal().subject());
      assertNotEquals(alice.sessionId(), mallory.session().sessionId());
    }
  }

  @Nested
  class Jwt {
    @Test
    void validBearerJwt_authenticates() {
      long now = time.millis() / 1000;
      String token =
          Jwts.hs256(
              "{\"alg\":\"HS256\"}",
              "{\"sub\":\"dave\",\"aud\":\"inspector\",\"exp\":" + (now + 60) + "}",
              Jwts.SECRET);
      assertEquals(
          "dave",
          gate.admit(get().header("Authorization", "Bearer " + token).build())
              .principal()
              .subject());
    }

    @Test
    void algNoneJwt_is401() {
      String token =
          Jwts.b64("{\"alg\":\"none\"}")
              + "."
              + Jwts.b64("{\"sub\":\"alice\",\"exp\":9999999999}")
              + ".";
      ProblemException e =
          refused(() -> gate.admit(get().header("Authorization", "Bearer " + token).build()));
      assertEquals("unauthenticated", e.code());
      assertEquals("Bearer", e.headers().get("WWW-Authenticate"));
    }
  }

  @Nested
  class HostileInput {
    @Test
    void hundredKilobyteCookieHeader_givesAnAnonymousSession() {
      Admission a =
          gate.admit(get().header("Cookie", "__Host-inspector=" + "x".repeat(100 * 1024)).build());
      assertNull(a.principal());
      assertTrue(a.session().setCookie().isPresent());
    }

    @Test
    void controlAndNonAsciiCharactersInHeaders_areRefusedOrIgnored() {
      Admission a =
          gate.admit(
              get()
                  .header("Cookie", "__Host-inspector=\u0000\u00ff\r\n")
                  .header("X-Forwarded-For", "\u00e9")
                  .header("Forwarded", "for=\u0001")
                  .build());
      assertNull(a.principal());
      assertEquals("203.0.113.9", a.request().clientAddress());
      assertEquals(
          "host_forbidden",
          refused(() -> gate.admit(RequestView.builder().header("Host", HOST + "\u0000").build()))
              .code());
      assertEquals(
          "unauthenticated",
          refused(() -> gate.admit(get().header("Authorization", "Bearer \u00e9\u0000").build()))
              .code());
    }

    @Test
    void twoSessionCookies_areABadRequest() {
      Resolution a = anonymous();
      Resolution b = anonymous();
      assertEquals(
          "bad_request",
          refused(
                  () ->
                      gate.admit(
                          get().header("Cookie", cookie(a)).header("Cookie", cookie(b)).build()))
              .code());
    }
  }
}
