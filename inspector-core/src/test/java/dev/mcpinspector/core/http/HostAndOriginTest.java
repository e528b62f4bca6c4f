package dev.mcpinspector.core.http;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class HostAndOriginTest {

  static EffectiveRequest request(String host, String... headerPairs) {
    RequestView.Builder b = RequestView.builder().method("POST").header("Host", host);
    for (int i = 0; i < headerPairs.length; i += 2) {
      b.header(headerPairs[i], headerPairs[i + 1]);
    }
    return TrustedProxies.none().effective(b.build());
  }

  @Nested
  class Hosts {
    @Test
    void localhostDefaults() {
      for (String ok :
          new String[] {
            "localhost", "localhost:8080", "127.0.0.1:3000", "[::1]:6274", "LOCALHOST"
          }) {
        assertDoesNotThrow(() -> AllowedHosts.LOCALHOST.check(request(ok)), ok);
      }
    }

    @Test
    void rebindingHost_isForbidden() {
      ProblemException e =
          assertThrows(
              ProblemException.class,
              () -> AllowedHosts.LOCALHOST.check(request("attacker.example:8080")));
      assertEquals(403, e.status());
      assertEquals("host_forbidden", e.code());
      assertEquals(
          "Host 'attacker.example:8080' is not an allowed host of this inspector"
              + " (INSPECTOR_ALLOWED_HOSTS)",
          e.detail());
    }

    @Test
    void missingOrInvalidHost_isForbidden_andQuotedSafely() {
      ProblemException e =
          assertThrows(
              ProblemException.class,
              () -> AllowedHosts.LOCALHOST.check(request("evil\r\n.example")));
      assertEquals(
          "Host 'evil??.example' is not an allowed host of this inspector"
              + " (INSPECTOR_ALLOWED_HOSTS)",
          e.detail());
      EffectiveRequest none = TrustedProxies.none().effective(RequestView.builder().build());
      assertThrows(ProblemException.class, () -> AllowedHosts.LOCALHOST.check(none));
    }

    @Test
    void wildcards_matchSubdomainsOnly() {
      AllowedHosts hosts = AllowedHosts.parse("inspector.example.com, *.corp.example");
      assertTrue(hosts.allows("inspector.example.com"));
      assertTrue(hosts.allows("a.corp.example"));
      assertTrue(hosts.allows("a.b.corp.example:8443"));
      assertFalse(hosts.allows("corp.example"));
      assertFalse(hosts.allows("evilcorp.example"));
      assertFalse(hosts.allows("inspector.example.com.evil.example"));
      assertFalse(hosts.allows(null));
      assertEquals(List.of("inspector.example.com", "*.corp.example"), hosts.patterns());
    }

    @Test
    void ipv6Entries_withOrWithoutBrackets() {
      AllowedHosts hosts = AllowedHosts.parse("::1, [2001:db8::1]");
      assertTrue(hosts.allows("[0:0:0:0:0:0:0:1]:80"));
      assertTrue(hosts.allows("[2001:db8:0:0:0:0:0:1]"));
    }

    @Test
    void any_allowsEverything() {
      assertTrue(AllowedHosts.any().allows("whatever.example"));
      assertTrue(AllowedHosts.any().isAny());
    }

    @Test
    void parseErrors_nameOptionValueAndAcceptedForms() {
      assertEquals(
          "INSPECTOR_ALLOWED_HOSTS entry 'http://x.example' is not a host pattern: expected"
              + " host names without port (inspector.example.com), IP literals (127.0.0.1, [::1]) or"
              + " wildcards (*.example.com), comma-separated",
          assertThrows(IllegalArgumentException.class, () -> AllowedHosts.parse("http://x.example"))
              .getMessage());
      for (String bad :
          new String[] {
            "a.example:8080", "*", "*.*.example", "a*.example", "*.10.0.0.1", "x,,y", " "
          }) {
        assertThrows(IllegalArgumentException.class, () -> AllowedHosts.parse(bad), bad);
      }
    }
  }

  @Nested
  class Origins {
    final AllowedOrigins configured =
        AllowedOrigins.parse("https://app.example.com, http://localhost:5173");

    @Test
    void sameOrigin_passes() {
      assertDoesNotThrow(
          () ->
              AllowedOrigins.none()
                  .check(request("localhost:6274", "Origin", "http://localhost:6274")));
      assertDoesNotThrow(
          () -> AllowedOrigins.none().check(request("localhost", "Origin", "HTTP://LOCALHOST:80")));
    }

    @Test
    void configuredOrigin_passes() {
      assertDoesNotThrow(
          () -> configured.check(request("localhost:6274", "Origin", "http://localhost:5173")));
      assertDoesNotThrow(
          () -> configured.check(request("api.internal", "Origin", "https://app.example.com:443")));
    }

    @Test
    void noOrigin_passes_forNonBrowserClients() {
      assertDoesNotThrow(() -> AllowedOrigins.none().check(request("localhost")));
    }

    @Test
    void foreignOrigin_isForbidden() {
      ProblemException e =
          assertThrows(
              ProblemException.class,
              () -> configured.check(request("localhost:6274", "Origin", "https://evil.example")));
      assertEquals(403, e.status());
      assertEquals("origin_forbidden", e.code());
      assertEquals(
          "Origin 'https://evil.example' is neither this inspector's origin nor listed in"
              + " INSPECTOR_ALLOWED_ORIGINS",
          e.detail());
    }

    @Test
    void sameHostOtherSchemeOrPort_isForeign() {
      assertThrows(
          ProblemException.class,
          () ->
              AllowedOrigins.none()
                  .check(request("localhost:6274", "Origin", "https://localhost:6274")));
      assertThrows(
          ProblemException.class,
          () ->
              AllowedOrigins.none()
                  .check(request("localhost:6274", "Origin", "http://localhost:6275")));
    }

    @Test
    void nullOrMalformedOrRepeatedOrigin_isForbidden() {
      for (String bad :
          new String[] {
            "null",
            "localhost",
            "http://localhost:6274/",
            "http://a@localhost:6274",
            "http://localhost:6274\u0000",
            "ftp://localhost:6274",
            ""
          }) {
        assertThrows(
            ProblemException.class,
            () -> AllowedOrigins.none().check(request("localhost:6274", "Origin", bad)),
            bad);
      }
      assertThrows(
          ProblemException.class,
          () ->
              AllowedOrigins.none()
                  .check(
                      request(
                          "localhost:6274",
                          "Origin",
                          "http://localhost:6274",
                          "Origin",
                          "http://localhost:6274")));
    }

    @Test
    void crossSiteFetch_isForbidden_evenWithAllowedOrigin() {
      ProblemException e =
          assertThrows(
              ProblemException.class,
              () ->
                  AllowedOrigins.none()
                      .check(
                          request(
                              "localhost",
                              "Sec-Fetch-Site",
                              "cross-site",
                              "Origin",
                              "http://localhost")));
      assertEquals(
          "cross-site requests may not change state (Sec-Fetch-Site: cross-site)", e.detail());
    }

    @Test
    void sameSiteAndNoneFetches_pass() {
      assertDoesNotThrow(
          () -> AllowedOrigins.none().check(request("localhost", "Sec-Fetch-Site", "same-origin")));
      assertDoesNotThrow(
          () -> AllowedOrigins.none().check(request("localhost", "Sec-Fetch-Site", "none")));
      assertDoesNotThrow(
          () -> AllowedOrigins.none().check(request("localhost", "Sec-Fetch-Site", "same-site")));
    }

    @Test
    void parseErrors() {
      assertEquals(
          "INSPECTOR_ALLOWED_ORIGINS entry 'https://*.example.com' is not an origin: expected"
              + " exact origins such as https://inspector.example.com or http://localhost:8080 (scheme,"
              + " host and optional port; no path, no wildcard), comma-separated",
          assertThrows(
                  IllegalArgumentException.class,
                  () -> AllowedOrigins.parse("https://*.example.com"))
              .getMessage());
      assertThrows(
          IllegalArgumentException.class, () -> AllowedOrigins.parse("https://a.example/path"));
      assertThrows(IllegalArgumentException.class, () -> AllowedOrigins.parse("*"));
      assertEquals(
          List.of("https://app.example.com"),
          AllowedOrigins.parse("HTTPS://App.Example.com:443").origins());
    }
  }

  @Test
  void problemException_carriesCodeStatusTitleAndHeaders() {
    ProblemException e =
        new ProblemException(
            ProblemCode.RATE_LIMITED, "slow down", java.util.Map.of("Retry-After", "7"));
    assertEquals(429, e.status());
    assertEquals("rate_limited", e.code());
    assertEquals("Too many requests", e.title());
    assertEquals("7", e.headers().get("Retry-After"));
    assertEquals("rate_limited: slow down", e.getMessage());
    assertEquals(0, e.getStackTrace().length);
  }
}
