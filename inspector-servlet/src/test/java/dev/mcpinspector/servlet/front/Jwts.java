package dev.mcpinspector.servlet.front;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Hand-made compact JWS tokens, including ones no honest issuer would make. */
final class Jwts {

  private Jwts() {}

  static String hs256(String claimsJson, byte[] key) {
    String input = part("{\"alg\":\"HS256\",\"typ\":\"JWT\"}") + "." + part(claimsJson);
    return input + "." + b64(hmac(key, input));
  }

  static String unsigned(String claimsJson) {
    return part("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + part(claimsJson) + ".";
  }

  private static String part(String json) {
    return b64(json.getBytes(StandardCharsets.UTF_8));
  }

  private static String b64(byte[] bytes) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private static byte[] hmac(byte[] key, String input) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(input.getBytes(StandardCharsets.US_ASCII));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
