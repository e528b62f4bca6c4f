package dev.mcpinspector.core.auth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import javax.crypto.spec.SecretKeySpec;

/**
 * A key that verifies JWTs of exactly one algorithm: a token's {@code alg} must equal the key's, so
 * an RSA public key can never be misused as an HMAC secret.
 *
 * @param keyId the {@code kid} this key answers to, or null for any
 * @param algorithm the only algorithm this key verifies
 * @param key a {@link SecretKeySpec} for HS256, an {@link RSAPublicKey} (at least 2048 bits) for
 *     RS256, an {@link ECPublicKey} on P-256 for ES256
 */
public record JwtKey(String keyId, JwtAlgorithm algorithm, Key key) {

  /**
   * Checks that the key fits the algorithm.
   *
   * @param keyId see the record description
   * @param algorithm see the record description
   * @param key see the record description
   * @throws IllegalArgumentException when key type or size does not fit the algorithm
   */
  public JwtKey {
    Objects.requireNonNull(algorithm, "algorithm must not be null");
    Objects.requireNonNull(key, "key must not be null");
    switch (algorithm) {
      case HS256:
        if (!(key instanceof SecretKeySpec) || key.getEncoded().length < 32) {
          throw new IllegalArgumentException("an HS256 key must be a secret of at least 32 bytes");
        }
        break;
      case RS256:
        if (!(key instanceof RSAPublicKey)
            || ((RSAPublicKey) key).getModulus().bitLength() < 2048) {
          throw new IllegalArgumentException(
              "an RS256 key must be an RSA public key of at least 2048 bits");
        }
        break;
      default:
        if (!(key instanceof ECPublicKey)
            || ((ECPublicKey) key).getParams().getCurve().getField().getFieldSize() != 256) {
          throw new IllegalArgumentException("an ES256 key must be an EC public key on P-256");
        }
        break;
    }
  }

  /**
   * An HS256 secret.
   *
   * @param base64Secret base64 of at least 32 bytes
   * @return the key
   * @throws IllegalArgumentException naming {@code INSPECTOR_JWT_SECRET} when invalid (the value is
   *     masked)
   */
  public static JwtKey hs256(String base64Secret) {
    byte[] secret;
    try {
      secret = Base64.getDecoder().decode(Objects.requireNonNull(base64Secret).strip());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "INSPECTOR_JWT_SECRET is not base64 (value masked); expected base64 of at least 32"
              + " bytes, for example from `openssl rand -base64 32`");
    }
    if (secret.length < 32) {
      throw new IllegalArgumentException(
          "INSPECTOR_JWT_SECRET decodes to "
              + secret.length
              + " bytes, but at least 32 are"
              + " required; for example `openssl rand -base64 32`");
    }
    return new JwtKey(null, JwtAlgorithm.HS256, new SecretKeySpec(secret, "HmacSHA256"));
  }

  /**
   * A public key, RS256 for RSA and ES256 for EC P-256.
   *
   * @param pemOrBase64 a PEM {@code PUBLIC KEY} block, or the bare base64 of its DER
   *     (SubjectPublicKeyInfo)
   * @return the key
   * @throws IllegalArgumentException naming {@code INSPECTOR_JWT_PUBLIC_KEYS} when it is not such a
   *     key
   */
  public static JwtKey publicKey(String pemOrBase64) {
    String body =
        Objects.requireNonNull(pemOrBase64, "key must not be null")
            .replace("-----BEGIN PUBLIC KEY-----", "")
            .replace("-----END PUBLIC KEY-----", "")
            .replaceAll("\\s", "");
    byte[] der;
    try {
      der = Base64.getDecoder().decode(body);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "INSPECTOR_JWT_PUBLIC_KEYS entry is not a PEM public key: expected '-----BEGIN PUBLIC"
              + " KEY-----' with an RSA (2048 bits or more) or EC P-256 key");
    }
    for (String type : new String[] {"RSA", "EC"}) {
      try {
        PublicKey key = KeyFactory.getInstance(type).generatePublic(new X509EncodedKeySpec(der));
        return new JwtKey(null, type.equals("RSA") ? JwtAlgorithm.RS256 : JwtAlgorithm.ES256, key);
      } catch (GeneralSecurityException e) {
        // try the next type
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("INSPECTOR_JWT_PUBLIC_KEYS entry: " + e.getMessage(), e);
      }
    }
    throw new IllegalArgumentException(
        "INSPECTOR_JWT_PUBLIC_KEYS entry is neither an RSA nor an EC public key: expected a PEM"
            + " '-----BEGIN PUBLIC KEY-----' block (SubjectPublicKeyInfo)");
  }

  /**
   * Parses {@code INSPECTOR_JWT_PUBLIC_KEYS}: PEM public keys or {@code @FILE} references (a file
   * may hold several PEM blocks), comma-separated.
   *
   * @param text the option value; null or blank gives no keys
   * @return the keys
   * @throws IllegalArgumentException naming the option and the problem
   */
  public static List<JwtKey> parsePublicKeys(String text) {
    List<JwtKey> out = new ArrayList<>();
    if (text == null || text.isBlank()) {
      return out;
    }
    for (String entry : text.split(",", -1)) {
      String e = entry.strip();
      if (e.startsWith("@")) {
        Path file = Path.of(e.substring(1).strip());
        try {
          e = Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException | RuntimeException ex) {
          throw new IllegalArgumentException(
              "INSPECTOR_JWT_PUBLIC_KEYS file '" + file + "' cannot be read: " + ex, ex);
        }
        String[] blocks = e.split("(?=-----BEGIN PUBLIC KEY-----)");
        for (String block : blocks) {
          if (!block.isBlank()) {
            out.add(publicKey(block));
          }
        }
      } else {
        out.add(publicKey(e));
      }
    }
    return out;
  }

  /** Returns the algorithm and key id; secrets are masked. */
  @Override
  public String toString() {
    return "JwtKey[kid=" + keyId + ", alg=" + algorithm + ", key=<masked>]";
  }
}
