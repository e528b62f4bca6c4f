package dev.mcpinspector.core.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TrustedProxiesTest {

  static final TrustedProxies PROXIES = TrustedProxies.parse("10.0.0.0/8, 2001:db8::/32");

  static RequestView.Builder from(String peer) {
    return RequestView.builder().remoteAddress(peer).header("Host", "internal:8080");
  }

  @Test
  void untrustedPeer_forwardedHeadersIgnored() {
    EffectiveRequest r =
        PROXIES.effective(
            from("203.0.113.9")
                .header("X-Forwarded-Proto", "https")
                .header("X-Forwarded-Host", "evil.example")
                .header("X-Forwarded-For", "1.2.3.4")
                .header("Forwarded", "for=1.2.3.4;proto=https;host=evil.example")
                .build());
    assertEquals("http", r.scheme());
    assertEquals("internal:8080", r.host());
    assertEquals("203.0.113.9", r.clientAddress());
    assertFalse(r.peerTrusted());
    assertFalse(r.secure());
  }

  @Test
  void noProxiesConfigured_trustsNobody() {
    EffectiveRequest r =
        TrustedProxies.none()
            .effective(from("10.0.0.1").header("X-Forwarded-Proto", "https").build());
    assertEquals("http", r.scheme());
    assertFalse(r.peerTrusted());
  }

  @Test
  void trustedPeer_xForwardedHeadersHonoured() {
    EffectiveRequest r =
        PROXIES.effective(
            from("10.1.2.3")
                .header("X-Forwarded-Proto", "https")
                .header("X-Forwarded-Host", "Inspector.Example.com")
                .header("X-Forwarded-For", "198.51.100.7")
                .build());
    assertEquals("https", r.scheme());
    assertEquals("inspector.example.com", r.host());
    assertEquals("198.51.100.7", r.clientAddress());
    assertEquals("https://inspector.example.com", r.origin());
    assertTrue(r.peerTrusted());
  }

  @Test
  void xForwardedFor_chainIsWalkedFromTheRight_skippingTrustedHops() {
    EffectiveRequest r =
        PROXIES.effective(
            from("10.0.0.1").header("X-Forwarded-For", "6.6.6.6, 198.51.100.7, 10.0.0.2").build());
    assertEquals("198.51.100.7", r.clientAddress(), "the spoofed leftmost entry is not trusted");
  }

  @Test
  void xForwardedFor_onSeveralLines() {
    EffectiveRequest r =
        PROXIES.effective(
            from("10.0.0.1")
                .header("X-Forwarded-For", "6.6.6.6")
                .header("X-Forwarded-For", "198.51.100.7")
                .build());
    assertEquals("198.51.100.7", r.clientAddress());
  }

  @Test
  void garbageHop_stopsTheWalkAtTheNearestProxy() {
    EffectiveRequest r =
        PROXIES.effective(
            from("10.0.0.1").header("X-Forwarded-For", "198.51.100.7, unknown").build());
    assertEquals("10.0.0.1", r.clientAddress());
  }

  @Test
  void invalidProtoAndHost_areIgnored() {
    EffectiveRequest r =
        PROXIES.effective(
            from("10.0.0.1")
                .header("X-Forwarded-Proto", "gopher")
                .header("X-Forwarded-Host", "evil.example/\r\nX-Injected: 1")
                .build());
    assertEquals("http", r.scheme());
    assertEquals("internal:8080", r.host());
  }

  @Test
  void forwarded_rfc7239() {
    EffectiveRequest r =
        PROXIES.effective(
            from("10.0.0.1")
                .header(
                    "Forwarded",
                    "for=\"[2001:db8:cafe::17]:4711\";proto=https;host=inspector.example.com")
                .build());
    assertEquals("https", r.scheme());
    assertEquals("inspector.example.com", r.host());
    assertEquals("2001:db8:cafe:0:0:0:0:17", r.clientAddress());
  }

  @Test
  void forwarded_chain_usesTheElementOfTheFirstUntrustedHop() {
    EffectiveRequest r =
        PROXIES.effective(
            from("10.0.0.1")
                .header(
                    "Forwarded",
                    "for=6.6.6.6;proto=http;host=spoof.example, "
                        + "for=198.51.100.7;proto=https;host=inspector.example.com, for=10.0.0.2;proto=http")
                .build());
    assertEquals("198.51.100.7", r.clientAddress());
    assertEquals("https", r.scheme());
    assertEquals("inspector.example.com", r.host());
  }

  @Test
  void forwarded_winsOverXForwarded() {
    EffectiveRequest r =
        PROXIES.effective(
            from("10.0.0.1")
                .header("Forwarded", "for=198.51.100.7;proto=https")
                .header("X-Forwarded-For", "6.6.6.6")
                .header("X-Forwarded-Proto", "http")
                .build());
    assertEquals("198.51.100.7", r.clientAddress());
    assertEquals("https", r.scheme());
  }

  @Test
  void malformedForwarded_isIgnoredAsAWhole() {
    for (String bad :
        new String[] {
          "for=1.2.3.4;proto",
          "for=\"1.2.3.4",
          "garbage",
          "",
          "for=1.2.3.4;for=5.6.7.8",
          "for=1.2.3.4,,",
          "for=\"a\u0001\""
        }) {
      EffectiveRequest r = PROXIES.effective(from("10.0.0.1").header("Forwarded", bad).build());
      assertEquals("10.0.0.1", r.clientAddress(), bad);
      assertEquals("http", r.scheme(), bad);
    }
  }

  @Test
  void ipv4MappedPeer_isMatchedAsIpv4() {
    EffectiveRequest r =
        PROXIES.effective(from("::ffff:10.0.0.5").header("X-Forwarded-Proto", "https").build());
    assertTrue(r.peerTrusted());
    assertEquals("https", r.scheme());
  }

  @Test
  void ipv6Peer() {
    assertTrue(PROXIES.isTrusted("2001:db8::10"));
    assertFalse(PROXIES.isTrusted("2001:db9::10"));
    assertFalse(PROXIES.isTrusted("not-an-address"));
  }

  @Test
  void twoHostHeaders_giveNoHost() {
    EffectiveRequest r =
        PROXIES.effective(
            RequestView.builder()
                .remoteAddress("203.0.113.1")
                .header("Host", "localhost")
                .header("Host", "evil.example")
                .build());
    assertNull(r.host());
  }

  @Test
  void hostHeader_isNormalised() {
    EffectiveRequest r =
        TrustedProxies.none()
            .effective(RequestView.builder().header("Host", "LOCALHOST.:80").build());
    assertEquals("localhost", r.host());
    EffectiveRequest v6 =
        TrustedProxies.none()
            .effective(RequestView.builder().header("Host", "[0:0:0:0:0:0:0:1]:8080").build());
    assertEquals("[0:0:0:0:0:0:0:1]:8080", v6.host());
  }

  @Test
  void hostsWithControlOrNonAsciiCharacters_giveNoHost() {
    for (String bad :
        new String[] {
          "local\u0000host", "h\u00e9st", "a b", "x:99999", "x:", "[::1", "[zz::1]", "user@host"
        }) {
      EffectiveRequest r =
          TrustedProxies.none().effective(RequestView.builder().header("Host", bad).build());
      assertNull(r.host(), bad);
    }
  }

  @Test
  void unsafeMethods() {
    for (String m : new String[] {"POST", "PUT", "PATCH", "DELETE", "PROPFIND"}) {
      assertTrue(
          TrustedProxies.none().effective(RequestView.builder().method(m).build()).unsafeMethod());
    }
    for (String m : new String[] {"GET", "HEAD", "OPTIONS"}) {
      assertFalse(
          TrustedProxies.none().effective(RequestView.builder().method(m).build()).unsafeMethod());
    }
  }
}
