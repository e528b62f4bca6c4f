package dev.mcpinspector.core.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mcpinspector.core.Mode;
import dev.mcpinspector.core.http.AllowedHosts;
import dev.mcpinspector.core.session.CookieSecure;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SecurityConfigTest {

  static final String SIGNING_KEY = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";

  @Test
  void localDefaults() {
    SecurityConfig c = SecurityConfig.builder().build();
    assertEquals(Mode.LOCAL, c.session().mode());
    assertSame(AllowedHosts.LOCALHOST, c.allowedHosts());
    assertEquals(10, c.loginFailureLimit());
    assertEquals(Duration.ofMinutes(1), c.loginFailureWindow());
    assertTrue(c.trustedProxies().networks().isEmpty());
  }

  @Test
  void hostedDefaults_allowAnyHost() {
    SecurityConfig c =
        SecurityConfig.builder()
            .mode(Mode.HOSTED)
            .signingKeys(SIGNING_KEY)
            .accessKeys("alice=alice-key-0123456789")
            .build();
    assertTrue(c.allowedHosts().isAny());
  }

  @Test
  void hostedWithoutSigningKeys_failsSayingHowToGenerate() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                SecurityConfig.builder()
                    .mode(Mode.HOSTED)
                    .accessKeys("alice=alice-key-0123456789")
                    .build());
    assertTrue(e.getMessage().contains("`openssl rand -base64 32`"), e.getMessage());
  }

  @Test
  void hostedWithoutAnyAuthenticator_fails() {
    assertEquals(
        "hosted mode needs a way to authenticate, but none is configured: set"
            + " INSPECTOR_ACCESS_KEYS, INSPECTOR_IDENTITY_HEADER (with INSPECTOR_TRUSTED_PROXIES),"
            + " INSPECTOR_JWT_SECRET or INSPECTOR_JWT_PUBLIC_KEYS",
        assertThrows(
                IllegalArgumentException.class,
                () -> SecurityConfig.builder().mode(Mode.HOSTED).signingKeys(SIGNING_KEY).build())
            .getMessage());
  }

  @Test
  void identityHeaderWithoutTrustedProxies_fails() {
    assertEquals(
        "INSPECTOR_IDENTITY_HEADER=X-User is only honoured from trusted proxies, but"
            + " INSPECTOR_TRUSTED_PROXIES is empty; list your proxy's addresses there",
        assertThrows(
                IllegalArgumentException.class,
                () -> SecurityConfig.builder().identityHeader("X-User").build())
            .getMessage());
  }

  @Test
  void cookieCombinations_areCheckedAtBuild() {
    assertThrows(
        IllegalArgumentException.class,
        () -> SecurityConfig.builder().cookiePartitioned(true).build());
    SecurityConfig ok =
        SecurityConfig.builder().cookiePartitioned(true).cookieSecure(CookieSecure.ALWAYS).build();
    assertTrue(ok.session().cookiePolicy().partitioned());
  }

  @Test
  void textSetters_parseEveryFormat() {
    SecurityConfig c =
        SecurityConfig.builder()
            .mode(Mode.parse("hosted"))
            .signingKeys(SIGNING_KEY)
            .trustedProxies("10.0.0.0/8")
            .identityHeader("X-Forwarded-User")
            .allowedHosts("inspector.example.com")
            .allowedOrigins("https://inspector.example.com")
            .accessKeys("alice=alice-key-0123456789")
            .jwtSecret(SIGNING_KEY)
            .admins("alice, bob")
            .build();
    assertEquals(Set.of("alice", "bob"), c.admins());
    assertTrue(c.jwt().enabled());
    assertEquals("X-Forwarded-User", c.identityHeader());
    assertFalse(c.toString().contains(SIGNING_KEY));
    assertFalse(c.toString().contains("alice-key-0123456789"));
  }
}
