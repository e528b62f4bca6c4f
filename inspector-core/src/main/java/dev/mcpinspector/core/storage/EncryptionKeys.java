package dev.mcpinspector.core.storage;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The keys that seal stored secrets ({@code INSPECTOR_ENCRYPTION_KEYS}): AES-256-GCM, the first key
 * encrypts, every key decrypts, so keys rotate by prepending a new one and running {@link
 * SavedServerStore#reencrypt()}. Each configured secret (base64, at least {@value #MIN_KEY_BYTES}
 * bytes) is not used directly: the AES key and an 8-byte key id are derived from it with
 * HMAC-SHA256 under fixed labels. A sealed value names its key id, so a value sealed under a key
 * that is not configured is recognised as such and never tried with another key.
 *
 * <p>Immutable and thread-safe. {@link #toString()} shows key ids only.
 */
public final class EncryptionKeys {

  /** The shortest accepted key, in bytes. */
  public static final int MIN_KEY_BYTES = 32;

  static final int KEY_ID_BYTES = 8;
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final byte[] AES_LABEL =
      "mcp-inspector/storage/aes-256-gcm/v1".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] ID_LABEL =
      "mcp-inspector/storage/key-id/v1".getBytes(StandardCharsets.US_ASCII);
  private static final SecureRandom RANDOM = new SecureRandom();

  private record Key(byte[] id, SecretKeySpec aes) {}

  private final List<Key> keys;

  private EncryptionKeys(List<byte[]> secrets) {
    List<Key> k = new ArrayList<>();
    for (byte[] s : secrets) {
      byte[] aes = hmac(s, AES_LABEL);
      k.add(new Key(Arrays.copyOf(hmac(s, ID_LABEL), KEY_ID_BYTES), new SecretKeySpec(aes, "AES")));
    }
    this.keys = List.copyOf(k);
  }

  /**
   * Keys from their secrets, the first encrypts.
   *
   * @param secrets at least one, each at least {@value #MIN_KEY_BYTES} bytes; copied
   * @return the keys
   * @throws IllegalArgumentException if the list is empty or a key is too short
   */
  public static EncryptionKeys of(List<byte[]> secrets) {
    Objects.requireNonNull(secrets, "secrets must not be null");
    if (secrets.isEmpty()) {
      throw new IllegalArgumentException("at least one encryption key is needed");
    }
    List<byte[]> copies = new ArrayList<>();
    for (int i = 0; i < secrets.size(); i++) {
      byte[] s = Objects.requireNonNull(secrets.get(i), "key must not be null");
      if (s.length < MIN_KEY_BYTES) {
        throw new IllegalArgumentException(
            "encryption key #"
                + (i + 1)
                + " must be at least "
                + MIN_KEY_BYTES
                + " bytes, but was "
                + s.length);
      }
      copies.add(s.clone());
    }
    return new EncryptionKeys(copies);
  }

  /**
   * Parses a comma-separated list of base64 (standard or URL-safe) keys, as {@code
   * INSPECTOR_ENCRYPTION_KEYS} holds them.
   *
   * @param option the option name, for the message
   * @param value the list
   * @return the keys
   * @throws IllegalArgumentException naming the option, the position of the bad key and the rule
   *     (never the key itself)
   */
  public static EncryptionKeys parse(String option, String value) {
    Objects.requireNonNull(value, option + " must not be null");
    List<byte[]> secrets = new ArrayList<>();
    String[] parts = value.split(",", -1);
    for (int i = 0; i < parts.length; i++) {
      String p = parts[i].strip();
      if (p.isEmpty()) {
        if (parts.length == 1) {
          break;
        }
        throw new IllegalArgumentException(option + ": key #" + (i + 1) + " is empty");
      }
      byte[] raw;
      try {
        raw =
            p.indexOf('-') >= 0 || p.indexOf('_') >= 0
                ? Base64.getUrlDecoder().decode(p)
                : Base64.getDecoder().decode(p);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            option
                + ": key #"
                + (i + 1)
                + " is not base64; generate one with `openssl rand -base64 32`",
            e);
      }
      if (raw.length < MIN_KEY_BYTES) {
        throw new IllegalArgumentException(
            option
                + ": key #"
                + (i + 1)
                + " must be at least "
                + MIN_KEY_BYTES
                + " bytes, but was "
                + raw.length
                + "; generate one with `openssl rand -base64 32`");
      }
      secrets.add(raw);
    }
    if (secrets.isEmpty()) {
      throw new IllegalArgumentException(
          option + " is empty; generate a key with `openssl rand -base64 32`");
    }
    return new EncryptionKeys(secrets);
  }

  /**
   * One fresh random key, for stores that do not outlive the process.
   *
   * @return the keys
   */
  public static EncryptionKeys random() {
    byte[] s = new byte[MIN_KEY_BYTES];
    RANDOM.nextBytes(s);
    return new EncryptionKeys(List.of(s));
  }

  /**
   * The number of keys.
   *
   * @return at least 1
   */
  public int size() {
    return keys.size();
  }

  /**
   * The id of the key that encrypts, as hex (for logs and reports).
   *
   * @return 16 hex digits
   */
  public String primaryKeyId() {
    return HexFormat.of().formatHex(keys.get(0).id());
  }

  /** Encrypts under the first key: {@code keyId(8) || nonce(12) || ciphertext+tag}. */
  byte[] seal(byte[] plaintext, byte[] aad) {
    Key k = keys.get(0);
    byte[] nonce = new byte[NONCE_BYTES];
    RANDOM.nextBytes(nonce);
    try {
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(Cipher.ENCRYPT_MODE, k.aes(), new GCMParameterSpec(TAG_BITS, nonce));
      c.updateAAD(aad);
      byte[] ct = c.doFinal(plaintext);
      byte[] out = new byte[KEY_ID_BYTES + NONCE_BYTES + ct.length];
      System.arraycopy(k.id(), 0, out, 0, KEY_ID_BYTES);
      System.arraycopy(nonce, 0, out, KEY_ID_BYTES, NONCE_BYTES);
      System.arraycopy(ct, 0, out, KEY_ID_BYTES + NONCE_BYTES, ct.length);
      return out;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is not available in this JDK", e);
    }
  }

  /** Whether a sealed value names the first key. */
  boolean sealedUnderPrimary(byte[] sealed) {
    return sealed.length >= KEY_ID_BYTES
        && Arrays.equals(sealed, 0, KEY_ID_BYTES, keys.get(0).id(), 0, KEY_ID_BYTES);
  }

  /**
   * Decrypts with the key the value names, and only that one.
   *
   * @throws SealException UNKNOWN_KEY if no configured key has that id, CORRUPT if the value is
   *     malformed or fails authentication
   */
  byte[] open(byte[] sealed, byte[] aad) {
    if (sealed.length < KEY_ID_BYTES + NONCE_BYTES + TAG_BITS / 8) {
      throw new SealException(SkippedRecord.Reason.CORRUPT, "sealed value too short");
    }
    Key key = null;
    for (Key k : keys) {
      if (Arrays.equals(sealed, 0, KEY_ID_BYTES, k.id(), 0, KEY_ID_BYTES)) {
        key = k;
        break;
      }
    }
    if (key == null) {
      throw new SealException(
          SkippedRecord.Reason.UNKNOWN_KEY,
          "sealed under key id "
              + HexFormat.of().formatHex(sealed, 0, KEY_ID_BYTES)
              + ", which is not among the configured keys");
    }
    try {
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(
          Cipher.DECRYPT_MODE,
          key.aes(),
          new GCMParameterSpec(TAG_BITS, sealed, KEY_ID_BYTES, NONCE_BYTES));
      c.updateAAD(aad);
      return c.doFinal(
          sealed, KEY_ID_BYTES + NONCE_BYTES, sealed.length - KEY_ID_BYTES - NONCE_BYTES);
    } catch (AEADBadTagException e) {
      throw new SealException(
          SkippedRecord.Reason.CORRUPT, "authentication failed (tampered or corrupt)");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is not available in this JDK", e);
    }
  }

  private static byte[] hmac(byte[] key, byte[] label) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(label);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available in this JDK", e);
    }
  }

  /** Shows key ids, never key material. */
  @Override
  public String toString() {
    List<String> ids = new ArrayList<>();
    for (Key k : keys) {
      ids.add(HexFormat.of().formatHex(k.id()));
    }
    return "EncryptionKeys" + ids;
  }

  /** A sealed value that cannot be opened, and why. */
  static final class SealException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final SkippedRecord.Reason reason;

    SealException(SkippedRecord.Reason reason, String message) {
      super(message, null, false, false);
      this.reason = reason;
    }

    SkippedRecord.Reason reason() {
      return reason;
    }
  }
}
