package dev.mcpinspector.core.auth;

import dev.mcpinspector.core.http.EffectiveRequest;
import dev.mcpinspector.core.session.Principal;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import javax.crypto.Mac;

/** Verifies compact JWS tokens with the JDK only. */
final class JwtAuthenticator implements Authenticator {

  static final String DEFAULT_ISSUER = "jwt";
  private static final int MAX_SUBJECT = 256;

  private final JwtSettings settings;
  private final Set<String> admins;
  private final Clock clock;

  JwtAuthenticator(JwtSettings settings, Set<String> admins, Clock clock) {
    this.settings = Objects.requireNonNull(settings, "settings must not be null");
    this.admins = Set.copyOf(admins);
    this.clock = Objects.requireNonNull(clock, "clock must not be null");
  }

  @Override
  public AuthResult authenticate(EffectiveRequest request) {
    if (!settings.enabled()) {
      return AuthResult.none();
    }
    Bearer bearer = Bearer.of(request.request());
    if (bearer.absent() || bearer.token() == null) {
      return bearer.absent()
          ? AuthResult.none()
          : AuthResult.failed("malformed Authorization header");
    }
    String token = bearer.token();
    int dot1 = token.indexOf('.');
    int dot2 = dot1 < 0 ? -1 : token.indexOf('.', dot1 + 1);
    if (dot2 < 0 || token.indexOf('.', dot2 + 1) >= 0) {
      return AuthResult.none(); // not a JWT: perhaps an access key
    }
    return verify(token, dot1, dot2);
  }

  AuthResult verify(String token, int dot1, int dot2) {
    Map<String, Object> header;
    Map<String, Object> claims;
    byte[] signature;
    try {
      header = Json.parseObject(utf8(decode(token.substring(0, dot1))));
      claims = Json.parseObject(utf8(decode(token.substring(dot1 + 1, dot2))));
      signature = decode(token.substring(dot2 + 1));
    } catch (IllegalArgumentException e) {
      return AuthResult.failed("malformed JWT: " + e.getMessage());
    }
    Object alg = header.get("alg");
    if (!(alg instanceof String)) {
      return AuthResult.failed("JWT header has no alg");
    }
    if ("none".equalsIgnoreCase((String) alg)) {
      return AuthResult.failed("JWT alg none is refused");
    }
    JwtAlgorithm algorithm;
    try {
      algorithm = JwtAlgorithm.valueOf((String) alg);
    } catch (IllegalArgumentException e) {
      return AuthResult.failed("JWT alg is not one of HS256, RS256, ES256");
    }
    if (header.containsKey("crit")) {
      return AuthResult.failed("JWT header has crit extensions, which are not supported");
    }
    Object kid = header.get("kid");
    if (kid != null && !(kid instanceof String)) {
      return AuthResult.failed("JWT kid is not a string");
    }
    byte[] signed = token.substring(0, dot2).getBytes(StandardCharsets.US_ASCII);
    List<JwtKey> candidates = new ArrayList<>();
    for (JwtKey k : settings.keys()) {
      if (k.algorithm() == algorithm
          && (kid == null || k.keyId() == null || k.keyId().equals(kid))) {
        candidates.add(k);
      }
    }
    if (candidates.isEmpty()) {
      return AuthResult.failed("no configured key for JWT alg " + algorithm);
    }
    boolean valid = false;
    for (JwtKey k : candidates) {
      if (verifySignature(k, signed, signature)) {
        valid = true;
        break;
      }
    }
    if (!valid) {
      return AuthResult.failed("JWT signature does not verify");
    }
    return checkClaims(claims);
  }

