package dev.mcpinspector.core.session;

import dev.mcpinspector.core.Mode;
import dev.mcpinspector.core.http.EffectiveRequest;
import dev.mcpinspector.core.http.ProblemCode;
import dev.mcpinspector.core.http.ProblemException;
import dev.mcpinspector.core.time.Ticker;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

final class DefaultSessionResolver implements SessionResolver {

  /** Pre-session cookies from a node whose clock runs ahead by up to this much still count. */
  private static final long CLOCK_SKEW_SECONDS = 60;

  private static final int VERIFIED_CACHE_SIZE = 4096;

  /** What a refused new session tells the client to wait. */
  private static final Duration RETRY_AFTER = Duration.ofSeconds(5);

  private final Mode mode;
  private final SigningKeyRing keys;
  private final CookiePolicy cookies;
  private final Clock clock;
  private final long idleSeconds;
  private final long lifetimeSeconds;
  private final long refreshSeconds;
  private final SessionRegistry registry;
  private final Map<String, Verified> verifiedPre = new ConcurrentHashMap<>();

  DefaultSessionResolver(
      SessionConfig config, Ticker ticker, Clock clock, Predicate<SessionId> pinned) {
    this.mode = config.mode();
    this.keys = config.signingKeys();
    this.cookies = config.cookiePolicy();
    this.clock = clock;
    this.idleSeconds = config.idleTimeout().toSeconds();
    this.lifetimeSeconds = config.maxLifetime().toSeconds();
    // A pre-session's last-seen time is rewritten at most this often, so idle expiry costs a
    // Set-Cookie about once a minute per active visitor, not on every request.
    this.refreshSeconds = Math.max(1, Math.min(60, idleSeconds / 4));
    this.registry =
        new SessionRegistry(
            ticker,
            config.idleTimeout().toNanos(),
            config.maxLifetime().toNanos(),
            config.maxBoundSessions(),
            config.maxSessionsPerPrincipal(),
            RETRY_AFTER,
            pinned);
  }

  @Override
  public Resolution resolve(EffectiveRequest request, Principal authenticated) {
    Objects.requireNonNull(request, "request must not be null");
    boolean https = request.secure();
    String value = cookieValue(request.request().cookieHeaders(), cookies.cookieName(https));
    boolean renewed = false;
    if (value != null && value.startsWith(SessionCookie.BOUND_PREFIX)) {
      SessionRegistry.Bound issued = registry.issued(value);
      if (issued != null) {
        SessionRegistry.Bound b = registry.touch(issued);
        if (b != null) {
          if (authenticated == null || authenticated.sameUserAs(b.principal)) {
            return bound(b, Optional.empty(), false);
          }
          // Someone else's cookie with my credentials: state never crosses users.
          return bindFor(request, authenticated, false);
        }
        return fresh(request, authenticated, true);
      }
    }
    Verified pre = value == null ? null : verifiedPre.get(value);
    SessionCookie cookie =
        pre != null ? pre.cookie : value == null ? null : SessionCookie.verify(keys, value);
    if (cookie != null) {
      if (cookie.bound) {
        renewed = true; // validly signed, but not (or no longer) in the registry
      } else {
        long now = clock.millis() / 1000;
        boolean alive =
            now - cookie.lastSeen < idleSeconds
                && now - cookie.created < lifetimeSeconds
                && cookie.lastSeen - now <= CLOCK_SKEW_SECONDS
                && cookie.created <= cookie.lastSeen;
        if (alive) {
          if (authenticated != null) {
            return bindFor(request, authenticated, false);
          }
          String csrf = pre != null ? pre.csrfToken : SessionCookie.csrfToken(keys, cookie.id);
          if (pre == null) {
            remember(value, cookie, csrf);
          }
          if (now - cookie.lastSeen >= refreshSeconds) {
            String v = SessionCookie.pre(keys, cookie.id, cookie.created, now);
            return pre(
                cookie.id,
                cookie.created,
                now,
                csrf,
                Optional.of(cookies.setCookie(v, https)),
                false);
          }
          return pre(cookie.id, cookie.created, cookie.lastSeen, csrf, Optional.empty(), false);
        }
        renewed = true;
      }
    }
    return fresh(request, authenticated, renewed);
  }

