package dev.mcpinspector.core.auth;

import dev.mcpinspector.core.http.RequestView;
import dev.mcpinspector.core.session.Resolution;
import dev.mcpinspector.core.session.SessionResolver;

/** Requests a browser sends to an inspector served at {@link #HOST}, shared by the gate tests. */
public final class BrowserRequests {

  /** The inspector's host name. */
  public static final String HOST = "inspector.example.com";

  private BrowserRequests() {}

  /**
   * A same-site HTTPS GET from a public client address.
   *
   * @return a builder to add to
   */
  public static RequestView.Builder get() {
    return RequestView.builder().scheme("https").header("Host", HOST).remoteAddress("203.0.113.9");
  }

  /**
   * A same-origin POST carrying the session's cookie and CSRF token.
   *
   * @param session the session, or null for a POST without one
   * @return a builder to add to
   */
  public static RequestView.Builder post(Resolution session) {
    RequestView.Builder b = get().method("POST").header("Origin", "https://" + HOST);
    if (session != null) {
      b.header("Cookie", cookie(session)).header(SessionResolver.CSRF_HEADER, session.csrfToken());
    }
    return b;
  }

  /**
   * The name=value pair a browser sends back for a resolution's {@code Set-Cookie}.
   *
   * @param r a resolution that set a cookie
   * @return the cookie pair
   */
  public static String cookie(Resolution r) {
    String header = r.setCookie().orElseThrow();
    return header.substring(0, header.indexOf(';'));
  }
}
