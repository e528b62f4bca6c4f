package dev.mcpinspector.core.http;

import dev.mcpinspector.core.net.IpLiterals;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The {@code Host} allowlist that stops DNS rebinding: the effective host name of every request
 * (after the trusted-proxy rule, port ignored) must equal an entry or fall under a {@code *.domain}
 * wildcard, which matches any name ending in {@code .domain} but not {@code domain} itself. A
 * request without a valid {@code Host} never matches. Immutable and thread-safe.
 */
public final class AllowedHosts {

  /** The local-mode default: {@code localhost}, {@code 127.0.0.1} and {@code [::1]}. */
  public static final AllowedHosts LOCALHOST = parse("localhost, 127.0.0.1, [::1]");

  private static final AllowedHosts ANY = new AllowedHosts(List.of(), true);

  private static final String ACCEPTED =
      "expected host names without port (inspector.example.com), IP literals (127.0.0.1, [::1])"
          + " or wildcards (*.example.com), comma-separated";

  private final List<String> patterns;
  private final boolean any;

  private AllowedHosts(List<String> patterns, boolean any) {
    this.patterns = List.copyOf(patterns);
    this.any = any;
  }

  /**
   * Accepts every host: no DNS-rebinding protection. Only for hosted deployments reachable under
   * many names that authenticate every API call; see the security documentation.
   *
   * @return the permissive allowlist
   */
  public static AllowedHosts any() {
    return ANY;
  }

  /**
   * Parses {@code INSPECTOR_ALLOWED_HOSTS}.
   *
   * @param text comma-separated names and {@code *.domain} wildcards; must not be blank
   * @return the allowlist
   * @throws IllegalArgumentException naming the option, the bad entry and what is accepted
   */
  public static AllowedHosts parse(String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("INSPECTOR_ALLOWED_HOSTS must not be blank: " + ACCEPTED);
    }
    List<String> out = new ArrayList<>();
    for (String raw : text.split(",", -1)) {
      out.add(pattern(raw, text));
    }
    return new AllowedHosts(out, false);
  }

  private static String pattern(String raw, String whole) {
    String entry = raw.strip().toLowerCase(Locale.ROOT);
    if (entry.isEmpty()) {
      throw new IllegalArgumentException(
          "INSPECTOR_ALLOWED_HOSTS has an empty entry in '" + whole + "': " + ACCEPTED);
    }
    boolean wildcard = entry.startsWith("*.");
    String name = wildcard ? entry.substring(2) : entry;
    if (name.indexOf(':') >= 0 && !name.startsWith("[")) {
      name = "[" + name + "]";
    }
    String normalized = Hosts.normalize(name, null);
    if (normalized == null
        || normalized.indexOf('*') >= 0
        || (!normalized.startsWith("[") && normalized.indexOf(':') >= 0)
        || (normalized.startsWith("[") && !normalized.endsWith("]"))
        || (wildcard && (normalized.startsWith("[") || IpLiterals.parse(normalized) != null))) {
      throw new IllegalArgumentException(
          "INSPECTOR_ALLOWED_HOSTS entry '" + raw.strip() + "' is not a host pattern: " + ACCEPTED);
    }
    return wildcard ? "*." + normalized : normalized;
  }

  /**
   * Tells whether a host is allowed.
   *
   * @param host a normalised {@code host[:port]} as in {@link EffectiveRequest#host()}, or null
   * @return true when the name matches an entry (always, for {@link #any()})
   */
  public boolean allows(String host) {
    if (any) {
      return true;
    }
    if (host == null) {
      return false;
    }
    String name = Hosts.nameOf(host);
    for (String p : patterns) {
      if (p.startsWith("*.")) {
        if (name.length() > p.length() - 1 && name.endsWith(p.substring(1))) {
          return true;
        }
      } else if (p.equals(name)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Refuses a request whose effective host is not allowed.
   *
   * @param request the effective request
   * @throws ProblemException {@code 403 host_forbidden} when the host is not allowed
   */
  public void check(EffectiveRequest request) {
    Objects.requireNonNull(request, "request must not be null");
    if (!allows(request.host())) {
      throw new ProblemException(
          ProblemCode.HOST_FORBIDDEN,
          "Host "
              + Hosts.quote(
                  request.host() == null ? request.request().hostHeader() : request.host())
              + " is not an allowed host of this inspector (INSPECTOR_ALLOWED_HOSTS)");
    }
  }

  /**
   * The patterns, normalised.
   *
   * @return the entries; empty for {@link #any()}
   */
  public List<String> patterns() {
    return patterns;
  }

  /**
   * Whether every host is accepted.
   *
   * @return true for {@link #any()}
   */
  public boolean isAny() {
    return any;
  }

  @Override
  public String toString() {
    return any ? "AllowedHosts[any]" : "AllowedHosts" + patterns;
  }
}
