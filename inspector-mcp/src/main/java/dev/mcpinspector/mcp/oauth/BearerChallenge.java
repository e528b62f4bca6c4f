package dev.mcpinspector.mcp.oauth;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The parameters of a {@code Bearer} challenge in a {@code WWW-Authenticate} header (RFC 6750 s.3,
 * RFC 9728 s.5.1): {@code resource_metadata}, {@code scope}, {@code error}. Other schemes in the
 * same header are skipped. Malformed input yields what could be read, never an exception.
 *
 * @param params the auth-params of the Bearer challenge, names lower case
 */
record BearerChallenge(Map<String, String> params) {

  /** The longest header value read; longer values are cut. */
  static final int MAX_LENGTH = 8192;

  BearerChallenge {
    params = Map.copyOf(params);
  }

  static BearerChallenge parse(String header) {
    Map<String, String> out = new LinkedHashMap<>();
    if (header == null) {
      return new BearerChallenge(out);
    }
    String h = header.length() > MAX_LENGTH ? header.substring(0, MAX_LENGTH) : header;
    int i = 0;
    boolean inBearer = false;
    while (i < h.length()) {
      while (i < h.length() && (h.charAt(i) == ' ' || h.charAt(i) == ',')) {
        i++;
      }
      int start = i;
      while (i < h.length() && isToken(h.charAt(i))) {
        i++;
      }
      if (i == start) {
        i++;
        continue;
      }
      String name = h.substring(start, i);
      int j = i;
      while (j < h.length() && h.charAt(j) == ' ') {
        j++;
      }
      if (j < h.length() && h.charAt(j) == '=') {
        j++;
        while (j < h.length() && h.charAt(j) == ' ') {
          j++;
        }
        StringBuilder value = new StringBuilder();
        if (j < h.length() && h.charAt(j) == '"') {
          j++;
          while (j < h.length() && h.charAt(j) != '"') {
            if (h.charAt(j) == '\\' && j + 1 < h.length()) {
              j++;
            }
            value.append(h.charAt(j++));
          }
          j++;
        } else {
          while (j < h.length() && h.charAt(j) != ',' && h.charAt(j) != ' ') {
            value.append(h.charAt(j++));
          }
        }
        if (inBearer) {
          out.putIfAbsent(name.toLowerCase(Locale.ROOT), value.toString());
        }
        i = j;
      } else {
        // a scheme name starts a new challenge
        inBearer = name.equalsIgnoreCase("Bearer");
        if (!inBearer && !out.isEmpty()) {
          break;
        }
        i = j;
      }
    }
    return new BearerChallenge(out);
  }

  private static boolean isToken(char c) {
    return c > 32 && c < 127 && "()<>@,;:\\\"/[]?={}".indexOf(c) < 0;
  }

  Optional<String> resourceMetadata() {
    return Optional.ofNullable(params.get("resource_metadata")).filter(s -> !s.isBlank());
  }

  Optional<String> scope() {
    return Optional.ofNullable(params.get("scope")).filter(s -> !s.isBlank());
  }

  Optional<String> error() {
    return Optional.ofNullable(params.get("error")).filter(s -> !s.isBlank());
  }
}
