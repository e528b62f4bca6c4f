package dev.mcpinspector.core.auth;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Makes signed test tokens with the JDK. */
final class Jwts {

  static final byte[] SECRET =
      "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
  static final String SECRET_BASE64 = Base64.getEncoder().encodeToString(SECRET);
  static final KeyPair RSA = generate("RSA");
  static final KeyPair EC = generate("EC");
  static final KeyPair EC_OTHER = generate("EC");

  private Jwts() {}

  private static KeyPair generate(String type) {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance(type);
      if (type.equals("RSA")) {
        g.initialize(2048);
      } else {
        g.initialize(new ECGenParameterSpec("secp256r1"));
      }
      return g.generateKeyPair();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static String b64(String s) {
    return b64(s.getBytes(StandardCharsets.UTF_8));
  }

  static String b64(byte[] b) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  static String pem(KeyPair pair) {
    return "-----BEGIN PUBLIC KEY-----\n"
        + Base64.getMimeEncoder().encodeToString(pair.getPublic().getEncoded())
        + "\n-----END PUBLIC KEY-----\n";
  }

  static String hs256(String header, String claims, byte[] secret) {
    String signingInput = b64(header) + "." + b64(claims);
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      return signingInput
          + "."
          + b64(mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII)));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static String rs256(String header, String claims, PrivateKey key) {
    String signingInput = b64(header) + "." + b64(claims);
    return signingInput + "." + b64(sign("SHA256withRSA", key, signingInput));
  }

  static String es256(String header, String claims, PrivateKey key) {
    String signingInput = b64(header) + "." + b64(claims);
    return signingInput + "." + b64(derToJose(sign("SHA256withECDSA", key, signingInput)));
  }

  static byte[] sign(String algorithm, PrivateKey key, String input) {
    try {
      Signature s = Signature.getInstance(algorithm);
      s.initSign(key);
      s.update(input.getBytes(StandardCharsets.US_ASCII));
      return s.sign();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** DER SEQUENCE { INTEGER r, INTEGER s } to 64-byte r||s. */
  static byte[] derToJose(byte[] der) {
    int offset = 2;
    int rLen = der[offset + 1];
    byte[] r = Arrays.copyOfRange(der, offset + 2, offset + 2 + rLen);
    offset = offset + 2 + rLen;
    int sLen = der[offset + 1];
    byte[] s = Arrays.copyOfRange(der, offset + 2, offset + 2 + sLen);
    byte[] out = new byte[64];
    copyRight(r, out, 0);
    copyRight(s, out, 32);
    return out;
  }

  private static void copyRight(byte[] integer, byte[] out, int at) {
    int start = Math.max(0, integer.length - 32);
    int len = integer.length - start;
    System.arraycopy(integer, start, out, at + 32 - len, len);
  }
}
