package dev.mcpinspector.core.session;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mcpinspector.core.Mode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class SigningKeyRingTest {

  static final String KEY_A = Base64.getEncoder().encodeToString(SessionResolverTest.KEY_A);
  static final String KEY_B = Base64.getEncoder().encodeToString(SessionResolverTest.KEY_B);
  static final byte[] DATA = "payload".getBytes(StandardCharsets.US_ASCII);

  @Test
  void firstKeySigns_everyKeyVerifies() {
    SigningKeyRing old = SigningKeyRing.parse(KEY_A);
    SigningKeyRing rotated = SigningKeyRing.parse(KEY_B + "," + KEY_A);
    assertTrue(rotated.verify(DATA, old.sign(DATA)));
    assertTrue(old.verify(DATA, old.sign(DATA)));
    assertFalse(old.verify(DATA, rotated.sign(DATA)), "the new first key signs");
    assertEquals(2, rotated.size());
  }

  @Test
  void removedKey_noLongerVerifies() {
    SigningKeyRing old = SigningKeyRing.parse(KEY_A);
    assertFalse(SigningKeyRing.parse(KEY_B).verify(DATA, old.sign(DATA)));
  }

  @Test
  void verify_refusesWrongLengthsAndOtherData() {
    SigningKeyRing ring = SigningKeyRing.parse(KEY_A);
    byte[] mac = ring.sign(DATA);
    assertFalse(ring.verify(DATA, java.util.Arrays.copyOf(mac, 31)));
    assertFalse(ring.verify(DATA, null));
    assertFalse(ring.verify("other".getBytes(StandardCharsets.US_ASCII), mac));
    assertArrayEquals(mac, ring.sign(DATA));
  }

  @Test
  void parse_acceptsUrlSafeAndUnpaddedBase64() {
    String urlSafe =
        Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(
                new byte[] {
                  -1, -2, -3, -4, -5, -6, -7, -8, -9, -10, -11, -12, -13, -14, -15, -16,
                  -17, -18, -19, -20, -21, -22, -23, -24, -25, -26, -27, -28, -29, -30, -31, -32
                });
    assertEquals(1, SigningKeyRing.parse(" " + urlSafe + " ").size());
  }

  @Test
  void parse_refusesShortKeys_sayingHowToGenerate() {
    String shortKey = Base64.getEncoder().encodeToString(new byte[16]);
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> SigningKeyRing.parse(KEY_A + "," + shortKey));
    assertEquals(
        "INSPECTOR_SIGNING_KEYS entry 2 of 2 decodes to 16 bytes, but at least 32 are"
            + " required; generate one with `openssl rand -base64 32` and set INSPECTOR_SIGNING_KEYS to"
            + " it (several keys comma-separated, the first signs)",
        e.getMessage());
  }

  @Test
  void parse_refusesNonBase64_withoutEchoingTheSecret() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> SigningKeyRing.parse("not base64 secret!!"));
    assertTrue(
        e.getMessage()
            .startsWith("INSPECTOR_SIGNING_KEYS entry 1 of 1 is not base64 (value" + " masked)"),
        e.getMessage());
    assertFalse(e.getMessage().contains("secret!!"));
  }

  @Test
  void parse_refusesEmptyEntries() {
    assertThrows(IllegalArgumentException.class, () -> SigningKeyRing.parse(KEY_A + ",,"));
    assertThrows(IllegalArgumentException.class, () -> SigningKeyRing.parse(" "));
  }

  @Test
  void hostedModeWithoutKeys_failsSayingHowToGenerate() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> SigningKeyRing.forMode(Mode.HOSTED, null));
    assertEquals(
        "INSPECTOR_SIGNING_KEYS is required in hosted mode, so that cookies survive"
            + " restarts and every node accepts them; generate one with `openssl rand -base64 32` and"
            + " set INSPECTOR_SIGNING_KEYS to it (several keys comma-separated, the first signs)",
        e.getMessage());
  }

  @Test
  void localModeWithoutKeys_getsARandomKeyPerProcess() {
    SigningKeyRing a = SigningKeyRing.forMode(Mode.LOCAL, null);
    SigningKeyRing b = SigningKeyRing.forMode(Mode.LOCAL, "");
    assertFalse(b.verify(DATA, a.sign(DATA)));
  }

  @Test
  void of_refusesShortAndEmpty() {
    assertThrows(IllegalArgumentException.class, () -> SigningKeyRing.of(List.of()));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> SigningKeyRing.of(List.of(new byte[31])));
    assertTrue(
        e.getMessage().startsWith("signing key 1 has 31 bytes, but at least 32 are required"));
  }

  @Test
  void toString_masksKeys() {
    assertEquals(
        "SigningKeyRing[keys=2, values=<masked>]",
        SigningKeyRing.parse(KEY_A + "," + KEY_B).toString());
  }
}
