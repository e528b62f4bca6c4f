package dev.mcpinspector.core.session;

import dev.mcpinspector.core.Mode;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA256 keys for the session cookie and CSRF tokens. The first key signs; every key verifies,
 * so a new key is rolled out by putting it first and keeping the old one listed until old cookies
 * are no longer wanted (a key removed from the ring retires every cookie it signed). Verification
 * compares in constant time ({@link MessageDigest#isEqual}). Thread-safe; key bytes never appear in
 * {@link #toString()} or in messages.
 */
public final class SigningKeyRing {

  /** Shortest accepted key, in bytes. */
  public static final int MIN_KEY_BYTES = 32;

  /** Length of a signature in bytes. */
  public static final int MAC_BYTES = 32;

  static final String HOW_TO_GENERATE =
      "generate one with `openssl rand -base64 32` and set INSPECTOR_SIGNING_KEYS to it"
          + " (several keys comma-separated, the first signs)";

  private static final String ALGORITHM = "HmacSHA256";

  private final List<SecretKeySpec> keys;
  private final ThreadLocal<Mac[]> macs;

  private SigningKeyRing(List<byte[]> rawKeys) {
    List<SecretKeySpec> specs = new ArrayList<>();
    for (byte[] k : rawKeys) {
      specs.add(new SecretKeySpec(k, ALGORITHM));
    }
    this.keys = List.copyOf(specs);
    this.macs = ThreadLocal.withInitial(this::newMacs);
  }

  private Mac[] newMacs() {
    Mac[] out = new Mac[keys.size()];
    try {
      for (int i = 0; i < out.length; i++) {
        out[i] = Mac.getInstance(ALGORITHM);
        out[i].init(keys.get(i));
      }
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this JDK has no " + ALGORITHM, e);
    }
    return out;
  }

  /**
   * A ring of the given keys.
   *
   * @param keys raw keys, the first signs; each at least {@value #MIN_KEY_BYTES} bytes; copied
   * @return the ring
   * @throws IllegalArgumentException when the list is empty or a key is too short
   */
  public static SigningKeyRing of(List<byte[]> keys) {
    Objects.requireNonNull(keys, "keys must not be null");
    if (keys.isEmpty()) {
      throw new IllegalArgumentException(
          "a signing key ring needs at least one key; " + HOW_TO_GENERATE);
    }
    List<byte[]> copies = new ArrayList<>();
    for (int i = 0; i < keys.size(); i++) {
      byte[] k = Objects.requireNonNull(keys.get(i), "key must not be null");
      if (k.length < MIN_KEY_BYTES) {
        throw new IllegalArgumentException(
            "signing key "
                + (i + 1)
                + " has "
                + k.length
                + " bytes, but at least "
                + MIN_KEY_BYTES
                + " are required; "
                + HOW_TO_GENERATE);
      }
      copies.add(k.clone());
    }
    return new SigningKeyRing(copies);
  }

  /**
   * A ring with one random key, for local mode: cookies do not survive a restart.
   *
   * @return a fresh ring
   */
  public static SigningKeyRing random() {
    byte[] key = new byte[MIN_KEY_BYTES];
    new SecureRandom().nextBytes(key);
    return new SigningKeyRing(List.of(key));
  }

  /**
   * Parses {@code INSPECTOR_SIGNING_KEYS}: comma-separated base64 (standard or URL-safe, padding
   * optional) keys of at least {@value #MIN_KEY_BYTES} bytes, the first signs.
   *
   * @param text the option value
   * @return the ring
   * @throws IllegalArgumentException naming the option and the position of the bad key (never its
   *     value), and how to generate a valid one
   */
  public static SigningKeyRing parse(String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("INSPECTOR_SIGNING_KEYS is empty; " + HOW_TO_GENERATE);
    }
    String[] parts = text.split(",", -1);
    List<byte[]> keys = new ArrayList<>();
    for (int i = 0; i < parts.length; i++) {
      String p = parts[i].strip();
      byte[] k;
      try {
        k =
            p.indexOf('-') >= 0 || p.indexOf('_') >= 0
                ? Base64.getUrlDecoder().decode(p)
                : Base64.getDecoder().decode(p);
      } catch (IllegalArgumentException e) {
        k = null;
      }
      if (p.isEmpty() || k == null) {
        throw new IllegalArgumentException(
            "INSPECTOR_SIGNING_KEYS entry "
                + (i + 1)
                + " of "
                + parts.length
                + " is not base64 (value masked); "
                + HOW_TO_GENERATE);
      }
      if (k.length < MIN_KEY_BYTES) {
        throw new IllegalArgumentException(
            "INSPECTOR_SIGNING_KEYS entry "
                + (i + 1)
                + " of "
                + parts.length
                + " decodes to "
                + k.length
                + " bytes, but at least "
                + MIN_KEY_BYTES
                + " are required; "
                + HOW_TO_GENERATE);
      }
      keys.add(k);
    }
    return new SigningKeyRing(keys);
  }

  /**
   * The ring for a mode: the configured keys, or in local mode a random key when none are set.
   *
   * @param mode the deployment mode
   * @param text the value of {@code INSPECTOR_SIGNING_KEYS}, or null when unset
   * @return the ring
   * @throws IllegalArgumentException in hosted mode without keys (saying how to generate one), or
   *     when the value is invalid
   */
  public static SigningKeyRing forMode(Mode mode, String text) {
    if (text == null || text.isBlank()) {
      if (mode == Mode.LOCAL) {
        return random();
      }
      throw new IllegalArgumentException(
          "INSPECTOR_SIGNING_KEYS is required in hosted mode, so that cookies survive restarts"
              + " and every node accepts them; "
              + HOW_TO_GENERATE);
    }
    return parse(text);
  }

  /**
   * Signs with the first key.
   *
   * @param data the bytes to sign
   * @return a {@value #MAC_BYTES}-byte HMAC-SHA256
   */
  public byte[] sign(byte[] data) {
    Mac mac = macs.get()[0];
    return mac.doFinal(data);
  }

  /**
   * Verifies a signature against every key, each comparison in constant time.
   *
   * @param data the signed bytes
   * @param signature the presented signature
   * @return true when some key produced exactly this signature
   */
  public boolean verify(byte[] data, byte[] signature) {
    if (signature == null || signature.length != MAC_BYTES) {
      return false;
    }
    for (Mac mac : macs.get()) {
      if (MessageDigest.isEqual(mac.doFinal(data), signature)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The number of keys.
   *
   * @return at least 1
   */
  public int size() {
    return keys.size();
  }

  /** Returns a masked description: the number of keys only. */
  @Override
  public String toString() {
    return "SigningKeyRing[keys=" + keys.size() + ", values=<masked>]";
  }
}