  private AuthResult checkClaims(Map<String, Object> claims) {
    long now = clock.millis() / 1000;
    long leeway = settings.leeway().toSeconds();
    Object exp = claims.get("exp");
    if (!(exp instanceof BigDecimal)) {
      return AuthResult.failed("JWT has no numeric exp");
    }
    if (now - leeway >= seconds((BigDecimal) exp)) {
      return AuthResult.failed("JWT expired");
    }
    long expSeconds = seconds((BigDecimal) exp);
    long maxLifetime = settings.maxLifetime().toSeconds();
    Object iat = claims.get("iat");
    if (iat != null && !(iat instanceof BigDecimal)) {
      return AuthResult.failed("JWT iat is not numeric");
    }
    long from = iat == null ? now : seconds((BigDecimal) iat);
    if (expSeconds - from > maxLifetime + (iat == null ? leeway : 0)) {
      return AuthResult.failed(
          "JWT lifetime exceeds INSPECTOR_JWT_MAX_LIFETIME (" + settings.maxLifetime() + ")");
    }
    Object nbf = claims.get("nbf");
    if (nbf != null) {
      if (!(nbf instanceof BigDecimal)) {
        return AuthResult.failed("JWT nbf is not numeric");
      }
      if (now + leeway < seconds((BigDecimal) nbf)) {
        return AuthResult.failed("JWT not valid yet (nbf)");
      }
    }
    Object iss = claims.get("iss");
    if (iss != null && !(iss instanceof String)) {
      return AuthResult.failed("JWT iss is not a string");
    }
    if (settings.issuer() != null && !settings.issuer().equals(iss)) {
      return AuthResult.failed("JWT iss is not the configured issuer");
    }
    if (settings.audience() != null && !audienceMatches(claims.get("aud"))) {
      return AuthResult.failed("JWT aud does not contain the configured audience");
    }
    Object sub = claims.get("sub");
    if (!(sub instanceof String)
        || ((String) sub).isBlank()
        || ((String) sub).length() > MAX_SUBJECT) {
      return AuthResult.failed("JWT sub is missing, blank or longer than " + MAX_SUBJECT);
    }
    String subject = (String) sub;
    String display = null;
    for (String claim : new String[] {"name", "preferred_username"}) {
      Object v = claims.get(claim);
      if (display == null && v instanceof String && ((String) v).length() <= MAX_SUBJECT) {
        display = (String) v;
      }
    }
    // Namespaced, so a token's iss can never name another authenticator's principals
    // (a JWT with iss "access-key" is not the access key of the same name).
    String issuer =
        iss == null || ((String) iss).isBlank()
            ? DEFAULT_ISSUER
            : DEFAULT_ISSUER + ":" + (String) iss;
    Set<String> roles = admins.contains(subject) ? Set.of(Principal.ADMIN_ROLE) : Set.of();
    return AuthResult.authenticated(new Principal(issuer, subject, display, roles), true);
  }

  private boolean audienceMatches(Object aud) {
    if (aud instanceof String) {
      return settings.audience().equals(aud);
    }
    if (aud instanceof List) {
      for (Object a : (List<?>) aud) {
        if (settings.audience().equals(a)) {
          return true;
        }
      }
    }
    return false;
  }

  private static long seconds(BigDecimal value) {
    try {
      return value.setScale(0, java.math.RoundingMode.FLOOR).longValueExact();
    } catch (ArithmeticException e) {
      return value.signum() > 0 ? Long.MAX_VALUE / 2 : Long.MIN_VALUE / 2;
    }
  }

  private static boolean verifySignature(JwtKey key, byte[] signed, byte[] signature) {
    try {
      switch (key.algorithm()) {
        case HS256:
          {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key.key());
            return MessageDigest.isEqual(mac.doFinal(signed), signature);
          }
        case RS256:
          {
            Signature s = Signature.getInstance("SHA256withRSA");
            s.initVerify((PublicKey) key.key());
            s.update(signed);
            return s.verify(signature);
          }
        default:
          {
            byte[] der = joseToDer(signature);
            if (der == null) {
              return false;
            }
            Signature s = Signature.getInstance("SHA256withECDSA");
            s.initVerify((PublicKey) key.key());
            s.update(signed);
            return s.verify(der);
          }
      }
    } catch (GeneralSecurityException | RuntimeException e) {
      return false;
    }
  }

  /** JOSE ES256 signatures are r||s, 32 bytes each; the JDK wants an ASN.1 DER SEQUENCE. */
  static byte[] joseToDer(byte[] jose) {
    if (jose.length != 64) {
      return null;
    }
    byte[] r = derInteger(jose, 0);
    byte[] s = derInteger(jose, 32);
    byte[] out = new byte[2 + r.length + s.length];
    out[0] = 0x30;
    out[1] = (byte) (r.length + s.length);
    System.arraycopy(r, 0, out, 2, r.length);
    System.arraycopy(s, 0, out, 2 + r.length, s.length);
    return out;
  }

  private static byte[] derInteger(byte[] src, int offset) {
    int start = offset;
    int end = offset + 32;
    while (start < end - 1 && src[start] == 0) {
      start++;
    }
    boolean pad = (src[start] & 0x80) != 0;
    int len = end - start + (pad ? 1 : 0);
    byte[] out = new byte[2 + len];
    out[0] = 0x02;
    out[1] = (byte) len;
    System.arraycopy(src, start, out, 2 + (pad ? 1 : 0), end - start);
    return out;
  }

  private static byte[] decode(String part) {
    for (int i = 0; i < part.length(); i++) {
      char c = part.charAt(i);
      boolean ok =
          (c >= 'A' && c <= 'Z')
              || (c >= 'a' && c <= 'z')
              || (c >= '0' && c <= '9')
              || c == '-'
              || c == '_';
      if (!ok) {
        throw new IllegalArgumentException("not base64url");
      }
    }
    return Base64.getUrlDecoder().decode(part);
  }

  private static String utf8(byte[] bytes) {
    try {
      return StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
    } catch (java.nio.charset.CharacterCodingException e) {
      throw new IllegalArgumentException("not UTF-8");
    }
  }

  @Override
  public String toString() {
    return "JwtAuthenticator[keys="
        + settings.keys()
        + ", issuer="
        + settings.issuer()
        + ", audience="
        + settings.audience()
        + "]";
  }
}
