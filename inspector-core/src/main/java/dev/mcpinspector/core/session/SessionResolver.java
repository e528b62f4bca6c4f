package dev.mcpinspector.core.session;

import dev.mcpinspector.core.http.EffectiveRequest;
import dev.mcpinspector.core.http.ProblemException;
import dev.mcpinspector.core.time.Ticker;
import java.time.Clock;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * Finds or mints the session of a request, reading only the session cookie (no header, query
 * parameter or body ever selects a session). Container-neutral and thread-safe.
 *
 * <p><b>Two kinds of session.</b> Before login a visitor holds a <em>pre-session</em>: all its
 * state (id, creation and last-seen time) lives in the signed cookie, so serving anonymous visitors
 * costs no server memory. Once a principal is established (login, or a request that authenticates
 * by header) the id is renewed and the session is <em>bound</em>: tracked in a registry with idle
 * and absolute expiry, so that logout, {@link #end(SessionId)} and expiry are enforced on the
 * server.
 *
 * <p><b>Rules of {@link #resolve}.</b> Missing, malformed, badly signed, expired or unknown cookie:
 * a new session. Two session cookies with different values: {@code 400 bad_request}. A bound cookie
 * whose principal differs from the one the request authenticates as: a new session bound to the
 * request's principal. A pre-session presented with an authenticated principal: renewed and bound.
 * {@link Resolution#renewed()} is true when a validly signed cookie's session had ended.
 *
 * <p><b>Limits.</b> A principal holds at most {@link SessionConfig#maxSessionsPerPrincipal()} bound
 * sessions: binding one more ends that principal's own least recently used session that is not
 * pinned, never another principal's. The table holds at most {@link
 * SessionConfig#maxBoundSessions()}: when full, the least recently used unpinned session goes. A
 * pinned session is never evicted; when nothing can go, binding fails with {@code 503 server_busy}.
 * A request that authenticates by itself without a usable cookie reuses the session already bound
 * for the same credential (a SHA-256 of the credential and principal is the key), so cookie-less
 * clients cost one session per credential.
 *
 * <p>Request-path work is O(1); expired bound sessions are removed lazily when presented and by
 * {@link #sweep()}, which the composition root runs on its scheduler and which costs O(sessions due
 * for a check), never O(all sessions).
 */
public interface SessionResolver {

  /** The header that carries the CSRF token on unsafe requests. */
  String CSRF_HEADER = "X-Inspector-CSRF";

  /**
   * Creates a resolver with the system clocks.
   *
   * @param config the settings
   * @return the resolver
   */
  static SessionResolver create(SessionConfig config) {
    return create(config, Ticker.system(), Clock.systemUTC(), id -> false);
  }

  /**
   * Creates a resolver.
   *
   * @param config the settings
   * @param ticker monotonic time for bound-session expiry
   * @param clock wall time for pre-session cookies and reported instants
   * @param pinned tells whether a bound session is in use (for example holds a store lease or an
   *     open event stream); a pinned session does not expire while idle, only at its absolute
   *     lifetime, and is never evicted to make room. Called when an idle deadline passes and when
   *     looking for a session to evict, under the session table's lock: it must be a cheap read
   *     that never calls back into the resolver.
   * @return the resolver
   */
  static SessionResolver create(
      SessionConfig config, Ticker ticker, Clock clock, Predicate<SessionId> pinned) {
    Objects.requireNonNull(config, "config must not be null");
    Objects.requireNonNull(ticker, "ticker must not be null");
    Objects.requireNonNull(clock, "clock must not be null");
    Objects.requireNonNull(pinned, "pinned must not be null");
    return new DefaultSessionResolver(config, ticker, clock, pinned);
  }

  /**
   * Resolves the session of a request.
   *
   * @param request the effective request (its scheme decides the cookie name)
   * @param authenticated the principal the request itself authenticates as (bearer token, identity
   *     header), or null when it carries no credentials
   * @return the session, with a {@code Set-Cookie} when the client must store a new value
   * @throws ProblemException {@code 400 bad_request} when two different session cookies are sent;
   *     {@code 503 server_busy} with {@code Retry-After} when a session must be bound and the
   *     principal (or the table) is at its maximum with every candidate in use
   */
  Resolution resolve(EffectiveRequest request, Principal authenticated);

  /**
   * Logs in: ends the current bound session, if any, and binds a fresh id to the principal.
   *
   * @param request the effective request
   * @param current the resolution of this request
   * @param principal the authenticated principal
   * @return the new session, always with a {@code Set-Cookie}
   */
  Resolution login(EffectiveRequest request, Resolution current, Principal principal);

  /**
   * Logs out: ends the bound session (listeners are told {@link EndReason#LOGOUT}); replaying its
   * cookie later gives a new session with {@code renewed = true}.
   *
   * @param request the effective request
   * @param current the resolution of this request
   * @return the {@code Set-Cookie} value that deletes the cookie, with the same attributes
   */
  String logout(EffectiveRequest request, Resolution current);

  /**
   * Checks the CSRF token of a request against its session, in constant time, accepting a token
   * made with any key of the ring.
   *
   * @param request the effective request
   * @param current the resolution of this request
   * @throws ProblemException {@code 403 csrf_failed} when the header is missing, repeated or wrong
   */
  void checkCsrf(EffectiveRequest request, Resolution current);

  /**
   * Ends a bound session because its owner went away (for example its client manager was removed
   * from the store). Listeners are not told. Later requests with its cookie get a new session with
   * {@code renewed = true}.
   *
   * @param id the session
   * @return true when it was bound and is now ended
   */
  boolean end(SessionId id);

  /**
   * Registers a listener for sessions the resolver ends.
   *
   * @param listener the listener
   */
  void addListener(SessionListener listener);

  /**
   * Removes bound sessions whose deadline has passed and tells the listeners. Costs O(sessions
   * whose check time has come), amortised O(log n) each.
   *
   * @return the number of sessions ended
   */
  int sweep();

  /**
   * The number of bound sessions currently tracked (expired ones may linger until swept).
   *
   * @return the count
   */
  int boundSessionCount();
}