  private Resolution fresh(EffectiveRequest request, Principal authenticated, boolean renewed) {
    boolean https = request.secure();
    if (authenticated != null) {
      return bindFor(request, authenticated, renewed);
    }
    SessionId id = SessionId.generate();
    long now = clock.millis() / 1000;
    String v = SessionCookie.pre(keys, id, now, now);
    return pre(
        id,
        now,
        now,
        SessionCookie.csrfToken(keys, id),
        Optional.of(cookies.setCookie(v, https)),
        renewed);
  }

  /** A pre-session cookie value that verified, with its CSRF token, so repeats skip two HMACs. */
  private static final class Verified {
    final SessionCookie cookie;
    final String csrfToken;

    Verified(SessionCookie cookie, String csrfToken) {
      this.cookie = cookie;
      this.csrfToken = csrfToken;
    }
  }

  private void remember(String value, SessionCookie cookie, String csrf) {
    if (verifiedPre.size() >= VERIFIED_CACHE_SIZE) {
      // Crude but bounded: a flood of valid cookies only costs the cache its hits.
      verifiedPre.clear();
    }
    verifiedPre.put(value, new Verified(cookie, csrf));
  }

  private Resolution pre(
      SessionId id,
      long created,
      long lastSeen,
      String csrf,
      Optional<String> setCookie,
      boolean renewed) {
    long absolute = created + lifetimeSeconds;
    long idle = Math.min(lastSeen + idleSeconds, absolute);
    return new Resolution(
        id,
        null,
        csrf,
        mode,
        Instant.ofEpochSecond(created),
        Instant.ofEpochSecond(idle),
        Instant.ofEpochSecond(absolute),
        renewed,
        setCookie);
  }

  /**
   * The session of a request that authenticates by itself (bearer token, identity header) but
   * presents no usable cookie: the one session already bound for this credential, or a new one
   * recorded under it. So a client that drops cookies costs one session, not one per request.
   */
  private Resolution bindFor(EffectiveRequest request, Principal principal, boolean renewed) {
    String key = credentialKey(request, principal);
    SessionRegistry.Bound existing = registry.forCredential(key);
    if (existing != null && existing.principal.sameUserAs(principal)) {
      return bound(
          existing, Optional.of(cookies.setCookie(existing.cookieText, request.secure())), renewed);
    }
    return bind(request.secure(), principal, renewed, key);
  }

