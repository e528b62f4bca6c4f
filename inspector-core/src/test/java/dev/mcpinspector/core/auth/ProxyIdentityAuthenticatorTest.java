package dev.mcpinspector.core.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mcpinspector.core.http.RequestView;
import dev.mcpinspector.core.http.TrustedProxies;
import dev.mcpinspector.core.session.Principal;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ProxyIdentityAuthenticatorTest {

  static final TrustedProxies PROXIES = TrustedProxies.parse("10.0.0.0/8");
  final Authenticator auth = Authenticator.proxyIdentity("X-Forwarded-User", Set.of("root"));

  AuthResult from(String peer, String... values) {
    RequestView.Builder b = RequestView.builder().remoteAddress(peer);
    for (String v : values) {
      b.header("x-forwarded-user", v);
    }
    return auth.authenticate(PROXIES.effective(b.build()));
  }

  @Test
  void trustedPeer_headerHonoured() {
    AuthResult r = from("10.0.0.1", "alice");
    assertEquals(new Principal("proxy", "alice", null, Set.of()), r.principal());
    assertFalse(r.explicit(), "identity headers are ambient: CSRF still applies");
    assertTrue(from("10.0.0.1", "root").principal().hasRole(Principal.ADMIN_ROLE));
  }

  @Test
  void untrustedPeer_headerIgnored() {
    assertEquals(AuthResult.none(), from("203.0.113.5", "alice"));
  }

  @Test
  void noHeader_isNone() {
    assertEquals(AuthResult.none(), from("10.0.0.1"));
  }

  @Test
  void conflictingOrInvalidValues_fail() {
    assertEquals(
        "several different X-Forwarded-User values", from("10.0.0.1", "alice", "bob").failure());
    assertTrue(from("10.0.0.1", "alice", "alice").isAuthenticated());
    for (String bad :
        new String[] {"", " ", "al\u0000ice", "\u00e9ve", "x".repeat(257), "a\r\nb"}) {
      assertEquals(
          "X-Forwarded-User is blank, too long or not printable ASCII",
          from("10.0.0.1", bad).failure(),
          bad);
    }
  }

  @Test
  void headerName_isValidated() {
    assertEquals(
        "INSPECTOR_IDENTITY_HEADER must be a header name (1-64 token characters), but was"
            + " 'X User'",
        assertThrows(
                IllegalArgumentException.class,
                () -> Authenticator.proxyIdentity("X User", Set.of()))
            .getMessage());
    assertEquals(
        "INSPECTOR_IDENTITY_HEADER must be a dedicated header such as X-Forwarded-User, but"
            + " was 'Cookie'",
        assertThrows(
                IllegalArgumentException.class,
                () -> Authenticator.proxyIdentity("Cookie", Set.of()))
            .getMessage());
  }
}
