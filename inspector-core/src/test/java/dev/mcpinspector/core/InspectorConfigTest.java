package dev.mcpinspector.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class InspectorConfigTest {

  @Nested
  class Defaults {
    @Test
    void emptySourceGivesTheDocumentedDefaults() {
      InspectorConfig c = InspectorConfig.from(Map.<String, String>of()::get);
      assertEquals(Mode.LOCAL, c.mode());
      assertEquals(Duration.ofMinutes(30), c.sessionIdleTimeout());
      assertEquals(Duration.ofHours(12), c.sessionMaxLifetime());
      assertEquals(1000, c.maxSessions());
      assertEquals(5, c.maxSessionsPerPrincipal());
      assertEquals(Duration.ofSeconds(10), c.disposeTimeout());
      assertEquals(1000, c.rpcLogCapacity());
      assertEquals(256L * 1024 * 1024, c.rpcLogMaxBytes());
      assertEquals(Duration.ofMinutes(5), c.progressStaleAfter());
      assertEquals(Duration.ofMinutes(10), c.elicitationTimeout());
      assertEquals(10, c.maxServersPerSession());
      assertEquals("Lax", c.cookieSameSite());
      assertEquals("auto", c.cookieSecure());
      assertFalse(c.cookiePartitioned());
      assertTrue(c.accessKeys().isEmpty());
      assertTrue(c.signingKeys().isEmpty());
    }
  }

  @Nested
  class FromSource {
    @Test
    void readsEveryKindOfValue() {
      Map<String, String> env =
          Map.of(
              "INSPECTOR_MODE", "Hosted",
              "INSPECTOR_SESSION_IDLE_TIMEOUT", "PT5M",
              "INSPECTOR_SESSION_MAX_LIFETIME", "3600",
              "INSPECTOR_MAX_SESSIONS", "42",
              "INSPECTOR_TRUSTED_PROXIES", " 10.0.0.0/8 , ,::1/128",
              "INSPECTOR_COOKIE_SAMESITE", "strict",
              "INSPECTOR_COOKIE_PARTITIONED", "TRUE",
              "INSPECTOR_ACCESS_KEYS", "alice=secret-key-1",
              "INSPECTOR_RPC_LOG_MAX_BYTES", "1048576");
      InspectorConfig c = InspectorConfig.from(env::get);
      assertEquals(Mode.HOSTED, c.mode());
      assertEquals(Duration.ofMinutes(5), c.sessionIdleTimeout());
      assertEquals(Duration.ofHours(1), c.sessionMaxLifetime());
      assertEquals(42, c.maxSessions());
      assertEquals(List.of("10.0.0.0/8", "::1/128"), c.trustedProxies());
      assertEquals("Strict", c.cookieSameSite());
      assertTrue(c.cookiePartitioned());
      assertEquals("alice=secret-key-1", c.accessKeys().orElseThrow());
      assertEquals(1048576L, c.rpcLogMaxBytes());
    }

    @Test
    void blankValuesKeepDefaults() {
      InspectorConfig c = InspectorConfig.from(Map.of("INSPECTOR_MAX_SESSIONS", "  ")::get);
      assertEquals(InspectorConfig.DEFAULT_MAX_SESSIONS, c.maxSessions());
    }

    @Test
    void keysListEveryOptionOnce() {
      List<String> keys = InspectorConfig.keys();
      assertEquals(keys.size(), keys.stream().distinct().count());
      assertTrue(keys.contains("INSPECTOR_MODE"));
      assertTrue(keys.contains("INSPECTOR_ADMINS"));
      assertTrue(keys.stream().allMatch(k -> k.startsWith("INSPECTOR_")));
    }
  }

  @Nested
  class BadValues {
    private String failure(String key, String value) {
      return assertThrows(
              IllegalArgumentException.class, () -> InspectorConfig.from(Map.of(key, value)::get))
          .getMessage();
    }

    @Test
    void unknownModeNamesKeyValueAndAcceptedValues() {
      assertEquals(
          "INSPECTOR_MODE: mode must be one of [local, hosted], but was 'cloud'",
          failure("INSPECTOR_MODE", "cloud"));
    }

    @Test
    void badDurationNamesBothForms() {
      assertEquals(
          "INSPECTOR_SESSION_IDLE_TIMEOUT: sessionIdleTimeout must be an ISO-8601 duration such as"
              + " PT30M or a number of seconds, but was '30 minutes'",
          failure("INSPECTOR_SESSION_IDLE_TIMEOUT", "30 minutes"));
    }

    @Test
    void zeroDurationIsRefused() {
      assertEquals(
          "INSPECTOR_SWEEP_INTERVAL: sweepInterval must be positive, but was PT0S",
          failure("INSPECTOR_SWEEP_INTERVAL", "0"));
    }

    @Test
    void negativeDurationIsRefused() {
      assertEquals(
          "INSPECTOR_DISPOSE_TIMEOUT: disposeTimeout must be positive, but was PT-1S",
          failure("INSPECTOR_DISPOSE_TIMEOUT", "PT-1S"));
    }

    @Test
    void zeroAndNonNumericSizesAreRefused() {
      assertEquals(
          "INSPECTOR_MAX_SESSIONS: maxSessions must be positive, but was 0",
          failure("INSPECTOR_MAX_SESSIONS", "0"));
      assertEquals(
          "INSPECTOR_RPC_LOG_CAPACITY: rpcLogCapacity must be a positive whole number, but was"
              + " 'lots'",
          failure("INSPECTOR_RPC_LOG_CAPACITY", "lots"));
      assertEquals(
          "INSPECTOR_MAX_SERVERS_PER_SESSION: maxServersPerSession must be at most 2147483647,"
              + " but was 9999999999",
          failure("INSPECTOR_MAX_SERVERS_PER_SESSION", "9999999999"));
    }

    @Test
    void badEnumsAndBooleansNameAcceptedValues() {
      assertEquals(
          "INSPECTOR_COOKIE_SAMESITE: cookieSameSite must be one of [lax, strict, none], but was"
              + " 'sometimes'",
          failure("INSPECTOR_COOKIE_SAMESITE", "sometimes"));
      assertEquals(
          "INSPECTOR_COOKIE_PARTITIONED: cookiePartitioned must be 'true' or 'false', but was"
              + " 'yes'",
          failure("INSPECTOR_COOKIE_PARTITIONED", "yes"));
    }

    @Test
    void partitionedWithoutSecureIsRefused() {
      IllegalArgumentException e =
          assertThrows(
              IllegalArgumentException.class,
              () ->
                  InspectorConfig.builder().cookieSecure("never").cookiePartitioned(true).build());
      assertEquals(
          "cookiePartitioned=true requires a Secure cookie, but cookieSecure=never;"
              + " set cookieSecure to always or auto",
          e.getMessage());
    }

    @Test
    void lifetimeShorterThanIdleTimeoutIsRefused() {
      IllegalArgumentException e =
          assertThrows(
              IllegalArgumentException.class,
              () ->
                  InspectorConfig.builder()
                      .sessionIdleTimeout(Duration.ofHours(2))
                      .sessionMaxLifetime(Duration.ofHours(1))
                      .build());
      assertEquals(
          "sessionMaxLifetime (PT1H) must not be shorter than sessionIdleTimeout (PT2H)",
          e.getMessage());
    }
  }

  @Test
  void toStringMasksSecrets() {
    InspectorConfig c =
        InspectorConfig.builder()
            .signingKeys(List.of("c2VjcmV0LXNpZ25pbmcta2V5LXRoYXQtaXMtbG9uZy1lbm91Z2g="))
            .accessKeys("alice=top-secret")
            .jwtSecret("jwt-secret-value")
            .build();
    String s = c.toString();
    assertFalse(s.contains("c2VjcmV0"), s);
    assertFalse(s.contains("top-secret"), s);
    assertFalse(s.contains("jwt-secret-value"), s);
    assertTrue(s.contains("signingKeys=<masked x1>"), s);
  }
}