  /** A digest of the principal and every credential header value, never the credential itself. */
  static String credentialKey(EffectiveRequest request, Principal principal) {
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java platform", e);
    }
    digest.update(principal.key().getBytes(StandardCharsets.UTF_8));
    for (String value : request.request().headers("Authorization")) {
      digest.update((byte) 0);
      digest.update(value.getBytes(StandardCharsets.UTF_8));
    }
    return java.util.HexFormat.of().formatHex(digest.digest());
  }

  private Resolution bind(
      boolean https, Principal principal, boolean renewed, String credentialKeyOrNull) {
    SessionId id = SessionId.generate();
    String v = SessionCookie.bound(keys, id);
    SessionRegistry.Bound b =
        registry.add(
            id,
            principal,
            clock.instant(),
            SessionCookie.csrfToken(keys, id),
            v,
            credentialKeyOrNull);
    return bound(b, Optional.of(cookies.setCookie(b.cookieText, https)), renewed);
  }

  private Resolution bound(SessionRegistry.Bound b, Optional<String> setCookie, boolean renewed) {
    long last = b.lastAccess;
    Instant absolute = b.createdAt.plusNanos(b.absoluteDeadline - b.createdNanos);
    Instant idle = b.createdAt.plusNanos(last - b.createdNanos + registry.idleNanos());
    if (idle.isAfter(absolute)) {
      idle = absolute;
    }
    return new Resolution(
        b.id, b.principal, b.csrfToken, mode, b.createdAt, idle, absolute, renewed, setCookie);
  }

  /**
   * Finds the session cookie among every Cookie header line.
   *
   * @return its value, or null when absent
   * @throws ProblemException when two different values are present
   */
  static String cookieValue(List<String> headers, String name) {
    String found = null;
    for (String header : headers) {
      int n = header.length();
      int i = 0;
      while (i < n) {
        int end = header.indexOf(';', i);
        if (end < 0) {
          end = n;
        }
        int s = i;
        while (s < end && (header.charAt(s) == ' ' || header.charAt(s) == '\t')) {
          s++;
        }
        int eq = header.indexOf('=', s);
        if (eq > s && eq < end && eq - s == name.length() && header.startsWith(name, s)) {
          int e = end;
          while (e > eq + 1 && (header.charAt(e - 1) == ' ' || header.charAt(e - 1) == '\t')) {
            e--;
          }
          String value = header.substring(eq + 1, e);
          if (found == null) {
            found = value;
          } else if (!found.equals(value)) {
            throw new ProblemException(
                ProblemCode.BAD_REQUEST,
                "the request carries two different session cookies named "
                    + name
                    + "; clear this site's cookies and reload");
          }
        }
        i = end + 1;
      }
    }
    return found;
  }

  @Override
  public Resolution login(EffectiveRequest request, Resolution current, Principal principal) {
    Objects.requireNonNull(request, "request must not be null");
    Objects.requireNonNull(current, "current must not be null");
    Objects.requireNonNull(principal, "principal must not be null");
    if (current.authenticated()) {
      registry.remove(current.sessionId(), EndReason.RENEWED);
    }
    return bind(request.secure(), principal, false, null);
  }

  @Override
  public String logout(EffectiveRequest request, Resolution current) {
    Objects.requireNonNull(request, "request must not be null");
    Objects.requireNonNull(current, "current must not be null");
    if (current.authenticated()) {
      registry.remove(current.sessionId(), EndReason.LOGOUT);
    }
    return cookies.expireCookie(request.secure());
  }

  @Override
  public void checkCsrf(EffectiveRequest request, Resolution current) {
    List<String> values = request.request().headers(CSRF_HEADER);
    if (values.isEmpty()) {
      throw new ProblemException(
          ProblemCode.CSRF_FAILED,
          "missing " + CSRF_HEADER + " header; send the csrfToken from GET /api/session");
    }
    String presented = values.get(0).strip();
    // The token handed out (first key) matches without an HMAC; older keys' tokens need one.
    boolean matches =
        values.size() == 1
            && (MessageDigest.isEqual(
                    presented.getBytes(StandardCharsets.US_ASCII),
                    current.csrfToken().getBytes(StandardCharsets.US_ASCII))
                || SessionCookie.csrfMatches(keys, current.sessionId(), presented));
    if (!matches) {
      throw new ProblemException(
          ProblemCode.CSRF_FAILED,
          CSRF_HEADER
              + " does not match this session; fetch a fresh csrfToken from GET /api/session");
    }
  }

  @Override
  public boolean end(SessionId id) {
    return registry.remove(id, null) != null;
  }

  @Override
  public void addListener(SessionListener listener) {
    registry.addListener(Objects.requireNonNull(listener, "listener must not be null"));
  }

  @Override
  public int sweep() {
    return registry.sweep();
  }

  @Override
  public int boundSessionCount() {
    return registry.size();
  }

  @Override
  public String toString() {
    return "SessionResolver[mode="
        + mode.wireName()
        + ", cookie="
        + cookies
        + ", keys="
        + keys
        + ", boundSessions="
        + registry.size()
        + "]";
  }
}
