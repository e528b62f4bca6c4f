package dev.mcpinspector.core.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class EncryptionKeysTest {

  private static final String K1 = Base64.getEncoder().encodeToString(new byte[32]);
  private static final String K2 =
      Base64.getUrlEncoder()
          .withoutPadding()
          .encodeToString("0123456789abcdef0123456789abcdef-_".getBytes(StandardCharsets.US_ASCII));

  @Test
  void parse_firstKeyEncrypts_everyKeyDecrypts() {
    EncryptionKeys old = EncryptionKeys.parse("X", K1);
    EncryptionKeys rotated = EncryptionKeys.parse("X", K2 + ", " + K1);
    assertEquals(2, rotated.size());
    byte[] aad = "aad".getBytes(StandardCharsets.UTF_8);
    byte[] sealed = old.seal("secret".getBytes(StandardCharsets.UTF_8), aad);
    assertArrayEquals("secret".getBytes(StandardCharsets.UTF_8), rotated.open(sealed, aad));
    assertFalse(rotated.sealedUnderPrimary(sealed));
    assertTrue(old.sealedUnderPrimary(sealed));
    assertTrue(rotated.sealedUnderPrimary(rotated.seal(new byte[0], aad)));
  }

  @Test
  void open_withOtherAad_isCorrupt() {
    EncryptionKeys k = EncryptionKeys.parse("X", K1);
    byte[] sealed = k.seal(new byte[] {1, 2, 3}, new byte[] {1});
    EncryptionKeys.SealException e =
        assertThrows(EncryptionKeys.SealException.class, () -> k.open(sealed, new byte[] {2}));
    assertEquals(SkippedRecord.Reason.CORRUPT, e.reason());
  }

  @Test
  void sealing_isRandomised() {
    EncryptionKeys k = EncryptionKeys.parse("X", K1);
    byte[] aad = new byte[0];
    assertFalse(java.util.Arrays.equals(k.seal(new byte[8], aad), k.seal(new byte[8], aad)));
  }

  @Test
  void parse_badValues_nameTheOptionAndPosition_notTheKey() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> EncryptionKeys.parse("INSPECTOR_ENCRYPTION_KEYS", K1 + ",c2hvcnQ="));
    assertEquals(
        "INSPECTOR_ENCRYPTION_KEYS: key #2 must be at least 32 bytes, but was 5; generate one with"
            + " `openssl rand -base64 32`",
        e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class,
            () -> EncryptionKeys.parse("INSPECTOR_ENCRYPTION_KEYS", "not base64!!"));
    assertEquals(
        "INSPECTOR_ENCRYPTION_KEYS: key #1 is not base64; generate one with `openssl rand -base64"
            + " 32`",
        e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class,
            () -> EncryptionKeys.parse("INSPECTOR_ENCRYPTION_KEYS", K1 + ",,"));
    assertEquals("INSPECTOR_ENCRYPTION_KEYS: key #2 is empty", e.getMessage());
  }

  @Test
  void toString_showsKeyIdsOnly() {
    EncryptionKeys k = EncryptionKeys.parse("X", K1);
    assertEquals("EncryptionKeys[" + k.primaryKeyId() + "]", k.toString());
    assertEquals(16, k.primaryKeyId().length());
  }
}
