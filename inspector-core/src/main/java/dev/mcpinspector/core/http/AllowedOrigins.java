package dev.mcpinspector.core.http;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * The origin check for state-changing requests. A request passes when:
 *
 * <ul>
 *   <li>its {@code Sec-Fetch-Site} is not {@code cross-site} (absent, {@code same-origin}, {@code
 *       same-site} and {@code none} pass; the CSRF token still guards same-site requests), and
 *   <li>its {@code Origin}, when present, equals the request's own effective origin ({@code
 *       scheme://host[:port]} after the trusted-proxy rule) or one of the configured origins.
 *       {@code Origin: null}, several {@code Origin} headers, or an unparsable value are refused.
 *       An absent {@code Origin} passes (non-browser clients), leaving the CSRF token as the guard.
 * </ul>
 *
 * Origins compare after normalisation: lower-case scheme and host, default ports dropped. Immutable
 * and thread-safe.
 */
public final class AllowedOrigins {

  private static final AllowedOrigins NONE = new AllowedOrigins(Set.of());
  private static final String ACCEPTED =
      "expected exact origins such as https://inspector.example.com or http://localhost:8080"
          + " (scheme, host and optional port; no path, no wildcard), comma-separated";

  private final Set<String> origins;

  private AllowedOrigins(Set<String> origins) {
    this.origins = Set.copyOf(origins);
  }

  /**
   * Allows only each request's own origin.
   *
   * @return the empty list of extra origins
   */
  public static AllowedOrigins none() {
    return NONE;
  }

  /**
   * Parses {@code INSPECTOR_ALLOWED_ORIGINS}.
   *
   * @param text comma-separated origins; null or blank allows only same-origin requests
   * @return the origins
   * @throws IllegalArgumentException naming the option, the bad entry and what is accepted
   */
  public static AllowedOrigins parse(String text) {
    if (text == null || text.isBlank()) {
      return NONE;
    }
    Set<String> out = new LinkedHashSet<>();
    for (String raw : text.split(",", -1)) {
      String normalized = normalize(raw.strip());
      if (normalized == null) {
        throw new IllegalArgumentException(
            "INSPECTOR_ALLOWED_ORIGINS entry '" + raw.strip() + "' is not an origin: " + ACCEPTED);
      }
      out.add(normalized);
    }
    return new AllowedOrigins(out);
  }

  /** Normalises {@code scheme://host[:port]}; null when it is not exactly an http(s) origin. */
  static String normalize(String text) {
    if (text == null || text.isEmpty() || text.length() > 300) {
      return null;
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c <= 0x20 || c >= 0x7f) {
        return null;
      }
    }
    int sep = text.indexOf("://");
    if (sep < 0) {
      return null;
    }
    String scheme = text.substring(0, sep).toLowerCase(Locale.ROOT);
    if (!"http".equals(scheme) && !"https".equals(scheme)) {
      return null;
    }
    String authority = text.substring(sep + 3);
    if (authority.indexOf('/') >= 0
        || authority.indexOf('@') >= 0
        || authority.indexOf('?') >= 0
        || authority.indexOf('#') >= 0) {
      return null;
    }
    String host = Hosts.normalize(authority, scheme);
    return host == null ? null : scheme + "://" + host;
  }

  /**
   * Refuses a cross-site or foreign-origin request. Call it for unsafe methods.
   *
   * @param request the effective request
   * @throws ProblemException {@code 403 origin_forbidden} when refused
   */
  public void check(EffectiveRequest request) {
    Objects.requireNonNull(request, "request must not be null");
    RequestView raw = request.request();
    for (String site : raw.headers("Sec-Fetch-Site")) {
      if ("cross-site".equalsIgnoreCase(site.strip())) {
        throw new ProblemException(
            ProblemCode.ORIGIN_FORBIDDEN,
            "cross-site requests may not change state (Sec-Fetch-Site: cross-site)");
      }
    }
    List<String> values = raw.headers("Origin");
    if (values.isEmpty()) {
      return;
    }
    if (values.size() > 1) {
      throw new ProblemException(ProblemCode.ORIGIN_FORBIDDEN, "several Origin headers were sent");
    }
    String origin = normalize(values.get(0).strip());
    if (origin != null && (origin.equals(request.origin()) || origins.contains(origin))) {
      return;
    }
    throw new ProblemException(
        ProblemCode.ORIGIN_FORBIDDEN,
        "Origin "
            + Hosts.quote(values.get(0))
            + " is neither this inspector's origin nor listed in INSPECTOR_ALLOWED_ORIGINS");
  }

  /**
   * The configured origins, normalised.
   *
   * @return an immutable set
   */
  public List<String> origins() {
    return List.copyOf(new ArrayList<>(origins));
  }

  @Override
  public String toString() {
    return "AllowedOrigins" + origins;
  }
}
