package dev.mcpinspector.core.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mcpinspector.core.http.EffectiveRequest;
import dev.mcpinspector.core.http.RequestView;
import dev.mcpinspector.core.http.TrustedProxies;
import dev.mcpinspector.core.session.Principal;
import dev.mcpinspector.core.time.FakeTicker;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class JwtAuthenticatorTest {

  static final String HS = "{\"alg\":\"HS256\",\"typ\":\"JWT\"}";
  static final String RS = "{\"alg\":\"RS256\"}";
  static final String ES = "{\"alg\":\"ES256\"}";

  final FakeTicker clock = new FakeTicker();
  final long now = clock.millis() / 1000;

  Authenticator authenticator(List<JwtKey> keys, String issuer, String audience) {
    return Authenticator.jwt(
        new JwtSettings(keys, issuer, audience, Duration.ofSeconds(60)), Set.of("alice"), clock);
  }

  Authenticator all() {
    return authenticator(
        List.of(
            JwtKey.hs256(Jwts.SECRET_BASE64),
            JwtKey.publicKey(Jwts.pem(Jwts.RSA)),
            JwtKey.publicKey(Jwts.pem(Jwts.EC))),
        "https://idp.example",
        "inspector");
  }

  String claims(String extra) {
    return "{\"iss\":\"https://idp.example\",\"aud\":\"inspector\",\"sub\":\"alice\",\"exp\":"
        + (now + 300)
        + extra
        + "}";
  }

  static EffectiveRequest bearer(String token) {
    return TrustedProxies.none()
        .effective(RequestView.builder().header("Authorization", "Bearer " + token).build());
  }

  AuthResult check(String token) {
    return all().authenticate(bearer(token));
  }

  void assertFailed(String token, String reason) {
    AuthResult r = check(token);
    assertTrue(r.isFailed(), () -> "expected failure " + reason + " but was " + r);
    assertEquals(reason, r.failure());
  }

  @Nested
  class Valid {
    @Test
    void hs256() {
      AuthResult r = check(Jwts.hs256(HS, claims(",\"name\":\"Alice A.\""), Jwts.SECRET));
      assertTrue(r.isAuthenticated());
      assertTrue(r.explicit());
      Principal p = r.principal();
      assertEquals("jwt:https://idp.example", p.issuer());
      assertEquals("alice", p.subject());
      assertEquals("Alice A.", p.displayName());
      assertTrue(p.hasRole(Principal.ADMIN_ROLE), "alice is in INSPECTOR_ADMINS");
    }

    @Test
    void rs256() {
      assertTrue(check(Jwts.rs256(RS, claims(""), Jwts.RSA.getPrivate())).isAuthenticated());
    }

    @Test
    void es256_withJoseSignature() {
      for (int i = 0;
          i < 20;
          i++) { // r or s with a high bit or leading zeros exercise the DER padding
        assertTrue(check(Jwts.es256(ES, claims(""), Jwts.EC.getPrivate())).isAuthenticated());
      }
    }

    @Test
    void audienceArray() {
      assertTrue(
          check(
                  Jwts.hs256(
                      HS,
                      "{\"iss\":\"https://idp.example\",\"aud\":[\"x\",\"inspector\"],"
                          + "\"sub\":\"bob\",\"exp\":"
                          + (now + 60)
                          + "}",
                      Jwts.SECRET))
              .isAuthenticated());
    }

    @Test
    void expiredWithinLeeway_passes() {
      assertTrue(
          check(
                  Jwts.hs256(
                      HS,
                      "{\"iss\":\"https://idp.example\",\"aud\":\"inspector\","
                          + "\"sub\":\"bob\",\"exp\":"
                          + (now - 30)
                          + "}",
                      Jwts.SECRET))
              .isAuthenticated());
    }

    @Test
    void noIssuerConfigured_acceptsAny_andDefaultsTheIssuer() {
      Authenticator a = authenticator(List.of(JwtKey.hs256(Jwts.SECRET_BASE64)), null, null);
      AuthResult r =
          a.authenticate(
              bearer(Jwts.hs256(HS, "{\"sub\":\"bob\",\"exp\":" + (now + 60) + "}", Jwts.SECRET)));
      assertEquals("jwt", r.principal().issuer());
      assertFalse(r.principal().hasRole(Principal.ADMIN_ROLE));
    }
  }

  @Nested
  class NamespacesAndLifetime {
    final Authenticator open = authenticator(List.of(JwtKey.hs256(Jwts.SECRET_BASE64)), null, null);

    @Test
    void aTokenNamingAnotherAuthenticatorsIssuerIsNotThatAuthenticatorsPrincipal() {
      Principal accessKeyAlice =
          AccessKeys.parse("alice=alice-key-0123456789").principal("alice", Set.of());
      for (String iss : List.of(AccessKeys.ISSUER, "proxy", "jwt")) {
        AuthResult r =
            open.authenticate(
                bearer(
                    Jwts.hs256(
                        HS,
                        "{\"iss\":\"" + iss + "\",\"sub\":\"alice\",\"exp\":" + (now + 60) + "}",
                        Jwts.SECRET)));
        assertTrue(r.isAuthenticated(), r::toString);
        assertEquals("jwt:" + iss, r.principal().issuer());
        assertFalse(r.principal().sameUserAs(accessKeyAlice), iss);
        assertFalse(r.principal().key().equals(accessKeyAlice.key()), iss);
      }
    }

    @Test
    void anExpFarInTheFutureIsRefused() {
      AuthResult r =
          open.authenticate(bearer(Jwts.hs256(HS, "{\"sub\":\"bob\",\"exp\":1e30}", Jwts.SECRET)));
      assertTrue(r.isFailed(), r::toString);
      assertEquals("JWT lifetime exceeds INSPECTOR_JWT_MAX_LIFETIME (PT24H)", r.failure());
    }

    @Test
    void aLifetimeFromIatAboveTheMaximumIsRefusedAndOneBelowAccepted() {
      String tooLong =
          "{\"sub\":\"bob\",\"iat\":" + (now - 10) + ",\"exp\":" + (now - 10 + 86_401) + "}";
      assertTrue(open.authenticate(bearer(Jwts.hs256(HS, tooLong, Jwts.SECRET))).isFailed());
      String fine =
          "{\"sub\":\"bob\",\"iat\":" + (now - 10) + ",\"exp\":" + (now - 10 + 86_400) + "}";
      assertTrue(open.authenticate(bearer(Jwts.hs256(HS, fine, Jwts.SECRET))).isAuthenticated());
    }

    @Test
    void theMaximumIsConfigurable() {
      Authenticator strict =
          Authenticator.jwt(
              new JwtSettings(
                  List.of(JwtKey.hs256(Jwts.SECRET_BASE64)),
                  null,
                  null,
                  Duration.ofSeconds(60),
                  Duration.ofMinutes(5)),
              Set.of(),
              clock);
      String tenMinutes = "{\"sub\":\"bob\",\"exp\":" + (now + 600) + "}";
      assertTrue(strict.authenticate(bearer(Jwts.hs256(HS, tenMinutes, Jwts.SECRET))).isFailed());
      assertTrue(
          open.authenticate(bearer(Jwts.hs256(HS, tenMinutes, Jwts.SECRET))).isAuthenticated());
    }
  }

  @Nested
  class Refused {
    @Test
    void algNone() {
      String token = Jwts.b64("{\"alg\":\"none\"}") + "." + Jwts.b64(claims("")) + ".";
      assertFailed(token, "JWT alg none is refused");
      assertFailed(
          Jwts.b64("{\"alg\":\"NoNe\"}") + "." + Jwts.b64(claims("")) + ".",
          "JWT alg none is refused");
    }

    @Test
    void wrongKey() {
      assertFailed(
          Jwts.hs256(HS, claims(""), "another-secret-another-secret-xx".getBytes()),
          "JWT signature does not verify");
      assertFailed(
          Jwts.es256(ES, claims(""), Jwts.EC_OTHER.getPrivate()), "JWT signature does not verify");
    }

    @Test
    void algMismatch_hmacSignedWithThePublicRsaKey() {
      Authenticator rsaOnly =
          authenticator(List.of(JwtKey.publicKey(Jwts.pem(Jwts.RSA))), null, null);
      String token = Jwts.hs256(HS, claims(""), Jwts.RSA.getPublic().getEncoded());
      AuthResult r = rsaOnly.authenticate(bearer(token));
      assertEquals("no configured key for JWT alg HS256", r.failure());
    }

    @Test
    void algMismatch_rsaTokenClaimingEs256() {
      String rsaSigned = Jwts.rs256(RS, claims(""), Jwts.RSA.getPrivate());
      String swapped = Jwts.b64(ES) + rsaSigned.substring(rsaSigned.indexOf('.'));
      assertFailed(swapped, "JWT signature does not verify");
    }

    @Test
    void expired() {
      assertFailed(
          Jwts.hs256(
              HS,
              "{\"iss\":\"https://idp.example\",\"aud\":\"inspector\",\"sub\":\"a\","
                  + "\"exp\":"
                  + (now - 61)
                  + "}",
              Jwts.SECRET),
          "JWT expired");
    }

    @Test
    void expiresAsTheClockMoves() {
      String token = Jwts.hs256(HS, claims(""), Jwts.SECRET);
      assertTrue(check(token).isAuthenticated());
      clock.advance(Duration.ofSeconds(360));
      assertEquals("JWT expired", check(token).failure());
    }

    @Test
    void missingExp() {
      assertFailed(
          Jwts.hs256(
              HS,
              "{\"iss\":\"https://idp.example\",\"aud\":\"inspector\",\"sub\":\"a\"}",
              Jwts.SECRET),
          "JWT has no numeric exp");
      assertFailed(
          Jwts.hs256(
              HS,
              "{\"iss\":\"https://idp.example\",\"aud\":\"inspector\",\"sub\":\"a\","
                  + "\"exp\":\""
                  + (now + 60)
                  + "\"}",
              Jwts.SECRET),
          "JWT has no numeric exp");
    }

    @Test
    void notYetValid() {
      assertFailed(
          Jwts.hs256(HS, claims(",\"nbf\":" + (now + 120)), Jwts.SECRET),
          "JWT not valid yet (nbf)");
      assertTrue(
          check(Jwts.hs256(HS, claims(",\"nbf\":" + (now + 30)), Jwts.SECRET)).isAuthenticated());
    }

    @Test
    void wrongAudience() {
      assertFailed(
          Jwts.hs256(
              HS,
              "{\"iss\":\"https://idp.example\",\"aud\":\"other\",\"sub\":\"a\",\"exp\":"
                  + (now + 60)
                  + "}",
              Jwts.SECRET),
          "JWT aud does not contain the configured audience");
      assertFailed(
          Jwts.hs256(
              HS,
              "{\"iss\":\"https://idp.example\",\"aud\":[\"x\"],\"sub\":\"a\",\"exp\":"
                  + (now + 60)
                  + "}",
              Jwts.SECRET),
          "JWT aud does not contain the configured audience");
      assertFailed(
          Jwts.hs256(
              HS,
              "{\"iss\":\"https://idp.example\",\"sub\":\"a\",\"exp\":" + (now + 60) + "}",
              Jwts.SECRET),
          "JWT aud does not contain the configured audience");
    }

    @Test
    void wrongIssuer() {
      assertFailed(
          Jwts.hs256(
              HS,
              "{\"iss\":\"https://evil.example\",\"aud\":\"inspector\",\"sub\":\"a\","
                  + "\"exp\":"
                  + (now + 60)
                  + "}",
              Jwts.SECRET),
          "JWT iss is not the configured issuer");
    }

    @Test
    void missingSubject() {
      assertFailed(
          Jwts.hs256(
              HS,
              "{\"iss\":\"https://idp.example\",\"aud\":\"inspector\",\"sub\":\" \","
                  + "\"exp\":"
                  + (now + 60)
                  + "}",
              Jwts.SECRET),
          "JWT sub is missing, blank or longer than 256");
    }

    @Test
    void duplicateAlgInHeader() {
      assertTrue(
          check(Jwts.hs256("{\"alg\":\"HS256\",\"alg\":\"none\"}", claims(""), Jwts.SECRET))
              .failure()
              .startsWith("malformed JWT: invalid JSON at offset"));
    }

    @Test
    void critHeader() {
      assertFailed(
          Jwts.hs256("{\"alg\":\"HS256\",\"crit\":[\"x\"]}", claims(""), Jwts.SECRET),
          "JWT header has crit extensions, which are not supported");
    }

    @Test
    void tamperedClaims() {
      String token = Jwts.hs256(HS, claims(""), Jwts.SECRET);
      String[] parts = token.split("\\.");
      String forged =
          parts[0] + "." + Jwts.b64(claims("").replace("alice", "admin")) + "." + parts[2];
      assertFailed(forged, "JWT signature does not verify");
    }

    @Test
    void garbageTokens() {
      for (String bad :
          new String[] {
            "a.b.c",
            "..",
            "e30.e30.",
            "!!.e30.e30",
            "e30.e30.AAAA=",
            Jwts.b64("{\"alg\":\"HS256\"") + ".e30.AAAA",
            Jwts.b64(new byte[] {(byte) 0xff}) + ".e30.AA"
          }) {
        AuthResult r = check(bad);
        assertTrue(r.isFailed(), bad);
        assertNull(r.principal());
      }
    }

    @Test
    void failureReasonsNeverContainTheToken() {
      String token = Jwts.hs256(HS, claims(""), "another-secret-another-secret-xx".getBytes());
      assertFalse(check(token).failure().contains(token.substring(0, 10)));
    }
  }

  @Test
  void nonJwtBearer_isLeftToOtherAuthenticators() {
    assertEquals(AuthResult.none(), check("an-access-key-without-dots"));
    assertEquals(
        AuthResult.none(),
        all()
            .authenticate(
                TrustedProxies.none()
                    .effective(
                        RequestView.builder().header("Authorization", "Basic YTpi").build())));
  }

  @Test
  void disabled_withoutKeys() {
    assertEquals(
        AuthResult.none(),
        authenticator(List.of(), null, null)
            .authenticate(bearer(Jwts.hs256(HS, claims(""), Jwts.SECRET))));
  }

  @Test
  void joseToDer_refusesWrongLength() {
    assertNull(JwtAuthenticator.joseToDer(new byte[63]));
  }

  @Nested
  class Keys {
    @Test
    void shortHmacSecret_isRefused() {
      assertEquals(
          "INSPECTOR_JWT_SECRET decodes to 8 bytes, but at least 32 are required; for example"
              + " `openssl rand -base64 32`",
          assertThrows(IllegalArgumentException.class, () -> JwtKey.hs256("AAAAAAAAAAA="))
              .getMessage());
    }

    @Test
    void publicKeyTypeDecidesTheAlgorithm() {
      assertEquals(JwtAlgorithm.RS256, JwtKey.publicKey(Jwts.pem(Jwts.RSA)).algorithm());
      assertEquals(JwtAlgorithm.ES256, JwtKey.publicKey(Jwts.pem(Jwts.EC)).algorithm());
      assertEquals(2, JwtKey.parsePublicKeys(Jwts.pem(Jwts.RSA) + "," + Jwts.pem(Jwts.EC)).size());
    }

    @Test
    void garbagePem_isRefused() {
      assertThrows(
          IllegalArgumentException.class,
          () -> JwtKey.publicKey("-----BEGIN PUBLIC KEY-----\nAAAA\n"));
      assertThrows(IllegalArgumentException.class, () -> JwtKey.publicKey("not base64 !"));
    }

    @Test
    void toString_masksSecrets() {
      assertEquals(
          "JwtKey[kid=null, alg=HS256, key=<masked>]", JwtKey.hs256(Jwts.SECRET_BASE64).toString());
    }

    @Test
    void leewayIsBounded() {
      assertEquals(
          "INSPECTOR_JWT_LEEWAY must be between 0 and PT5M, but was PT10M",
          assertThrows(
                  IllegalArgumentException.class,
                  () -> new JwtSettings(List.of(), null, null, Duration.ofMinutes(10)))
              .getMessage());
    }
  }
}
