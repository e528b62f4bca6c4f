package dev.mcpinspector.core.session;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The signed cookie value. Layouts (all base64url, digits and dots):
 *
 * <pre>
 *   pre-session:  p1.&lt;id&gt;.&lt;createdEpochSeconds&gt;.&lt;lastSeenEpochSeconds&gt;.&lt;mac&gt;
 *   bound:        b1.&lt;id&gt;.&lt;mac&gt;
 * </pre>
 *
 * where mac = base64url(HMAC-SHA256(key, "inspector-session|" + everything before the last dot)).
 */
final class SessionCookie {

  static final int MAX_LENGTH = 256;
  static final String BOUND_PREFIX = "b1.";
  private static final String DOMAIN = "inspector-session|";
  private static final String CSRF_DOMAIN = "inspector-csrf|";
  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
  private static final int MAC_TEXT = 43;

  final boolean bound;
  final SessionId id;
  final long created;
  final long lastSeen;

  private SessionCookie(boolean bound, SessionId id, long created, long lastSeen) {
    this.bound = bound;
    this.id = id;
    this.created = created;
    this.lastSeen = lastSeen;
  }

  static String bound(SigningKeyRing keys, SessionId id) {
    return sign(keys, "b1." + id.value());
  }

  static String pre(SigningKeyRing keys, SessionId id, long created, long lastSeen) {
    return sign(keys, "p1." + id.value() + "." + created + "." + lastSeen);
  }

  private static String sign(SigningKeyRing keys, String payload) {
    byte[] mac = keys.sign((DOMAIN + payload).getBytes(StandardCharsets.US_ASCII));
    return payload + "." + ENCODER.encodeToString(mac);
  }

  static String csrfToken(SigningKeyRing keys, SessionId id) {
    return ENCODER.encodeToString(keys.sign(csrfData(id)));
  }

  static boolean csrfMatches(SigningKeyRing keys, SessionId id, String token) {
    byte[] presented = decodeMac(token);
    return presented != null && keys.verify(csrfData(id), presented);
  }

  private static byte[] csrfData(SessionId id) {
    return (CSRF_DOMAIN + id.value()).getBytes(StandardCharsets.US_ASCII);
  }

  private static byte[] decodeMac(String text) {
    if (text == null || text.length() != MAC_TEXT) {
      return null;
    }
    for (int i = 0; i < MAC_TEXT; i++) {
      if (!isBase64Url(text.charAt(i))) {
        return null;
      }
    }
    try {
      return DECODER.decode(text);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /**
   * Verifies and parses a cookie value.
   *
   * @return the parsed cookie, or null when malformed or not signed by a key of the ring
   */
  static SessionCookie verify(SigningKeyRing keys, String value) {
    int n = value.length();
    if (n < 10 || n > MAX_LENGTH) {
      return null;
    }
    for (int i = 0; i < n; i++) {
      char c = value.charAt(i);
      if (!isBase64Url(c) && c != '.') {
        return null;
      }
    }
    int lastDot = value.lastIndexOf('.');
    byte[] mac = decodeMac(value.substring(lastDot + 1));
    if (mac == null) {
      return null;
    }
    String payload = value.substring(0, lastDot);
    String[] parts = payload.split("\\.", -1);
    boolean bound;
    if (parts.length == 2 && "b1".equals(parts[0])) {
      bound = true;
    } else if (parts.length == 4 && "p1".equals(parts[0])) {
      bound = false;
    } else {
      return null;
    }
    // The MAC covers the exact text, so nothing below can be chosen by the client.
    if (!keys.verify((DOMAIN + payload).getBytes(StandardCharsets.US_ASCII), mac)) {
      return null;
    }
    SessionId id;
    try {
      id = new SessionId(parts[1]);
    } catch (IllegalArgumentException e) {
      return null;
    }
    if (bound) {
      return new SessionCookie(true, id, 0, 0);
    }
    long created = seconds(parts[2]);
    long seen = seconds(parts[3]);
    if (created < 0 || seen < 0) {
      return null;
    }
    return new SessionCookie(false, id, created, seen);
  }

  private static long seconds(String text) {
    if (text.isEmpty() || text.length() > 12) {
      return -1;
    }
    long v = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      v = v * 10 + (c - '0');
    }
    return v;
  }

  static boolean isBase64Url(char c) {
    return (c >= 'A' && c <= 'Z')
        || (c >= 'a' && c <= 'z')
        || (c >= '0' && c <= '9')
        || c == '-'
        || c == '_';
  }
}
