package dev.mcpinspector.mcp.oauth;

import com.nimbusds.jose.util.JSONObjectUtils;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** Masks secret values in what the steps view shows. */
final class Redaction {

  static final String MASK = "<redacted>";

  /** The longest body kept in a step. */
  static final int MAX_SHOWN = 4096;

  private static final Set<String> SECRET_KEYS =
      Set.of(
          "access_token",
          "refresh_token",
          "id_token",
          "code",
          "code_verifier",
          "client_secret",
          "registration_access_token",
          "client_assertion",
          "password",
          "token");

  private Redaction() {}

  /** A form body ({@code a=b&c=d}) with secret values masked. */
  static String form(String body) {
    if (body == null || body.isEmpty()) {
      return body;
    }
    StringBuilder out = new StringBuilder();
    for (String pair : body.split("&")) {
      if (out.length() > 0) {
        out.append('&');
      }
      int eq = pair.indexOf('=');
      String name = eq < 0 ? pair : pair.substring(0, eq);
      String decoded = URLDecoder.decode(name, StandardCharsets.UTF_8);
      if (eq >= 0 && SECRET_KEYS.contains(decoded)) {
        out.append(name).append('=').append(URLEncoder.encode(MASK, StandardCharsets.UTF_8));
      } else {
        out.append(pair);
      }
    }
    return cut(out.toString());
  }

  /** A URL with secret query values masked. */
  static String url(String url) {
    int q = url.indexOf('?');
    return q < 0 ? url : url.substring(0, q + 1) + form(url.substring(q + 1));
  }

  /** A response body: JSON objects with secret members masked, anything else cut. */
  static String body(String body) {
    if (body == null || body.isEmpty()) {
      return body;
    }
    String trimmed = body.strip();
    if (trimmed.startsWith("{")) {
      try {
        Map<String, Object> json = new LinkedHashMap<>(JSONObjectUtils.parse(trimmed));
        for (String key : SECRET_KEYS) {
          if (json.containsKey(key)) {
            json.put(key, MASK);
          }
        }
        return cut(JSONObjectUtils.toJSONString(json));
      } catch (java.text.ParseException | RuntimeException e) {
        // not JSON: shown as a form below
      }
    }
    return form(body);
  }

  static String cut(String s) {
    return s.length() <= MAX_SHOWN
        ? s
        : s.substring(0, MAX_SHOWN) + "... (" + s.length() + " characters in all)";
  }
}
