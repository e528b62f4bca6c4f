package dev.mcpinspector.core.auth;

import dev.mcpinspector.core.http.EffectiveRequest;
import dev.mcpinspector.core.http.ProblemException;
import dev.mcpinspector.core.http.RequestView;
import dev.mcpinspector.core.session.Resolution;
import dev.mcpinspector.core.session.SessionId;
import dev.mcpinspector.core.session.SessionResolver;
import dev.mcpinspector.core.time.Ticker;
import java.time.Clock;
import java.util.function.Predicate;

/**
 * Runs every per-request rule of the front door, in order, so an adapter (a servlet filter) needs
 * one call per request:
 *
 * <ol>
 *   <li>trusted-proxy rule: effective scheme, host and client address;
 *   <li>{@code Host} allowlist ({@code 403 host_forbidden});
 *   <li>if the request carries an {@code Authorization} header and its address used up its failed
 *       logins: {@code 429 rate_limited};
 *   <li>authenticators; refused credentials count as a failed login and give {@code 401
 *       unauthenticated};
 *   <li>for unsafe methods: {@code Sec-Fetch-Site}/{@code Origin} ({@code 403 origin_forbidden});
 *   <li>session resolution ({@code 400 bad_request} for two different session cookies);
 *   <li>for unsafe methods, unless the request authenticated with an explicit {@code Authorization}
 *       credential: the CSRF token ({@code 403 csrf_failed}).
 * </ol>
 *
 * Whether a route needs a principal is the adapter's decision ({@link
 * Admission#requirePrincipal()}). Thread-safe.
 */
public interface RequestGate {

  /**
   * Creates a gate with system clocks and no pinning.
   *
   * @param config the configuration
   * @return the gate
   */
  static RequestGate create(SecurityConfig config) {
    return create(config, Ticker.system(), Clock.systemUTC(), id -> false);
  }

  /**
   * Creates a gate.
   *
   * @param config the configuration
   * @param ticker monotonic time (session expiry, rate limits)
   * @param clock wall time (pre-session cookies, JWT claims, reported instants)
   * @param pinned tells whether a bound session is in use, so it does not idle out; see {@link
   *     SessionResolver#create(dev.mcpinspector.core.session.SessionConfig, Ticker, Clock,
   *     Predicate)}
   * @return the gate
   */
  static RequestGate create(
      SecurityConfig config, Ticker ticker, Clock clock, Predicate<SessionId> pinned) {
    return new DefaultRequestGate(config, ticker, clock, pinned);
  }

  /**
   * The trusted-proxy rule alone, for paths that need no session (for example {@code /api/health},
   * which still gets the {@code Host} check via {@link #checkHost}).
   *
   * @param request the raw request
   * @return the effective request
   */
  EffectiveRequest effective(RequestView request);

  /**
   * Refuses a request whose effective host is not allowed.
   *
   * @param request the effective request
   * @throws ProblemException {@code 403 host_forbidden}
   */
  void checkHost(EffectiveRequest request);

  /**
   * Admits a request: every rule listed on this interface.
   *
   * @param request the raw request
   * @return the admission, whose session may carry a {@code Set-Cookie} to emit
   * @throws ProblemException with the status and code of the first rule that refused; its headers
   *     may include {@code Retry-After}, or a {@code Set-Cookie} for a session minted before the
   *     CSRF check failed
   */
  Admission admit(RequestView request);

  /**
   * {@code POST /api/login}: checks the failed-login limit, matches the access key, and renews the
   * session id bound to the key's principal.
   *
   * @param admission the admission of the login request (its CSRF token was checked)
   * @param accessKey the key from the body; null or blank is a bad request
   * @return the new session, with its {@code Set-Cookie}
   * @throws ProblemException {@code 400 bad_request} without a key, {@code 429 rate_limited} after
   *     too many failures, {@code 401 unauthenticated} for a wrong key
   */
  Resolution login(Admission admission, String accessKey);

  /**
   * {@code POST /api/logout}: ends the session.
   *
   * @param admission the admission of the logout request
   * @return the {@code Set-Cookie} value that deletes the cookie
   */
  String logout(Admission admission);

  /**
   * The session resolver, for {@link SessionResolver#end(SessionId)}, listeners and sweeping.
   *
   * @return the resolver
   */
  SessionResolver sessions();

  /**
   * The configuration.
   *
   * @return the configuration
   */
  SecurityConfig config();
}
