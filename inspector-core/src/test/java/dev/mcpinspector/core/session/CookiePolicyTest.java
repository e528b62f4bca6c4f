package dev.mcpinspector.core.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.mcpinspector.core.Mode;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class CookiePolicyTest {

  @Test
  void default_overHttp_isPlainLaxSessionCookie() {
    assertEquals(
        "inspector=v; Path=/; HttpOnly; SameSite=Lax", CookiePolicy.DEFAULT.setCookie("v", false));
  }

  @Test
  void default_overHttps_isHostPrefixedAndSecure() {
    assertEquals(
        "__Host-inspector=v; Path=/; Secure; HttpOnly; SameSite=Lax",
        CookiePolicy.DEFAULT.setCookie("v", true));
  }

  @Test
  void auto_nameIsStablePerScheme() {
    assertEquals("inspector", CookiePolicy.DEFAULT.cookieName(false));
    assertEquals("__Host-inspector", CookiePolicy.DEFAULT.cookieName(true));
  }

  @Test
  void always_isSecureEvenOverHttp() {
    CookiePolicy p = new CookiePolicy(null, SameSite.STRICT, CookieSecure.ALWAYS, false, null);
    assertEquals(
        "__Host-inspector=v; Path=/; Secure; HttpOnly; SameSite=Strict", p.setCookie("v", false));
  }

  @Test
  void never_isNeverSecure() {
    CookiePolicy p = new CookiePolicy(null, SameSite.LAX, CookieSecure.NEVER, false, null);
    assertEquals("inspector=v; Path=/; HttpOnly; SameSite=Lax", p.setCookie("v", true));
  }

  @Test
  void partitionedNoneWithMaxAge() {
    CookiePolicy p =
        new CookiePolicy("sid", SameSite.NONE, CookieSecure.ALWAYS, true, Duration.ofHours(12));
    assertEquals(
        "sid=v; Path=/; Max-Age=43200; Secure; HttpOnly; SameSite=None; Partitioned",
        p.setCookie("v", true));
  }

  @Test
  void expireCookie_keepsTheSameAttributes() {
    CookiePolicy p = new CookiePolicy(null, SameSite.NONE, CookieSecure.ALWAYS, true, null);
    assertEquals(
        "__Host-inspector=; Path=/; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT;"
            + " Secure; HttpOnly; SameSite=None; Partitioned",
        p.expireCookie(true));
  }

  @Test
  void partitionedWithoutSecure_isRefused() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new CookiePolicy(null, SameSite.LAX, CookieSecure.AUTO, true, null));
    assertEquals(
        "INSPECTOR_COOKIE_PARTITIONED=true requires INSPECTOR_COOKIE_SECURE=always, but it"
            + " was auto",
        e.getMessage());
  }

  @Test
  void sameSiteNoneWithoutSecure_isRefused() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new CookiePolicy(null, SameSite.NONE, CookieSecure.NEVER, false, null));
    assertEquals(
        "INSPECTOR_COOKIE_SAMESITE=none requires INSPECTOR_COOKIE_SECURE=always, but it"
            + " was never",
        e.getMessage());
  }

  @Test
  void hostPrefixedNameWithoutAlways_isRefused() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new CookiePolicy("__Host-x", SameSite.LAX, CookieSecure.AUTO, false, null));
    assertEquals(
        "INSPECTOR_COOKIE_NAME '__Host-x' has a __Host-/__Secure- prefix, which browsers"
            + " accept only with Secure; set INSPECTOR_COOKIE_SECURE=always (was auto) or choose another"
            + " name",
        e.getMessage());
  }

  @Test
  void invalidNames_areRefused() {
    for (String bad : new String[] {"", "a b", "a;b", "a=b", "\u00e9", "x".repeat(65)}) {
      IllegalArgumentException e =
          assertThrows(
              IllegalArgumentException.class,
              () -> new CookiePolicy(bad, SameSite.LAX, CookieSecure.AUTO, false, null),
              bad);
      assertEquals(
          "INSPECTOR_COOKIE_NAME must be 1-64 token characters (letters, digits and"
              + " !#$%&'*+-.^_`|~), but was '"
              + bad
              + "'",
          e.getMessage());
    }
  }

  @Test
  void parsers_nameOptionAndValue() {
    assertEquals(SameSite.STRICT, SameSite.parse(" Strict "));
    assertEquals(CookieSecure.ALWAYS, CookieSecure.parse("ALWAYS"));
    assertEquals(
        "INSPECTOR_COOKIE_SAMESITE must be lax, strict or none, but was 'sometimes'",
        assertThrows(IllegalArgumentException.class, () -> SameSite.parse("sometimes"))
            .getMessage());
    assertEquals(
        "INSPECTOR_COOKIE_SECURE must be always, never or auto, but was 'yes'",
        assertThrows(IllegalArgumentException.class, () -> CookieSecure.parse("yes")).getMessage());
    assertEquals(
        "mode must be one of [local, hosted], but was 'cloud'",
        assertThrows(IllegalArgumentException.class, () -> Mode.parse("cloud")).getMessage());
  }
}
