package dev.mcpinspector.core.http;

import java.util.Objects;

/**
 * A request as the trusted-proxy rule sees it: the scheme, host and client address the user
 * actually used, taken from forwarded headers only when the TCP peer is a trusted proxy. Build it
 * with {@link TrustedProxies#effective(RequestView)}.
 *
 * @param request the raw request
 * @param scheme {@code "http"} or {@code "https"}
 * @param host the normalised {@code host[:port]} (lower case, default port dropped), or null when
 *     the request named no valid host
 * @param clientAddress the client's IP address for rate limits and logs
 * @param peerTrusted whether the TCP peer is a trusted proxy (identity headers are honoured only
 *     then)
 */
public record EffectiveRequest(
    RequestView request, String scheme, String host, String clientAddress, boolean peerTrusted) {

  /**
   * Checks the arguments; see the record description for each component.
   *
   * @param request see the record description
   * @param scheme see the record description
   * @param host see the record description
   * @param clientAddress see the record description
   * @param peerTrusted see the record description
   */
  public EffectiveRequest {
    Objects.requireNonNull(request, "request must not be null");
    Objects.requireNonNull(clientAddress, "clientAddress must not be null");
    if (!"http".equals(scheme) && !"https".equals(scheme)) {
      throw new IllegalArgumentException("scheme must be http or https, but was " + scheme);
    }
  }

  /**
   * Whether the user reached us over HTTPS.
   *
   * @return true for {@code https}
   */
  public boolean secure() {
    return "https".equals(scheme);
  }

  /**
   * The request's own origin, as a browser would send it in {@code Origin}.
   *
   * @return {@code scheme://host[:port]}, or null when the host is unknown
   */
  public String origin() {
    return host == null ? null : scheme + "://" + host;
  }

  /**
   * The request method.
   *
   * @return the method of the raw request
   */
  public String method() {
    return request.method();
  }

  /**
   * Tells whether the method changes state, so it needs the CSRF and origin checks: anything other
   * than {@code GET}, {@code HEAD} and {@code OPTIONS}.
   *
   * @return true for POST, PUT, PATCH, DELETE and unknown methods
   */
  public boolean unsafeMethod() {
    String m = request.method();
    return !("GET".equals(m) || "HEAD".equals(m) || "OPTIONS".equals(m));
  }
}
