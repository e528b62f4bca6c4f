package dev.mcpinspector.core.session;

import static dev.mcpinspector.core.auth.BrowserRequests.cookie;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mcpinspector.core.Mode;
import dev.mcpinspector.core.http.EffectiveRequest;
import dev.mcpinspector.core.http.ProblemException;
import dev.mcpinspector.core.http.RequestView;
import dev.mcpinspector.core.http.TrustedProxies;
import dev.mcpinspector.core.time.FakeTicker;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class SessionResolverTest {

  static final byte[] KEY_A = bytes('a');
  static final byte[] KEY_B = bytes('b');
  static final Principal ALICE = new Principal("access-key", "alice", null, Set.of());
  static final Principal BOB = new Principal("access-key", "bob", null, Set.of());

  FakeTicker time;
  List<String> ended;
  AtomicBoolean pinned;
  SessionResolver resolver;

  static byte[] bytes(char c) {
    byte[] k = new byte[32];
    java.util.Arrays.fill(k, (byte) c);
    return k;
  }

  SessionResolver resolver(List<byte[]> keys) {
    SessionConfig config =
        SessionConfig.builder()
            .mode(Mode.HOSTED)
            .signingKeys(SigningKeyRing.of(keys))
            .idleTimeout(Duration.ofMinutes(30))
            .maxLifetime(Duration.ofHours(12))
            .build();
    SessionResolver r = SessionResolver.create(config, time, time, id -> pinned.get());
    r.addListener((id, principal, reason) -> ended.add(principal.subject() + ":" + reason));
    return r;
  }

  @BeforeEach
  void setUp() {
    time = new FakeTicker();
    ended = new ArrayList<>();
    pinned = new AtomicBoolean();
    resolver = resolver(List.of(KEY_A));
  }

  static EffectiveRequest request(String... cookieHeaders) {
    RequestView.Builder b = RequestView.builder().header("Host", "localhost");
    for (String c : cookieHeaders) {
      b.header("Cookie", c);
    }
    return TrustedProxies.none().effective(b.build());
  }

  Resolution loggedIn(Principal p) {
    Resolution pre = resolver.resolve(request(), null);
    return resolver.login(request(cookie(pre)), pre, p);
  }

  @Nested
  class FirstVisit {
    @Test
    void noCookie_mintsPreSessionWithCookie() {
      Resolution r = resolver.resolve(request(), null);
      assertNull(r.principal());
      assertFalse(r.renewed());
      assertEquals(Mode.HOSTED, r.mode());
      String header = r.setCookie().orElseThrow();
      assertTrue(header.startsWith("inspector=p1."), header);
      assertTrue(header.endsWith("; Path=/; HttpOnly; SameSite=Lax"), header);
      assertEquals(0, resolver.boundSessionCount(), "a pre-session holds no server memory");
    }

    @Test
    void presentedPreSession_isTheSameSession_withoutNewCookie() {
      Resolution first = resolver.resolve(request(), null);
      Resolution again = resolver.resolve(request(cookie(first)), null);
      assertEquals(first.sessionId(), again.sessionId());
      assertEquals(first.csrfToken(), again.csrfToken());
      assertTrue(again.setCookie().isEmpty());
      assertEquals(first.createdAt(), again.createdAt());
    }

    @Test
    void reportsExpiryInstants() {
      Resolution r = resolver.resolve(request(), null);
      assertEquals(time.instant(), r.createdAt());
      assertEquals(time.instant().plus(Duration.ofMinutes(30)), r.idleExpiresAt());
      assertEquals(time.instant().plus(Duration.ofHours(12)), r.absoluteExpiresAt());
    }

    @Test
    void tenThousandCookielessRequests_createNoServerState() {
      for (int i = 0; i < 10_000; i++) {
        resolver.resolve(request(), null);
      }
      assertEquals(0, resolver.boundSessionCount());
    }
  }

  @Nested
  class Forgery {
    @Test
    void clientChosenCookieValue_getsNewSession() {
      Resolution r = resolver.resolve(request("inspector=my-own-session-id"), null);
      assertTrue(r.setCookie().isPresent());
      assertFalse(r.renewed(), "an unsigned value is not a session that ended");
      assertNotEquals("my-own-session-id", r.sessionId().value());
    }

    @Test
    void validIdWithForgedSignature_getsNewSession() {
      Resolution real = loggedIn(ALICE);
      String value = cookie(real).substring("inspector=".length());
      String forged =
          value.substring(0, value.lastIndexOf('.') + 1)
              + Base64.getUrlEncoder().withoutPadding().encodeToString(new byte[32]);
      Resolution r = resolver.resolve(request("inspector=" + forged), null);
      assertNotEquals(real.sessionId(), r.sessionId());
      assertNull(r.principal());
      assertFalse(r.renewed());
    }

    @Test
    void truncatedSignature_getsNewSession() {
      Resolution real = loggedIn(ALICE);
      String c = cookie(real);
      Resolution r = resolver.resolve(request(c.substring(0, c.length() - 1)), null);
      assertNotEquals(real.sessionId(), r.sessionId());
      assertNull(r.principal());
    }

    @Test
    void preSessionPromotedToBoundByEditingThePrefix_isRefused() {
      Resolution pre = resolver.resolve(request(), null);
      String edited = cookie(pre).replace("=p1.", "=b1.");
      Resolution r = resolver.resolve(request(edited), null);
      assertNotEquals(pre.sessionId(), r.sessionId());
    }

    @Test
    void cookieFromAnotherKey_getsNewSession() {
      SessionResolver other = resolver(List.of(KEY_B));
      Resolution foreign = other.resolve(request(), null);
      Resolution r = resolver.resolve(request(cookie(foreign)), null);
      assertNotEquals(foreign.sessionId(), r.sessionId());
    }

    @Test
    void sessionIdInHeaderOrQuery_isIgnored() {
      Resolution victim = loggedIn(ALICE);
      RequestView raw =
          RequestView.builder()
              .path("/api/session?session=" + victim.sessionId().value())
              .header("Host", "localhost")
              .header("X-Session-Id", victim.sessionId().value())
              .header("mcp-session-id", victim.sessionId().value())
              .header("Authorization", "Bearer " + victim.sessionId().value())
              .build();
      Resolution r = resolver.resolve(TrustedProxies.none().effective(raw), null);
      assertNotEquals(victim.sessionId(), r.sessionId());
      assertNull(r.principal());
    }

    @Test
    void hundredKilobyteCookieHeader_isHandledAsNoSession() {
      String huge = "inspector=" + "A".repeat(100 * 1024);
      Resolution r = resolver.resolve(request(huge), null);
      assertTrue(r.setCookie().isPresent());
      assertNull(r.principal());
    }

    @Test
    void manyOtherCookiesInHugeHeader_stillFindTheSessionCookie() {
      Resolution real = resolver.resolve(request(), null);
      String filler = "x=" + "y".repeat(100 * 1024);
      Resolution r = resolver.resolve(request(filler + "; " + cookie(real)), null);
      assertEquals(real.sessionId(), r.sessionId());
    }

    @Test
    void nonAsciiAndControlCharactersInCookie_giveNewSession() {
      Resolution real = resolver.resolve(request(), null);
      for (String bad : new String[] {"\u00e9", "\u0000", "\r\n", "\u2028", "\uD800", "\t"}) {
        String c = cookie(real);
        String tampered = c.substring(0, 20) + bad + c.substring(20);
        Resolution r = resolver.resolve(request(tampered), null);
        assertNotEquals(real.sessionId(), r.sessionId(), "with " + (int) bad.charAt(0));
      }
    }

    @Test
    void quotedCookieValue_isNotASession() {
      Resolution real = resolver.resolve(request(), null);
      String c = cookie(real);
      String quoted = "inspector=\"" + c.substring("inspector=".length()) + "\"";
      assertNotEquals(real.sessionId(), resolver.resolve(request(quoted), null).sessionId());
    }
  }

  @Nested
  class DuplicateCookies {
    @Test
    void twoDifferentValues_areABadRequest() {
      Resolution a = resolver.resolve(request(), null);
      Resolution b = resolver.resolve(request(), null);
      ProblemException e =
          assertThrows(
              ProblemException.class,
              () -> resolver.resolve(request(cookie(a) + "; " + cookie(b)), null));
      assertEquals(400, e.status());
      assertEquals("bad_request", e.code());
      assertEquals(
          "the request carries two different session cookies named inspector; clear this"
              + " site's cookies and reload",
          e.detail());
    }

    @Test
    void twoDifferentValuesOnSeparateHeaderLines_areABadRequest() {
      Resolution a = resolver.resolve(request(), null);
      ProblemException e =
          assertThrows(
              ProblemException.class,
              () -> resolver.resolve(request(cookie(a), "inspector=forged"), null));
      assertEquals("bad_request", e.code());
    }

    @Test
    void theSameValueTwice_isAccepted() {
      Resolution a = resolver.resolve(request(), null);
      Resolution r = resolver.resolve(request(cookie(a) + "; " + cookie(a)), null);
      assertEquals(a.sessionId(), r.sessionId());
    }

    @Test
    void cookieWithSimilarName_isNotTheSessionCookie() {
      Resolution a = resolver.resolve(request(), null);
      Resolution r =
          resolver.resolve(request("xinspector=1; " + cookie(a) + "; inspector2=3"), null);
      assertEquals(a.sessionId(), r.sessionId());
    }

    @Test
    void detailNeverContainsASessionId() {
      Resolution a = loggedIn(ALICE);
      Resolution b = loggedIn(BOB);
      ProblemException e =
          assertThrows(
              ProblemException.class, () -> resolver.resolve(request(cookie(a), cookie(b)), null));
      assertFalse(e.getMessage().contains(a.sessionId().value()));
      assertFalse(e.getMessage().contains(b.sessionId().value()));
    }
  }

  @Nested
  class Login {
    @Test
    void renewsTheIdAndBindsThePrincipal() {
      Resolution pre = resolver.resolve(request(), null);
      Resolution in = resolver.login(request(cookie(pre)), pre, ALICE);
      assertNotEquals(pre.sessionId(), in.sessionId());
      assertNotEquals(pre.csrfToken(), in.csrfToken(), "the CSRF token follows the id");
      assertEquals(ALICE, in.principal());
      assertTrue(cookie(in).startsWith("inspector=b1."));
      assertEquals(1, resolver.boundSessionCount());
      Resolution next = resolver.resolve(request(cookie(in)), null);
      assertEquals(in.sessionId(), next.sessionId());
      assertEquals(ALICE, next.principal());
      assertTrue(next.setCookie().isEmpty());
    }

    @Test
    void theOldPreSessionCookie_staysAnonymous() {
      Resolution pre = resolver.resolve(request(), null);
      resolver.login(request(cookie(pre)), pre, ALICE);
      Resolution replay = resolver.resolve(request(cookie(pre)), null);
      assertNull(replay.principal());
    }

    @Test
    void reLogin_endsThePreviousBoundSession() {
      Resolution first = loggedIn(ALICE);
      Resolution second = resolver.login(request(cookie(first)), first, ALICE);
      assertNotEquals(first.sessionId(), second.sessionId());
      assertEquals(List.of("alice:RENEWED"), ended);
      Resolution replay = resolver.resolve(request(cookie(first)), null);
      assertTrue(replay.renewed());
      assertNull(replay.principal());
    }

    @Test
    void requestAuthenticatingByHeader_withPreSession_isRenewedAndBound() {
      Resolution pre = resolver.resolve(request(), null);
      Resolution r = resolver.resolve(request(cookie(pre)), ALICE);
      assertNotEquals(pre.sessionId(), r.sessionId());
      assertEquals(ALICE, r.principal());
      assertTrue(r.setCookie().isPresent());
    }

    @Test
    void requestAuthenticatingAsTheSameUser_keepsTheSession() {
      Resolution in = loggedIn(ALICE);
      Resolution r =
          resolver.resolve(
              request(cookie(in)), new Principal("access-key", "alice", "Alice Again", Set.of()));
      assertEquals(in.sessionId(), r.sessionId());
    }
  }

  @Nested
  class PrincipalMismatch {
    @Test
    void anotherPrincipalsCookieWithMyCredentials_getsMeANewSession() {
      Resolution alice = loggedIn(ALICE);
      Resolution r = resolver.resolve(request(cookie(alice)), BOB);
      assertNotEquals(alice.sessionId(), r.sessionId());
      assertEquals(BOB, r.principal());
      assertFalse(r.renewed());
      assertTrue(r.setCookie().isPresent());
      assertEquals(
          alice.sessionId(),
          resolver.resolve(request(cookie(alice)), null).sessionId(),
          "alice's own session is untouched");
    }

    @Test
    void sameSubjectFromAnotherIssuer_isAnotherUser() {
      Resolution alice = loggedIn(ALICE);
      Principal impostor = new Principal("proxy", "alice", null, Set.of());
      assertNotEquals(
          alice.sessionId(), resolver.resolve(request(cookie(alice)), impostor).sessionId());
    }
  }

  @Nested
  class Logout {
    @Test
    void expiresTheCookieWithTheSameAttributes() {
      Resolution in = loggedIn(ALICE);
      String header = resolver.logout(request(cookie(in)), in);
      assertEquals(
          "inspector=; Path=/; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT; HttpOnly;"
              + " SameSite=Lax",
          header);
      assertEquals(List.of("alice:LOGOUT"), ended);
      assertEquals(0, resolver.boundSessionCount());
    }

    @Test
    void replayAfterLogout_givesRenewedAnonymousSession() {
      Resolution in = loggedIn(ALICE);
      resolver.logout(request(cookie(in)), in);
      Resolution replay = resolver.resolve(request(cookie(in)), null);
      assertNotEquals(in.sessionId(), replay.sessionId());
      assertNull(replay.principal());
      assertTrue(replay.renewed());
      assertTrue(replay.setCookie().isPresent());
    }
  }

  @Nested
  class Expiry {
    @Test
    void boundSession_replayedAfterIdleTimeout_isRenewed() {
      Resolution in = loggedIn(ALICE);
      time.advance(Duration.ofMinutes(30));
      Resolution r = resolver.resolve(request(cookie(in)), null);
      assertTrue(r.renewed());
      assertNull(r.principal());
      assertEquals(List.of("alice:IDLE"), ended);
    }

    @Test
    void boundSession_usedWithinIdleTimeout_staysAlive() {
      Resolution in = loggedIn(ALICE);
      for (int i = 0; i < 10; i++) {
        time.advance(Duration.ofMinutes(29));
        assertEquals(in.sessionId(), resolver.resolve(request(cookie(in)), null).sessionId());
      }
    }

    @Test
    void boundSession_afterAbsoluteLifetime_isRenewedEvenIfActive() {
      Resolution in = loggedIn(ALICE);
      for (int i = 0; i < 12 * 4 - 1; i++) {
        time.advance(Duration.ofMinutes(15));
        assertFalse(resolver.resolve(request(cookie(in)), null).renewed());
      }
      time.advance(Duration.ofMinutes(15));
      Resolution r = resolver.resolve(request(cookie(in)), null);
      assertTrue(r.renewed());
      assertEquals(List.of("alice:LIFETIME"), ended);
    }

    @Test
    void pinnedSession_doesNotIdleOut_butEndsAtLifetime() {
      Resolution in = loggedIn(ALICE);
      pinned.set(true);
      time.advance(Duration.ofHours(2));
      assertEquals(in.sessionId(), resolver.resolve(request(cookie(in)), null).sessionId());
      time.advance(Duration.ofHours(10));
      assertTrue(resolver.resolve(request(cookie(in)), null).renewed());
    }

    @Test
    void preSession_afterIdleTimeout_isRenewed() {
      Resolution pre = resolver.resolve(request(), null);
      time.advance(Duration.ofMinutes(30));
      Resolution r = resolver.resolve(request(cookie(pre)), null);
      assertTrue(r.renewed());
      assertNotEquals(pre.sessionId(), r.sessionId());
    }

    @Test
    void preSession_inUse_isRefreshedAtMostOncePerMinute() {
      Resolution pre = resolver.resolve(request(), null);
      time.advance(Duration.ofSeconds(30));
      assertTrue(resolver.resolve(request(cookie(pre)), null).setCookie().isEmpty());
      time.advance(Duration.ofSeconds(30));
      Resolution refreshed = resolver.resolve(request(cookie(pre)), null);
      assertEquals(pre.sessionId(), refreshed.sessionId());
      assertEquals(pre.csrfToken(), refreshed.csrfToken());
      String c = cookie(refreshed);
      for (int i = 0; i < 30; i++) { // 10 h of 20-minute gaps, within the 12 h lifetime
        time.advance(Duration.ofMinutes(20));
        Resolution r = resolver.resolve(request(c), null);
        assertEquals(pre.sessionId(), r.sessionId(), "kept alive by refreshes, round " + i);
        c = cookie(r);
      }
    }

    @Test
    void preSession_afterAbsoluteLifetime_isRenewedEvenIfRefreshed() {
      Resolution pre = resolver.resolve(request(), null);
      String c = cookie(pre);
      for (int i = 0; i < 12 * 3 - 1; i++) {
        time.advance(Duration.ofMinutes(20));
        Resolution r = resolver.resolve(request(c), null);
        assertFalse(r.renewed(), "round " + i);
        c = cookie(r);
      }
      time.advance(Duration.ofMinutes(20));
      assertTrue(resolver.resolve(request(c), null).renewed());
    }

    @Test
    void sweep_endsOnlyExpiredSessions_andTellsListeners() {
      Resolution idle = loggedIn(ALICE);
      time.advance(Duration.ofMinutes(20));
      Resolution active = loggedIn(BOB);
      time.advance(Duration.ofMinutes(15));
      assertEquals(1, resolver.sweep());
      assertEquals(List.of("alice:IDLE"), ended);
      assertEquals(1, resolver.boundSessionCount());
      assertEquals(active.sessionId(), resolver.resolve(request(cookie(active)), null).sessionId());
      assertTrue(resolver.resolve(request(cookie(idle)), null).renewed());
    }

    @Test
    void sweep_requeuesSessionsThatWereUsed() {
      Resolution in = loggedIn(ALICE);
      time.advance(Duration.ofMinutes(25));
      resolver.resolve(request(cookie(in)), null);
      time.advance(Duration.ofMinutes(10));
      assertEquals(0, resolver.sweep());
      time.advance(Duration.ofMinutes(25));
      assertEquals(1, resolver.sweep());
    }

    @Test
    void sweep_beforeAnyDeadline_doesNothing() {
      loggedIn(ALICE);
      loggedIn(BOB);
      assertEquals(0, resolver.sweep());
      assertEquals(2, resolver.boundSessionCount());
    }
  }

  @Nested
  class EndFromOutside {
    @Test
    void end_makesLaterRequestsRenewed_withoutTellingListeners() {
      Resolution in = loggedIn(ALICE);
      assertTrue(resolver.end(in.sessionId()));
      assertFalse(resolver.end(in.sessionId()));
      Resolution r = resolver.resolve(request(cookie(in)), null);
      assertTrue(r.renewed());
      assertEquals(List.of(), ended);
    }

    @Test
    void restartWithSameKeys_renewsBoundSessions() {
      Resolution in = loggedIn(ALICE);
      SessionResolver restarted = resolver(List.of(KEY_A));
      assertTrue(restarted.resolve(request(cookie(in)), null).renewed());
    }
  }

  @Nested
  class KeyRotation {
    @Test
    void rotatedKey_stillListed_keepsSessionsValid() {
      Resolution in = loggedIn(ALICE);
      SessionResolver rotated = resolver(List.of(KEY_B, KEY_A));
      Resolution pre = resolver.resolve(request(), null);
      Resolution r = rotated.resolve(request(cookie(pre)), null);
      assertEquals(pre.sessionId(), r.sessionId());
      assertFalse(r.renewed());
      assertFalse(cookie(in).isEmpty());
    }

    @Test
    void retiredKey_removedFromTheRing_invalidatesItsCookies() {
      Resolution pre = resolver.resolve(request(), null);
      SessionResolver retired = resolver(List.of(KEY_B));
      Resolution r = retired.resolve(request(cookie(pre)), null);
      assertNotEquals(pre.sessionId(), r.sessionId());
      assertFalse(r.renewed(), "a cookie whose key is gone is not validly signed");
    }

    @Test
    void csrfTokenOfAListedOlderKey_isAccepted() {
      Resolution pre = resolver.resolve(request(), null);
      SessionResolver rotated = resolver(List.of(KEY_B, KEY_A));
      Resolution r = rotated.resolve(request(cookie(pre)), null);
      EffectiveRequest post =
          TrustedProxies.none()
              .effective(
                  RequestView.builder()
                      .method("POST")
                      .header("Host", "localhost")
                      .header("Cookie", cookie(pre))
                      .header(SessionResolver.CSRF_HEADER, pre.csrfToken())
                      .build());
      rotated.checkCsrf(post, r);
    }
  }

  @Nested
  class Csrf {
    EffectiveRequest post(Resolution session, String... tokens) {
      RequestView.Builder b =
          RequestView.builder()
              .method("POST")
              .header("Host", "localhost")
              .header("Cookie", cookie(session));
      for (String t : tokens) {
        b.header(SessionResolver.CSRF_HEADER, t);
      }
      return TrustedProxies.none().effective(b.build());
    }

    @Test
    void ownToken_passes() {
      Resolution s = resolver.resolve(request(), null);
      resolver.checkCsrf(post(s, s.csrfToken()), s);
    }

    @Test
    void missingToken_isRefused() {
      Resolution s = resolver.resolve(request(), null);
      ProblemException e =
          assertThrows(ProblemException.class, () -> resolver.checkCsrf(post(s), s));
      assertEquals(403, e.status());
      assertEquals("csrf_failed", e.code());
      assertEquals(
          "missing X-Inspector-CSRF header; send the csrfToken from GET /api/session", e.detail());
    }

    @Test
    void anotherSessionsToken_isRefused() {
      Resolution mine = resolver.resolve(request(), null);
      Resolution other = resolver.resolve(request(), null);
      ProblemException e =
          assertThrows(
              ProblemException.class,
              () -> resolver.checkCsrf(post(mine, other.csrfToken()), mine));
      assertEquals(
          "X-Inspector-CSRF does not match this session; fetch a fresh csrfToken from"
              + " GET /api/session",
          e.detail());
    }

    @Test
    void tokenAfterLogin_changes_andTheOldOneIsRefused() {
      Resolution pre = resolver.resolve(request(), null);
      Resolution in = resolver.login(request(cookie(pre)), pre, ALICE);
      assertThrows(ProblemException.class, () -> resolver.checkCsrf(post(in, pre.csrfToken()), in));
      resolver.checkCsrf(post(in, in.csrfToken()), in);
    }

    @Test
    void malformedOrRepeatedTokens_areRefused() {
      Resolution s = resolver.resolve(request(), null);
      for (String bad :
          new String[] {
            "",
            "x",
            s.csrfToken() + "A",
            s.csrfToken().substring(1) + "\u00e9",
            s.csrfToken().toUpperCase()
          }) {
        assertThrows(ProblemException.class, () -> resolver.checkCsrf(post(s, bad), s), bad);
      }
      assertThrows(
          ProblemException.class,
          () -> resolver.checkCsrf(post(s, s.csrfToken(), s.csrfToken()), s));
    }

    @Test
    void tokenIsNotTheSessionId() {
      Resolution s = resolver.resolve(request(), null);
      assertFalse(s.csrfToken().contains(s.sessionId().value()));
      assertFalse(
          new String(Base64.getUrlDecoder().decode(s.csrfToken()), StandardCharsets.ISO_8859_1)
              .contains(s.sessionId().value()));
    }
  }

  @Nested
  class SecureCookies {
    EffectiveRequest https(String... cookies) {
      RequestView.Builder b =
          RequestView.builder().scheme("https").header("Host", "inspector.test");
      for (String c : cookies) {
        b.header("Cookie", c);
      }
      return TrustedProxies.none().effective(b.build());
    }

    @Test
    void httpsRequest_getsHostPrefixedSecureCookie() {
      Resolution r = resolver.resolve(https(), null);
      String header = r.setCookie().orElseThrow();
      assertTrue(header.startsWith("__Host-inspector=p1."), header);
      assertTrue(header.contains("; Secure"), header);
    }

    @Test
    void httpsRequest_ignoresThePlainCookiePlantedOverHttp() {
      Resolution planted = resolver.resolve(request(), null);
      Resolution r = resolver.resolve(https(cookie(planted)), null);
      assertNotEquals(planted.sessionId(), r.sessionId());
    }

    @Test
    void httpsRequest_readsItsOwnCookie_evenNextToAPlainOne() {
      Resolution plain = resolver.resolve(request(), null);
      Resolution secure = resolver.resolve(https(), null);
      Resolution r = resolver.resolve(https(cookie(plain) + "; " + cookie(secure)), null);
      assertEquals(secure.sessionId(), r.sessionId());
    }
  }

  @Nested
  class Capacity {
    @Test
    void fullRegistry_endsTheSessionDueFirst() {
      SessionConfig config =
          SessionConfig.builder()
              .mode(Mode.HOSTED)
              .signingKeys(SigningKeyRing.of(List.of(KEY_A)))
              .maxBoundSessions(2)
              .build();
      SessionResolver small = SessionResolver.create(config, time, time, id -> false);
      small.addListener((id, p, reason) -> ended.add(p.subject() + ":" + reason));
      Resolution a = small.login(request(), small.resolve(request(), null), ALICE);
      time.advance(Duration.ofMinutes(1));
      small.login(request(), small.resolve(request(), null), BOB);
      small.login(
          request(),
          small.resolve(request(), null),
          new Principal("access-key", "carol", null, Set.of()));
      assertEquals(2, small.boundSessionCount());
      assertEquals(List.of("alice:CAPACITY"), ended);
      assertTrue(small.resolve(request(cookie(a)), null).renewed());
    }
  }

  @Nested
  class SessionTable {
    static final Principal CAROL =
        new Principal("jwt:https://idp.example", "carol", null, Set.of());

    Set<SessionId> leased;
    SessionResolver table;

    @BeforeEach
    void small() {
      leased = java.util.concurrent.ConcurrentHashMap.newKeySet();
      SessionConfig config =
          SessionConfig.builder()
              .mode(Mode.HOSTED)
              .signingKeys(SigningKeyRing.of(List.of(KEY_A)))
              .maxBoundSessions(6)
              .maxSessionsPerPrincipal(3)
              .build();
      table = SessionResolver.create(config, time, time, leased::contains);
      table.addListener((id, p, reason) -> ended.add(p.subject() + ":" + reason));
    }

    EffectiveRequest bearer(String token) {
      return TrustedProxies.none()
          .effective(
              RequestView.builder()
                  .header("Host", "localhost")
                  .header("Authorization", "Bearer " + token)
                  .build());
    }

    Resolution login(Principal p) {
      return table.login(request(), table.resolve(request(), null), p);
    }

    @Test
    void cookielessBearerRequests_reuseOneSessionPerCredential() {
      Resolution first = table.resolve(bearer("t1"), CAROL);
      for (int i = 0; i < 1000; i++) {
        Resolution again = table.resolve(bearer("t1"), CAROL);
        assertEquals(first.sessionId(), again.sessionId());
        assertEquals(first.csrfToken(), again.csrfToken());
      }
      assertEquals(1, table.boundSessionCount());
      assertNotEquals(first.sessionId(), table.resolve(bearer("t2"), CAROL).sessionId());
      assertEquals(2, table.boundSessionCount());
    }

    @Test
    void theSameTokenForAnotherPrincipal_neverSharesTheSession() {
      Resolution carol = table.resolve(bearer("same"), CAROL);
      Resolution bob = table.resolve(bearer("same"), BOB);
      assertNotEquals(carol.sessionId(), bob.sessionId());
      assertEquals(BOB, bob.principal());
    }

    @Test
    void aPrincipalAtItsMaximum_losesItsOwnOldestIdleSession_neverAnothers() {
      Resolution alice = login(ALICE);
      Resolution bob = login(BOB);
      for (int i = 0; i < 20_000; i++) {
        time.advance(Duration.ofMillis(1));
        table.resolve(bearer("token-" + i), CAROL);
        assertTrue(table.boundSessionCount() <= 2 + 3);
      }
      assertEquals(5, table.boundSessionCount());
      assertEquals(alice.sessionId(), table.resolve(request(cookie(alice)), null).sessionId());
      assertEquals(bob.sessionId(), table.resolve(request(cookie(bob)), null).sessionId());
      assertFalse(ended.contains("alice:CAPACITY"));
      assertFalse(ended.contains("bob:CAPACITY"));
      assertEquals(20_000 - 3, ended.stream().filter("carol:CAPACITY"::equals).count());
    }

    @Test
    void repeatedLogins_endOnlyTheSamePrincipalsIdleSessions_andKeepItsLeasedOne() {
      Resolution bob = login(BOB);
      Resolution streaming = login(ALICE);
      leased.add(streaming.sessionId());
      for (int i = 0; i < 20_000; i++) {
        time.advance(Duration.ofMillis(1));
        login(ALICE);
      }
      assertEquals(1 + 3, table.boundSessionCount());
      assertEquals(
          streaming.sessionId(), table.resolve(request(cookie(streaming)), null).sessionId());
      assertEquals(bob.sessionId(), table.resolve(request(cookie(bob)), null).sessionId());
    }

    @Test
    void whenEveryCandidateIsLeased_theNewSessionIsRefused_andNothingIsEvicted() {
      for (int i = 0; i < 3; i++) {
        leased.add(login(ALICE).sessionId());
      }
      ProblemException e = assertThrows(ProblemException.class, () -> login(ALICE));
      assertEquals("server_busy", e.problem().code());
      assertTrue(e.headers().containsKey("Retry-After"), e.headers().toString());
      assertTrue(e.detail().contains("INSPECTOR_MAX_SESSIONS_PER_PRINCIPAL"), e.detail());
      assertEquals(3, table.boundSessionCount());
      assertEquals(List.of(), ended);
    }

    @Test
    void aFullTable_evictsTheLeastRecentlyUsedUnleasedSession() {
      Resolution a = login(ALICE);
      leased.add(a.sessionId());
      time.advance(Duration.ofMinutes(1));
      Resolution b = login(BOB);
      time.advance(Duration.ofMinutes(1));
      for (int i = 0; i < 4; i++) {
        login(new Principal("access-key", "user" + i, null, Set.of()));
        time.advance(Duration.ofMinutes(1));
      }
      assertEquals(6, table.boundSessionCount());
      login(CAROL);
      assertEquals(6, table.boundSessionCount());
      assertEquals(List.of("bob:CAPACITY"), ended, "the leased older session is never evicted");
      assertEquals(a.sessionId(), table.resolve(request(cookie(a)), null).sessionId());
      assertTrue(table.resolve(request(cookie(b)), null).renewed());
    }

    @Test
    void sweep_costsOnlyTheDueSessions_andSkipsLeasedOnes() {
      Resolution idle = login(ALICE);
      Resolution busy = login(BOB);
      leased.add(busy.sessionId());
      time.advance(Duration.ofMinutes(29));
      assertEquals(0, table.sweep());
      time.advance(Duration.ofMinutes(1).plusSeconds(1));
      assertEquals(1, table.sweep());
      assertEquals(List.of("alice:IDLE"), ended);
      assertEquals(busy.sessionId(), table.resolve(request(cookie(busy)), null).sessionId());
      assertTrue(table.resolve(request(cookie(idle)), null).renewed());
    }
  }

  @Test
  void toStringsNeverRevealIdsOrTokens() {
    Resolution in = loggedIn(ALICE);
    String text = in.toString() + resolver.toString();
    assertFalse(text.contains(in.sessionId().value()), text);
    assertFalse(text.contains(in.csrfToken()), text);
    assertFalse(text.contains(cookie(in).substring(10)), text);
  }
}
