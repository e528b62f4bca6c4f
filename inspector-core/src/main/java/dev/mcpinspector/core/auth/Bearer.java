package dev.mcpinspector.core.auth;

import dev.mcpinspector.core.http.RequestView;
import java.util.List;

/** The bearer token of a request: absent, malformed (token null) or present. */
final class Bearer {

  static final int MAX_TOKEN_LENGTH = 8192;
  private static final Bearer ABSENT = new Bearer(true, null);
  private static final Bearer MALFORMED = new Bearer(false, null);

  private final boolean absent;
  private final String token;

  private Bearer(boolean absent, String token) {
    this.absent = absent;
    this.token = token;
  }

  boolean absent() {
    return absent;
  }

  String token() {
    return token;
  }

  static Bearer of(RequestView request) {
    List<String> values = request.headers("Authorization");
    if (values.isEmpty()) {
      return ABSENT;
    }
    String v = values.get(0).strip();
    if (v.length() < 7 || !v.regionMatches(true, 0, "Bearer ", 0, 7)) {
      // Another scheme (Basic, ...) is not ours to judge.
      return values.size() == 1 ? ABSENT : MALFORMED;
    }
    if (values.size() > 1) {
      return MALFORMED;
    }
    String t = v.substring(7).strip();
    if (t.isEmpty() || t.length() > MAX_TOKEN_LENGTH) {
      return MALFORMED;
    }
    int end = t.length();
    while (end > 0 && t.charAt(end - 1) == '=') {
      end--;
    }
    for (int i = 0; i < end; i++) {
      char c = t.charAt(i);
      boolean ok =
          (c >= 'A' && c <= 'Z')
              || (c >= 'a' && c <= 'z')
              || (c >= '0' && c <= '9')
              || "-._~+/".indexOf(c) >= 0;
      if (!ok) {
        return MALFORMED;
      }
    }
    return end == 0 ? MALFORMED : new Bearer(false, t);
  }
}
