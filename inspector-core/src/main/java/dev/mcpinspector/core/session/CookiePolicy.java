package dev.mcpinspector.core.session;

import dev.mcpinspector.core.http.HttpTokens;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * How the session cookie is named and which attributes it carries. Every cookie is {@code HttpOnly}
 * and {@code Path=/}, has no {@code Domain}, and by default no {@code Max-Age} (it ends with the
 * browser session). The library writes the {@code Set-Cookie} text itself, because containers
 * disagree on {@code Partitioned}.
 *
 * <p><b>Name and {@code auto}.</b> Without a configured name, a cookie that is {@code Secure} is
 * named {@value #SECURE_DEFAULT_NAME} and one that is not is named {@value #PLAIN_DEFAULT_NAME}.
 * With {@link CookieSecure#AUTO} the name therefore follows the effective scheme of each request,
 * and the resolver reads only the name for that scheme: an HTTPS request never accepts the plain
 * cookie, which a network attacker could have planted over HTTP. A configured name starting with
 * {@code __Host-} or {@code __Secure-} needs {@link CookieSecure#ALWAYS}, since browsers refuse
 * such cookies without {@code Secure}.
 *
 * @param name the configured cookie name, or null for the defaults above
 * @param sameSite the {@code SameSite} attribute
 * @param secure when to add {@code Secure}
 * @param partitioned whether to add {@code Partitioned} (CHIPS); requires {@link
 *     CookieSecure#ALWAYS}
 * @param maxAge the {@code Max-Age}, or null for a browser-session cookie
 */
public record CookiePolicy(
    String name, SameSite sameSite, CookieSecure secure, boolean partitioned, Duration maxAge) {

  /** Default name of a {@code Secure} cookie. */
  public static final String SECURE_DEFAULT_NAME = "__Host-inspector";

  /** Default name of a cookie without {@code Secure}. */
  public static final String PLAIN_DEFAULT_NAME = "inspector";

  /** The default policy: default names, {@code Lax}, {@code auto}, not partitioned, no Max-Age. */
  public static final CookiePolicy DEFAULT =
      new CookiePolicy(null, SameSite.LAX, CookieSecure.AUTO, false, null);

  /**
   * Checks the arguments and their combinations.
   *
   * @param name see the record description
   * @param sameSite see the record description
   * @param secure see the record description
   * @param partitioned see the record description
   * @param maxAge see the record description
   * @throws IllegalArgumentException naming the option and the value when the name is not a cookie
   *     token, or a combination browsers would refuse is configured
   */
  public CookiePolicy {
    Objects.requireNonNull(sameSite, "sameSite must not be null");
    Objects.requireNonNull(secure, "secure must not be null");
    if (name != null) {
      if (name.length() > 64 || !HttpTokens.isToken(name)) {
        throw new IllegalArgumentException(
            "INSPECTOR_COOKIE_NAME must be 1-64 token characters (letters, digits and"
                + " !#$%&'*+-.^_`|~), but was '"
                + name
                + "'");
      }
      String lower = name.toLowerCase(Locale.ROOT);
      if ((lower.startsWith("__host-") || lower.startsWith("__secure-"))
          && secure != CookieSecure.ALWAYS) {
        throw new IllegalArgumentException(
            "INSPECTOR_COOKIE_NAME '"
                + name
                + "' has a __Host-/__Secure- prefix, which browsers"
                + " accept only with Secure; set INSPECTOR_COOKIE_SECURE=always (was "
                + secure.name().toLowerCase(Locale.ROOT)
                + ") or choose another name");
      }
    }
    if (partitioned && secure != CookieSecure.ALWAYS) {
      throw new IllegalArgumentException(
          "INSPECTOR_COOKIE_PARTITIONED=true requires INSPECTOR_COOKIE_SECURE=always, but it was "
              + secure.name().toLowerCase(Locale.ROOT));
    }
    if (sameSite == SameSite.NONE && secure != CookieSecure.ALWAYS) {
      throw new IllegalArgumentException(
          "INSPECTOR_COOKIE_SAMESITE=none requires INSPECTOR_COOKIE_SECURE=always, but it was "
              + secure.name().toLowerCase(Locale.ROOT));
    }
    if (maxAge != null && (maxAge.isNegative() || maxAge.isZero() || maxAge.toSeconds() < 1)) {
      throw new IllegalArgumentException(
          "cookie maxAge must be at least 1 second, but was " + maxAge);
    }
  }

  /**
   * Whether the cookie carries {@code Secure} for a request.
   *
   * @param httpsRequest whether the effective request is HTTPS
   * @return true when {@code Secure} is added
   */
  public boolean secureFor(boolean httpsRequest) {
    switch (secure) {
      case ALWAYS:
        return true;
      case NEVER:
        return false;
      default:
        return httpsRequest;
    }
  }

  /**
   * The cookie name for a request; stable for a given effective scheme.
   *
   * @param httpsRequest whether the effective request is HTTPS
   * @return the configured name, or the default for the request's {@code Secure} decision
   */
  public String cookieName(boolean httpsRequest) {
    if (name != null) {
      return name;
    }
    return secureFor(httpsRequest) ? SECURE_DEFAULT_NAME : PLAIN_DEFAULT_NAME;
  }

  /**
   * Builds the {@code Set-Cookie} header that stores a value.
   *
   * @param value the cookie value; must consist of cookie-octets (the resolver only uses base64url
   *     and dots)
   * @param httpsRequest whether the effective request is HTTPS
   * @return the header value
   */
  public String setCookie(String value, boolean httpsRequest) {
    StringBuilder b = new StringBuilder(160);
    b.append(cookieName(httpsRequest)).append('=').append(value);
    b.append("; Path=/");
    if (maxAge != null) {
      b.append("; Max-Age=").append(maxAge.toSeconds());
    }
    return attributes(b, httpsRequest);
  }

  /**
   * Builds the {@code Set-Cookie} header that deletes the cookie: the same name and attributes, an
   * empty value, {@code Max-Age=0} and an {@code Expires} in the past.
   *
   * @param httpsRequest whether the effective request is HTTPS
   * @return the header value
   */
  public String expireCookie(boolean httpsRequest) {
    StringBuilder b = new StringBuilder(160);
    b.append(cookieName(httpsRequest)).append("=; Path=/; Max-Age=0");
    b.append("; Expires=Thu, 01 Jan 1970 00:00:00 GMT");
    return attributes(b, httpsRequest);
  }

  private String attributes(StringBuilder b, boolean httpsRequest) {
    if (secureFor(httpsRequest)) {
      b.append("; Secure");
    }
    b.append("; HttpOnly; SameSite=").append(sameSite.attribute());
    if (partitioned) {
      b.append("; Partitioned");
    }
    return b.toString();
  }
}
